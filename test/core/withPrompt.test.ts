// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { withPrompt } from '../../src/core/withPrompt.js'

const prompt = (url: string) => new URL(url).searchParams.get('prompt')

describe('withPrompt', () => {
  it('should add prompt to a URL without one', () => {
    const url = withPrompt(
      'https://accounts.google.com/o/oauth2/auth?client_id=x',
      'select_account',
    )
    expect(prompt(url)).toBe('select_account')
    expect(new URL(url).searchParams.get('client_id')).toBe('x')
  })

  it('should keep an existing prompt and add the new value after it', () => {
    const url = withPrompt('https://accounts.google.com/auth?prompt=consent&a=1', 'select_account')
    expect(prompt(url)).toBe('consent select_account')
    expect(new URL(url).searchParams.get('a')).toBe('1')
  })

  it('should not duplicate a value already there', () => {
    const original = 'https://login.microsoftonline.com/x?prompt=consent%20select_account'
    expect(withPrompt(original, 'consent')).toBe(original)
  })

  it('should return an unparsable URL untouched', () => {
    expect(withPrompt('::nope', 'consent')).toBe('::nope')
  })
})
