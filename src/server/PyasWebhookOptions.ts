import type { PyasWebhookEvent } from './PyasWebhookEvent.js'

/** What `onEvent` receives beside the event. */
export interface PyasWebhookContext {
  /**
   * The webhook request from Pyas, without its body (already read) and with the `token` parameter
   * removed from its URL, so logging `request.url` never logs the secret.
   */
  request: Request
}

/** Where the webhook handler reports what it ignored or what failed. */
export interface PyasWebhookLogger {
  /** A failure (a throwing `onEvent`); already redacted. */
  error(message: string, details?: unknown): void
  /** Falls back to `error` when absent. */
  warn?(message: string, details?: unknown): void
}

/** The Fetch handler returned by `createPyasWebhookHandler`. Mount it for POST (any method). */
export type PyasWebhookHandler = (request: Request) => Promise<Response>

/** Options of `createPyasWebhookHandler`. Validated once, when the handler is created. */
export interface PyasWebhookHandlerOptions {
  /**
   * The secret carried by the webhook URL you set in the Pyas dashboard, as its `token` query
   * parameter: `https://app.example.com/api/webhooks/pyas?token=<secret>`. At least 16
   * characters; generate it (e.g. `openssl rand -hex 32`) and keep it in the server environment.
   */
  secret: string
  /**
   * Called once per accepted webhook; the handler answers 204 after it resolves, and 500 (so Pyas
   * may retry) if it throws or rejects. Pyas sends no event id and may repeat a delivery, so make
   * it idempotent (e.g. "set status to inactive", not "toggle").
   */
  onEvent: (event: PyasWebhookEvent, context: PyasWebhookContext) => void | Promise<void>
  /**
   * The largest body accepted, in bytes; a larger one is refused with 413 without being read
   * further.
   * @defaultValue `65536`
   */
  maxBodyBytes?: number
  /**
   * Receives a warning for an event name the handler does not know (answered 202) and an error
   * when `onEvent` fails. Never given the secret: it is replaced by `[redacted]` in every message
   * and detail (the error `onEvent` threw included), and URLs lose their credentials and query.
   * @defaultValue `console`
   */
  logger?: PyasWebhookLogger
}
