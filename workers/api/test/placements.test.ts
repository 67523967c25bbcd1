import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import {
  type Database,
  d1Database,
  LATEST_MIGRATION,
  matches,
  newId,
  outbox,
  participants,
  programs,
  screenings,
  tenantDatabases,
  tenants,
} from '@tandem/db'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { applyDeletions } from '../src/features/data-protection/service'
import { dispatchDueEmails, movingTenants } from '../src/features/email/outbox.service'
import { movedTableNames } from '../src/features/placements/moves.service'
import worker from '../src/index'
import { decryptFields, keyIdOf } from '../src/lib/protected-fields'
import { LIBSQL_TEST_TOKEN } from './libsql-stand-in.setup'
import { Client, dataDb, db, ORIGIN, orgWithOwner } from './support/client'
import { seedPair } from './support/operations'
import {
  asOperator,
  libsqlPlacement,
  OPERATOR_TOKEN,
  operatorApi,
  placeOn,
  runMove,
  stepMove,
} from './support/placements'

const eu = d1Database(env.DB_EU)

/** Owners of organizations made by earlier tests of this file, by slug. */
const owners = new Map<string, Client>()
const ownerOf = async (slug: string) => {
  const owner = owners.get(slug)
  if (!owner) throw new Error(`no owner of ${slug}`)
  return owner
}

const tenantOf = async (slug: string) =>
  (await db.select().from(tenants).where(eq(tenants.slug, slug)).get()) as typeof tenants.$inferSelect

/** The tables written in both the control database and a tenant's (merged into the shared one, decision 044). */
const BOTH = ['audit_log', 'outbox', 'email_events']
const withoutBoth = (c: Record<string, number>) =>
  Object.fromEntries(Object.entries(c).filter(([t]) => !BOTH.includes(t)))

/** An organization's rows of a table, by id, as one database holds them. */
async function rowsById(data: Database, table: string, tenantId: string) {
  const rows = await data.all<Record<string, unknown> & { id: string }>(
    sql`select * from ${sql.identifier(table)} where tenant_id = ${tenantId} order by id`,
  )
  return new Map(rows.map((r) => [r.id, r]))
}

/** The organization's audit log as its owner reads it: the actions, newest first. */
async function auditActions(owner: Client, slug: string) {
  const res = await owner.org['audit-log'].$get({ param: { org: slug }, query: { limit: '100' } })
  expect(res.status).toBe(200)
  return (await res.json()).items
}

/** Rows of an organization per moved table in one database. */
async function counts(data: Database, tenantId: string, from: string, to: string) {
  const out: Record<string, number> = {}
  for (const name of movedTableNames(from, to)) {
    const row = await data.get<{ n: number }>(
      sql`select count(*) as n from ${sql.identifier(name)} where tenant_id = ${tenantId}`,
    )
    out[name] = Number(row?.n ?? 0)
  }
  return out
}

/** Creates a program (German only) through the typed client. */
const newProgram = (owner: Client, slug: string, name: string) =>
  owner.org.programs.$post({ param: { org: slug }, json: { name, languages: ['de'] } })
/** An organization's programs, as its owner lists them. */
const listPrograms = (owner: Client, slug: string) => owner.org.programs.$get({ param: { org: slug } })

/** An organization with a program, a matched pair and 450 more applicants (more than one step copies). */
async function populated(residency: 'default' | 'eu') {
  const org = await orgWithOwner('moving', { residency })
  const made = await newProgram(org.owner, org.slug, 'Welcome')
  expect(made.status).toBe(201)
  const program = (await made.json()).id
  const data = await dataDb(org.slug)
  const tenant = await tenantOf(org.slug)
  const { menteeId, mentorId } = await seedPair(program)
  await data.insert(matches).values({
    id: newId(),
    tenantId: tenant.id,
    programId: program,
    menteeId,
    mentorId,
    status: 'active',
    startedAt: new Date(),
  })
  const many = Array.from({ length: 450 }, (_, i) => ({
    id: newId(),
    tenantId: tenant.id,
    programId: program,
    role: 'mentee' as const,
    displayName: `Applicant ${i}`,
    preferredLocale: 'ar',
    languages: [{ code: 'ar', level: 'native' as const }],
    interests: [],
    status: 'applied' as const,
    createdAt: new Date(),
  }))
  for (let i = 0; i < many.length; i += 50) {
    const [first, ...rest] = many.slice(i, i + 50).map((p) => data.insert(participants).values(p))
    await data.batch([first as never, ...(rest as never[])])
  }
  return { org, program, tenant }
}

const listParticipants = async (owner: Client, slug: string, program: string) => {
  const res = await owner.org.programs[':program'].participants.$get({
    param: { org: slug, program },
    query: { limit: '5' },
  })
  expect(res.status).toBe(200)
  return await res.json()
}

describe('placements (decision 044)', () => {
  it('an organization asking for EU residency has its program data on the EU database only', async () => {
    // The sign-up page asks this deployment what it offers.
    const options = await new Client().api.v1.signup.options.$get()
    expect(await options.json()).toEqual({ residencies: ['default', 'eu'] })
    const org = await orgWithOwner('residency', { residency: 'eu' })
    const tenant = await tenantOf(org.slug)
    expect(tenant.placement).toBe('d1:DB_EU')
    const made = await newProgram(org.owner, org.slug, 'EU only')
    expect(made.status).toBe(201)
    const { id } = await made.json()
    expect(await eu.select().from(programs).where(eq(programs.id, id)).get()).toMatchObject({
      name: 'EU only',
    })
    expect(await db.select().from(programs).where(eq(programs.id, id)).get()).toBeUndefined()
    // A screening approved by an account (which lives in the control database) is stored on the EU database.
    const { mentorId } = await seedPair(id)
    const owner = await db.get<{ user_id: string }>(
      sql`select user_id from memberships where tenant_id = ${tenant.id} and role = 'owner'`,
    )
    await eu
      .update(screenings)
      .set({ approvedBy: owner?.user_id ?? '', approvedAt: new Date() })
      .where(eq(screenings.participantId, mentorId))
    expect(
      (await eu.select().from(screenings).where(eq(screenings.participantId, mentorId)).get())?.approvedBy,
    ).toBe(owner?.user_id)
    // An unknown residency is refused with a field path, and nothing is created (raw: the types forbid it).
    const refused = await org.owner.post('/api/v1/signup', {
      organization: {
        name: 'Nowhere',
        slug: 'nowhere-residency',
        kind: 'ngo',
        country: 'DE',
        timezone: 'Europe/Berlin',
        defaultLocale: 'de',
        residency: 'mars',
      },
      admin: { name: 'A', email: 'nowhere@example.org' },
    })
    expect(refused.status).toBe(400)
    expect(JSON.stringify(await refused.json())).toContain('organization.residency')
    expect(await db.select().from(tenants).where(eq(tenants.slug, 'nowhere-residency')).get()).toBeUndefined()
  })

  it('refuses an organization whose database is behind the code with 503 database-behind, not a wrong answer', async () => {
    const org = await orgWithOwner('behind')
    owners.set(org.slug, org.owner)
    const tenant = await tenantOf(org.slug)
    await db.update(tenants).set({ placement: 'd1:DB_BEHIND' }).where(eq(tenants.id, tenant.id))
    const res = await listPrograms(org.owner, org.slug)
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('60')
    expect(await res.json()).toMatchObject({ code: 'database-behind' })
    // An unknown placement is a 503 too, never a 500.
    await db.update(tenants).set({ placement: 'd1:DB_NOWHERE' }).where(eq(tenants.id, tenant.id))
    const unknown = await listPrograms(org.owner, org.slug)
    expect(unknown.status).toBe(503)
    expect(await unknown.json()).toMatchObject({ code: 'placement-unavailable' })
  })

  it('migrates every tenant database from one call, reporting each, and serves the organization once current', async () => {
    const files = env.TEST_MIGRATIONS.map((m) => ({
      name: m.name,
      sql: m.queries.join('\n--> statement-breakpoint\n'),
    }))
    // An old checkout (its newest migration is not the one this version needs) is refused.
    const old = await operatorApi().migrate.$post({ json: { migrations: files.slice(0, -1) } }, asOperator)
    expect(old.status).toBe(400)
    const behind = await db.select().from(tenants).where(eq(tenants.placement, 'd1:DB_NOWHERE')).get()
    const run = async () => {
      const res = await operatorApi().migrate.$post(
        { json: { migrations: files, placements: ['d1:DB_BEHIND'] } },
        asOperator,
      )
      expect(res.status).toBe(200)
      const { databases } = await res.json()
      return Object.fromEntries(databases.map((d) => [d.placement, d]))
    }
    const first = await run()
    expect(first['d1:DB_BEHIND']).toMatchObject({
      outcome: 'applied',
      applied: [LATEST_MIGRATION],
      migration: LATEST_MIGRATION,
    })
    expect(first['d1:DB_EU']).toMatchObject({ outcome: 'current', applied: [] })
    // A placement that does not exist fails alone; the others went on.
    expect(first['d1:DB_NOWHERE']).toMatchObject({ outcome: 'failed' })
    // Again: nothing to do.
    expect((await run())['d1:DB_BEHIND']).toMatchObject({ outcome: 'current', applied: [] })
    // The organization refused while its database was behind is served now.
    if (!behind) throw new Error('the organization of the previous test is gone')
    await db.update(tenants).set({ placement: 'd1:DB_BEHIND' }).where(eq(tenants.id, behind.id))
    const slug = behind.slug
    const owner = await ownerOf(slug)
    const served = await listPrograms(owner, slug)
    expect(served.status).toBe(200)
  })

  it('moves an organization from the EU database to the shared one: read-only meanwhile, verified, nothing lost', {
    timeout: 60_000,
  }, async () => {
    const { org, program, tenant } = await populated('eu')
    const before = await counts(eu, tenant.id, 'd1:DB_EU', 'shared')
    expect(before.participants).toBe(452)
    const listed = await listParticipants(org.owner, org.slug, program)
    // Its history written on the EU database (creating the program) and on the shared one (signing up).
    expect(before.audit_log).toBeGreaterThan(0)
    const history = await auditActions(org.owner, org.slug)
    expect(history.some((e) => e.action === 'program.created' && e.targetId === program)).toBe(true)
    const euAudit = await rowsById(eu, 'audit_log', tenant.id)
    const sharedAuditBefore = await rowsById(db, 'audit_log', tenant.id)
    expect(sharedAuditBefore.size).toBeGreaterThan(0)

    // An email of the organization, due and not sent yet, in the EU database's outbox.
    const due = newId()
    await eu.insert(outbox).values({
      id: due,
      tenantId: tenant.id,
      kind: 'fixture',
      toAddress: 'waiting@example.org',
      subject: 'Due',
      text: 'Due',
      html: '<p>Due</p>',
      dueAt: new Date(Date.now() - 60_000),
    })
    const statusIn = async (data: Database) =>
      (await data.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, due)).get())?.status
    const recorded = { sendBatch: async () => undefined } as unknown as Queue<never>
    const dispatchBoth = async () => {
      const held = await movingTenants(db)
      await dispatchDueEmails(eu, recorded, new Date(), 'd1:DB_EU', undefined, held)
      await dispatchDueEmails(db, recorded, new Date(), 'shared', undefined, held)
    }

    const started = await operatorApi().moves.$post(
      { json: { organization: org.slug, to: 'shared' } },
      asOperator,
    )
    expect(started.status).toBe(201)
    const move = await started.json()
    expect(move.state).toBe('copying')
    // A second move while one is under way is refused.
    expect(
      (await operatorApi().moves.$post({ json: { organization: org.slug, to: 'shared' } }, asOperator))
        .status,
    ).toBe(409)

    // Read-only: reading works, a change answers 503 with Retry-After and changes nothing.
    expect((await listParticipants(org.owner, org.slug, program)).items).toEqual(listed.items)
    const write = await newProgram(org.owner, org.slug, 'During')
    expect(write.status).toBe(503)
    expect(write.headers.get('retry-after')).toBe('60')
    expect(await write.json()).toMatchObject({ code: 'read-only' })
    expect(await eu.select().from(programs).where(eq(programs.name, 'During')).get()).toBeUndefined()

    // Some steps, then (as if the operator's loop was cut off) the same calls again: the move resumes.
    for (let i = 0; i < 3; i++) expect((await stepMove(move.id)).status).toBe(200)
    // While the email is in both outboxes, neither database's dispatcher sends it.
    await dispatchBoth()
    expect(await statusIn(eu)).toBe('pending')
    const done = await runMove(move.id)
    expect(done.state).toBe('switched')
    await dispatchBoth()
    expect(await statusIn(db)).toBe('queued') // sent from the new placement
    expect(await statusIn(eu)).toBeUndefined() // and no longer waiting in the old copy
    expect((await tenantOf(org.slug)).placement).toBe('shared')
    expect((await tenantOf(org.slug)).readOnlySince).toBeNull()
    // The same rows, counted and checksummed, on the new placement; the same answers to the same requests.
    expect(withoutBoth(await counts(db, tenant.id, 'd1:DB_EU', 'shared'))).toEqual(withoutBoth(before))
    expect((await listParticipants(org.owner, org.slug, program)).items).toEqual(listed.items)
    // The history of the EU database joined the shared one's, row for row; the shared one's own stayed.
    const sharedAudit = await rowsById(db, 'audit_log', tenant.id)
    for (const [id, row] of [...euAudit, ...sharedAuditBefore]) expect(sharedAudit.get(id)).toEqual(row)
    // Writable again, on the shared database.
    const after = await newProgram(org.owner, org.slug, 'After')
    expect(after.status).toBe(201)
    expect(await db.select().from(programs).where(eq(programs.name, 'After')).get()).toBeTruthy()
    // The old copy is kept until the operator confirms; then it is gone.
    expect((await counts(eu, tenant.id, 'd1:DB_EU', 'shared')).participants).toBe(452)
    const confirmed = await operatorApi().moves[':move'].confirm.$post(
      { param: { move: move.id } },
      asOperator,
    )
    expect((await confirmed.json()).state).toBe('confirmed')
    const left = await counts(eu, tenant.id, 'd1:DB_EU', 'shared')
    expect(Object.values(left).every((n) => n === 0)).toBe(true)
    expect(await eu.select().from(tenants).where(eq(tenants.id, tenant.id)).get()).toBeUndefined()
    // Nothing of its history went with the old copy: the owner reads all of it, and more.
    const read = await auditActions(org.owner, org.slug)
    for (const entry of history) expect(read).toContainEqual(entry)
  })

  it('copies a table again when the old copy changed during the move, and rolls back on request', {
    timeout: 60_000,
  }, async () => {
    const { org, program, tenant } = await populated('default')
    const started = await operatorApi().moves.$post(
      { json: { organization: org.slug, to: 'd1:DB_EU' } },
      asOperator,
    )
    const move = await started.json()
    // Copy everything, then change a copied row in the old copy (a job that was already running).
    let state = move
    while (state.state === 'copying') state = await (await stepMove(move.id)).json()
    const someone = await db
      .select({ id: participants.id })
      .from(participants)
      .where(eq(participants.programId, program))
      .get()
    await db
      .update(participants)
      .set({ displayName: 'Changed meanwhile' })
      .where(eq(participants.id, someone?.id ?? ''))
    const done = await runMove(move.id)
    expect(done.state).toBe('switched')
    expect((done.tables?.participants as { recopies?: number } | undefined)?.recopies).toBe(1)
    expect(
      (
        await eu
          .select()
          .from(participants)
          .where(eq(participants.id, someone?.id ?? ''))
          .get()
      )?.displayName,
    ).toBe('Changed meanwhile')
    expect(await counts(eu, tenant.id, 'shared', 'd1:DB_EU')).toEqual(
      await counts(db, tenant.id, 'shared', 'd1:DB_EU'),
    )

    // The old copy is confirmed away; then a move back, rolled back before its switch: the target is emptied of
    // what was copied, the organization is writable again where it was.
    expect(
      (await operatorApi().moves[':move'].confirm.$post({ param: { move: move.id } }, asOperator)).status,
    ).toBe(200)
    // Something done on the EU database (its audit entry is written there).
    const onEu = await newProgram(org.owner, org.slug, 'On EU')
    expect(onEu.status).toBe(201)
    // The history kept on the shared database (it stays there, decision 044), and the EU database's own.
    const kept = Object.fromEntries(
      await Promise.all(BOTH.map(async (t) => [t, await rowsById(db, t, tenant.id)])),
    )
    const euHistory = Object.fromEntries(
      await Promise.all(BOTH.map(async (t) => [t, await rowsById(eu, t, tenant.id)])),
    )
    expect(euHistory.audit_log?.size).toBeGreaterThan(0)
    const back = await (
      await operatorApi().moves.$post({ json: { organization: org.slug, to: 'shared' } }, asOperator)
    ).json()
    for (let i = 0; i < 3; i++) await stepMove(back.id)
    expect(Object.values(await counts(db, tenant.id, 'd1:DB_EU', 'shared')).some((n) => n > 0)).toBe(true)
    const rolled = await operatorApi().moves[':move']['roll-back'].$post(
      { param: { move: back.id } },
      asOperator,
    )
    expect((await rolled.json()).state).toBe('rolled-back')
    expect(
      Object.values(withoutBoth(await counts(db, tenant.id, 'd1:DB_EU', 'shared'))).every((n) => n === 0),
    ).toBe(true)
    // Of the history tables, what was copied in went again; what the shared database held of its own stayed.
    for (const t of BOTH) {
      const now = await rowsById(db, t, tenant.id)
      for (const id of euHistory[t]?.keys() ?? []) expect(now.has(id), `${t} ${id}`).toBe(false)
      for (const [id, row] of kept[t] ?? []) expect(now.get(id)).toEqual(row)
    }
    expect((await tenantOf(org.slug)).placement).toBe('d1:DB_EU')
    const writable = await newProgram(org.owner, org.slug, 'Stays')
    expect(writable.status).toBe(201)
    // A rolled-back move cannot be confirmed; stepping it does nothing more.
    expect(
      (await operatorApi().moves[':move'].confirm.$post({ param: { move: back.id } }, asOperator)).status,
    ).toBe(409)
    expect((await (await stepMove(back.id)).json()).state).toBe('rolled-back')
  })

  it('moves an organization with its data to a libSQL database of its own, served from there over HTTP', {
    timeout: 60_000,
  }, async () => {
    const placement = await libsqlPlacement('placements', env.TEST_MIGRATIONS)
    const { org, program, tenant } = await populated('default')
    const before = await counts(db, tenant.id, 'shared', placement)
    const listed = await listParticipants(org.owner, org.slug, program)
    const started = await operatorApi().moves.$post(
      { json: { organization: org.slug, to: placement } },
      asOperator,
    )
    expect(started.status).toBe(201)
    const done = await runMove((await started.json()).id)
    expect(done.state).toBe('switched')
    expect((await tenantOf(org.slug)).placement).toBe(placement)
    const libsql = await dataDb(org.slug)
    expect(await counts(libsql, tenant.id, 'shared', placement)).toEqual(before)
    expect((await listParticipants(org.owner, org.slug, program)).items).toEqual(listed.items)
    // New data lands on the libSQL database only.
    const made = await newProgram(org.owner, org.slug, 'On libSQL')
    expect(made.status).toBe(201)
    const { id } = await made.json()
    expect(await libsql.select().from(programs).where(eq(programs.id, id)).get()).toMatchObject({
      name: 'On libSQL',
    })
    expect(await db.select().from(programs).where(eq(programs.id, id)).get()).toBeUndefined()
    // A wrong token for a registered database: the registration answers 503 and says so.
    const wrong = await operatorApi().databases[':name'].$put(
      {
        param: { name: 'placements-wrong' },
        json: { url: placement.replace('libsql:', 'http://127.0.0.1:1/') },
      },
      asOperator,
    )
    expect(wrong.status).toBe(503)
    expect(await wrong.json()).toMatchObject({ code: 'placement-unavailable' })
    // In production a token is never sent to a database over plain HTTP.
    const production = {
      ...env,
      APP_ENV: 'production',
      RESEND_API_KEY: 're_test_production',
      EMAIL_LINK_SECRET: 'a-production-email-link-secret-0123456789',
      APP_ORIGIN: 'https://tandem.example.org',
    } as typeof env
    // Raw: the Worker with a production environment.
    const plain = await worker.fetch(
      new Request(`${ORIGIN}/api/v1/operator/databases/plain`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${OPERATOR_TOKEN}`,
          'sec-fetch-site': 'same-origin',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ url: 'http://db.example.org/', authToken: 'secret' }),
      }) as Parameters<typeof worker.fetch>[0],
      production,
      createExecutionContext(),
    )
    expect(plain.status).toBe(400)
    expect(JSON.stringify(await plain.json())).toContain('"path":"url"')
    expect(
      await db.select().from(tenantDatabases).where(eq(tenantDatabases.name, 'plain')).get(),
    ).toBeUndefined()
    // An organization on a database that does not answer gets a 503 with Retry-After, never a 500.
    await db.update(tenants).set({ placement: 'libsql:placements-wrong' }).where(eq(tenants.id, tenant.id))
    const down = await listPrograms(org.owner, org.slug)
    expect(down.status).toBe(503)
    expect(down.headers.get('retry-after')).toBe('30')
    expect(await down.json()).toMatchObject({ code: 'placement-unavailable' })
    await db.update(tenants).set({ placement }).where(eq(tenants.id, tenant.id))
  })

  it('a libSQL database’s token is sealed under the master key and sealed again by the re-encryption after a rotation', async () => {
    const placement = await libsqlPlacement('placements', env.TEST_MIGRATIONS)
    const name = placement.slice('libsql:'.length)
    const stored = await db.select().from(tenantDatabases).where(eq(tenantDatabases.name, name)).get()
    const OLD = (env as unknown as { PROTECTED_FIELDS_KEY: string }).PROTECTED_FIELDS_KEY
    const NEW = 'CAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAg='
    // Sealed, not in the clear, and bound to the database's name.
    expect(stored?.authToken).toMatch(new RegExp(`^v2\\.${keyIdOf(OLD)}\\.`))
    expect(stored?.authToken).not.toContain(LIBSQL_TEST_TOKEN)
    const rotating = { ...env, PROTECTED_FIELDS_KEY: NEW, PROTECTED_FIELDS_KEY_PREVIOUS: OLD } as typeof env
    for (let i = 0; i < 10; i++) {
      // Raw: the Worker with the keys of a rotation.
      const res = await worker.fetch(
        new Request(`${ORIGIN}/api/v1/operator/re-encrypt`, {
          method: 'POST',
          headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, 'sec-fetch-site': 'same-origin' },
        }) as Parameters<typeof worker.fetch>[0],
        rotating,
        createExecutionContext(),
      )
      expect(res.status).toBe(200)
      if (!((await res.json()) as { remaining: boolean }).remaining) break
    }
    const resealed = await db.select().from(tenantDatabases).where(eq(tenantDatabases.name, name)).get()
    expect(resealed?.authToken).toMatch(new RegExp(`^v2\\.${keyIdOf(NEW)}\\.`))
    // Readable with the new key alone: the previous one can go.
    expect(
      await decryptFields({ current: NEW }, 'placements', `database:${name}`, resealed?.authToken ?? ''),
    ).toEqual({ token: LIBSQL_TEST_TOKEN })
  })

  it('deleting an organization on a database of its own removes its rows there, directory copy included', async () => {
    const { org, tenant } = await populated('eu')
    await db.update(tenants).set({ deletionRequestedAt: new Date() }).where(eq(tenants.id, tenant.id))
    expect(await applyDeletions(db, eu, 'd1:DB_EU', new Date())).toBe(1)
    expect(Object.values(await counts(eu, tenant.id, 'd1:DB_EU', 'shared')).every((n) => n === 0)).toBe(true)
    expect(await eu.select().from(tenants).where(eq(tenants.id, tenant.id)).get()).toBeUndefined()
    expect(await db.select().from(tenants).where(eq(tenants.slug, org.slug)).get()).toBeUndefined()
  })

  it('the cron visits every placement: reminders are written and queued where each organization’s data lives', {
    timeout: 60_000,
  }, async () => {
    const libsql = await libsqlPlacement('placements', env.TEST_MIGRATIONS)
    const made: { data: Database; email: string }[] = []
    for (const where of ['eu', 'libsql'] as const) {
      const org = await orgWithOwner(`cron-${where}`, { residency: where === 'eu' ? 'eu' : 'default' })
      if (where === 'libsql') await placeOn(org.slug, libsql)
      const tenant = await tenantOf(org.slug)
      const created = await newProgram(org.owner, org.slug, 'Cron')
      const programId = (await created.json()).id
      const data = await dataDb(org.slug)
      const id = newId()
      const email = `mentor-${where}-${newId()}@example.org`
      await data.insert(participants).values({
        id,
        tenantId: tenant.id,
        programId,
        role: 'mentor',
        displayName: 'Renewing Mentor',
        email,
        preferredLocale: 'de',
        languages: [{ code: 'de', level: 'native' }],
        interests: [],
        status: 'ready',
      })
      await data.insert(screenings).values({
        participantId: id,
        tenantId: tenant.id,
        checkStatus: 'clear',
        checkExpiresOn: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
        updatedAt: new Date(),
      })
      made.push({ data, email })
    }
    const ctx = createExecutionContext()
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now() }), env, ctx)
    await waitOnExecutionContext(ctx)
    for (const { data, email } of made) {
      const rows = await data.select().from(outbox).where(eq(outbox.toAddress, email))
      expect(rows.map((r) => r.kind)).toEqual(['screening.renewal'])
      // Written in the organization's own database, and handed to the email queue from there.
      expect(rows[0]?.status).not.toBe('pending')
      expect(await db.select().from(outbox).where(eq(outbox.toAddress, email)).get()).toBeUndefined()
    }
  })

  it('operator routes answer 404 without the operator token', async () => {
    // Raw: straight to the Worker, as an outside caller (not a browser).
    const res = await worker.fetch(
      new Request(`${ORIGIN}/api/v1/operator/moves/x`, {
        headers: { authorization: 'Bearer wrong' },
      }) as Parameters<typeof worker.fetch>[0],
      env,
      createExecutionContext(),
    )
    expect(res.status).toBe(404)
  })
})
