// Types of accountStore.mjs, for the tests (the demo server itself is plain JavaScript).

export interface DemoUser {
  id: string
  name: string
  email: string
}

export interface StoredAccount {
  accountId: string
  provider: string
  email: string | null
  name: string | null
  status: string
  scopes: string[]
  connectedAt: string
  updatedAt: string
}

export interface AccountInput {
  accountId: string
  provider: string
  email?: string
  name?: string
  status: string
  scopes?: string[]
}

export interface AccountStore {
  kind: 'pglite' | 'postgres'
  getUser(id: string): Promise<DemoUser | undefined>
  saveUser(user: DemoUser): Promise<DemoUser>
  upsertAccount(userId: string, account: AccountInput): Promise<StoredAccount>
  listAccounts(userId: string): Promise<StoredAccount[]>
  getAccount(userId: string, accountId: string): Promise<StoredAccount | undefined>
  hasAccount(userId: string, accountId: string): Promise<boolean>
  getCalendarSelection(userId: string, accountId: string): Promise<CalendarSelection | undefined>
  saveCalendarSelection(
    userId: string,
    accountId: string,
    selection: { conflicts: string[]; destination: string | null },
  ): Promise<CalendarSelection | undefined>
  markCalendarsChanged(accountId: string): Promise<void>
  calendarsChangedAt(accountId: string): Promise<string | null>
  setStatus(accountId: string, status: string, userIds?: Iterable<string>): Promise<number>
  removeAccount(accountId: string, userId?: string): Promise<number>
  listFakeAccounts(): Promise<FakeAccount[]>
  saveFakeAccount(account: FakeAccount): Promise<void>
  removeFakeAccount(accountId: string): Promise<void>
  close(): Promise<void>
}

/** The calendars a user chose for one account: checked for conflicts, and where bookings go. */
export interface CalendarSelection {
  conflicts: string[]
  destination: string | null
  updatedAt: string
}

export interface FakeAccount {
  accountId: string
  provider: string
  email: string | null
  name: string
  status: string
}

export function openAccountStore(options?: {
  databaseUrl?: string
  dataDir?: string
}): Promise<AccountStore>
