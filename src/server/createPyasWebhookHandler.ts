import { createSafeLogger } from './createSafeLogger.js'
import {
  IGNORED_EVENT,
  INTERNAL_ERROR,
  INVALID_WEBHOOK,
  NO_CONTENT,
  ONLY_POST,
  PAYLOAD_TOO_LARGE,
  REQUEST_TIMEOUT,
  toResponse,
  UNAUTHORIZED,
} from './jsonResult.js'
import type { PyasWebhookHandler, PyasWebhookHandlerOptions } from './PyasWebhookOptions.js'
import { parseWebhookEvent } from './parseWebhookEvent.js'
import { readRequestBody } from './readCapped.js'
import { createRedactor, redactText } from './redact.js'
import { safeEqual, secretDigest } from './safeEqual.js'
import {
  MIN_SECRET_LENGTH,
  optionsError,
  positiveInteger,
  resolveLogger,
} from './validateOptions.js'

const fail: (message: string) => never = optionsError('createPyasWebhookHandler')
/** A sender that has not finished its body by then is cut off: a slow client holds no request. */
const BODY_TIMEOUT_MS = 10_000

function resolveOptions(options: PyasWebhookHandlerOptions) {
  if (options === null || typeof options !== 'object') {
    fail('pass an options object, e.g. createPyasWebhookHandler({ secret, onEvent })')
  }
  const { secret, onEvent } = options
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    fail(
      `\`secret\` must be a string of at least ${MIN_SECRET_LENGTH} characters (the \`token\` of the webhook URL set in the Pyas dashboard), e.g. process.env.PYAS_WEBHOOK_SECRET`,
    )
  }
  if (typeof onEvent !== 'function') fail('`onEvent` must be a function (event, { request }) => …')
  const maxBodyBytes = positiveInteger(fail, 'maxBodyBytes', 'bytes', options.maxBodyBytes, 65_536)
  const logger = resolveLogger(fail, options.logger)
  return { secret, onEvent, maxBodyBytes, logger }
}

/** The webhook request as `onEvent` sees it: the `token` parameter removed from its URL. */
function withoutToken(request: Request, url: URL): Request {
  url.searchParams.delete('token')
  // The body has been read already; the rest of the request is carried over.
  return new Request(url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
  })
}

/**
 * Creates the receiver for Pyas webhooks: a Fetch handler for the URL set in the Pyas dashboard,
 * `https://app.example.com/api/webhooks/pyas?token=<secret>`. Checks, in order: method (405),
 * `token` (401, compared in constant time), size (413), headers and body shape (400); an unknown
 * trigger is answered 202 and logged; otherwise `onEvent` runs and the answer is 204 (500 if it
 * failed, so Pyas may retry). It keeps no state, so any number of copies can run.
 *
 * @throws Error when an option is invalid (e.g. a `secret` under 16 characters).
 */
export function createPyasWebhookHandler(options: PyasWebhookHandlerOptions): PyasWebhookHandler {
  const { secret, onEvent, maxBodyBytes, logger: userLogger } = resolveOptions(options)
  const expected = secretDigest(secret)
  const logger = createSafeLogger(
    userLogger,
    createRedactor(() => [secret]),
  )

  async function handle(request: Request): Promise<Response> {
    if (request.method !== 'POST') return toResponse(ONLY_POST)
    const url = new URL(request.url)
    const token = url.searchParams.get('token')
    if (token === null || !(await safeEqual(token, expected))) return toResponse(UNAUTHORIZED)
    const length = request.headers.get('content-length')
    if (length !== null && Number(length) > maxBodyBytes) return toResponse(PAYLOAD_TOO_LARGE)
    const bytes = await readRequestBody(request, maxBodyBytes, BODY_TIMEOUT_MS).catch(
      () => undefined,
    )
    // The sender left mid-body: nobody is there to read an answer, but say what it was.
    if (bytes === undefined) return toResponse(INVALID_WEBHOOK)
    if (bytes === 'too_large') return toResponse(PAYLOAD_TOO_LARGE)
    if (bytes === 'timeout') return toResponse(REQUEST_TIMEOUT)
    const parsed = parseWebhookEvent(request.headers, bytes)
    if (parsed.kind === 'invalid') return toResponse(INVALID_WEBHOOK)
    if (parsed.kind === 'unknown') {
      // Redacted before it is cut short, so no part of the secret survives the cut.
      const type = JSON.stringify(redactText(parsed.type, [secret]).slice(0, 100))
      logger.warn(`[@pyas/react/server] webhook: ignored an unknown event ${type}`)
      return toResponse(IGNORED_EVENT)
    }
    try {
      await onEvent(parsed.event, { request: withoutToken(request, url) })
    } catch (error) {
      logger.error(`[@pyas/react/server] webhook: onEvent failed for ${parsed.event.type}`, error)
      return toResponse(INTERNAL_ERROR)
    }
    return toResponse(NO_CONTENT)
  }

  return async function pyasWebhookHandler(request: Request): Promise<Response> {
    try {
      return await handle(request)
    } catch (error) {
      logger.error('[@pyas/react/server] webhook: request failed with an internal error', error)
      return toResponse(INTERNAL_ERROR)
    }
  }
}
