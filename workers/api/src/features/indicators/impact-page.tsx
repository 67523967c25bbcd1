import { type Database, type Tenant, tenants } from '@tandem/db'
import { effectiveMinimum, type PeriodCell } from '@tandem/evidence'
import { dirOf, isLocale, LOCALES, type Locale } from '@tandem/i18n'
import { eq } from 'drizzle-orm'
import type { Context } from 'hono'
import { IMPACT_WORDS } from './impact-words'
import { impactOf, requestedMonths } from './reports.service'
import type { MeasureFamily } from './schema'
import { indicatorCells } from './service'

const LANGUAGE_NAMES: Record<Locale, string> = {
  en: 'English',
  ar: 'العربية',
  uk: 'Українська',
  fa: 'فارسی',
  es: 'Español',
  de: 'Deutsch',
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;padding:1rem;max-width:60rem;margin-inline:auto;color:#1a1a1a;line-height:1.5}
nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1rem}
table{border-collapse:collapse;width:100%;margin-block:.5rem 1.5rem}
th,td{border-bottom:1px solid #ccc;padding:.35rem .5rem;text-align:start}
td.n{text-align:end;font-variant-numeric:tabular-nums}
caption{text-align:start;font-weight:600;padding-block:.5rem}
.hidden{color:#555;font-style:italic}
a{color:#0b57d0}`

/** The organization named by its public slug, with its published measures; null when the page is off. */
async function published(control: Database, slug: string) {
  const tenant = await control.select().from(tenants).where(eq(tenants.slug, slug)).get()
  if (!tenant) return null
  const impact = impactOf(tenant)
  return impact.enabled ? { tenant, measures: impact.measures } : null
}

/**
 * The cells the public page shows: the same function and suppression as every other exit, for all programs and
 * the last twelve months that ended, the `all` group of the measures the organization chose (with the parts of
 * each, which suppression took into account).
 */
export async function impactCells(db: Database, tenant: Tenant, measures: readonly string[], now: Date) {
  const { from, to } = requestedMonths(tenant, {}, now)
  const cells = await indicatorCells(db, tenant, { from, to, by: 'all' }, now)
  return cells.filter((c) => measures.includes(c.measure))
}

/** How long a rendered public page is kept, in the Worker's cache and in browsers: five minutes. */
const IMPACT_CACHE_SECONDS = 300

/**
 * The cache key of a rendered page: the organization, the language asked for and a version of what it publishes
 * (the minimum and the measures), nothing else of the request. The settings are read on every request, so a page
 * turned off is gone at once everywhere, and changed settings never meet a page rendered under the old ones.
 */
export const impactCacheKey = (origin: string, tenant: Tenant, measures: readonly string[], lang: string) =>
  `${origin}/o/${encodeURIComponent(tenant.slug)}/impact?lang=${encodeURIComponent(lang)}&v=${encodeURIComponent(
    `${effectiveMinimum(tenant.minimumCellSize)}.${measures.join('.')}`,
  )}`

/**
 * `GET /o/{org}/impact[?lang=]`: server-rendered, no sign-in, no third-party request. A published page is rendered
 * at most once per five minutes, language and settings in each location (the Cache API): anyone may open it, so
 * many visitors must not each run the indicator queries. What it publishes is read on every request (one row).
 */
export async function impactPage(
  c: Context,
  control: Database,
  tenantDb: (t: Tenant) => Promise<Database>,
  origin: string,
) {
  const found = await published(control, c.req.param('org') ?? '')
  if (!found) return c.html('<!doctype html><title>Not found</title><p>Not found.</p>', 404)
  const asked = c.req.query('lang') ?? ''
  const key = impactCacheKey(origin, found.tenant, found.measures, isLocale(asked) ? asked : '')
  const kept = await caches.default.match(key)
  if (kept) return kept
  const page = await renderImpactPage(c, found, tenantDb)
  c.executionCtx.waitUntil(caches.default.put(key, page.clone()))
  return page
}

async function renderImpactPage(
  c: Context,
  found: { tenant: Tenant; measures: string[] },
  tenantDb: (t: Tenant) => Promise<Database>,
) {
  const { tenant, measures } = found
  const asked = c.req.query('lang') ?? ''
  const locale: Locale = isLocale(asked)
    ? asked
    : isLocale(tenant.defaultLocale)
      ? tenant.defaultLocale
      : 'en'
  const w = IMPACT_WORDS[locale]
  const now = new Date()
  const cells = await impactCells(await tenantDb(tenant), tenant, measures, now)
  const k = effectiveMinimum(tenant.minimumCellSize)
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })
  const monthName = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' })
  const monthLabel = (m: string) => monthName.format(new Date(`${m}-15T00:00:00Z`))
  const byMeasure = (m: string) => cells.filter((c: PeriodCell) => c.measure === m)
  const page = (
    <html lang={locale} dir={dirOf(locale)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{w.title(tenant.name)}</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <header>
          <nav aria-label={w.language}>
            <ul>
              {LOCALES.map((l) => (
                <li>
                  <a
                    href={`?lang=${l}`}
                    lang={l}
                    hreflang={l}
                    aria-current={l === locale ? 'true' : undefined}
                  >
                    {LANGUAGE_NAMES[l]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <h1>{w.title(tenant.name)}</h1>
          <p>{w.intro}</p>
          <p>{w.suppressed(k)}</p>
        </header>
        <main>
          {cells.length === 0 ? <p>{w.nothing}</p> : null}
          {measures.map((m) => {
            const rows = byMeasure(m)
            if (rows.length === 0) return null
            return (
              <table>
                <caption>{w.measures[m as MeasureFamily] ?? m}</caption>
                <thead>
                  <tr>
                    <th scope="col">{w.month}</th>
                    <th scope="col">{w.value}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((cell) => (
                    <tr data-period={cell.period} data-measure={cell.measure}>
                      <th scope="row">{monthLabel(cell.period)}</th>
                      {cell.suppressed ? (
                        <td class="n hidden">{w.hidden}</td>
                      ) : (
                        <td class="n">{number.format(cell.value as number)}</td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          })}
        </main>
      </body>
    </html>
  )
  return c.html(`<!doctype html>${page}`, 200, {
    'Cache-Control': `public, max-age=${IMPACT_CACHE_SECONDS}`,
    'Content-Security-Policy':
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    'Content-Language': locale,
    Vary: 'Accept-Encoding',
  })
}
