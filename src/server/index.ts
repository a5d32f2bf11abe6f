export { createPyasProxy } from './createPyasProxy.js'
export type {
  PyasApiKey,
  PyasAuthorizeContext,
  PyasConnectedContext,
  PyasLogger,
  PyasOriginPredicate,
  PyasProxyAction,
  PyasProxyHandler,
  PyasProxyOptions,
} from './PyasProxyOptions.js'
export type { FetchHandler, PyasNodeHandler } from './toNodeHandler.js'
export { toNodeHandler } from './toNodeHandler.js'
