// Types of connectLinks.mjs, for the tests (the demo server itself is plain JavaScript).
import type * as usedLinks from '../docs/snippets/links/usedLinks.js'
import type { createConnectLinks, PyasConnectLinks } from '../src/server/index.js'
import type { AccountStore, DemoUser } from './accountStore.mjs'

export function openConnectLinks(options: {
  store: AccountStore
  createConnectLinks: typeof createConnectLinks
  usedLinks: typeof usedLinks
  secret: string
  url: string
}): Promise<{
  connectLinks: PyasConnectLinks
  userIdOf(user: Pick<DemoUser, 'id'>): Promise<string | undefined>
  userOf(userId: unknown): Promise<DemoUser | undefined>
}>
