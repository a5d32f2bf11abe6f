/** Stand-ins for the app code the hooks snippet imports: a session lookup and a database. */
export const saved: { userId: string; accountId: string; provider: string }[] = []

export async function getUserId(request: Request): Promise<string | null> {
  const match = /(?:^|;\s*)session=([^;]+)/.exec(request.headers.get('cookie') ?? '')
  return match?.[1] ?? null
}

/** What the webhook snippets wrote: one line per call. */
export const changes: string[] = []

export const db = {
  ownsAccount: (userId: string, accountId: string, provider: string) =>
    ownsAccount(userId, accountId, provider),
  spendLink: (jti: string, exp: number) => spendLink(jti, exp),
  async saveCalendarAccount(userId: string, accountId: string, provider: string): Promise<void> {
    saved.push({ userId, accountId, provider })
  },
  async setAccountStatus(accountId: string, status: string): Promise<void> {
    changes.push(`${accountId} ${status}`)
  },
  async deleteAccount(accountId: string): Promise<void> {
    changes.push(`${accountId} deleted`)
  },
  async markEventsChanged(accountId: string, events: { eventId: string }[]): Promise<void> {
    changes.push(`${accountId} changed ${events.map((event) => event.eventId).join(',')}`)
  },
}

/** Whether `userId` saved `accountId` (what the calendars snippets check). */
export async function ownsAccount(
  userId: string,
  accountId: string,
  provider: string,
): Promise<boolean> {
  return saved.some(
    (row) => row.userId === userId && row.accountId === accountId && row.provider === provider,
  )
}

/** The `connect_links` table: a row per spent link, `jti` unique. */
const spentLinks = new Map<string, number>()

/** `INSERT … ON CONFLICT (jti) DO NOTHING`: true when this call inserted the row. */
export async function spendLink(jti: string, exp: number): Promise<boolean> {
  if (spentLinks.has(jti)) return false
  spentLinks.set(jti, exp)
  return true
}
