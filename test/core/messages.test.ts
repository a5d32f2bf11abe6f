import { describe, expect, it } from 'vitest'
import {
  en,
  enAccountList,
  enCalendars,
  enConnect,
  enDialog,
  enOpenInBrowser,
  formatMessage,
  mergeMessages,
  resolveMessages,
} from '../../src/core/messages.js'

describe('formatMessage', () => {
  it('should read values by own key only, so inherited names are missing values', () => {
    expect(formatMessage('a {constructor} b {toString}{hasOwnProperty}', {})).toBe('a b')
    expect(formatMessage('{__proto__} x')).toBe('x')
  })

  it('should fill every placeholder', () => {
    expect(formatMessage('Redirecting to {brand}…', { brand: 'Google' })).toBe(
      'Redirecting to Google…',
    )
    expect(formatMessage('{a} and {b}, {a} again', { a: 'x', b: 2 })).toBe('x and 2, x again')
  })

  it('should drop a placeholder with no value, and the spaces around it', () => {
    expect(formatMessage('Redirecting to {brand}…')).toBe('Redirecting to…')
    expect(formatMessage('Connected as {account}', { account: '' })).toBe('Connected as')
    expect(formatMessage('{productName} uses Pyas', { productName: undefined })).toBe('uses Pyas')
    expect(formatMessage('Wait {seconds} seconds', { seconds: null })).toBe('Wait seconds')
    expect(formatMessage('{brand} に移動しています…')).toBe('に移動しています…')
  })

  it('should never leave braces of a placeholder on screen', () => {
    for (const template of Object.values(en)) expect(formatMessage(template)).not.toMatch(/[{}]/)
  })

  it('should leave the rest of the template and the values alone', () => {
    expect(formatMessage('a  b {x}', { x: '{y}  z' })).toBe('a  b {y}  z')
    expect(formatMessage('no placeholders', { x: 'y' })).toBe('no placeholders')
    expect(formatMessage('{0} is not a name, {not one}', {})).toBe('is not a name, {not one}')
  })
})

describe('resolveMessages', () => {
  it('should be English without overrides', () => {
    expect(resolveMessages()).toBe(en)
    expect(resolveMessages(null)).toBe(en)
  })

  it('should change exactly the overridden keys and fall back to English for the rest', () => {
    const messages = resolveMessages({ 'label.google': 'Link Google', 'account.empty': '' })
    expect(messages['label.google']).toBe('Link Google')
    expect(messages['account.empty']).toBe('')
    expect({
      ...messages,
      'label.google': en['label.google'],
      'account.empty': en['account.empty'],
    }).toEqual(en)
    expect(en['label.google']).toBe('Connect Google Calendar')
  })

  it('should fall back to English for a key whose override is not a string', () => {
    const messages = resolveMessages({ 'label.zoom': undefined } as never)
    expect(messages['label.zoom']).toBe('Connect Zoom')
  })

  it("should keep today's English wording", () => {
    expect(en).toMatchObject({
      'label.google': 'Connect Google Calendar',
      'label.microsoft': 'Connect Outlook Calendar',
      'label.zoom': 'Connect Zoom',
      'reconnect.google': 'Reconnect Google Calendar',
      'reconnect.microsoft': 'Reconnect Outlook Calendar',
      'reconnect.zoom': 'Reconnect Zoom',
      'status.redirecting': 'Redirecting to {brand}…',
      'status.connected': 'Connected as {account}',
      'account.active': 'Connected',
      'account.inactive': 'Needs reconnecting',
      'account.empty': 'No calendar connected yet.',
      'dialog.lede': '{productName} uses Pyas to securely connect your account',
    })
  })
})

describe('mergeMessages', () => {
  it("should override only the keys of a component's own English part", () => {
    const merged = mergeMessages(enDialog, {
      'dialog.title': 'Kalender verbinden',
      'label.zoom': 'x',
    })
    expect(merged).toEqual({ ...enDialog, 'dialog.title': 'Kalender verbinden' })
    expect(mergeMessages(enDialog, undefined)).toBe(enDialog)
  })

  it("should drop an override's placeholders that its key does not fill, keeping the others", () => {
    const merged = mergeMessages(enConnect, {
      'label.google': 'Mit {nichtDa} verbinden',
      'status.redirecting': 'Weiter {x} zu {brand}…',
      'error.rate_limited.retry': '{seconds} s {warten}',
      'status.connected': '{constructor} {account}',
    })
    expect(merged['label.google']).toBe('Mit verbinden')
    expect(merged['status.redirecting']).toBe('Weiter zu {brand}…')
    expect(formatMessage(merged['status.redirecting'], { brand: 'Google' })).toBe(
      'Weiter zu Google…',
    )
    expect(merged['error.rate_limited.retry']).toBe('{seconds} s')
    expect(formatMessage(merged['status.connected'], { account: 'a@b.c' })).toBe('a@b.c')
  })

  it('should split English into disjoint parts that make up the whole table', () => {
    const parts = [enConnect, enDialog, enAccountList, enCalendars, enOpenInBrowser].flatMap(
      (part) => Object.keys(part),
    )
    expect(new Set(parts).size).toBe(parts.length)
    expect(parts.sort()).toEqual(Object.keys(en).sort())
    expect(en).toEqual({
      ...enConnect,
      ...enDialog,
      ...enAccountList,
      ...enCalendars,
      ...enOpenInBrowser,
    })
  })
})
