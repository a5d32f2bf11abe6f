import type { FakePyas } from '../../src/testing/index.js'

export const API_KEY = 'pyas_secret_key_0123456789'
export const BASE_URL = 'https://api.pyas.io'

/** `GET {BASE_URL}{path}` with the API key (or the given one, or none with `null`). */
export function get(fake: FakePyas, path: string, key: string | null = API_KEY): Promise<Response> {
  const headers: Record<string, string> = key === null ? {} : { 'x-api-key': key }
  return fake.handle(new Request(`${BASE_URL}${path}`, { headers }))
}

/** `POST {BASE_URL}{path}` with a JSON body and the API key (or the given one, or none). */
export function post(
  fake: FakePyas,
  path: string,
  body: unknown,
  key: string | null = API_KEY,
): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (key !== null) headers['x-api-key'] = key
  return fake.handle(
    new Request(`${BASE_URL}${path}`, { method: 'POST', headers, body: JSON.stringify(body) }),
  )
}

/** Gets an OAuth URL, clicks Allow and returns the code from the return URL. */
export async function codeFromConsent(fake: FakePyas, email = 'jane@example.com'): Promise<string> {
  const response = await get(fake, `/google/oauth?email=${encodeURIComponent(email)}&state=pyas_s`)
  const { url } = (await response.json()) as { url: string }
  const returnUrl = new URL(await fake.decide(url))
  return returnUrl.searchParams.get('code') ?? ''
}

/**
 * What a browser sends when `button` submits its form on the page at `pageUrl`: the form's
 * fields plus the button's own name and value, as a query for `GET` and a body for `POST`.
 */
export function submitRequest(button: HTMLElement, pageUrl: string): Request {
  const { form } = button as HTMLButtonElement
  if (!form) throw new Error('submitRequest: the button is in no form.')
  const fields = new URLSearchParams()
  for (const input of form.querySelectorAll('input')) fields.append(input.name, input.value)
  const { name, value } = button as HTMLButtonElement
  if (name) fields.append(name, value)
  const target = new URL(form.getAttribute('action') ?? '', pageUrl)
  if (form.method.toUpperCase() === 'GET') {
    target.search = fields.toString()
    return new Request(target)
  }
  return new Request(target, { method: 'POST', body: fields })
}
