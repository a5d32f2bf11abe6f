// Connect links in the demo: a signed-in user's page in an in-app browser (Instagram, LinkedIn…)
// asks the proxy for a link (POST /api/pyas/links), and whoever opens it in another browser
// connects an account for that user, without a session there.
//
// A link's claims are readable by whoever holds it (signed, not encrypted), so the user id it
// carries must not be the session cookie's value (the demo's `demo_users.id`). Each user
// therefore has a random public id, the `userId` the proxy's `authorize` returns and a link
// carries; `onConnected` maps it back to the user's rows.
//
// Spent links are rows of a table in the demo's database (docs/snippets/links/usedLinks.ts, the
// example the docs show), so several instances of the server would spend each link once.

/** The users' public ids, added beside the session id for the tables of earlier runs too. */
const PUBLIC_ID = `ALTER TABLE demo_users
  ADD COLUMN IF NOT EXISTS public_id text NOT NULL DEFAULT gen_random_uuid()::text UNIQUE`

/**
 * Creates the tables links need and the links themselves.
 * @param {object} options
 * @param {import('./accountStore.d.mts').AccountStore} options.store the demo's database
 * @param {typeof import('../src/server/index.js').createConnectLinks} options.createConnectLinks
 * @param {typeof import('../docs/snippets/links/usedLinks.js')} options.usedLinks
 * @param {string} options.secret at least 32 characters
 * @param {string} options.url the demo page a link opens
 */
export async function openConnectLinks({ store, createConnectLinks, usedLinks, secret, url }) {
  await store.db.query(PUBLIC_ID)
  await store.db.query(usedLinks.USED_LINKS_TABLE)
  const connectLinks = createConnectLinks({
    secret,
    url,
    consume: usedLinks.consumeLinksIn(store.db),
  })
  return {
    connectLinks,

    /** The public id of a signed-in user (their session's row), the proxy's `userId`. */
    async userIdOf(user) {
      const { rows } = await store.db.query('SELECT public_id FROM demo_users WHERE id = $1', [
        user.id,
      ])
      return rows[0]?.public_id
    },

    /** The user a `userId` names (from `authorize` or from a link), or `undefined`. */
    async userOf(userId) {
      if (typeof userId !== 'string') return undefined
      const { rows } = await store.db.query(
        'SELECT id, name, email FROM demo_users WHERE public_id = $1',
        [userId],
      )
      return rows[0]
    },
  }
}
