import type { PyasValidationError } from '../core/types.js'

/** A JSON response the way Pyas sends one. */
export function jsonResponse(status: number, body: unknown, headers?: HeadersInit): Response {
  const response = new Response(JSON.stringify(body), { status, headers })
  response.headers.set('content-type', 'application/json; charset=utf-8')
  return response
}

/** `401 {error: "Unauthorized. Invalid API key."}` */
export function unauthorizedResponse(): Response {
  return jsonResponse(401, { error: 'Unauthorized. Invalid API key.' })
}

/** `400 {success: false, error: "invalid_grant", code: 400}` */
export function invalidGrantResponse(): Response {
  return jsonResponse(400, { success: false, error: 'invalid_grant', code: 400 })
}

/** `404 {success: false, error: "Not found", code: 404}` */
export function notFoundResponse(): Response {
  return jsonResponse(404, { success: false, error: 'Not found', code: 404 })
}

/** `400 {errors: [...]}` */
export function validationResponse(errors: PyasValidationError[]): Response {
  return jsonResponse(400, { errors })
}

/** `400 {errors: [...]}` for a `Host` (or trusted `x-forwarded-*`) header that names no origin. */
export function invalidHostResponse(): Response {
  return validationResponse([
    { msg: 'a valid host is required.', param: 'host', location: 'headers' },
  ])
}
