export type {
  PyasConnectLinkClaims,
  PyasConnectLinkInput,
  PyasConnectLinks,
  PyasConnectLinksOptions,
} from './createConnectLinks.js'
export { createConnectLinks } from './createConnectLinks.js'
export { createPyasProxy } from './createPyasProxy.js'
export { createPyasWebhookHandler } from './createPyasWebhookHandler.js'
export type {
  PyasApiKey,
  PyasAuthorizeAccountContext,
  PyasAuthorizeContext,
  PyasAuthorizeResult,
  PyasConnectedContext,
  PyasLogger,
  PyasOriginPredicate,
  PyasProxyAction,
  PyasProxyHandler,
  PyasProxyOptions,
} from './PyasProxyOptions.js'
export type {
  PyasAccountWebhookEvent,
  PyasAccountWebhookType,
  PyasCalendarsWebhookEvent,
  PyasCalendarsWebhookType,
  PyasEventsWebhookEvent,
  PyasEventsWebhookType,
  PyasWebhookEvent,
  PyasWebhookEventRef,
  PyasWebhookType,
} from './PyasWebhookEvent.js'
export type {
  PyasWebhookContext,
  PyasWebhookHandler,
  PyasWebhookHandlerOptions,
  PyasWebhookLogger,
} from './PyasWebhookOptions.js'
export type { FetchHandler, PyasNodeHandler } from './toNodeHandler.js'
export { toNodeHandler } from './toNodeHandler.js'
