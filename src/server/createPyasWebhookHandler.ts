import { JSON_HEADERS } from './jsonResult.js'
import type {
  PyasWebhookHandler,
  PyasWebhookHandlerOptions,
  PyasWebhookLogger,
} from './PyasWebhookOptions.js'
import { parseWebhookEvent } from './parseWebhookEvent.js'
import { readRequestBody } from './readCapped.js'
import { redactText } from './redactSecret.js'
import { safeEqual, secretDigest } from './safeEqual.js'

const NAME = 'createPyasWebhookHandler'
const MIN_SECRET_LENGTH = 16
const MAX_INTEGER = 2 ** 31 - 1
/** A sender that has not finished its body by then is cut off: a slow client holds no request. */
const BODY_TIMEOUT_MS = 10_000

function fail(message: string): never {
  throw new Error(`${NAME}: ${message}`)
}

function json(status: number, body: unknown, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } })
}

// Built per request: a Response body can be read only once.
const answers = {
  methodNotAllowed: () => json(405, { error: 'method_not_allowed' }, { allow: 'POST' }),
  unauthorized: () => json(401, { error: 'unauthorized' }),
  tooLarge: () => json(413, { error: 'payload_too_large' }),
  timeout: () => json(408, { error: 'request_timeout' }),
  invalid: () => json(400, { error: 'invalid_webhook' }),
  ignored: () => json(202, { ignored: 'unknown_event' }),
  internalError: () => json(500, { error: 'internal_error' }),
  accepted: () => new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } }),
}

function resolveOptions(options: PyasWebhookHandlerOptions) {
  if (options === null || typeof options !== 'object') {
    fail('pass an options object, e.g. createPyasWebhookHandler({ secret, onEvent })')
  }
  const { secret, onEvent, maxBodyBytes = 65_536, logger = console } = options
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    fail(
      `\`secret\` must be a string of at least ${MIN_SECRET_LENGTH} characters (the \`token\` of the webhook URL set in the Pyas dashboard), e.g. process.env.PYAS_WEBHOOK_SECRET`,
    )
  }
  if (typeof onEvent !== 'function') fail('`onEvent` must be a function (event, { request }) => …')
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0 || maxBodyBytes > MAX_INTEGER) {
    fail(`\`maxBodyBytes\` must be a whole number of bytes between 1 and ${MAX_INTEGER}`)
  }
  if (logger === null || typeof logger !== 'object' || typeof logger.error !== 'function') {
    fail('`logger` must have an `error(message, details?)` method (and optionally `warn`)')
  }
  return { secret, onEvent, maxBodyBytes, logger }
}

function warn(logger: PyasWebhookLogger, message: string): void {
  if (typeof logger.warn === 'function') logger.warn(message)
  else logger.error(message)
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
  const { secret, onEvent, maxBodyBytes, logger } = resolveOptions(options)
  const expected = secretDigest(secret)

  return async function pyasWebhookHandler(request: Request): Promise<Response> {
    if (request.method !== 'POST') return answers.methodNotAllowed()
    const token = new URL(request.url).searchParams.get('token')
    if (token === null || !(await safeEqual(token, expected))) return answers.unauthorized()
    const length = request.headers.get('content-length')
    if (length !== null && Number(length) > maxBodyBytes) return answers.tooLarge()
    const bytes = await readRequestBody(request, maxBodyBytes, BODY_TIMEOUT_MS).catch(
      () => undefined,
    )
    // The sender left mid-body: nobody is there to read an answer, but say what it was.
    if (bytes === undefined) return answers.invalid()
    if (bytes === 'too_large') return answers.tooLarge()
    if (bytes === 'timeout') return answers.timeout()
    const parsed = parseWebhookEvent(request.headers, bytes)
    if (parsed.kind === 'invalid') return answers.invalid()
    if (parsed.kind === 'unknown') {
      const type = redactText(parsed.type, secret).slice(0, 100)
      warn(logger, `[@pyas/react/server] webhook: ignored an unknown event ${JSON.stringify(type)}`)
      return answers.ignored()
    }
    try {
      await onEvent(parsed.event, { request })
    } catch (error) {
      logger.error(`[@pyas/react/server] webhook: onEvent failed for ${parsed.event.type}`, error)
      return answers.internalError()
    }
    return answers.accepted()
  }
}
