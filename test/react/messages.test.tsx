import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { HttpResponse, http } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import {
  ConnectGoogleButton,
  ConnectOutlookButton,
  PyasAccountList,
  PyasConnectDialog,
  PyasConnectError,
  usePyasConnect,
} from '../../src/index.js'
import { messages as de } from '../../src/locales/de.js'
import { PROXY, renderHookWithPyas, renderWithPyas, returnWith, setupFakeProxy } from './helpers.js'

const { server } = setupFakeProxy()

describe('messages', () => {
  it('should change exactly the overridden label and keep the others English', () => {
    renderWithPyas(
      <>
        <ConnectGoogleButton name="Ada" email="ada@example.com" />
        <ConnectOutlookButton name="Ada" email="ada@example.com" />
      </>,
      { provider: { messages: { 'label.google': 'Mit Google verbinden' } } },
    )
    expect(screen.getByRole('button', { name: 'Mit Google verbinden' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Connect Outlook Calendar' })).toBeInTheDocument()
  })

  it('should label a button for a saved account "Reconnect …"', () => {
    renderWithPyas(
      <ConnectGoogleButton
        name="Ada"
        savedAccount={{ accountId: 'a1', email: 'ada@example.com' }}
      />,
    )
    expect(screen.getByRole('button', { name: 'Reconnect Google Calendar' })).toBeInTheDocument()
  })

  it('should fill the live region from the table, placeholders filled', async () => {
    returnWith({ code: 'c' }, {})
    renderWithPyas(<ConnectGoogleButton name="Ada" email="ada@example.com" />, {
      provider: { messages: { 'status.connected': 'Verbunden: {account}' } },
    })
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('Verbunden: ada@example.com'),
    )
  })

  it('should never show a placeholder whose value is missing', async () => {
    renderWithPyas(<ConnectGoogleButton name="Ada" email="ada@example.com" />, {
      provider: { messages: { 'status.redirecting': 'Weiter zu {nowhere}…' } },
    })
    await userEvent.click(screen.getByRole('button'))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Weiter zu…'))
    expect(screen.getByRole('status').textContent).not.toContain('{')
  })

  it('should show no braces for an unknown placeholder in any override, labels included', async () => {
    const odd = {
      'label.google': 'Mit {nichtDa} verbinden',
      'reconnect.microsoft': '{x} Outlook neu verbinden',
      'provider.zoom': 'Zoom {konto}',
      'account.active': 'Verbunden{!}{ok}',
      'dialog.title': 'Kalender {was} verbinden',
      'dialog.close': '{schliessen}',
      'status.redirecting': 'Weiter zu {brand} {wohin}…',
      'field.email.invalid': 'E-Mail {feld} prüfen.',
      'error.network': 'Keine Verbindung {grund}.',
    }
    server.use(http.get(`${PROXY}/:provider/oauth`, () => HttpResponse.error()))
    const accounts = [
      { accountId: 'm', email: 'ada@contoso.com', provider: 'microsoft', status: 'inactive' },
      { accountId: 'z', name: 'Ada', provider: 'zoom', status: 'active' },
    ] as const
    renderWithPyas(
      <>
        <main>
          <ConnectGoogleButton name="Ada" email="ada@example.com" />
          <ConnectOutlookButton name="Ada" email="bad" />
          <PyasAccountList accounts={accounts} name="Ada" />
        </main>
        <PyasConnectDialog productName="Acme" defaultOpen />
      </>,
      { provider: { messages: odd } },
    )
    const page = within(screen.getByRole('main'))
    expect(page.getByRole('button', { name: 'Outlook neu verbinden' })).toBeInTheDocument()
    const dialog = within(screen.getByRole('dialog', { name: 'Kalender verbinden' }))
    expect(dialog.getByRole('button', { name: 'Mit verbinden' })).toBeInTheDocument()
    expect(page.getAllByRole('listitem')[1]).toHaveTextContent('Zoom AdaVerbunden{!}')
    await userEvent.click(page.getByRole('button', { name: 'Mit verbinden' }))
    await waitFor(() =>
      expect(page.getAllByRole('status')[0]).toHaveTextContent('Keine Verbindung.'),
    )
    await userEvent.click(page.getByRole('button', { name: 'Connect Outlook Calendar' }))
    await waitFor(() => expect(page.getAllByRole('status')[1]).toHaveTextContent('E-Mail prüfen.'))
    // `{!}` is not a placeholder (a placeholder is a word in braces); nothing else has braces.
    const shown = document.body.textContent!.replaceAll('{!}', '')
    expect(shown).not.toMatch(/[{}]/)
    for (const element of document.querySelectorAll('[aria-label]')) {
      expect(element.getAttribute('aria-label')).not.toMatch(/[{}]/)
    }
  })

  it('should localize error.message and field errors inside a provider', async () => {
    const onError = vi.fn()
    renderWithPyas(<ConnectGoogleButton name="Ada" email="not-an-email" onError={onError} />, {
      provider: { messages: de },
    })
    await userEvent.click(screen.getByRole('button'))
    const error: PyasConnectError = onError.mock.calls[0]![0]
    expect(error.code).toBe('invalid_request')
    expect(error.message).toBe(de['field.email.invalid'])
    expect(error.fieldErrors).toEqual({ email: de['field.email.invalid'] })
    expect(screen.getByRole('status')).toHaveTextContent(de['field.email.invalid'])
  })

  it('should localize errors from the proxy, with the retry wait filled in', async () => {
    server.use(
      http.get(`${PROXY}/:provider/oauth`, () =>
        HttpResponse.json({ error: 'x' }, { status: 429, headers: { 'retry-after': '30' } }),
      ),
    )
    const { result } = renderHookWithPyas(
      () => usePyasConnect({ provider: 'google', name: 'Ada', email: 'ada@example.com' }),
      { provider: { messages: { 'error.rate_limited.retry': 'Noch {seconds} s warten.' } } },
    )
    await act(() => result.current.connect())
    expect(result.current.error?.message).toBe('Noch 30 s warten.')
  })

  it('should be English without a provider', () => {
    expect(new PyasConnectError('network').message).toBe(
      'Could not reach the server. Check your connection and retry.',
    )
  })

  it("should take the dialog's texts from the table", () => {
    renderWithPyas(<PyasConnectDialog productName="Acme" />, { provider: { messages: de } })
    expect(screen.getByRole('dialog', { name: de['dialog.title'] })).toBeInTheDocument()
    expect(screen.getByRole('textbox', { name: de['dialog.name'] })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: de['dialog.close'] })).toBeInTheDocument()
    expect(screen.getByText(de['dialog.lede'].replace('{productName}', 'Acme'))).toBeInTheDocument()
    expect(screen.getByRole('button', { name: de['label.zoom'] })).toBeInTheDocument()
  })
})

describe('the visible status line', () => {
  it('should show the message beside the button by default, with its tone', async () => {
    renderWithPyas(<ConnectGoogleButton name="Ada" email="bad" />)
    await userEvent.click(screen.getByRole('button'))
    const status = screen.getByRole('status')
    expect(status).toHaveClass('pyas-status')
    expect(status).toHaveAttribute('data-tone', 'error')
    expect(status).toHaveTextContent('Enter a valid email address.')
  })

  it('should keep it for screen readers only with statusDisplay="hidden" or unstyled', async () => {
    renderWithPyas(
      <>
        <ConnectGoogleButton name="Ada" email="bad" statusDisplay="hidden" />
        <ConnectOutlookButton name="Ada" email="bad" unstyled />
      </>,
    )
    for (const status of screen.getAllByRole('status')) {
      expect(status).toHaveClass('pyas-visually-hidden')
      expect(status).not.toHaveClass('pyas-status')
    }
  })
})
