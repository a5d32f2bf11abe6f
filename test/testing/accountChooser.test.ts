import { within } from '@testing-library/dom'
import axe from 'axe-core'
import { describe, expect, it } from 'vitest'
import { createFakePyas, type FakePyas } from '../../src/testing/index.js'
import { API_KEY, get, post, submitRequest } from './helpers.js'

const REDIRECT = 'https://app.example/settings'

function createFake() {
  return createFakePyas({ redirectUrl: REDIRECT, apiKey: API_KEY, appName: 'Acme' })
}

/** The consent URL of an oauth call, with `prompt` added the way the library adds it. */
async function consentUrl(fake: FakePyas, prompt?: string): Promise<string> {
  const response = await get(fake, '/google/oauth?email=ada%40example.com&state=pyas_c1')
  const url = new URL(((await response.json()) as { url: string }).url)
  if (prompt !== undefined) url.searchParams.set('prompt', prompt)
  return url.href
}

/** Shows a page of the fake in the test's document, as the browser would. */
async function open(fake: FakePyas, request: Request) {
  const response = await fake.handle(request)
  const html = await response.text()
  const parsed = new DOMParser().parseFromString(html, 'text/html')
  document.documentElement.innerHTML = parsed.documentElement.innerHTML
  document.documentElement.lang = parsed.documentElement.lang
  return { response, page: within(document.body), url: request.url }
}

/** Clicks the named button: the request its form sends, answered by the fake. */
async function click(fake: FakePyas, at: { url: string }, name: string) {
  const button = within(document.body).getByRole('button', { name })
  const request = submitRequest(button, at.url)
  return request.method === 'GET' ? open(fake, request) : fake.handle(request)
}

async function connectFrom(fake: FakePyas, location: string) {
  const code = new URL(location).searchParams.get('code')
  const response = await post(fake, '/google/connect', { code, name: 'Ada' })
  return (await response.json()).data.account as { email: string; accountId: string }
}

describe('createFakePyas consent page', () => {
  it('should connect the account typed after "Use another account"', async () => {
    const fake = createFake()
    const consent = await open(fake, new Request(await consentUrl(fake)))
    expect(consent.page.getByRole('main').textContent).toContain('Signed in as ada@example.com')

    const chooser = await click(fake, consent, 'Use another account')
    if (chooser instanceof Response) throw new Error('the chooser is a page')
    expect(chooser.response.status).toBe(200)
    chooser.page.getByRole('heading', { level: 1, name: 'Use another account' })
    const email = chooser.page.getByRole('textbox', { name: 'Email address' })
    expect(email).toHaveAttribute('type', 'email')
    expect(email).toHaveAttribute('autocomplete', 'email')
    expect(email).toHaveAttribute('autofocus')
    expect(email).toHaveValue('')
    ;(email as HTMLInputElement).value = ' grace@example.org '

    const again = await click(fake, chooser, 'Next')
    if (again instanceof Response) throw new Error('Next shows the consent page')
    expect(again.response.status).toBe(200)
    expect(again.page.getByRole('main').textContent).toContain('Signed in as grace@example.org')

    const decision = await click(fake, again, 'Allow')
    if (!(decision instanceof Response)) throw new Error('Allow redirects')
    expect(decision.status).toBe(303)
    const location = decision.headers.get('location')!
    expect(new URL(location).searchParams.get('state')).toBe('pyas_c1')
    expect(await connectFrom(fake, location)).toMatchObject({ email: 'grace@example.org' })
    expect(fake.accounts().map((account) => account.email)).toEqual(['grace@example.org'])
  })

  it('should let the user Deny from the page of the other account', async () => {
    const fake = createFake()
    const consent = await open(fake, new Request(await consentUrl(fake)))
    const chooser = await click(fake, consent, 'Use another account')
    if (chooser instanceof Response) throw new Error('the chooser is a page')
    ;(chooser.page.getByRole('textbox', { name: 'Email address' }) as HTMLInputElement).value =
      'grace@example.org'
    const again = await click(fake, chooser, 'Next')
    if (again instanceof Response) throw new Error('Next shows the consent page')
    const decision = (await click(fake, again, 'Deny')) as Response
    expect(decision.headers.get('location')).toBe(`${REDIRECT}?error=access_denied&state=pyas_c1`)
  })

  it('should refuse an empty or invalid email with an accessible error', async () => {
    const fake = createFake()
    const consent = await open(fake, new Request(await consentUrl(fake)))
    const chooser = await click(fake, consent, 'Use another account')
    if (chooser instanceof Response) throw new Error('the chooser is a page')
    for (const [typed, message] of [
      ['', 'Enter an email address.'],
      ['grace@', 'Enter a valid email address.'],
    ] as const) {
      ;(
        within(document.body).getByRole('textbox', { name: 'Email address' }) as HTMLInputElement
      ).value = typed
      const refused = await click(fake, chooser, 'Next')
      if (refused instanceof Response) throw new Error('a refusal is a page')
      expect(refused.response.status).toBe(400)
      const email = refused.page.getByRole('textbox', { name: 'Email address' })
      expect(email).toHaveAttribute('aria-invalid', 'true')
      expect(email).toHaveAccessibleDescription(message)
      expect(email).toHaveValue(typed)
      // The state and the app survive the round, so a corrected email still completes it.
      expect(document.querySelector('input[name="state"]')).toHaveValue('pyas_c1')
    }
  })

  it('should serve the chooser without accessibility violations', async () => {
    const fake = createFake()
    const consent = await open(fake, new Request(await consentUrl(fake, 'select_account')))
    await click(fake, consent, 'Use another account')
    const results = await axe.run(document.documentElement, {
      rules: { 'color-contrast': { enabled: false } },
    })
    expect(results.violations).toEqual([])
  })

  it('should keep and show a prompt added to the consent URL', async () => {
    const fake = createFake()
    const consent = await open(fake, new Request(await consentUrl(fake, 'consent select_account')))
    expect(consent.response.status).toBe(200)
    expect(consent.page.getByRole('main').textContent).toContain(
      'The app asked Google to ask for your consent again, let you choose the account (prompt=consent select_account).',
    )
    // Through "Use another account" and Next, the prompt is still there.
    const chooser = await click(fake, consent, 'Use another account')
    if (chooser instanceof Response) throw new Error('the chooser is a page')
    expect(new URL(chooser.url).searchParams.get('prompt')).toBe('consent select_account')
    ;(chooser.page.getByRole('textbox', { name: 'Email address' }) as HTMLInputElement).value =
      'grace@example.org'
    const again = await click(fake, chooser, 'Next')
    if (again instanceof Response) throw new Error('Next shows the consent page')
    expect(again.page.getByRole('main').textContent).toContain('(prompt=consent select_account)')
  })

  it('should show no prompt line without a prompt', async () => {
    const fake = createFake()
    const consent = await open(fake, new Request(await consentUrl(fake)))
    expect(consent.page.getByRole('main').textContent).not.toContain('prompt=')
  })

  it('should refuse a prompt that is not an OpenID Connect value', async () => {
    const fake = createFake()
    const consent = await open(fake, new Request(await consentUrl(fake, 'select_account force')))
    expect(consent.response.status).toBe(400)
    expect(consent.page.getByRole('main').textContent).toContain(
      'The prompt "select_account force" is not one of select_account, consent, login, none.',
    )
  })
})

describe('fake.decide', () => {
  it('should allow as another account with options.email', async () => {
    const fake = createFake()
    const location = await fake.decide(await consentUrl(fake, 'select_account'), 'allow', {
      email: 'Grace@Example.org',
    })
    expect(await connectFrom(fake, location)).toMatchObject({ email: 'Grace@Example.org' })
  })

  it('should refuse a decision or an email that is not one', async () => {
    const fake = createFake()
    const url = await consentUrl(fake)
    // @ts-expect-error 'maybe' is not a decision
    await expect(fake.decide(url, 'maybe')).rejects.toThrow(
      new TypeError(`fake.decide: the decision must be 'allow' or 'deny', not "maybe".`),
    )
    await expect(fake.decide(url, 'allow', { email: 'grace' })).rejects.toThrow(
      new TypeError('fake.decide: `email` must be an email address, not "grace".'),
    )
    // @ts-expect-error options must be an object
    await expect(fake.decide(url, 'allow', 'grace@example.org')).rejects.toThrow(
      /options must be an object/,
    )
  })
})
