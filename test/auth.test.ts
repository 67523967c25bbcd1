import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { checkPage } from './support/axe'
import { launchBrowser } from './support/browser'
import { linkTo, listMailbox, waitForMail } from './support/mailbox'
import { fillSignup } from './support/signup'

const baseUrl = inject('baseUrl')

// Unique per run: the dev server's database may outlive one run when reused.
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
const orgName = `E2E City ${run}`
const slug = `e2e-city-${run}`
const owner = { name: 'Olivia Owner', email: `owner-${run}@example.com` }
const coordinator = { name: 'Cora Ordinator', email: `coordinator-${run}@example.com` }

const phone = { locale: 'en-US', viewport: { width: 390, height: 844 } }

describe('organizations, passwordless sign-in, members and invitations (Chromium)', () => {
  let browser: Browser
  /** The owner, signed in by code in the second test; the last test goes on with this page. */
  let ownerPage: Page | undefined
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []

  async function newPage(): Promise<Page> {
    const context = await browser.newContext(phone)
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    return page
  }

  /** The dev mailbox page: waits (it polls) for the newest email to `to` and opens its link to `path`. */
  async function openMailboxLink(page: Page, to: string, path: string) {
    await page.goto(`${baseUrl}/dev/mailbox`)
    const link = page
      .locator(`[data-testid="mailbox-item"][data-to="${to}"]`)
      .first()
      .locator(`a[data-testid="mailbox-link"][href*="${path}"]`)
      .first()
    await link.waitFor({ timeout: 20_000 })
    const href = await link.getAttribute('href')
    expect(href && new URL(href).origin).toBe(baseUrl)
    await link.click()
  }

  async function orgSwitcherSlugs(page: Page): Promise<string[]> {
    return page
      .getByTestId('org-switcher')
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean))
  }

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
  })

  it('signs up, signs in from the email link, invites a coordinator who accepts', {
    timeout: 120_000,
  }, async () => {
    // 1. Sign up a new organization.
    const ownerPage = await newPage()
    await ownerPage.goto(`${baseUrl}/signup`)
    await ownerPage.getByTestId('sign-up-link').waitFor() // signed out: the header offers sign in / sign up
    await fillSignup(ownerPage, {
      name: orgName,
      kind: 'city',
      country: 'DE',
      timezone: 'Europe/Berlin',
      language: 'en',
      adminName: owner.name,
      adminEmail: owner.email,
    })
    expect(await ownerPage.getByTestId('signup-slug').inputValue()).toBe(slug) // suggested from the name
    await ownerPage.getByTestId('signup-submit').click()
    await ownerPage.getByTestId('signup-done').waitFor()
    expect(await ownerPage.getByTestId('signup-done').textContent()).toContain(owner.email)

    // 2. The sign-in email, read on the dev mailbox page. Its link opens a page that says who signs in and signs
    //    in only when the button is pressed (mail scanners open links too).
    await openMailboxLink(ownerPage, owner.email, '/sign-in/verify')
    await ownerPage.waitForURL((url) => url.pathname === '/sign-in/verify')
    await expect.poll(() => ownerPage.getByTestId('verify-email').textContent()).toContain(owner.email)
    expect(await ownerPage.getByTestId('sign-up-link').count()).toBe(1) // still signed out
    await ownerPage.getByTestId('verify-sign-in').click()
    await ownerPage.waitForURL(`${baseUrl}/orgs/${slug}`)
    await expect.poll(() => ownerPage.getByTestId('org-name').textContent()).toBe(orgName)
    expect(await ownerPage.getByTestId('org-role').getAttribute('data-role')).toBe('owner')
    expect(await ownerPage.getByTestId('session-user').textContent()).toContain(owner.name)
    expect(await orgSwitcherSlugs(ownerPage)).toContain(slug)
    expect(await ownerPage.getByTestId('org-switcher').inputValue()).toBe(slug)

    // 3. Members: the owner is listed; invite a coordinator.
    await ownerPage.getByTestId('members-link').click()
    await ownerPage.waitForURL(`${baseUrl}/orgs/${slug}/members`)
    await ownerPage.locator(`[data-testid="member-row"][data-email="${owner.email}"]`).waitFor()
    const roles = await ownerPage
      .getByTestId('invite-role')
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean))
    expect(roles).toEqual(['owner', 'admin', 'coordinator', 'mentor', 'mentee', 'partner'])
    await ownerPage.getByTestId('invite-email').fill(coordinator.email)
    await ownerPage.getByTestId('invite-role').selectOption('coordinator')
    await ownerPage.getByTestId('invite-submit').click()
    await ownerPage
      .locator(`[data-testid="invitation-row"][data-email="${coordinator.email}"][data-status="pending"]`)
      .waitFor()
    expect(await ownerPage.getByTestId('members-notice').textContent()).toContain(coordinator.email)

    // 4. Sign out: back to signed-out header, and the session is gone on the server too.
    await ownerPage.getByTestId('sign-out').click()
    await ownerPage.getByTestId('sign-in-link').waitFor()
    expect(new URL(ownerPage.url()).pathname).toBe('/')
    const me = await ownerPage.evaluate(async () => (await fetch('/api/v1/me')).status)
    expect(me).toBe(401)

    // 5. The coordinator, in a browser of their own, opens the invitation email and accepts.
    const coordinatorPage = await newPage()
    await openMailboxLink(coordinatorPage, coordinator.email, '/invitations/accept')
    await coordinatorPage.waitForURL((url) => url.pathname === '/invitations/accept')
    // The page says what the invitation is for and asks the new person's name.
    await expect
      .poll(() => coordinatorPage.getByTestId('accept-for').textContent())
      .toContain(coordinator.email)
    expect(await coordinatorPage.getByTestId('accept-what').textContent()).toContain(orgName)
    await coordinatorPage.getByTestId('accept-name').fill(coordinator.name)
    await coordinatorPage.getByTestId('accept-invitation').click()
    await coordinatorPage.waitForURL(`${baseUrl}/orgs/${slug}`)
    await expect.poll(() => coordinatorPage.getByTestId('org-name').textContent()).toBe(orgName)
    expect(await coordinatorPage.getByTestId('org-role').getAttribute('data-role')).toBe('coordinator')
    expect(await orgSwitcherSlugs(coordinatorPage)).toEqual([slug])
    expect(await coordinatorPage.getByTestId('session-user').textContent()).toContain(coordinator.name)

    // 6. A coordinator sees the members but may only invite mentors and mentees, and remove no one.
    await coordinatorPage.getByTestId('members-link').click()
    await coordinatorPage.locator(`[data-testid="member-row"][data-email="${coordinator.email}"]`).waitFor()
    await coordinatorPage
      .locator(`[data-testid="invitation-row"][data-email="${coordinator.email}"][data-status="accepted"]`)
      .waitFor()
    const coordinatorRoles = await coordinatorPage
      .getByTestId('invite-role')
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean))
    expect(coordinatorRoles).toEqual(['mentor', 'mentee'])
    expect(await coordinatorPage.getByTestId('member-remove').count()).toBe(0)

    expect(pageErrors).toEqual([])
  })

  it('signs in with the 6-digit code from the email', { timeout: 60_000 }, async () => {
    const page = await newPage()
    const seen = new Set((await listMailbox(baseUrl)).map((m) => m.id))
    await page.goto(`${baseUrl}/sign-in`)
    await page.getByTestId('sign-in-email').fill(owner.email)
    await page.getByTestId('sign-in-submit').click()
    await page.getByTestId('sign-in-code').waitFor()
    expect(await page.getByTestId('sign-in-code').getAttribute('autocomplete')).toBe('one-time-code')
    expect(await page.getByTestId('sign-in-code').getAttribute('inputmode')).toBe('numeric')

    const mail = await waitForMail(baseUrl, owner.email, { seen })
    linkTo(mail, '/sign-in/verify') // the email also has the link
    const code = /\b(\d{6})\b/.exec(mail.text)?.[1]
    expect(code, `a 6-digit code in:\n${mail.text}`).toBeDefined()

    // A wrong code first: the problem is shown and the person can try again.
    await page.getByTestId('sign-in-code').fill(code === '000000' ? '111111' : '000000')
    await page.getByTestId('sign-in-verify').click()
    await page.locator('[data-testid="form-error"], [data-testid="sign-in-code-error"]').first().waitFor()

    await page.getByTestId('sign-in-code').fill(code ?? '')
    await page.getByTestId('sign-in-verify').click()
    await page.waitForURL(`${baseUrl}/orgs/${slug}`)
    expect(await page.getByTestId('session-user').textContent()).toContain(owner.name)
    expect(pageErrors).toEqual([])
    ownerPage = page
  })

  it('shows a taken slug on the slug field', async () => {
    const page = await newPage()
    await page.goto(`${baseUrl}/signup`)
    await fillSignup(page, {
      name: `Another ${orgName}`,
      slug,
      kind: 'ngo',
      country: 'other',
      countryCode: 'ke',
      timezone: 'Africa/Nairobi',
      adminName: 'Second Owner',
      adminEmail: `second-${run}@example.com`,
    })
    await page.getByTestId('signup-submit').click()
    const error = page.getByTestId('org-slug-error')
    await error.waitFor()
    expect(await page.getByTestId('signup-slug').getAttribute('aria-invalid')).toBe('true')
    // The slug input gets focus so the person can fix it right away.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('org-slug')
    expect(pageErrors).toEqual([])
  })

  it('lets the owner resend and revoke invitations, change a role and remove a member', {
    timeout: 90_000,
  }, async () => {
    const page = ownerPage
    if (!page) throw new Error('needs the signed-in owner from the previous test')
    const mentee = `mentee-${run}@example.com`
    const row = (testid: string, email: string) =>
      page.locator(`[data-testid="${testid}"][data-email="${email}"]`)
    await page.goto(`${baseUrl}/orgs/${slug}/members`)
    await row('member-row', coordinator.email).waitFor()

    // Invite a mentee, send the invitation again (a second email), then revoke it.
    await page.getByTestId('invite-email').fill(mentee)
    await page.getByTestId('invite-role').selectOption('mentee')
    await page.getByTestId('invite-submit').click()
    await row('invitation-row', mentee).and(page.locator('[data-status="pending"]')).waitFor()
    const first = await waitForMail(baseUrl, mentee)
    // Label in name (WCAG 2.5.3): each button's accessible name starts with its visible text, then whose it is.
    for (const action of ['invitation-resend', 'invitation-revoke']) {
      const button = row('invitation-row', mentee).getByTestId(action)
      const name = (await button.getAttribute('aria-label')) ?? ''
      expect(name.startsWith((await button.textContent()) ?? '-')).toBe(true)
      expect(name).toContain(mentee)
    }
    await row('invitation-row', mentee).getByTestId('invitation-resend').click()
    await expect.poll(() => page.getByTestId('members-notice').textContent()).toContain('again')
    await waitForMail(baseUrl, mentee, { seen: new Set([first.id]) })
    await row('invitation-row', mentee).getByTestId('invitation-revoke').click()
    await row('invitation-row', mentee).and(page.locator('[data-status="revoked"]')).waitFor()
    expect(await row('invitation-row', mentee).getByTestId('invitation-resend').count()).toBe(0)

    // Change the coordinator's role to mentor (select, then save).
    await row('member-row', coordinator.email).getByTestId('member-role-select').selectOption('mentor')
    await row('member-row', coordinator.email).getByTestId('member-role-save').click()
    await row('member-row', coordinator.email).and(page.locator('[data-role="mentor"]')).waitFor()

    // The only owner cannot step down: the API's refusal is shown on the owner's row.
    await row('member-row', owner.email).getByTestId('member-role-select').selectOption('admin')
    await row('member-row', owner.email).getByTestId('member-role-save').click()
    await row('member-row', owner.email).getByTestId('member-error').waitFor()
    expect(await row('member-row', owner.email).getAttribute('data-role')).toBe('owner')
    expect(await row('member-row', owner.email).getByTestId('member-role-select').inputValue()).toBe('owner')

    // Remove the former coordinator, with the confirm step.
    await row('member-row', coordinator.email).getByTestId('member-remove').click()
    await row('member-row', coordinator.email).getByTestId('member-remove-confirm').click()
    await row('member-row', coordinator.email).waitFor({ state: 'detached' })
    expect(await page.getByTestId('members-notice').textContent()).toContain('removed')
    expect(pageErrors).toEqual([])
  })

  it('locks a code entered wrong five times and offers a new one right there', {
    timeout: 60_000,
  }, async () => {
    const page = await newPage()
    const seen = new Set((await listMailbox(baseUrl)).map((m) => m.id))
    await page.goto(`${baseUrl}/sign-in`)
    await page.getByTestId('sign-in-email').fill(owner.email)
    await page.getByTestId('sign-in-submit').click()
    const mail = await waitForMail(baseUrl, owner.email, { seen })
    const code = /\b(\d{6})\b/.exec(mail.text)?.[1] ?? ''
    for (let i = 0; i < 5; i++) {
      await page.getByTestId('sign-in-code').fill(code === '000000' ? '111111' : '000000')
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/verify')),
        page.getByTestId('sign-in-verify').click(),
      ])
    }
    await page.getByTestId('sign-in-locked').waitFor()
    expect(await page.getByTestId('sign-in-locked').textContent()).toContain('five times')
    expect(await checkPage(page, 'auth', 'sign-in-locked')).toEqual([])
    // A new code, asked for right there, works.
    const before = new Set((await listMailbox(baseUrl)).map((m) => m.id))
    await page.getByTestId('sign-in-new-code').click()
    await page.getByTestId('sign-in-resent').waitFor()
    const fresh = await waitForMail(baseUrl, owner.email, { seen: before })
    await page.getByTestId('sign-in-code').fill(/\b(\d{6})\b/.exec(fresh.text)?.[1] ?? '')
    await page.getByTestId('sign-in-verify').click()
    await page.waitForURL(`${baseUrl}/orgs/${slug}`)
    expect(pageErrors).toEqual([])
  })

  it('an invitation to an address that has an account needs that account; a link for another asks first', {
    timeout: 120_000,
  }, async () => {
    const page = ownerPage
    if (!page) throw new Error('needs the signed-in owner from an earlier test')
    // The former coordinator (removed in the previous test) still has an account: invite that address again.
    await page.goto(`${baseUrl}/orgs/${slug}/members`)
    const seen = new Set((await listMailbox(baseUrl)).map((m) => m.id))
    await page.getByTestId('invite-email').fill(coordinator.email)
    await page.getByTestId('invite-role').selectOption('mentor')
    await page.getByTestId('invite-submit').click()
    const invitation = await waitForMail(baseUrl, coordinator.email, { seen })

    // Whoever holds the link is not signed in by it: the page asks for a code sent to the address.
    const holder = await newPage()
    await holder.goto(linkTo(invitation, '/invitations/accept'))
    await holder.getByTestId('accept-sign-in').waitFor()
    expect(await holder.getByTestId('accept-for').textContent()).toContain(coordinator.email)
    expect(await holder.getByTestId('accept-invitation').count()).toBe(0)
    expect(await holder.getByTestId('sign-up-link').count()).toBe(1) // still signed out
    expect(await checkPage(holder, 'auth', 'invitation-existing-account')).toEqual([])
    const beforeCode = new Set((await listMailbox(baseUrl)).map((m) => m.id))
    await holder.getByTestId('accept-send-code').click()
    await holder.getByTestId('accept-code-sent').waitFor()
    const codeMail = await waitForMail(baseUrl, coordinator.email, { seen: beforeCode })

    // Meanwhile the sign-in link of that email, opened in the owner's browser, asks before switching accounts.
    await page.goto(linkTo(codeMail, '/sign-in/verify'))
    await page.getByTestId('switch-account').waitFor()
    expect(await page.getByTestId('switch-account').textContent()).toContain(owner.name)
    expect(await checkPage(page, 'auth', 'switch-account')).toEqual([])
    await page.getByTestId('switch-stay').click()
    await page.waitForURL(`${baseUrl}/orgs/${slug}`)
    expect(await page.getByTestId('session-user').textContent()).toContain(owner.name)

    // The code from the address signs its owner in and accepts: a mentor lands in the portal.
    await holder.getByTestId('sign-in-code').fill(/\b(\d{6})\b/.exec(codeMail.text)?.[1] ?? '')
    await holder.getByTestId('sign-in-verify').click()
    await holder.waitForURL(`${baseUrl}/orgs/${slug}/my`)
    expect(await holder.getByTestId('session-user').textContent()).toContain(coordinator.name)
    expect(pageErrors).toEqual([])
  })

  it('a sign-up with an address that has an account makes it owner only after that account confirms', {
    timeout: 120_000,
  }, async () => {
    const page = ownerPage
    if (!page) throw new Error('needs the signed-in owner from an earlier test')
    const secondSlug = `second-${run}`
    // Someone signs up a second organization with the owner's address: the same answer as for a new address.
    const stranger = await newPage()
    const seen = new Set((await listMailbox(baseUrl)).map((m) => m.id))
    await stranger.goto(`${baseUrl}/signup`)
    await fillSignup(stranger, {
      name: `Second ${orgName}`,
      slug: secondSlug,
      kind: 'ngo',
      country: 'DE',
      timezone: 'Europe/Berlin',
      adminName: 'Someone Else',
      adminEmail: owner.email,
    })
    await stranger.getByTestId('signup-submit').click()
    await stranger.getByTestId('signup-done').waitFor()
    // The address's owner is asked to confirm; the link leads to a page, not to a session.
    const mail = await waitForMail(baseUrl, owner.email, { seen })
    const link = linkTo(mail, '/invitations/accept')

    // Whoever holds the link, signed out, cannot take the organization: they are asked to sign in as that address.
    await stranger.goto(link)
    await stranger.getByTestId('accept-sign-in').waitFor()
    expect(await stranger.getByTestId('accept-invitation').count()).toBe(0)
    expect(await checkPage(stranger, 'auth', 'signup-confirm-signed-out')).toEqual([])

    // The account's own session confirms, and its owner lands in the new organization.
    await page.goto(link)
    await page.getByTestId('accept-what').waitFor()
    expect(await page.locator('h1').textContent()).not.toBe('')
    expect(await checkPage(page, 'auth', 'signup-confirm')).toEqual([])
    await page.getByTestId('accept-invitation').click()
    await page.waitForURL(`${baseUrl}/orgs/${secondSlug}`)
    expect(await page.getByTestId('session-user').textContent()).toContain(owner.name)
    const mine = await page.evaluate(async () => (await fetch('/api/v1/me')).json())
    expect(JSON.stringify(mine)).toContain(secondSlug)
    expect(pageErrors).toEqual([])
  })
})
