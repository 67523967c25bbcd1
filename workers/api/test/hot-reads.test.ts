import { env } from 'cloudflare:workers'
import { findTenantBySlug, matchRuns, newId } from '@tandem/db'
import { hc } from 'hono/client'
import { beforeAll, describe, expect, it } from 'vitest'
import { type AppType, createApp } from '../src/app'
import { type Client, db, ORIGIN, orgWithOwner } from './support/client'

/**
 * The hot reads (issue 14) stay cheap: how many statements a read sends to the database and how SQLite answers
 * the match board's page are behaviour, checked here; their time under load is `pnpm bench:api`'s.
 */
const app = createApp()
const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext

/**
 * The real D1 binding, with every statement it is asked to prepare written down: one binding for the whole file, as
 * an isolate keeps one (what is resolved once per isolate, such as a database's schema check, is not paid again).
 */
let recording: string[] = []
const recordingDb: D1Database = new Proxy(env.DB, {
  get(target, key) {
    if (key === 'prepare')
      return (query: string) => {
        recording.push(query)
        return target.prepare(query)
      }
    const value = Reflect.get(target, key)
    return typeof value === 'function' ? value.bind(target) : value
  },
})

/** The typed client (`hc<AppType>`) on this file's app, with these bindings and these headers on every request. */
const apiOn = (bindings: typeof env, headers: Record<string, string>) =>
  hc<AppType>(ORIGIN, {
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init)
      for (const [name, value] of Object.entries(headers)) req.headers.set(name, value)
      return await app.fetch(req, bindings, ctx)
    },
  }).api.v1
type V1 = ReturnType<typeof apiOn>

/** A GET as the signed-in client sends it, to the app with the recording binding: its answer and statements. */
async function read<R>(client: Client, get: (v1: V1) => Promise<R>) {
  const statements: string[] = []
  recording = statements
  const res = await get(
    apiOn({ ...env, DB: recordingDb }, { 'sec-fetch-site': 'same-origin', cookie: client.cookie ?? '' }),
  )
  return { res, statements }
}

let org: { slug: string; owner: Client }
let programId: string
let runId: string

/** One page of the program's participants, asked for under an organization's address. */
const participantPage = (slug: string, query: { limit?: string }) => (v1: V1) =>
  v1.orgs[':org'].programs[':program'].participants.$get({ param: { org: slug, program: programId }, query })

beforeAll(async () => {
  org = await orgWithOwner('hot')
  const made = await org.owner.org.programs.$post({
    param: { org: org.slug },
    json: { name: 'Hot reads', languages: ['de', 'ar'] },
  })
  programId = (await made.json()).id
  const tenant = await findTenantBySlug(db, org.slug)
  runId = newId()
  await db
    .insert(matchRuns)
    .values({ id: runId, tenantId: tenant?.id as string, programId, mode: 'participation', status: 'done' })
})

describe('hot reads', () => {
  it('checks a tenant database’s schema once per isolate, not per request (decision 044)', async () => {
    const first = await read(org.owner, participantPage(org.slug, { limit: '50' }))
    const again = await read(org.owner, participantPage(org.slug, { limit: '50' }))
    expect(first.statements.filter((s) => /d1_migrations/.test(s))).toHaveLength(1)
    expect(again.statements.filter((s) => /d1_migrations/.test(s))).toHaveLength(0)
  })

  it('checks the session, the membership and the program with one statement on every program read', async () => {
    const page = await read(org.owner, participantPage(org.slug, { limit: '50' }))
    expect(page.res.status).toBe(200)
    // The session with the membership and the program, then the page.
    expect(page.statements).toHaveLength(2)
    expect(page.statements[0]).toMatch(/from "sessions".*join "memberships".*join "programs"/s)
  })

  it('answers 404 to a signed-in stranger and 401 without a session, as before', async () => {
    const stranger = await orgWithOwner('hot-stranger')
    const foreign = await read(stranger.owner, participantPage(org.slug, {}))
    expect(foreign.res.status).toBe(404)
    // Their own organization's address with this organization's program: no such program there.
    const crossed = await read(stranger.owner, participantPage(stranger.slug, {}))
    expect(crossed.res.status).toBe(404)
    const signedOut = await apiOn(env, { 'sec-fetch-site': 'same-origin' }).orgs[':org']['first-steps'].$get({
      param: { org: org.slug },
    })
    expect(signedOut.status).toBe(401)
  })

  it('reads one page of the match board in id order from the index, without sorting the run', async () => {
    const board = await read(org.owner, (v1) =>
      v1.orgs[':org'].programs[':program']['match-runs'][':run'].proposals.$get({
        param: { org: org.slug, program: programId, run: runId },
        query: { status: 'proposed', limit: '100' },
      }),
    )
    expect(board.res.status).toBe(200)
    const list = board.statements.find((s) => /from "match_proposals"/.test(s))
    expect(list).toBeDefined()
    const parameters = (list as string).match(/\?/g)?.length ?? 0
    const plan = await env.DB.prepare(`explain query plan ${list}`)
      .bind(...Array.from({ length: parameters }, () => 'x'))
      .all<{ detail: string }>()
    const details = plan.results.map((r) => r.detail)
    expect(details.join('\n')).toMatch(/SEARCH match_proposals USING INDEX match_proposals_run/)
    expect(details.join('\n')).not.toMatch(/TEMP B-TREE/)
  })
})
