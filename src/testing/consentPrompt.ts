/** The OpenID Connect `prompt` values, with what the consent page says each one asks for. */
const PROMPTS: Readonly<Record<string, string>> = {
  select_account: 'let you choose the account',
  consent: 'ask for your consent again',
  login: 'ask you to sign in again',
  none: 'show no screen (this test page still does)',
}

/** The values of a `prompt` query parameter, or `null` when one is not an OpenID Connect value. */
export function parsePrompt(value: string | null): string[] | null {
  const values = [...new Set((value ?? '').split(' ').filter(Boolean))]
  return values.every((item) => Object.hasOwn(PROMPTS, item)) ? values : null
}

/** What the page says the app asked for, e.g. "let you choose the account". */
export function describePrompt(values: readonly string[]): string {
  return values.map((value) => PROMPTS[value] ?? value).join(', ')
}

/** The error page's text for a `prompt` the fake does not know. */
export function unknownPromptMessage(value: string | null): string {
  return `The prompt ${JSON.stringify(value)} is not one of ${Object.keys(PROMPTS).join(', ')}.`
}
