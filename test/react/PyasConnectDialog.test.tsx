import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import axe from 'axe-core'
import { HttpResponse, http } from 'msw'
import { type ReactNode, useState } from 'react'
import { renderToString } from 'react-dom/server'
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import {
  PyasConnectDialog,
  type PyasConnectDialogProps,
  type PyasConnectError,
} from '../../src/index.js'
import { makeWrapper, PROXY, returnWith, STATE_RE, setupFakeProxy } from './helpers.js'

const { server, log } = setupFakeProxy()
const user = () => userEvent.setup()

/**
 * `renderWithPyas` with `<StrictMode>` at the root. Since React 19 a StrictMode below the root
 * (as in the helpers' `wrapper`) no longer re-runs effects on mount
 * (testing-library/react-testing-library#1388), and the dialog's open/close effect is what
 * StrictMode should exercise here.
 */
function renderWithPyas(ui: ReactNode) {
  const { Wrapper, navigate } = makeWrapper({ strict: false })
  return { ...render(ui, { wrapper: Wrapper, reactStrictMode: true }), navigate }
}

type HarnessProps = Omit<PyasConnectDialogProps, 'open' | 'onOpenChange'> & {
  initiallyOpen?: boolean
  onOpenChange?: (open: boolean) => void
}

/** An app page: a button that opens the dialog, which the page controls. */
function Page({ initiallyOpen = false, onOpenChange, ...props }: HarnessProps) {
  const [open, setOpen] = useState(initiallyOpen)
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Add a calendar
      </button>
      <PyasConnectDialog
        {...props}
        open={open}
        onOpenChange={(next) => {
          onOpenChange?.(next)
          setOpen(next)
        }}
      />
    </>
  )
}

/** Tab to the page's opener and press Enter: the keyboard path to an open dialog. */
async function openWithKeyboard(u: ReturnType<typeof user>) {
  await u.tab()
  expect(screen.getByRole('button', { name: 'Add a calendar' })).toHaveFocus()
  await u.keyboard('{Enter}')
  return screen.getByRole('dialog', { name: 'Connect your calendar' })
}

/**
 * jsdom 29 has no `showModal`/`close` and does nothing on Escape in a dialog, so the component
 * takes its `open`-attribute fallback. To test our Escape handling honestly we play the browser's
 * part of the spec: Escape (not default-prevented) on an open dialog fires a cancelable `cancel`;
 * if nobody cancels it, the dialog closes and fires `close`. The component code is not touched.
 */
function onEscape(event: KeyboardEvent) {
  const dialog = (event.target as Element).closest?.('dialog[open]')
  if (event.key !== 'Escape' || event.defaultPrevented || !dialog) return
  if (dialog.dispatchEvent(new Event('cancel', { cancelable: true }))) {
    dialog.removeAttribute('open')
    dialog.dispatchEvent(new Event('close'))
  }
}
/** A minimal native `<dialog>` for jsdom, as browsers do it: `close` fires its event a task later. */
function nativeDialog() {
  const proto = HTMLDialogElement.prototype as Partial<HTMLDialogElement>
  const showModal = vi.fn(function (this: HTMLDialogElement) {
    this.setAttribute('open', '')
  })
  const close = vi.fn(function (this: HTMLDialogElement) {
    if (!this.hasAttribute('open')) return
    this.removeAttribute('open')
    setTimeout(() => this.dispatchEvent(new Event('close')))
  })
  Object.assign(proto, { showModal, close })
  onTestFinished(() => {
    delete proto.showModal
    delete proto.close
  })
  return { showModal, close }
}
beforeEach(() => document.addEventListener('keydown', onEscape))
afterEach(() => document.removeEventListener('keydown', onEscape))

describe('PyasConnectDialog', () => {
  it('should stay hidden until opened, then show a dialog named by its title with focus in the form', async () => {
    const u = user()
    renderWithPyas(<Page />)
    expect(screen.queryByRole('dialog')).toBeNull()
    const dialog = await openWithKeyboard(u)
    expect(dialog.tagName).toBe('DIALOG')
    expect(dialog).toHaveAttribute('open')
    expect(dialog).toHaveClass('pyas-dialog')
    expect(screen.getByRole('heading', { level: 2, name: 'Connect your calendar' })).toBeVisible()
    expect(screen.getByRole('textbox', { name: 'Your name' })).toHaveFocus()
  })

  it('should move through close, the inputs and the providers in order with Tab', async () => {
    const u = user()
    renderWithPyas(<Page />)
    await openWithKeyboard(u)
    const order = [
      screen.getByRole('textbox', { name: 'Your name' }),
      screen.getByRole('textbox', { name: 'Work email' }),
      screen.getByRole('button', { name: 'Connect Google Calendar' }),
      screen.getByRole('button', { name: 'Connect Outlook Calendar' }),
      screen.getByRole('button', { name: 'Connect Zoom' }),
    ]
    for (const element of order.slice(1)) {
      await u.tab()
      expect(element).toHaveFocus()
    }
    for (const element of order.slice(0, -1).reverse()) {
      await u.tab({ shift: true })
      expect(element).toHaveFocus()
    }
    // The close button comes first, beside the title. (jsdom has no top layer, so wrapping
    // around the dialog — the browser's focus trap — is not something this test can see.)
    await u.tab({ shift: true })
    expect(screen.getByRole('button', { name: 'Close' })).toHaveFocus()
  })

  it('should close on Escape, call onOpenChange(false) once and return focus to the opener', async () => {
    const u = user()
    const onOpenChange = vi.fn()
    renderWithPyas(<Page onOpenChange={onOpenChange} />)
    await openWithKeyboard(u)
    await u.keyboard('{Escape}')
    expect(onOpenChange).toHaveBeenCalledTimes(1)
    expect(onOpenChange).toHaveBeenCalledWith(false)
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.getByRole('button', { name: 'Add a calendar' })).toHaveFocus()
  })

  it('should stay open on Escape while the app keeps `open` true (controlled)', async () => {
    const u = user()
    const onOpenChange = vi.fn()
    renderWithPyas(<PyasConnectDialog open onOpenChange={onOpenChange} name="Ada" />)
    await u.keyboard('{Escape}')
    expect(onOpenChange).toHaveBeenCalledWith(false)
    expect(screen.getByRole('dialog', { name: 'Connect your calendar' })).toBeVisible()
  })

  it('should close with the Close button and return focus to the opener', async () => {
    const u = user()
    const onOpenChange = vi.fn()
    renderWithPyas(<Page onOpenChange={onOpenChange} />)
    await openWithKeyboard(u)
    await u.tab({ shift: true })
    expect(screen.getByRole('button', { name: 'Close' })).toHaveFocus()
    await u.keyboard('{Enter}')
    expect(onOpenChange).toHaveBeenCalledExactlyOnceWith(false)
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.getByRole('button', { name: 'Add a calendar' })).toHaveFocus()
  })

  it('should show field errors inline, mark the inputs invalid and send nothing', async () => {
    const u = user()
    const onError = vi.fn()
    const { navigate } = renderWithPyas(<Page onError={onError} />)
    await openWithKeyboard(u)
    await u.tab()
    await u.tab()
    expect(screen.getByRole('button', { name: 'Connect Google Calendar' })).toHaveFocus()
    await u.keyboard('{Enter}')

    const nameInput = screen.getByRole('textbox', { name: 'Your name' })
    const emailInput = screen.getByRole('textbox', { name: 'Work email' })
    expect(nameInput).toBeRequired()
    expect(nameInput).toHaveAttribute('autocomplete', 'name')
    expect(emailInput).toHaveAttribute('autocomplete', 'email')
    expect(nameInput).toHaveAttribute('aria-invalid', 'true')
    expect(nameInput).toHaveAccessibleDescription('Enter your name.')
    expect(emailInput).toHaveAttribute('aria-invalid', 'true')
    expect(emailInput).toHaveAccessibleDescription('Enter your email address.')
    expect(onError).toHaveBeenCalledTimes(1)
    const error: PyasConnectError = onError.mock.calls[0]![0]
    expect(error.code).toBe('invalid_request')
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(log.oauth).toHaveLength(0)
    expect(navigate).not.toHaveBeenCalled()
    expect(localStorage.length).toBe(0)

    // Fixing a field clears its message, and only its message.
    await u.click(nameInput)
    await u.keyboard('Ada')
    expect(nameInput).not.toHaveAttribute('aria-invalid')
    expect(nameInput).not.toHaveAccessibleDescription()
    expect(emailInput).toHaveAccessibleDescription('Enter your email address.')
  })

  it('should fetch the OAuth URL with the typed email and navigate when the form is valid', async () => {
    const u = user()
    const { navigate } = renderWithPyas(<Page returnTo="/settings" />)
    await openWithKeyboard(u)
    await u.keyboard('Ada Lovelace')
    await u.tab()
    await u.keyboard('ada@example.com')
    await u.tab()
    expect(screen.getByRole('button', { name: 'Connect Google Calendar' })).toHaveFocus()
    await u.keyboard('{Enter}')
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1))
    expect(log.oauth).toHaveLength(1)
    const sent = log.oauth[0]!
    expect(sent.pathname).toBe('/api/pyas/google/oauth')
    expect(sent.searchParams.get('email')).toBe('ada@example.com')
    const state = sent.searchParams.get('state')!
    expect(state).toMatch(STATE_RE)
    expect(navigate).toHaveBeenCalledWith(`https://consent.example/google?state=${state}`)
    expect(JSON.parse(localStorage.getItem(`pyas:attempt:${state}`)!)).toMatchObject({
      provider: 'google',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      returnTo: '/settings',
    })
    expect(screen.getByRole('textbox', { name: 'Your name' })).not.toHaveAttribute('aria-invalid')
  })

  it('should offer only Zoom with providers={["zoom"]} and not ask for an email', async () => {
    const u = user()
    const { navigate } = renderWithPyas(<Page providers={['zoom']} />)
    await openWithKeyboard(u)
    expect(screen.getAllByRole('textbox')).toEqual([
      screen.getByRole('textbox', { name: 'Your name' }),
    ])
    const dialog = screen.getByRole('dialog')
    expect(dialog.querySelectorAll('[data-provider]')).toHaveLength(1)
    expect(screen.queryByRole('button', { name: /Google|Outlook/ })).toBeNull()
    await u.keyboard('Ada')
    await u.tab()
    expect(screen.getByRole('button', { name: 'Connect Zoom' })).toHaveFocus()
    await u.keyboard('{Enter}')
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1))
    expect(log.oauth[0]!.pathname).toBe('/api/pyas/zoom/oauth')
    expect(log.oauth[0]!.searchParams.has('email')).toBe(false)
  })

  it('should show the productName line and use it as the description', async () => {
    renderWithPyas(
      <PyasConnectDialog open onOpenChange={() => {}} productName="Acme" title="Link a calendar" />,
    )
    const dialog = screen.getByRole('dialog', { name: 'Link a calendar' })
    expect(screen.getByText('Acme uses Pyas to securely connect your account')).toBeVisible()
    expect(dialog).toHaveAccessibleDescription('Acme uses Pyas to securely connect your account')
  })

  it('should hide the form when name and email are given, and focus the first provider', async () => {
    const u = user()
    const { navigate } = renderWithPyas(<Page name="Ada" email="ada@example.com" />)
    const dialog = await openWithKeyboard(u)
    expect(screen.queryByRole('textbox')).toBeNull()
    expect(dialog).not.toHaveAttribute('aria-describedby')
    expect(screen.getByRole('button', { name: 'Connect Google Calendar' })).toHaveFocus()
    await u.tab()
    await u.keyboard('{Enter}')
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1))
    expect(log.oauth.at(-1)!.pathname).toBe('/api/pyas/microsoft/oauth')
  })

  it('should ask only for the email when just the name is given', async () => {
    renderWithPyas(<PyasConnectDialog open onOpenChange={() => {}} name="Ada" />)
    expect(screen.getAllByRole('textbox')).toEqual([
      screen.getByRole('textbox', { name: 'Work email' }),
    ])
    // Zoom is offered too, and it needs no email.
    expect(screen.getByRole('textbox', { name: 'Work email' })).not.toBeRequired()
  })

  it('should exchange a return exactly once with the dialog open, and call onConnected once', async () => {
    returnWith({ code: 'code-1' }, { provider: 'google', returnTo: '/settings' })
    const onConnected = vi.fn()
    const onError = vi.fn()
    renderWithPyas(<Page initiallyOpen onConnected={onConnected} onError={onError} />)
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1))
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(log.connect).toHaveLength(1)
    expect(log.connect[0]).toMatchObject({
      provider: 'google',
      body: { code: 'code-1', name: 'Ada Lovelace' },
    })
    expect(onConnected).toHaveBeenCalledTimes(1)
    expect(onConnected.mock.calls[0]![0]).toMatchObject({ accountId: 'acc-google-1' })
    expect(onConnected.mock.calls[0]![1]).toEqual({
      returnTo: '/settings',
      missingScopes: [],
      emailMismatch: false,
      replaces: undefined,
    })
    expect(onError).not.toHaveBeenCalled()
    expect(screen.getByRole('button', { name: 'Connect Google Calendar' })).toHaveAttribute(
      'data-state',
      'connected',
    )
    const dialog = screen.getByRole('dialog')
    expect(dialog.querySelector('.pyas-dialog__connected')).toHaveTextContent(
      'Connected as ada@example.com',
    )
  })

  it('should report a return with no attempt record once, not once per provider button', async () => {
    returnWith({ code: 'code-1' })
    const onError = vi.fn()
    const onEvent = vi.fn()
    renderWithPyas(
      <PyasConnectDialog open onOpenChange={() => {}} onError={onError} onEvent={onEvent} />,
    )
    await waitFor(() => expect(onError).toHaveBeenCalled())
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]![0].code).toBe('state_mismatch')
    expect(onEvent.mock.calls.map(([event]) => event.type)).toEqual(['returned', 'failed'])
    expect(log.connect).toHaveLength(0)
    expect(screen.getByText(onError.mock.calls[0]![0].message, { selector: 'p' })).toBeVisible()
  })

  it('should show field errors from the proxy inline and other errors in the dialog', async () => {
    const u = user()
    server.use(
      http.get(`${PROXY}/google/oauth`, () =>
        HttpResponse.json(
          { errors: [{ msg: 'a valid email is required.', param: 'email', location: 'query' }] },
          { status: 400 },
        ),
      ),
      http.get(`${PROXY}/microsoft/oauth`, () => HttpResponse.json({}, { status: 502 })),
    )
    const onError = vi.fn()
    renderWithPyas(<PyasConnectDialog open onOpenChange={() => {}} name="Ada" onError={onError} />)
    const emailInput = screen.getByRole('textbox', { name: 'Work email' })
    await u.type(emailInput, 'ada@example.com')
    await u.click(screen.getByRole('button', { name: 'Connect Google Calendar' }))
    await waitFor(() =>
      expect(emailInput).toHaveAccessibleDescription('Enter a valid email address.'),
    )
    await u.click(screen.getByRole('button', { name: 'Connect Outlook Calendar' }))
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(2))
    const proxyError: PyasConnectError = onError.mock.calls[1]![0]
    expect(proxyError.code).toBe('proxy_error')
    expect(emailInput).not.toHaveAttribute('aria-invalid')
    expect(
      screen.getByText(proxyError.message, { selector: '.pyas-dialog__problem' }),
    ).toBeVisible()
  })

  it('should use showModal and close where the browser has them', async () => {
    const { showModal, close } = nativeDialog()
    const u = user()
    const onOpenChange = vi.fn()
    renderWithPyas(<Page onOpenChange={onOpenChange} />)
    await openWithKeyboard(u)
    expect(showModal).toHaveBeenCalledTimes(1)
    expect(screen.getByRole('textbox', { name: 'Your name' })).toHaveFocus()
    await u.keyboard('{Escape}')
    expect(onOpenChange).toHaveBeenCalledExactlyOnceWith(false)
    expect(close).toHaveBeenCalledTimes(1)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(onOpenChange).toHaveBeenCalledTimes(1)
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.getByRole('button', { name: 'Add a calendar' })).toHaveFocus()
  })

  it('should stay open when StrictMode re-runs the opening effect on mount', async () => {
    const { showModal, close } = nativeDialog()
    const onOpenChange = vi.fn()
    renderWithPyas(<Page initiallyOpen onOpenChange={onOpenChange} />)
    // Open, close (the throw-away run), open again; the close event lands a task later.
    expect(showModal).toHaveBeenCalledTimes(2)
    expect(close).toHaveBeenCalledTimes(1)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(onOpenChange).not.toHaveBeenCalled()
    expect(screen.getByRole('dialog')).toHaveAttribute('open')
  })

  it('should call onOpenChange(false) when the dialog is closed by other means', async () => {
    nativeDialog()
    const onOpenChange = vi.fn()
    renderWithPyas(<Page initiallyOpen onOpenChange={onOpenChange} />)
    await new Promise((resolve) => setTimeout(resolve, 20))
    // e.g. a <form method="dialog"> or other code calling close(): no cancel event first.
    ;(screen.getByRole('dialog') as HTMLDialogElement).close()
    await waitFor(() => expect(onOpenChange).toHaveBeenCalledExactlyOnceWith(false))
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('should show itself when rendered without `open` (uncontrolled), focus on the first provider', () => {
    renderWithPyas(<PyasConnectDialog name="Ada" email="ada@example.com" />)
    const dialog = screen.getByRole('dialog', { name: 'Connect your calendar' })
    expect(dialog).toHaveAttribute('open')
    const providers = ['Connect Google Calendar', 'Connect Outlook Calendar', 'Connect Zoom']
    for (const name of providers) expect(screen.getByRole('button', { name })).toBeVisible()
    expect(screen.getByRole('button', { name: 'Connect Google Calendar' })).toHaveFocus()
  })

  it.each([
    ['Escape', false],
    ['Escape', true],
    ['the Close button', false],
    ['the Close button', true],
  ])('should close itself on %s when uncontrolled (onOpenChange given: %s)', async (how, given) => {
    const u = user()
    const onOpenChange = vi.fn()
    const errors = vi.fn()
    window.addEventListener('error', errors)
    onTestFinished(() => window.removeEventListener('error', errors))
    renderWithPyas(
      <PyasConnectDialog
        name="Ada"
        email="ada@example.com"
        onOpenChange={given ? onOpenChange : undefined}
      />,
    )
    expect(screen.getByRole('dialog')).toHaveAttribute('open')
    if (how === 'Escape') await u.keyboard('{Escape}')
    else await u.click(screen.getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(onOpenChange).toHaveBeenCalledTimes(given ? 1 : 0)
    if (given) expect(onOpenChange).toHaveBeenCalledWith(false)
    expect(errors).not.toHaveBeenCalled()
  })

  it('should call onOpenChange(false) once when uncontrolled with showModal and close', async () => {
    const { showModal, close } = nativeDialog()
    const u = user()
    const onOpenChange = vi.fn()
    renderWithPyas(
      <PyasConnectDialog name="Ada" email="ada@example.com" onOpenChange={onOpenChange} />,
    )
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(showModal).toHaveBeenCalled()
    expect(screen.getByRole('dialog')).toHaveAttribute('open')
    close.mockClear()
    await u.keyboard('{Escape}')
    // Our own close() fires `close` a task later; by then we are closed, so no second call.
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(close).toHaveBeenCalledTimes(1)
    expect(onOpenChange).toHaveBeenCalledExactlyOnceWith(false)
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('should stay closed with defaultOpen={false}', async () => {
    const u = user()
    const onOpenChange = vi.fn()
    const { container } = renderWithPyas(
      <PyasConnectDialog defaultOpen={false} name="Ada" onOpenChange={onOpenChange} />,
    )
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(container.querySelector('dialog')).not.toHaveAttribute('open')
    await u.keyboard('{Escape}')
    expect(onOpenChange).not.toHaveBeenCalled()
  })

  it('should let `open` win over defaultOpen, and stay open without onOpenChange (controlled)', async () => {
    const u = user()
    const errors = vi.fn()
    window.addEventListener('error', errors)
    onTestFinished(() => window.removeEventListener('error', errors))
    const { rerender } = renderWithPyas(
      <PyasConnectDialog open defaultOpen={false} name="Ada" email="ada@example.com" />,
    )
    const dialog = screen.getByRole('dialog', { name: 'Connect your calendar' })
    await u.keyboard('{Escape}')
    await u.click(screen.getByRole('button', { name: 'Close' }))
    expect(errors).not.toHaveBeenCalled()
    expect(dialog).toHaveAttribute('open')
    rerender(<PyasConnectDialog open={false} name="Ada" email="ada@example.com" />)
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('should have no axe violations, with field errors shown', async () => {
    const u = user()
    renderWithPyas(<PyasConnectDialog open onOpenChange={() => {}} productName="Acme" />)
    await u.click(screen.getByRole('button', { name: 'Connect Outlook Calendar' }))
    expect(screen.getByRole('textbox', { name: 'Your name' })).toHaveAttribute('aria-invalid')
    // jsdom does no layout, so contrast is for the browser tests to judge.
    const results = await axe.run(screen.getByRole('dialog'), {
      rules: { 'color-contrast': { enabled: false } },
    })
    expect(results.violations).toEqual([])
  })

  it('should drop the default look when unstyled and keep a given className', () => {
    renderWithPyas(<PyasConnectDialog open onOpenChange={() => {}} unstyled className="mine" />)
    const dialog = screen.getByRole('dialog')
    expect(dialog).toHaveAttribute('class', 'mine')
    expect(screen.getByRole('button', { name: 'Connect Zoom' })).not.toHaveClass('pyas-button')
  })

  it('should render on the server without touching window', () => {
    vi.stubGlobal('window', undefined)
    let html: string
    try {
      html = renderToString(<PyasConnectDialog open onOpenChange={() => {}} productName="Acme" />)
    } finally {
      vi.unstubAllGlobals()
    }
    expect(html).toContain('<dialog')
    expect(html).not.toMatch(/<dialog[^>]* open/)
    expect(html).toContain('Connect Google Calendar')
    expect(log.oauth).toHaveLength(0)
  })
})
