// The same public API through the `require` conditions (.d.cts), as a CommonJS TypeScript file.
import { type PyasAccount, PyasConnectError, usePyasConnect } from '@pyas/react'
import { createPyasProxy, createPyasWebhookHandler, toNodeHandler } from '@pyas/react/server'
import { createFakePyas } from '@pyas/react/testing'

const fake = createFakePyas({ redirectUrl: 'http://127.0.0.1:3000/' })
export const node = toNodeHandler(createPyasProxy({ apiKey: fake.apiKey, fetch: fake.fetch }))
export const hooks = createPyasWebhookHandler({ secret: 'whsec_consumer_0123456789', onEvent() {} })
export const error = new PyasConnectError('invalid_grant', { status: 400 })
export const code: 'invalid_grant' | string = error.code
export type Account = PyasAccount
export const hook: typeof usePyasConnect = usePyasConnect
// @ts-expect-error accountId is a string
export const bad: PyasAccount['accountId'] = 1
