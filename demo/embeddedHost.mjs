// The "Embedded" view: another site framing the demo, as Salesforce, HubSpot or a Teams tab frame
// a B2B app. The host page is served on `localhost` and frames the app on `127.0.0.1`: two
// different sites, so the browser treats the frame as third-party (its own storage partition, or
// no storage at all where third-party storage is blocked). Google and Microsoft refuse to show
// their consent screens in a frame, so the app's buttons (mode 'auto') open a popup there.

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

/** `GET /embedded`: the host page, always on localhost (other hosts are sent there). */
export function embeddedHostPage(req, res, port) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end()
    return
  }
  const host = `localhost:${port}`
  if (req.headers.host !== host) {
    res.writeHead(302, { location: `http://${host}/embedded`, 'cache-control': 'no-store' }).end()
    return
  }
  const app = `http://127.0.0.1:${port}/`
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Embedded view · Partner CRM</title>
<style>
  body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: #1f2937; background: #eef2f7; }
  header { background: #0f766e; color: #fff; padding: 0.75rem 1.25rem; }
  header strong { font-size: 1.05rem; }
  header code { background: rgba(255, 255, 255, 0.2); color: #fff; }
  main { padding: 1rem 1.25rem 2rem; }
  p { max-width: 60rem; margin: 0 0 0.75rem; }
  code { background: #dde3ea; padding: 0 0.25rem; border-radius: 4px; }
  iframe { display: block; width: 100%; height: 78vh; border: 2px dashed #0f766e; border-radius: 8px; background: #fff; }
  a { color: #0f5f59; }
</style>
</head>
<body>
<header><strong>Partner CRM</strong> · a different site (<code>localhost</code>) embedding Acme Scheduling</header>
<main>
<p>The frame below is the demo on <code>${escapeHtml(app)}</code>, a different site from this page, so the
browser partitions its storage (or blocks it). Connecting opens the consent screen in a popup, which
hands the result back to the frame. <a href="${escapeHtml(app)}">Back to the demo</a></p>
<iframe title="Acme Scheduling (embedded)" src="${escapeHtml(app)}"></iframe>
</main>
</body>
</html>
`
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' })
  res.end(req.method === 'HEAD' ? undefined : html)
}
