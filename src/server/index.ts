export { createPyasProxy } from './createPyasProxy.js'
export type {
  PyasAuthorizeContext,
  PyasConnectedContext,
  PyasOriginPredicate,
  PyasProxyAction,
  PyasProxyHandler,
  PyasProxyOptions,
} from './PyasProxyOptions.js'
export type { FetchHandler, PyasNodeHandler } from './toNodeHandler.js'
export { toNodeHandler } from './toNodeHandler.js'
