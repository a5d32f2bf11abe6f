/** Stand-ins for the app code the hooks snippet imports: a session lookup and a database. */
export const saved: { userId: string; accountId: string; provider: string }[] = []

export async function getUserId(request: Request): Promise<string | null> {
  const match = /(?:^|;\s*)session=([^;]+)/.exec(request.headers.get('cookie') ?? '')
  return match?.[1] ?? null
}

export const db = {
  async saveCalendarAccount(userId: string, accountId: string, provider: string): Promise<void> {
    saved.push({ userId, accountId, provider })
  },
}
