import { env, exports } from 'cloudflare:workers'
import { type Database, d1Database, outbox, type Role, tenants } from '@tandem/db'
import { desc, eq } from 'drizzle-orm'
import { hc } from 'hono/client'
import type { AppType } from '../../src/app'
import type { FieldError, ProblemCode } from '../../src/lib/problem'
import { type LimitChanges, tenantLimitsSql } from '../../src/lib/tenant-limits-sql'
import { checkAgainstContract } from './contract'

export const ORIGIN = 'https://tandem.test'
export const db = d1Database(env.DB)

/** The database a placement names, as the tests reach it (the Worker resolves the same names, decision 044). */
export function placementDb(placement: string): Database {
  if (placement === 'shared') return db
  if (placement === 'd1:DB_EU') return d1Database(env.DB_EU)
  const opener = placementOpeners.get(placement)
  if (opener) return opener()
  throw new Error(`no test database for placement ${placement}`)
}

/** Openers of further placements (libSQL databases the tests register). */
export const placementOpeners = new Map<string, () => Database>()

/** The database holding an organization's program data. */
export async function dataDb(slug: string): Promise<Database> {
  const row = await db
    .select({ placement: tenants.placement })
    .from(tenants)
    .where(eq(tenants.slug, slug))
    .get()
  if (!row) throw new Error(`no organization ${slug}`)
  return placementDb(row.placement)
}

let ipCounter = 0
/** A fresh client address per client, so rate limits of one test do not spill into another. */
const nextIp = () => `203.0.113.${(ipCounter++ % 250) + 1}`

/** A tiny browser: keeps the session cookie and sends same-origin requests to the real Worker. */
export class Client {
  cookie: string | undefined
  readonly ip = nextIp()

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const h = new Headers(headers)
    if (body !== undefined) h.set('content-type', 'application/json')
    return this.fetch(
      new Request(`${ORIGIN}${path}`, {
        method,
        headers: h,
        body: body === undefined ? null : JSON.stringify(body),
      }),
    )
  }

  /** Sends a request as this browser would: same-origin, from its address, with its session cookie. */
  fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req = new Request(input, init)
    if (!req.headers.has('sec-fetch-site')) req.headers.set('sec-fetch-site', 'same-origin')
    if (!req.headers.has('cf-connecting-ip')) req.headers.set('cf-connecting-ip', this.ip)
    if (this.cookie) req.headers.set('cookie', this.cookie)
    const method = req.method
    const res = await exports.default.fetch(req)
    await checkAgainstContract(method, req.url, res)
    const setCookie = res.headers.get('set-cookie')
    if (setCookie) {
      const [pair] = setCookie.split(';')
      this.cookie = pair?.endsWith('=') ? undefined : pair
    }
    return res
  }

  /** The API through the same typed client the web uses (`hc<AppType>`): paths, bodies and answers typed. */
  get api() {
    return hc<AppType>(ORIGIN, { fetch: this.fetch }).api
  }

  /** One organization's routes through the typed client: `owner.org.members.$get({ param: { org: slug } })`. */
  get org() {
    return this.api.v1.orgs[':org']
  }

  get = (path: string) => this.request('GET', path)
  post = (path: string, body?: unknown) => this.request('POST', path, body)
  patch = (path: string, body?: unknown) => this.request('PATCH', path, body)
  put = (path: string, body?: unknown) => this.request('PUT', path, body)
  delete = (path: string) => this.request('DELETE', path)
}

/** A problem answer's body, as `problemResponse` (src/lib/problem.ts) writes it. */
export type ProblemBody = {
  type: string
  code: ProblemCode
  title: string
  status: number
  detail?: string
  instance: string
  errors?: FieldError[]
  requestId?: string
}

/**
 * Reads a problem answer. The typed client knows only a route's success answers; the contract check has already
 * matched this body against the document's `Problem` schema.
 */
export const problemOf = async (res: { json(): Promise<unknown> }) => (await res.json()) as ProblemBody

/** The newest email scheduled for an address (read from the outbox, written in the same batch). */
export async function lastEmail(to: string) {
  const row = await db
    .select()
    .from(outbox)
    .where(eq(outbox.toAddress, to))
    .orderBy(desc(outbox.createdAt))
    .get()
  if (!row) throw new Error(`no email to ${to}`)
  const token = /token=([a-z2-9]{24})/.exec(row.text)?.[1]
  const code = /\b(\d{6})\b/.exec(row.subject)?.[1]
  return { ...row, token, code }
}

/** The newest email to an address, with its link's token (the test stops here when it has none). */
export async function withToken(to: string) {
  const mail = await lastEmail(to)
  if (!mail.token) throw new Error(`no link in the email to ${to}`)
  return { ...mail, token: mail.token }
}

/** The newest email to an address, with its sign-in code (the test stops here when it has none). */
export async function withCode(to: string) {
  const mail = await lastEmail(to)
  if (!mail.code) throw new Error(`no sign-in code in the email to ${to}`)
  return { ...mail, code: mail.code }
}

let n = 0
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(n++).toString(36)}`

/** What `POST /signup` takes, from the typed client. */
export type SignupBody = Parameters<Client['api']['v1']['signup']['$post']>[0]['json']

export function signupBody(slug: string, email: string, residency?: 'default' | 'eu'): SignupBody {
  return {
    organization: {
      name: `Org ${slug}`,
      slug,
      kind: 'ngo',
      country: 'de',
      timezone: 'Europe/Berlin',
      defaultLocale: 'en',
      ...(residency ? { residency } : {}),
    },
    admin: { name: 'Owner Person', email },
  }
}

/**
 * Signs up an organization and signs its owner in with the emailed link. `residency: 'eu'` places its program
 * data on the second D1 database (`d1:DB_EU`, vitest.config.ts).
 */
export async function orgWithOwner(prefix = 'org', options: { residency?: 'default' | 'eu' } = {}) {
  const slug = unique(prefix)
  const email = `${slug}@example.org`
  const owner = new Client()
  const res = await owner.api.v1.signup.$post({ json: signupBody(slug, email, options.residency) })
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`)
  const { token } = await withToken(email)
  const verified = await owner.api.v1.auth.verify.$post({ json: { token } })
  if (verified.status !== 200) throw new Error(`verify failed: ${verified.status}`)
  return { slug, email, owner }
}

/** Adds a member with a role through a real invitation, returning a signed-in client. */
export async function memberWithRole(org: { slug: string; owner: Client }, role: Role) {
  const email = `${unique(role)}@example.org`
  const res = await org.owner.org.invitations.$post({ param: { org: org.slug }, json: { email, role } })
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${await res.text()}`)
  const { token } = await withToken(email)
  const client = new Client()
  // A new account is named by the person when they accept.
  const accepted = await client.api.v1.invitations.accept.$post({ json: { token, name: `A ${role}` } })
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${await accepted.text()}`)
  const { user } = await accepted.json()
  return { email, client, userId: user.id, role }
}

/**
 * Raises an organization's limits the way an operator does (the statement `pnpm ops:limits` runs), for tests
 * that need more programs, previews or runs than a new organization gets.
 */
export async function raiseLimits(slug: string, changes: LimitChanges = RAISED) {
  await env.DB.prepare(tenantLimitsSql(slug, changes, 'test', new Date())).run()
}
const RAISED: LimitChanges = {
  programs: 1000,
  importPreviewsPerHour: 1000,
  importPreviewBytes: 1_000_000_000,
  matchRunsPerHour: 1000,
}
