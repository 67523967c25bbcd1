import { readFileSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { checkPage } from './support/axe'
import { launchBrowser } from './support/browser'
import { createProgram, DEMO, pageApi, runId, signIn } from './support/session'

const baseUrl = inject('baseUrl')
const run = runId()

/**
 * A spreadsheet export as German Excel writes it: UTF-8 with a byte-order mark, semicolons between
 * cells, Windows line ends. Header = row 1; rows 2, 3 and 7 are good, rows 4, 5 and 6 are not.
 */
const good = [
  { row: 2, name: 'أمل خليل' },
  { row: 3, name: 'عمر الحداد' },
  { row: 7, name: 'Yusuf Demir' },
]
const csv = `\uFEFF${[
  'Name;Rolle;E-Mail;Sprachen;Stadtteil',
  `أمل خليل;mentee;amal-${run}@example.com;ar:native, de:A2;Nordviertel`,
  `عمر الحداد;Mentee;omar-${run}@example.com;ar:native;Altstadt`,
  `;mentee;nameless-${run}@example.com;ar:native;Altstadt`,
  `سارة يوسف;mentor;not-an-email;ar:native, de:C1;Südpark`,
  `ليلى حسن;mentee;layla-${run}@example.com;ar:superb;Weststadt`,
  `Yusuf Demir;mentor;yusuf-${run}@example.com;tr:native, de:native;Weststadt`,
].join('\r\n')}\r\n`

describe('CSV import wizard (Chromium)', () => {
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let programId: string
  const pageErrors: string[] = []
  const scripts: string[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } })
    page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    page.on('request', (r) => scripts.push(r.url()))
    await signIn(page, baseUrl, DEMO.ownerEmail)
    programId = await createProgram(page, DEMO.slug, {
      name: `Import tandems ${run}`,
      languages: ['ar', 'de', 'tr'],
      status: 'active',
    })
  })
  afterAll(async () => {
    await context?.close()
    await browser?.close()
  })

  const participants = async () =>
    (
      await pageApi<{ items: { displayName: string; status: string; role: string }[] }>(
        page,
        'GET',
        `/api/v1/orgs/${DEMO.slug}/programs/${programId}/participants?limit=200`,
      )
    ).body.items

  it('previews good and bad rows, creates nothing until confirmed, then imports with progress', {
    timeout: 120_000,
  }, async () => {
    // From the program page's "Import CSV" button.
    await page.goto(`${baseUrl}/orgs/${DEMO.slug}/programs/${programId}`)
    await page.getByTestId('participants-empty').waitFor()
    await page.getByTestId('import-link').click()
    await page.waitForURL(`${baseUrl}/orgs/${DEMO.slug}/programs/${programId}/import`)

    // A file is required before anything is sent.
    await page.getByTestId('import-check').click()
    await page.getByTestId('import-file-error').waitFor()

    await page.getByTestId('import-file').setInputFiles({
      name: 'teilnehmende.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    })
    await page.getByTestId('import-check').click()

    // The preview: what will be created, and each bad row with its row number and column.
    await page.getByTestId('import-preview').waitFor()
    expect(await page.getByTestId('import-total').textContent()).toBe('6')
    expect(await page.getByTestId('import-valid').textContent()).toBe('3')
    expect(await page.getByTestId('import-error-rows').textContent()).toBe('3')
    const errors = await page
      .getByTestId('import-error')
      .evaluateAll((rows) =>
        rows.map((r) => [Number(r.getAttribute('data-row')), r.getAttribute('data-column')]),
      )
    expect(errors).toEqual(
      expect.arrayContaining([
        [4, 'Name'],
        [5, 'E-Mail'],
        [6, 'Sprachen'],
      ]),
    )
    expect(new Set(errors.map(([row]) => row))).toEqual(new Set([4, 5, 6]))
    // The row and column are shown as text too (a person reads them, not only a test).
    const row5 = page.locator('[data-testid="import-error"][data-row="5"]')
    expect(await row5.textContent()).toContain('E-Mail')
    const toCreate = await page
      .getByTestId('import-row')
      .evaluateAll((rows) => rows.map((r) => [Number(r.getAttribute('data-row')), r.textContent]))
    expect(toCreate.map(([row]) => row)).toEqual(good.map((g) => g.row))
    for (const g of good) expect(toCreate.find(([row]) => row === g.row)?.[1]).toContain(g.name)

    // Nothing created yet.
    await page.getByTestId('import-nothing-yet').waitFor()
    expect(await participants()).toEqual([])

    // Confirm: progress until 100%, then the summary.
    await page.getByTestId('import-apply').click()
    await page.getByTestId('import-progress-bar').waitFor()
    const summary = page.getByTestId('import-summary')
    await summary.waitFor({ timeout: 60_000 })
    expect(await summary.getAttribute('data-status')).toBe('done')
    expect(await page.getByTestId('import-summary-progress').getAttribute('value')).toBe('100')
    expect(await page.getByTestId('import-summary-text').textContent()).toContain('3 people were added')

    // Back to the list: the new participants are there, as applied, with their names as written.
    await page.getByTestId('import-back').click()
    await page.waitForURL(`${baseUrl}/orgs/${DEMO.slug}/programs/${programId}`)
    await page.getByTestId('participants-table').waitFor()
    const names = await page
      .getByTestId('participant-link')
      .evaluateAll((links) => links.map((a) => a.textContent ?? ''))
    expect(names.sort()).toEqual(good.map((g) => g.name).sort())
    const created = await participants()
    expect(created.every((p) => p.status === 'applied')).toBe(true)
    expect(created.find((p) => p.displayName === 'Yusuf Demir')?.role).toBe('mentor')
    // A CSV never loads the workbook reader (a chunk of its own, fetched only for an .xlsx).
    expect(scripts.filter((url) => /\/assets\/xlsx-[^/]*\.js$/.test(url))).toEqual([])
    expect(pageErrors).toEqual([])
  })

  it('says plainly when a file cannot be read', async () => {
    await page.goto(`${baseUrl}/orgs/${DEMO.slug}/programs/${programId}/import`)
    await page.getByTestId('import-file').setInputFiles({
      name: 'wrong.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('\uFEFFVorname;Nachname\r\nAmal;Khalil\r\n', 'utf8'),
    })
    await page.getByTestId('import-check').click()
    // Missing columns are named next to the file input; nothing is created.
    await page.getByTestId('import-file-error').waitFor()
    expect(await page.getByTestId('import-file-error').textContent()).toContain('no column for')
    expect(await participants()).toHaveLength(3)
    expect(pageErrors).toEqual([])
  })
})

/** The workbook fixture of web/src/features/import (written like Excel writes one). */
const workbook = readFileSync(
  new URL('../web/src/features/import/fixtures/participants.xlsx', import.meta.url),
)

/** "Jürgen Müller" as German Excel on Windows saves a CSV: Windows-1252, semicolons, no byte-order mark. */
const windows1252 = Buffer.from(
  [
    'Name;Rolle;E-Mail;Sprachen;Stadtteil',
    `Jürgen Müller;Mentor;juergen-${run}@example.com;de:native, en:B2;Südstadt`,
    `Zoë Ñúñez;Mentee;zoe-${run}@example.com;es:native, de:A2;Weststraße`,
    '',
  ].join('\r\n'),
  'latin1', // the same bytes as Windows-1252 for these letters
)

describe('spreadsheets from Excel (Chromium)', () => {
  let browser: Browser
  let context: BrowserContext
  let page: Page
  const pageErrors: string[] = []
  const scripts: string[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } })
    page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    page.on('request', (r) => scripts.push(r.url()))
    await signIn(page, baseUrl, DEMO.ownerEmail)
  })
  afterAll(async () => {
    await context?.close()
    await browser?.close()
  })

  async function importPage(name: string) {
    const program = await createProgram(page, DEMO.slug, {
      name: `${name} ${run}`,
      languages: ['ar', 'de', 'uk', 'es'],
      status: 'active',
    })
    await page.goto(`${baseUrl}/orgs/${DEMO.slug}/programs/${program}/import`)
    await page.getByTestId('import-file').waitFor()
  }
  const rowsToCreate = () =>
    page
      .getByTestId('import-row')
      .evaluateAll((rows) =>
        rows.map((r) => [Number(r.getAttribute('data-row')), r.querySelector('bdi')?.textContent]),
      )

  it('the file picker takes .csv and .xlsx and says so', async () => {
    await importPage('Picker')
    const accept = (await page.getByTestId('import-file').getAttribute('accept')) ?? ''
    expect(accept.split(',')).toEqual(expect.arrayContaining(['.csv', '.xlsx']))
    expect(await page.getByLabel('CSV or Excel file (.csv, .xlsx)').count()).toBe(1)
  })

  it('reads an Excel workbook’s first sheet in the browser, then the same dry run', async () => {
    await importPage('Workbook')
    expect(scripts.some((url) => /\/assets\/xlsx-[^/]*\.js$/.test(url))).toBe(false)
    await page.getByTestId('import-file').setInputFiles({
      name: 'Teilnehmende.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: workbook,
    })
    await page.getByTestId('import-check').click()
    await page.getByTestId('import-preview').waitFor()
    // The reader was fetched now, for the workbook.
    expect(scripts.some((url) => /\/assets\/xlsx-[^/]*\.js$/.test(url))).toBe(true)
    expect(await page.getByTestId('import-read-as').textContent()).toBe('Excel workbook, sheet Teilnehmende')
    expect(await page.getByTestId('import-other-sheets').textContent()).toContain('1 more sheet')
    // Rows numbered as in the sheet (row 4 is empty), names as written.
    expect(await rowsToCreate()).toEqual([
      [2, 'Jürgen Müller'],
      [3, 'أمل خليل'],
      [5, 'Олена Коваленко'],
    ])
    expect(await page.getByTestId('import-total').textContent()).toBe('4')
    const errors = await page
      .getByTestId('import-error')
      .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-row'), r.getAttribute('data-column')]))
    expect(errors).toEqual([['6', 'Kapazität']])
    expect(await checkPage(page, 'import', 'xlsx-preview')).toEqual([])
    expect(pageErrors).toEqual([])
  })

  it('reads a CSV saved by Excel on Windows (Windows-1252) and says so', async () => {
    await importPage('Windows CSV')
    await page.getByTestId('import-file').setInputFiles({
      name: 'teilnehmende.csv',
      mimeType: 'text/csv',
      buffer: windows1252,
    })
    await page.getByTestId('import-check').click()
    await page.getByTestId('import-preview').waitFor()
    expect(await rowsToCreate()).toEqual([
      [2, 'Jürgen Müller'],
      [3, 'Zoë Ñúñez'],
    ])
    expect(await page.getByTestId('import-read-as').textContent()).toBe('Windows-1252 (Western European)')
    expect(await page.getByTestId('import-encoding-hint').textContent()).toContain('CSV UTF-8')
    expect(await checkPage(page, 'import', 'windows-1252-preview')).toEqual([])
    expect(pageErrors).toEqual([])
  })

  it('says what to do with a file whose characters it cannot read', async () => {
    await importPage('Unreadable')
    await page.getByTestId('import-file').setInputFiles({
      name: 'liste.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
      ]),
    })
    await page.getByTestId('import-check').click()
    const error = page.getByTestId('import-file-error')
    await error.waitFor()
    expect(await error.textContent()).toContain('save it as “CSV UTF-8 (comma delimited)”')
    expect(await page.getByTestId('import-preview').count()).toBe(0)
    expect(pageErrors).toEqual([])
  })

  it('works in Arabic on a phone: the workbook’s sheet and names read right to left', async () => {
    const phone = await browser.newContext({ locale: 'ar', viewport: { width: 360, height: 740 } })
    const arabic = await phone.newPage()
    arabic.on('pageerror', (e) => pageErrors.push(e.message))
    await signIn(arabic, baseUrl, DEMO.ownerEmail)
    const program = await createProgram(arabic, DEMO.slug, {
      name: `Phone ${run}`,
      languages: ['ar', 'de', 'uk'],
      status: 'active',
    })
    await arabic.goto(`${baseUrl}/orgs/${DEMO.slug}/programs/${program}/import`)
    await arabic.locator('html[lang="ar"][dir="rtl"]').waitFor()
    await arabic.getByTestId('import-file').waitFor()
    expect(
      await arabic
        .getByTestId('import-file')
        .evaluate((input) => (input as HTMLInputElement).labels?.[0]?.textContent),
    ).toContain('ملف CSV أو Excel')
    expect(await checkPage(arabic, 'import', 'ar-choose-phone')).toEqual([])
    await arabic.getByTestId('import-file').setInputFiles({
      name: 'Teilnehmende.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: workbook,
    })
    await arabic.getByTestId('import-check').click()
    await arabic.getByTestId('import-preview').waitFor()
    expect(await arabic.getByTestId('import-read-as').textContent()).toBe('مصنف Excel، الورقة Teilnehmende')
    expect(await arabic.getByTestId('import-valid').textContent()).toBe('3')
    // Nothing wider than the phone.
    expect(await arabic.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    expect(await checkPage(arabic, 'import', 'ar-xlsx-preview-phone')).toEqual([])
    await phone.close()
    expect(pageErrors).toEqual([])
  })
})
