// Your app's session lookup and tables, as the calendar snippets use them. Here a stand-in kept in
// memory (the tests fill it); yours reads your session store and your database.

/** The calendars a user chose for one account: checked for conflicts, and where bookings go. */
export interface CalendarChoice {
  conflicts: string[]
  destination: string | null
}

interface SavedAccount {
  userId: string
  accountId: string
  provider: string
}

const accounts: SavedAccount[] = []
const choices = new Map<string, CalendarChoice>()
const key = (userId: string, accountId: string) => `${userId}\n${accountId}`

/** The signed-in user of a request, from its cookie header (`null` when signed out). */
export async function getUserId(cookieHeader: string | null | undefined): Promise<string | null> {
  const session = /(?:^|;\s*)session=([\w-]+)/.exec(cookieHeader ?? '')?.[1]
  return session ?? null
}

export const db = {
  /** What the proxy's `onConnected` saves: the account, for the user who connected it. */
  async saveCalendarAccount(userId: string, accountId: string, provider: string) {
    if (!(await db.accountOf(userId, accountId))) accounts.push({ userId, accountId, provider })
  },
  /** The user's own row of an account, or `undefined` when it is not theirs. */
  async accountOf(userId: string, accountId: string) {
    return accounts.find((row) => row.userId === userId && row.accountId === accountId)
  },
  async ownsAccount(userId: string, accountId: string, provider: string) {
    return (await db.accountOf(userId, accountId))?.provider === provider
  },
  async calendarChoice(userId: string, accountId: string) {
    return choices.get(key(userId, accountId))
  },
  async saveCalendarChoice(userId: string, accountId: string, choice: CalendarChoice) {
    choices.set(key(userId, accountId), choice)
  },
}
