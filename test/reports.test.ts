import { readFileSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { checkPage } from './support/axe'
import { launchBrowser } from './support/browser'
import { linkTo, waitForMail } from './support/mailbox'
import { DEMO, pageApi, runId, signIn } from './support/session'

const baseUrl = inject('baseUrl')
const reports = `${baseUrl}/orgs/${DEMO.slug}/reports`

/** A member of the demo organization with `role`, invited by the owner, signed in inside a new context. */
async function member(
  browser: Browser,
  owner: Page,
  role: string,
  viewport: { width: number; height: number },
) {
  const email = `reports-${role}-${runId()}@example.org`
  const invited = await pageApi(owner, 'POST', `/api/v1/orgs/${DEMO.slug}/invitations`, { email, role })
  expect(invited.status, JSON.stringify(invited.body)).toBe(201)
  const mail = await waitForMail(baseUrl, email, {
    match: (m) => m.links.some((l) => new URL(l).pathname === '/invitations/accept'),
  })
  const token = new URL(linkTo(mail, '/invitations/accept')).searchParams.get('token')
  const context = await browser.newContext({ locale: 'en-US', viewport, acceptDownloads: true })
  const page = await context.newPage()
  await page.goto(`${baseUrl}/about`)
  const accepted = await pageApi(page, 'POST', '/api/v1/invitations/accept', {
    token,
    name: `Reports ${role}`,
  })
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200)
  return { context, page }
}

describe('reports: charts with their tables, filters and CSV, for a coordinator and a partner (Chromium)', () => {
  let browser: Browser
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
  })

  it('a coordinator reads, filters and downloads; a partner sees the same and nothing identifying', {
    timeout: 60_000,
  }, async () => {
    const ownerContext = await browser.newContext({ locale: 'en-US' })
    contexts.push(ownerContext)
    const owner = await ownerContext.newPage()
    await signIn(owner, baseUrl, DEMO.ownerEmail)

    // 1. The coordinator opens the reports page: every measure is a chart with its table beside it.
    const coordinator = await member(browser, owner, 'coordinator', { width: 1280, height: 900 })
    contexts.push(coordinator.context)
    const page = coordinator.page
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await page.goto(reports)
    await page.getByTestId('report-measure').first().waitFor()
    const sections = page.getByTestId('report-measure')
    const count = await sections.count()
    expect(count).toBeGreaterThan(0)
    expect(await page.getByTestId('report-chart').count()).toBe(count)
    expect(await page.getByTestId('report-table').count()).toBe(count)
    await page.locator('[data-testid="report-chart"] svg').first().waitFor()
    expect(await page.getByTestId('report-chart').first().getAttribute('role')).toBe('img')
    expect(await page.getByTestId('report-suppression').textContent()).toContain('fewer than 5 people')
    const violations = await checkPage(page, 'reports', 'coordinator')

    // 2. Filters by an attribute: the tables gain the groups' columns (and everyone's first).
    await page.getByTestId('report-by').selectOption('role')
    await expect
      .poll(async () =>
        (await page.getByTestId('report-table').first().locator('thead th').allTextContents()).join('|'),
      )
      .toMatch(/^Month\|Everyone\|/)

    // 3. Downloads the same cells as CSV.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-csv').click(),
    ])
    const csv = readFileSync((await download.path()) as string, 'utf8')
    expect(csv.replace(/^\ufeff/, '').split('\r\n')[0]).toBe('period,measure,by,group,value,n,suppressed')
    expect(csv).toContain(',role,')

    // 4. A partner on a phone sees the same page; nothing identifying is within reach.
    const partner = await member(browser, owner, 'partner', { width: 360, height: 740 })
    contexts.push(partner.context)
    partner.page.on('pageerror', (e) => pageErrors.push(e.message))
    await partner.page.goto(`${baseUrl}/orgs/${DEMO.slug}`)
    await partner.page.getByTestId('reports-link').click()
    await partner.page.getByTestId('report-measure').first().waitFor()
    expect(await partner.page.getByTestId('report-measure').count()).toBe(count)
    expect(await partner.page.getByTestId('report-settings-form').count()).toBe(0)
    const width = await partner.page.evaluate(() => document.documentElement.scrollWidth)
    expect(width).toBeLessThanOrEqual(360)
    violations.push(...(await checkPage(partner.page, 'reports', 'partner-360')))
    for (const path of ['programs', 'members', 'events', 'attention', 'audit-log'])
      expect((await pageApi(partner.page, 'GET', `/api/v1/orgs/${DEMO.slug}/${path}`)).status, path).toBe(403)
    await partner.page.goto(`${baseUrl}/orgs/${DEMO.slug}`)
    await partner.page.getByTestId('reports-link').waitFor()
    expect(await partner.page.getByTestId('programs-link').count()).toBe(0)

    // 5. The owner also sees what is published and imports a city's neighbourhood statistics.
    owner.on('pageerror', (e) => pageErrors.push(e.message))
    await owner.goto(reports)
    await owner.getByTestId('report-settings-form').waitFor()
    await owner.getByTestId('report-neighborhood-file').setInputFiles({
      name: 'neighbourhoods.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'neighbourhood,period,measure,value,source\nAltstadt,2026,school attendance %,93.5,City\n',
      ),
    })
    await expect.poll(() => owner.locator('[role="status"]').allTextContents()).toContain('Rows imported: 1.')
    violations.push(...(await checkPage(owner, 'reports', 'owner')))

    expect(violations).toEqual([])
    expect(pageErrors).toEqual([])
  })
})
