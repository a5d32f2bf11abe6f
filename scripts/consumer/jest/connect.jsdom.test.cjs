/**
 * @jest-environment jsdom
 */
// Jest 30, CommonJS, jsdom, no transform: the package's `require` build the way a Jest setup loads
// it. A whole round trip without a server: the button's click saves an attempt and navigates to
// the OAuth URL; the page then returns with ?code=…&state=… and the exchange reports the account.
const React = require('react')
const { createRoot } = require('react-dom/client')
const { ConnectGoogleButton, PyasConnectError, PyasProvider } = require('@pyas/react')

globalThis.IS_REACT_ACT_ENVIRONMENT = true
const h = React.createElement

function reply(status, body) {
  return { ok: status < 300, status, headers: { get: () => null }, json: async () => body }
}

function mount(props) {
  const container = document.body.appendChild(document.createElement('div'))
  const root = createRoot(container)
  React.act(() => {
    root.render(
      h(
        PyasProvider,
        { fetch: props.fetch, navigate: props.navigate },
        h(ConnectGoogleButton, {
          email: 'ada@example.com',
          name: 'Ada Lovelace',
          onConnected: props.onConnected,
          onError: props.onError,
        }),
      ),
    )
  })
  return { container, unmount: () => React.act(() => root.unmount()) }
}

test('require() gives the browser API', () => {
  expect(typeof PyasProvider).toBe('function')
  expect(new PyasConnectError('network').code).toBe('network')
})

test('a click navigates to the OAuth URL, the return connects the account', async () => {
  const calls = []
  const fetch = jest.fn(async (url, init) => {
    calls.push({ url: String(url), method: init?.method ?? 'GET', body: init?.body })
    if (String(url).includes('/google/oauth')) {
      const state = new URL(String(url)).searchParams.get('state')
      return reply(200, { url: `https://accounts.example/consent?state=${state}` })
    }
    return reply(200, {
      data: { account: { accountId: 'acc_1', email: 'ada@example.com', scopes: [] } },
    })
  })
  const navigate = jest.fn()
  const first = mount({ fetch, navigate })
  const button = first.container.querySelector('button')
  expect(button.textContent).toContain('Connect Google Calendar')
  await React.act(async () => {
    button.click()
  })
  expect(navigate).toHaveBeenCalledTimes(1)
  const state = new URL(navigate.mock.calls[0][0]).searchParams.get('state')
  expect(state).toMatch(/^pyas_/)
  expect(localStorage.getItem(`pyas:attempt:${state}`)).not.toBeNull()
  first.unmount()

  window.history.replaceState(null, '', `/settings?code=code_1&state=${state}`)
  const onConnected = jest.fn()
  const onError = jest.fn()
  mount({ fetch, navigate, onConnected, onError })
  for (let i = 0; i < 50 && onConnected.mock.calls.length + onError.mock.calls.length === 0; i++) {
    await React.act(() => new Promise((resolve) => setTimeout(resolve, 10)))
  }
  expect(onError).not.toHaveBeenCalled()
  expect(onConnected).toHaveBeenCalledTimes(1)
  expect(onConnected.mock.calls[0][0]).toMatchObject({ accountId: 'acc_1' })
  const exchange = calls.find((call) => call.method === 'POST')
  expect(JSON.parse(exchange.body)).toEqual({ code: 'code_1', name: 'Ada Lovelace' })
  expect(window.location.search).toBe('')
})
