import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { PyasAccountList, type PyasSavedAccount } from '../../src/index.js'
import { renderWithPyas, returnWith, setupFakeProxy } from './helpers.js'

const { log } = setupFakeProxy()

const ACCOUNTS: PyasSavedAccount[] = [
  { accountId: 'acc-g', email: 'ada@example.com', provider: 'google', status: 'active' },
  { accountId: 'acc-m', email: 'ada@contoso.com', provider: 'microsoft', status: 'inactive' },
  { accountId: 'acc-z', name: 'Ada Lovelace', provider: 'zoom', status: 'pending_review' },
]

describe('PyasAccountList', () => {
  it('should list each account with its provider, email (else name) and status', () => {
    renderWithPyas(<PyasAccountList accounts={ACCOUNTS} name="Ada" />)
    const rows = screen.getAllByRole('listitem')
    expect(rows).toHaveLength(3)
    expect(rows[0]).toHaveAttribute('data-status', 'active')
    expect(rows[0]).toHaveTextContent('Google Calendar')
    expect(rows[0]).toHaveTextContent('ada@example.com')
    expect(rows[0]).toHaveTextContent('Connected')
    expect(rows[1]).toHaveTextContent('Outlook Calendar')
    expect(rows[1]).toHaveTextContent('Needs reconnecting')
    expect(rows[2]).toHaveTextContent('Zoom')
    expect(rows[2]).toHaveTextContent('Ada Lovelace')
    // A status the library does not know is shown as it is.
    expect(rows[2]).toHaveTextContent('pending_review')
  })

  it('should offer a reconnect button only on the inactive row', () => {
    renderWithPyas(<PyasAccountList accounts={ACCOUNTS} name="Ada" />)
    const buttons = screen.getAllByRole('button')
    expect(buttons).toHaveLength(1)
    expect(
      within(screen.getAllByRole('listitem')[1]!).getByRole('button', {
        name: 'Reconnect Outlook Calendar',
      }),
    ).toBeInTheDocument()
  })

  it("should reconnect with the row's email and hand its accountId back as replaces", async () => {
    const { navigate } = renderWithPyas(<PyasAccountList accounts={ACCOUNTS} name="Ada" />)
    await userEvent.click(screen.getByRole('button', { name: 'Reconnect Outlook Calendar' }))
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1))
    expect(log.oauth[0]!.pathname).toBe('/api/pyas/microsoft/oauth')
    expect(log.oauth[0]!.searchParams.get('email')).toBe('ada@contoso.com')
    const state = new URL(navigate.mock.calls[0]![0]).searchParams.get('state')!
    expect(JSON.parse(localStorage.getItem(`pyas:attempt:${state}`)!).replaces).toBe('acc-m')
  })

  it.each([
    ['the same account', 'acc-microsoft-1', 'acc-microsoft-1'],
    ['another account', 'acc-m', undefined],
  ])(
    'should call onReconnected, with replaces only when %s came back',
    async (_, row, replaces) => {
      const accounts = ACCOUNTS.map((each) =>
        each.provider === 'microsoft' ? { ...each, accountId: row } : each,
      )
      returnWith({ code: 'c' }, { provider: 'microsoft', email: 'ada@contoso.com', replaces: row })
      const onReconnected = vi.fn()
      renderWithPyas(
        <PyasAccountList accounts={accounts} name="Ada" onReconnected={onReconnected} />,
      )
      await waitFor(() => expect(onReconnected).toHaveBeenCalledTimes(1))
      expect(onReconnected.mock.calls[0]![0].accountId).toBe('acc-microsoft-1')
      expect(onReconnected.mock.calls[0]![1].replaces).toBe(replaces)
    },
  )

  it('should show Disconnect on every row only when onDisconnect is given', async () => {
    const onDisconnect = vi.fn()
    const { rerender } = renderWithPyas(<PyasAccountList accounts={ACCOUNTS} name="Ada" />)
    expect(screen.queryByRole('button', { name: 'Disconnect' })).toBeNull()
    rerender(<PyasAccountList accounts={ACCOUNTS} name="Ada" onDisconnect={onDisconnect} />)
    const disconnect = screen.getAllByRole('button', { name: 'Disconnect' })
    expect(disconnect).toHaveLength(3)
    await userEvent.click(disconnect[2]!)
    expect(onDisconnect).toHaveBeenCalledWith(ACCOUNTS[2])
  })

  it('should render actions inside each row, after the built-in controls', () => {
    renderWithPyas(
      <PyasAccountList
        accounts={ACCOUNTS.slice(1, 2)}
        name="Ada"
        onDisconnect={() => {}}
        actions={(account) => <button type="button">Details of {account.accountId}</button>}
      />,
    )
    const names = within(screen.getByRole('listitem'))
      .getAllByRole('button')
      .map((button) => button.textContent)
    expect(names).toEqual(['Reconnect Outlook Calendar', 'Disconnect', 'Details of acc-m'])
  })

  it('should say so when there is no account, with emptyText overriding the default', () => {
    const { rerender } = renderWithPyas(<PyasAccountList accounts={[]} />)
    expect(screen.getByText('No calendar connected yet.')).toBeInTheDocument()
    expect(screen.queryByRole('list')).toBeNull()
    rerender(<PyasAccountList accounts={[]} emptyText="Nothing yet" />)
    expect(screen.getByText('Nothing yet')).toBeInTheDocument()
  })

  it("should take the list's texts from PyasProvider messages", () => {
    renderWithPyas(<PyasAccountList accounts={ACCOUNTS.slice(0, 2)} name="Ada" />, {
      provider: {
        messages: { 'account.active': 'Verbunden', 'reconnect.microsoft': 'Outlook neu verbinden' },
      },
    })
    expect(screen.getAllByRole('listitem')[0]).toHaveTextContent('Verbunden')
    expect(screen.getByRole('button', { name: 'Outlook neu verbinden' })).toBeInTheDocument()
  })
})

describe('PyasAccountList buttons', () => {
  it("should describe each row's buttons by the row's provider and email", () => {
    const twoGoogle: PyasSavedAccount[] = [
      { accountId: 'a1', email: 'ada@example.com', provider: 'google', status: 'inactive' },
      { accountId: 'a2', email: 'ada@work.example', provider: 'google', status: 'inactive' },
    ]
    renderWithPyas(<PyasAccountList accounts={twoGoogle} name="Ada" onDisconnect={() => {}} />)
    const reconnect = screen.getAllByRole('button', { name: 'Reconnect Google Calendar' })
    expect(reconnect[0]).toHaveAccessibleDescription('Google Calendar ada@example.com')
    expect(reconnect[1]).toHaveAccessibleDescription('Google Calendar ada@work.example')
    const disconnect = screen.getAllByRole('button', { name: 'Disconnect' })
    expect(disconnect[1]).toHaveAccessibleDescription('Google Calendar ada@work.example')
  })
})

describe('PyasAccountList rows it does not know', () => {
  // Rows come from the app's database: a provider the library does not know is shown as text.
  const odd = ['apple', 'constructor', '__proto__', 'toString', 'hasOwnProperty']

  it.each(odd)('should show a %s row as a plain row, beside working rows', async (provider) => {
    const accounts = [
      { accountId: 'x1', email: 'ada@example.com', provider, status: 'inactive' },
      { accountId: 'g1', email: 'ada@work.example', provider: 'google', status: 'inactive' },
    ] as PyasSavedAccount[]
    const onDisconnect = vi.fn()
    const { navigate } = renderWithPyas(
      <PyasAccountList accounts={accounts} name="Ada" onDisconnect={onDisconnect} />,
    )
    const [plain, google] = screen.getAllByRole('listitem')
    expect(plain).toHaveAttribute('data-provider', provider)
    expect(plain).toHaveTextContent(`${provider} ada@example.com`)
    expect(plain).toHaveTextContent('Needs reconnecting')
    expect(plain!.querySelector('svg')).toBeNull()
    // No reconnect for a provider the library cannot connect; Disconnect still works.
    expect(
      within(plain!)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Disconnect'])
    await userEvent.click(within(plain!).getByRole('button', { name: 'Disconnect' }))
    expect(onDisconnect).toHaveBeenCalledWith(accounts[0])
    // The known row beside it is whole and reconnects.
    expect(google!.querySelector('svg')).not.toBeNull()
    await userEvent.click(
      within(google!).getByRole('button', { name: 'Reconnect Google Calendar' }),
    )
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1))
    expect(log.oauth[0]!.pathname).toBe('/api/pyas/google/oauth')
  })

  it('should show a row whose provider came from JSON with an own __proto__ key as plain', () => {
    const row = JSON.parse(
      '{"accountId":"p1","provider":"__proto__","status":"inactive","__proto__":{"x":1}}',
    ) as PyasSavedAccount
    renderWithPyas(<PyasAccountList accounts={[row, ACCOUNTS[0]!]} name="Ada" />)
    const rows = screen.getAllByRole('listitem')
    expect(rows[0]).toHaveTextContent('__proto__')
    expect(within(rows[0]!).queryByRole('button')).toBeNull()
    expect(rows[1]).toHaveTextContent('Google Calendar ada@example.com')
  })

  it('should survive null, non-string and missing values in a row', () => {
    const accounts = [
      null,
      { accountId: null, email: { evil: true }, name: 42, provider: null, status: { x: 1 } },
      { accountId: 'a', email: ['x'], provider: 'google', status: null },
      { accountId: 'b', email: 7, provider: 'zoom', status: 'inactive' },
      { accountId: 'dup', email: 'one@example.com', provider: 'google', status: 'active' },
      { accountId: 'dup', email: 'two@example.com', provider: 'google', status: 'active' },
      { email: 'no-id@example.com', provider: 'google', status: 'inactive' },
      ACCOUNTS[1],
    ] as unknown as PyasSavedAccount[]
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    renderWithPyas(<PyasAccountList accounts={accounts} name="Ada" />)
    // Duplicate keys or objects as children would be reported by React here.
    expect(error).not.toHaveBeenCalled()
    error.mockRestore()
    const rows = screen.getAllByRole('listitem')
    expect(rows).toHaveLength(7)
    expect(rows[0]).toHaveTextContent('42')
    expect(rows[0]).toHaveAttribute('data-status', '')
    expect(rows[1]).toHaveTextContent('Google Calendar')
    expect(rows[2]).toHaveTextContent('Zoom 7')
    expect(rows[3]).toHaveTextContent('one@example.com')
    expect(rows[4]).toHaveTextContent('two@example.com')
    // A row with no accountId cannot be reconnected (there is nothing to replace).
    expect(within(rows[5]!).queryByRole('button')).toBeNull()
    const buttons = screen.getAllByRole('button').map((b) => b.textContent)
    expect(buttons).toEqual(['Reconnect Zoom', 'Reconnect Outlook Calendar'])
    for (const row of rows) expect(row.textContent).not.toMatch(/object|undefined|null/)
  })
})
