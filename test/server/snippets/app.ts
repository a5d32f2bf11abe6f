/** Stand-ins for the app code the hooks snippet imports: a session lookup and a database. */
export const saved: { userId: string; accountId: string; provider: string }[] = []

export async function getUserId(request: Request): Promise<string | null> {
  const match = /(?:^|;\s*)session=([^;]+)/.exec(request.headers.get('cookie') ?? '')
  return match?.[1] ?? null
}

/** What the webhook snippets wrote: one line per call. */
export const changes: string[] = []

export const db = {
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
