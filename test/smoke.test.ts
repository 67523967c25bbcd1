import { Validator } from '@seriousme/openapi-schema-validator'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from './support/browser'

const baseUrl = inject('baseUrl')

describe('the dev server', () => {
  it('answers /api/health after querying the database', async () => {
    const res = await fetch(`${baseUrl}/api/health`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok', version: '0.1.0' })
  })

  it('serves a valid OpenAPI 3.1 document', async () => {
    const doc = await (await fetch(`${baseUrl}/api/openapi.json`)).json()
    const validator = new Validator()
    const result = await validator.validate(doc)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(validator.version).toBe('3.1')
  })

  it('serves the web client with a Content-Security-Policy that allows no inline script', async () => {
    for (const path of ['/', '/about', '/some/client/route']) {
      const res = await fetch(`${baseUrl}${path}`)
      const csp = res.headers.get('content-security-policy') ?? ''
      const scripts = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? ''
      expect([path, scripts]).toEqual([path, "'self'"])
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toContain("object-src 'none'")
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    }
    const api = await fetch(`${baseUrl}/api/health`)
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'")
  })

  it('answers unknown API paths with a problem and other paths with the web client', async () => {
    const api = await fetch(`${baseUrl}/api/v1/nowhere`)
    expect(api.status).toBe(404)
    expect(api.headers.get('content-type')).toContain('application/problem+json')
    const page = await fetch(`${baseUrl}/some/client/route`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="app"')
  })
})

describe('web client smoke test (Chromium)', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('shows service health on the About page, and switches to Arabic right-to-left', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 390, height: 844 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    // Anything the Content-Security-Policy refuses is reported on the console as an error.
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text())
    })
    await page.goto(`${baseUrl}/about`)
    const status = page.getByTestId('health-status')
    await status.and(page.locator('[data-state="ok"]')).waitFor()
    expect(await page.evaluate(() => document.documentElement.dir)).not.toBe('rtl')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')

    await page.getByTestId('locale-switcher').selectOption('ar')
    await page.waitForFunction(() => document.documentElement.dir === 'rtl')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar')
    // The status text is now Arabic script.
    expect(await status.textContent()).toMatch(/[\u0600-\u06FF]/)

    // The choice survives a reload.
    await page.reload()
    await page.waitForFunction(() => document.documentElement.dir === 'rtl')
    expect(errors).toEqual([])
    await page.close()
  })
})
