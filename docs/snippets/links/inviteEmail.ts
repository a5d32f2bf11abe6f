// A link your backend makes for a user: in an onboarding email, or from a support tool
import { connectLinks } from './server.js'

export async function calendarInviteEmail(user: { id: string; name: string; email: string }) {
  // The link connects for user.id, from any browser, once; its email and name fill the form.
  const url = await connectLinks.create({
    userId: user.id,
    provider: 'google', // or leave it out: any provider
    email: user.email,
    name: user.name,
  })
  return {
    to: user.email,
    subject: 'Connect your calendar to Acme',
    text: `Hi ${user.name}, connect your Google Calendar here (the link works once, for an hour):\n${url}`,
  }
}
