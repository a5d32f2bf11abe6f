import type { ProviderId } from '../core/providers.js'
import type { PyasValidationError } from '../core/types.js'
import {
  PAYLOAD_TOO_LARGE,
  REQUEST_TIMEOUT,
  UNSUPPORTED_MEDIA_TYPE,
  validationResult,
} from './jsonResult.js'
import type { ProxyExchange, ProxyResult } from './ProxyExchange.js'

/** The only fields `connect` forwards. */
export interface ConnectBody {
  code: string
  name: string
}

const decoder = new TextDecoder('utf-8', { fatal: true })

function isJsonUtf8(contentType: string): boolean {
  const [type = '', ...parameters] = contentType.split(';')
  if (type.trim().toLowerCase() !== 'application/json') return false
  // JSON is UTF-8 (RFC 8259); any other declared charset would be decoded wrongly.
  return parameters.every((parameter) => {
    const [key = '', value = ''] = parameter.split('=')
    return key.trim().toLowerCase() !== 'charset' || /^"?utf-?8"?$/i.test(value.trim())
  })
}

function fieldError(param: 'code' | 'name'): PyasValidationError {
  return { msg: `\`${param}\` is required and must be a string.`, param, location: 'body' }
}

function notAnObject(fields: string): ProxyResult {
  return validationResult([
    { msg: `The body must be a JSON object${fields}.`, param: 'body', location: 'body' },
  ])
}
const NOT_A_CONNECT_OBJECT = notAnObject(' with `code` and `name`')
const NOT_A_LINKS_OBJECT = notAnObject(', such as {} or {"provider": "google"}')

function parseObject(bytes: Uint8Array): Record<string, unknown> | null {
  let value: unknown
  try {
    value = JSON.parse(decoder.decode(bytes))
  } catch {
    return null
  }
  return value === null || typeof value !== 'object' || Array.isArray(value)
    ? null
    : (value as Record<string, unknown>)
}

function parseConnectBody(bytes: Uint8Array): ConnectBody | ProxyResult {
  const value = parseObject(bytes)
  if (!value) return NOT_A_CONNECT_OBJECT
  const { code, name } = value
  const errors: PyasValidationError[] = []
  if (typeof code !== 'string') errors.push(fieldError('code'))
  if (typeof name !== 'string') errors.push(fieldError('name'))
  if (errors.length > 0) return validationResult(errors)
  return { code: code as string, name: name as string }
}

/**
 * The content type (415) and size (413) checks of a POST, in that order, then the bytes. Reads the
 * body no further than `maxBodyBytes`, refuses early on a too-large `content-length`, and gives a
 * slow client `timeoutMs` to send it all (408).
 */
async function readJsonBytes(
  exchange: ProxyExchange,
  maxBodyBytes: number,
  timeoutMs: number,
): Promise<Uint8Array | ProxyResult> {
  const contentType = exchange.header('content-type')
  const encoding = exchange.header('content-encoding')
  if (!contentType || !isJsonUtf8(contentType)) return UNSUPPORTED_MEDIA_TYPE
  if (encoding && encoding.trim().toLowerCase() !== 'identity') return UNSUPPORTED_MEDIA_TYPE
  const length = exchange.header('content-length')
  if (length !== null && Number(length) > maxBodyBytes) return PAYLOAD_TOO_LARGE
  const read = await exchange.readBody(maxBodyBytes, timeoutMs)
  if (read === 'too_large') return PAYLOAD_TOO_LARGE
  if (read === 'timeout') return REQUEST_TIMEOUT
  return read
}

// Not `instanceof Uint8Array`: the bytes may come from another realm (a test DOM, a worker).
const isResult = (read: Uint8Array | ProxyResult): read is ProxyResult => 'kind' in read

/** The content type (415), size (413) and body (400) checks of `connect`, in that order. */
export async function readConnectBody(
  exchange: ProxyExchange,
  maxBodyBytes: number,
  timeoutMs: number,
): Promise<ConnectBody | ProxyResult> {
  const read = await readJsonBytes(exchange, maxBodyBytes, timeoutMs)
  return isResult(read) ? read : parseConnectBody(read)
}

/**
 * The same checks for `POST links`: a JSON object whose optional `provider` is one of
 * `providers` (the proxy's enabled ones), else 400.
 */
export async function readLinksBody(
  exchange: ProxyExchange,
  maxBodyBytes: number,
  timeoutMs: number,
  providers: ReadonlySet<string>,
): Promise<{ provider: ProviderId | undefined } | ProxyResult> {
  const read = await readJsonBytes(exchange, maxBodyBytes, timeoutMs)
  if (isResult(read)) return read
  const value = parseObject(read)
  if (!value) return NOT_A_LINKS_OBJECT
  const { provider } = value
  if (provider === undefined) return { provider: undefined }
  if (typeof provider !== 'string' || !providers.has(provider)) {
    return validationResult([
      {
        msg: `\`provider\` must be one of ${[...providers].join(', ')}.`,
        param: 'provider',
        location: 'body',
      },
    ])
  }
  return { provider: provider as ProviderId }
}
