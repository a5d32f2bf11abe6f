export type { FakePyasAccountStatus } from './accountLifecycle.js'
export { createFakePyas } from './createFakePyas.js'
export type { FakePyasWebhook, FakePyasWebhookEvent } from './deliverWebhook.js'
export type { FakePyasRequest } from './describeRequest.js'
export type {
  DecideOptions,
  FakePyas,
  FakePyasFetch,
  FakePyasOptions,
  FetchForOptions,
  IssueCodeOptions,
} from './FakePyas.js'
export type { FakePyasErrorCode, FakePyasErrorOptions } from './FakePyasError.js'
export { FakePyasError } from './FakePyasError.js'
export type { FailNextOptions, FakePyasFailure, FakePyasFailureKind } from './failureResponse.js'
export type { FakePyasCalendar } from './fakeCalendars.js'
export type { PyasHandlersOptions } from './pyasHandlers.js'
export { pyasHandlers } from './pyasHandlers.js'
