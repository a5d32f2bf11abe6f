/**
 * `returnTo` if it is a same-origin path (one leading `/`, not `//` or `/\`, no scheme, no
 * control characters); otherwise `undefined`.
 */
export function safeReturnTo(returnTo: unknown): string | undefined {
  if (typeof returnTo !== 'string' || !returnTo.startsWith('/')) return undefined
  if (returnTo.startsWith('//') || returnTo.startsWith('/\\')) return undefined
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\u0000-\u001f\u007f]/.test(returnTo)) return undefined
  try {
    const base = 'https://pyas.invalid'
    const url = new URL(returnTo, base)
    // `/.//evil.com` normalises to the path `//evil.com`, which a router may treat as a host.
    return url.origin === base && !url.pathname.startsWith('//') ? returnTo : undefined
  } catch {
    return undefined
  }
}
