import type { Page } from 'playwright-core'
import { inject } from 'vitest'
import { DEMO } from './demo'
import { listMailbox, waitForMail } from './mailbox'

export { DEMO }

export interface ApiAnswer<T = unknown> {
  status: number
  body: T
}

/**
 * Calls the API from inside the page, so the request is same-origin and carries the page's session
 * cookie exactly as the web client's own requests do (the CSRF check wants `Sec-Fetch-Site: same-origin`).
 * The page must be on the app's origin.
 */
export async function pageApi<T = unknown>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
      })
      const text = await res.text()
      let parsed: unknown = text
      try {
        parsed = text ? JSON.parse(text) : undefined
      } catch {
        // not JSON (e.g. text/csv)
      }
      return { status: res.status, body: parsed as never }
    },
    { method, path, body },
  )
}

/**
 * Signs `email` in inside the page's browser context: asks for a sign-in email, reads the 6-digit code
 * from the dev mailbox, and verifies it (the session cookie lands in the context). The demo owner is signed in
 * once per run (the global setup; the product allows 5 sign-in emails per address in 15 minutes) and that
 * session is put into the context. The sign-in UI itself is covered by auth.test.ts.
 */
export async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  if (!page.url().startsWith(baseUrl)) await page.goto(`${baseUrl}/about`)
  if (email === DEMO.ownerEmail) {
    await page.context().addCookies([
      {
        name: '__Host-tandem_session',
        value: inject('demoOwnerSession'),
        // A `__Host-` cookie must be Secure: the debugging protocol takes a Secure cookie only for an https
        // address. Chromium treats 127.0.0.1 as secure and sends it over plain http too, as it does for the cookie
        // the API sets.
        url: baseUrl.replace(/^http:/, 'https:'),
        httpOnly: true,
        secure: true,
        sameSite: 'Lax',
      },
    ])
    const me = await pageApi(page, 'GET', '/api/v1/me')
    if (me.status !== 200) throw new Error(`the demo owner's session answered ${me.status}`)
    return
  }
  const seen = new Set((await listMailbox(baseUrl)).map((m) => m.id))
  const asked = await pageApi(page, 'POST', '/api/v1/auth/email', { email })
  if (asked.status !== 202)
    throw new Error(`auth/email answered ${asked.status}: ${JSON.stringify(asked.body)}`)
  // Only the newest code works. An email asked for earlier (the sign-up's own sign-in link) may arrive after
  // this one, since email leaves in batches: a code refused as replaced is skipped for the next email.
  for (let tries = 0; ; tries++) {
    const mail = await waitForMail(baseUrl, email, { seen })
    const code = /\b(\d{6})\b/.exec(mail.text)?.[1]
    if (!code) throw new Error(`no 6-digit code in:\n${mail.text}`)
    const verified = await pageApi(page, 'POST', '/api/v1/auth/verify', { email, code })
    if (verified.status === 200) return
    if (verified.status !== 400 || tries >= 2)
      throw new Error(`auth/verify answered ${verified.status}: ${JSON.stringify(verified.body)}`)
    seen.add(mail.id)
  }
}

/** Creates a program through the API (as the signed-in page) and returns its id. */
export async function createProgram(
  page: Page,
  slug: string,
  settings: Record<string, unknown>,
): Promise<string> {
  const res = await pageApi<{ id: string }>(page, 'POST', `/api/v1/orgs/${slug}/programs`, settings)
  if (res.status !== 201)
    throw new Error(`creating a program answered ${res.status}: ${JSON.stringify(res.body)}`)
  return res.body.id
}

/** Unique per run: the dev server's database may outlive one run when reused. */
export const runId = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

/** The id of the seeded demo program ("Welcome Tandems 2027"), read as the signed-in page. */
export async function demoProgramId(page: Page): Promise<string> {
  const programs = await pageApi<{ items: { id: string; name: string }[] }>(
    page,
    'GET',
    `/api/v1/orgs/${DEMO.slug}/programs`,
  )
  const demo = programs.body.items.find((p) => p.name === 'Welcome Tandems 2027')
  if (!demo) throw new Error(`no demo program in ${JSON.stringify(programs.body)}`)
  return demo.id
}
