// Type-checked against the published .d.ts with --strict (nodenext and bundler resolution).
// The @ts-expect-error lines prove the types are real, not `any`.
import {
  ConnectGoogleButton,
  type PyasAccount,
  PyasConnectError,
  PyasProvider,
  type UsePyasConnectOptions,
  usePyasConnect,
} from '@pyas/react'
import {
  createPyasProxy,
  createPyasWebhookHandler,
  type PyasProxyOptions,
  type PyasWebhookEvent,
  toNodeHandler,
} from '@pyas/react/server'
import { createFakePyas, type FakePyas } from '@pyas/react/testing'

const saved: string[] = []

const options: UsePyasConnectOptions = {
  provider: 'google',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  returnTo: '/settings',
  onConnected: (account: PyasAccount, { returnTo, missingScopes }) => {
    saved.push(account.accountId, String(returnTo), ...missingScopes)
  },
  onError: (error: PyasConnectError) => {
    if (error.code === 'rate_limited') saved.push(String(error.retryAfter ?? 0))
    const fields: Record<string, string> | undefined = error.fieldErrors
    saved.push(error.message, String(error.status), JSON.stringify(fields))
  },
}

// @ts-expect-error 'github' is not a provider
const wrongProvider: UsePyasConnectOptions = { provider: 'github', name: 'x' }

export function Settings() {
  const { connect, status, account, error, isPending } = usePyasConnect(options)
  const id: string | undefined = account?.accountId
  const failed: PyasConnectError | null = error
  return (
    <PyasProvider proxyUrl="/api/pyas" headers={async () => ({ 'x-csrf-token': 't' })}>
      <ConnectGoogleButton
        email="ada@example.com"
        name="Ada Lovelace"
        className="connect"
        onConnected={(connected) => saved.push(connected.accountId)}
      >
        {({ status: buttonStatus }) => `Google (${buttonStatus})`}
      </ConnectGoogleButton>
      <button type="button" disabled={isPending} onClick={() => void connect({ returnTo: '/' })}>
        {status} {id} {failed?.code} {String(error instanceof PyasConnectError)}
      </button>
    </PyasProvider>
  )
}

const fake: FakePyas = createFakePyas({ redirectUrl: 'http://127.0.0.1:3000/', latencyMs: 0 })
fake.failNext('invalid_grant')

const proxyOptions: PyasProxyOptions = {
  apiKey: fake.apiKey,
  baseUrl: 'http://127.0.0.1:3000/fake-pyas',
  fetch: fake.fetch,
  providers: ['google', 'zoom'],
  allowedOrigins: ['http://127.0.0.1:3000'],
  authorize: async ({ provider, action, email }) =>
    provider !== 'zoom' || action === 'oauth' || !email,
  onConnected: async (account, { provider }) => {
    saved.push(account.accountId, provider)
  },
  timeoutMs: 5_000,
  maxBodyBytes: 4_096,
}
const handler: (request: Request) => Promise<Response> = createPyasProxy(proxyOptions)
export const nodeHandler = toNodeHandler(handler)

// @ts-expect-error apiKey is required
createPyasProxy({ baseUrl: 'https://api.pyas.io' })
// @ts-expect-error timeoutMs is a number
createPyasProxy({ apiKey: 'k', timeoutMs: '10s' })

// Webhooks: the event union narrows on `type`.
const seen: PyasWebhookEvent[] = []
export const webhooks = toNodeHandler(
  createPyasWebhookHandler({
    secret: 'whsec_consumer_0123456789',
    onEvent: (event) => {
      if (event.type === 'calendars.created') seen.push(event)
      if (event.type === 'events.updated') {
        const ids: string[] = event.events.map((ref) => ref.eventId)
        seen.push({ ...event, events: ids.map((eventId) => ({ calendarId: 'c', eventId })) })
      }
      // @ts-expect-error account events carry no calendarIds
      if (event.type === 'account.inactive') seen.push(event.calendarIds)
    },
  }),
)

export { wrongProvider }
