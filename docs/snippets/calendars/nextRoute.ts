// app/api/accounts/[accountId]/calendars/route.ts — Next.js App Router
import { db, getUserId } from './app.js' // your session lookup and database
import { checkCalendarChoice, hasCalendars } from './calendarChoice.js'

type Context = { params: Promise<{ accountId: string }> }

/** The user's own account, from your table: never the browser's word for it. */
async function ownAccount(request: Request, { params }: Context) {
  const userId = await getUserId(request.headers.get('cookie'))
  if (!userId) return { refused: Response.json({ error: 'unauthorized' }, { status: 401 }) }
  const { accountId } = await params
  const account = await db.accountOf(userId, accountId)
  // Not theirs (or a Zoom account, which has no calendars): the same 404 either way.
  if (!account || !hasCalendars(account.provider)) {
    return { refused: Response.json({ error: 'not_found' }, { status: 404 }) }
  }
  return { userId, accountId, provider: account.provider }
}

export async function GET(request: Request, context: Context) {
  const own = await ownAccount(request, context)
  if (own.refused) return own.refused
  const choice = await db.calendarChoice(own.userId, own.accountId)
  return Response.json({ choice: choice ?? null })
}

export async function PUT(request: Request, context: Context) {
  const own = await ownAccount(request, context)
  if (own.refused) return own.refused
  const input = await request.json().catch(() => undefined)
  const checked = await checkCalendarChoice(own.provider, own.accountId, input)
  if (!checked.ok) return Response.json(checked.body, { status: checked.status })
  await db.saveCalendarChoice(own.userId, own.accountId, checked.choice)
  return Response.json({ choice: checked.choice })
}
