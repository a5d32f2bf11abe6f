// Records every request the browser makes in a context (pages and popups alike), and checks what
// came back: no response may contain the fake's API key or the header name `x-api-key`.

const TEXT_TYPES = new Set(['document', 'script', 'stylesheet', 'fetch', 'xhr'])
/** Hashed bundle files never change: read each one once per run, not once per page load. */
const checkedAssets = new Set()

export function recordTraffic(context, { secret }) {
  const requests = []
  const leaks = []
  const checks = []
  context.on('request', (request) => {
    requests.push({
      method: request.method(),
      url: request.url(),
      type: request.resourceType(),
      headers: request.headers(),
    })
  })
  context.on('response', (response) => {
    if (!TEXT_TYPES.has(response.request().resourceType())) return
    const status = response.status()
    if (status >= 300 && status < 400) return // a redirect has no body to read
    const { pathname } = new URL(response.url())
    if (pathname.startsWith('/assets/')) {
      if (checkedAssets.has(pathname)) return
      checkedAssets.add(pathname)
    }
    checks.push(
      response.text().then(
        (body) => {
          const headers = JSON.stringify(response.headers())
          if (body.includes(secret) || headers.includes(secret)) {
            leaks.push(`API key in ${response.url()}`)
          }
          if (/x-api-key/i.test(body)) leaks.push(`"x-api-key" in ${response.url()}`)
        },
        () => {}, // the page navigated away before the body was read
      ),
    )
  })

  return {
    requests,
    /** Requests to the proxy, as `GET /api/pyas/google/oauth`. */
    proxyRequests() {
      return requests
        .filter((request) => new URL(request.url).pathname.startsWith('/api/pyas/'))
        .map((request) => `${request.method} ${new URL(request.url).pathname}`)
    },
    count(method, path) {
      return this.proxyRequests().filter((line) => line === `${method} ${path}`).length
    },
    /** The document requests that carried `?code=` (the provider sending the user back). */
    callbackUrls() {
      return requests
        .filter(
          (request) => request.type === 'document' && new URL(request.url).searchParams.has('code'),
        )
        .map((request) => request.url)
    },
    /** Waits for the bodies still being read, then lists every header or body leak found. */
    async problems() {
      await Promise.all(checks)
      const withKeyHeader = requests
        .filter((request) =>
          Object.keys(request.headers).some((name) => name.toLowerCase() === 'x-api-key'),
        )
        .map((request) => `x-api-key header sent to ${request.url}`)
      return [...withKeyHeader, ...leaks]
    },
  }
}
