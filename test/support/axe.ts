import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Page } from 'playwright-core'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const artifacts = path.resolve(import.meta.dirname, '../../test-results')

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  targets: string[]
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is now and returns the serious and critical
 * violations, each with the selectors of the elements it found. Minor and moderate findings are not returned.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the browser's debugging protocol, not added as an inline <script>: the web client's
  // Content-Security-Policy (web/public/_headers) refuses inline scripts, as it should.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${axeSource}\n;void 0`)
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<AxeResults> } })
      .axe
    type AxeResults = {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[]
    }
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    })
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** A screenshot of the whole page, kept under test-results/<folder>/ as a test artifact. */
export async function keepScreenshot(page: Page, folder: string, name: string): Promise<void> {
  const dir = path.join(artifacts, folder)
  mkdirSync(dir, { recursive: true })
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true })
}

/** Checks a page with axe and keeps its screenshot: the step's name says which page failed. */
export async function checkPage(page: Page, folder: string, name: string): Promise<AxeViolation[]> {
  await keepScreenshot(page, folder, name)
  return (await seriousViolations(page)).map((v) => ({ ...v, help: `${name}: ${v.help}` }))
}
