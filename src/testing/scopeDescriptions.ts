const GOOGLE = 'https://www.googleapis.com/auth/'

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  [`${GOOGLE}userinfo.email`]: 'See your primary email address',
  [`${GOOGLE}userinfo.profile`]: 'See your name and profile picture',
  openid: 'Associate you with your personal info',
  [`${GOOGLE}calendar.events`]: 'View and edit events on all your calendars',
  [`${GOOGLE}calendar.freebusy`]: 'See when you are free or busy',
  [`${GOOGLE}admin.directory.resource.calendar.readonly`]:
    "See your organisation's rooms and other bookable resources",
  [`${GOOGLE}calendar.calendarlist.readonly`]: 'See the list of calendars you subscribe to',
  [`${GOOGLE}calendar.calendars.readonly`]:
    'See the title, description and time zone of your calendars',
  profile: 'View your basic profile',
  email: 'View your email address',
  offline_access: 'Keep access to the data you gave it access to',
  'User.Read': 'Sign you in and read your profile',
  'Calendars.ReadWrite': 'Have full access to your calendars',
  'meeting:write': 'Create and manage your meetings',
  'user:read': 'View your user information',
}

/** The plain-words description a consent screen shows for a scope, if it is a known one. */
export function describeScope(scope: string): string | undefined {
  return DESCRIPTIONS[scope]
}
