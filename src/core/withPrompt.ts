/**
 * `url` with `prompt` merged into its `prompt` parameter: space-separated, no duplicates, nothing
 * removed (Google needs `consent` kept for offline access). A URL that does not parse is returned
 * as it is; it was already checked to be an absolute http(s) URL.
 */
export function withPrompt(url: string, prompt: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return url
  }
  const values = (parsed.searchParams.get('prompt') ?? '').split(/\s+/).filter(Boolean)
  if (values.includes(prompt)) return url
  parsed.searchParams.set('prompt', [...values, prompt].join(' '))
  return parsed.href
}
