import { matches, newId, outbox, participants, tenants, users } from '@tandem/db'
import { and, eq, like, or } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEV_EMAIL_LINK_SECRET } from '../src/env'
import { fadingOf, neverContactedOf, type TandemDates } from '../src/features/attention/fading'
import { fadingRule } from '../src/features/attention/fading.rule'
import { runScheduler } from '../src/features/email/scheduler'
import { type Client, db, memberWithRole, orgWithOwner, problemOf } from './support/client'
import { seedPair } from './support/operations'

type Org = { slug: string; owner: Client }

const DAY_MS = 86_400_000
const today = new Date().toISOString().slice(0, 10)
const dayOf = (n: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
const at = (n: number, time: string) => `${dayOf(n)}T${time}:00Z`
const config = { APP_ORIGIN: 'http://localhost:8787', EMAIL_LINK_SECRET: DEV_EMAIL_LINK_SECRET }
/** Runs the fading rule at a fixed instant, as the cron would. */
const fadingAt = (iso: string) =>
  runScheduler([fadingRule], { control: db, db, placement: 'shared', now: new Date(iso), config })

async function newOrg(prefix: string) {
  const org = await orgWithOwner(prefix)
  // On UTC, so the rule's local hour is the hour of the clock the tests set.
  await db.update(tenants).set({ timezone: 'UTC' }).where(eq(tenants.slug, org.slug))
  const res = await org.owner.org.programs.$post({
    param: { org: org.slug },
    json: { name: `Program ${prefix}`, languages: ['de', 'ar'], meetingCadenceDays: 14 },
  })
  if (res.status !== 201) throw new Error(`program: ${res.status} ${await res.text()}`)
  return { org, programId: (await res.json()).id }
}

/** An active match started `startDay` days from today (negative: in the past), the mentor reading `locale`. */
async function newMatch(programId: string, startDay: number, locale = 'de') {
  const { tenantId, menteeId, mentorId } = await seedPair(programId, { mentee: 'matched', mentor: 'matched' })
  await db
    .update(participants)
    .set({ email: `${mentorId}@example.org`, preferredLocale: locale })
    .where(eq(participants.id, mentorId))
  await db
    .update(participants)
    .set({ email: `${menteeId}@example.org` })
    .where(eq(participants.id, menteeId))
  const id = newId()
  await db.insert(matches).values({
    id,
    tenantId,
    programId,
    menteeId,
    mentorId,
    status: 'active',
    startedAt: new Date(at(startDay, '09:00')),
  })
  return { id, tenantId, menteeId, mentorId }
}

const logMeeting = (o: Org, programId: string, matchId: string, date: string) =>
  o.owner.org.programs[':program'].matches[':match'].meetings.$post({
    param: { org: o.slug, program: programId, match: matchId },
    json: { date },
  })

/** An organization's attention list, as the given member. */
const attentionOf = (client: Client, slug: string) => client.org.attention.$get({ param: { org: slug } })

const fadingEmails = (matchId: string) =>
  db
    .select()
    .from(outbox)
    .where(
      or(like(outbox.dedupKey, `nudge:${matchId}:%`), like(outbox.dedupKey, `fading-alert:${matchId}.%`)),
    )
    .orderBy(outbox.dedupKey)

describe('fading detection (pure, on a given day)', () => {
  const tandem = (over: Partial<TandemDates> = {}): TandemDates => ({
    start: '2026-10-01',
    cadence: 14,
    lastHeld: null,
    planned: false,
    contacted: false,
    ...over,
  })

  it('is fading after the cadence plus 7 days without a held meeting, not before; alerts after twice that', () => {
    expect(fadingOf(tandem(), '2026-10-21')).toBeNull() // 20 quiet days
    expect(fadingOf(tandem(), '2026-10-22')).toEqual({ since: '2026-10-01', days: 21, stage: 'nudge' })
    expect(fadingOf(tandem(), '2026-11-11')).toMatchObject({ days: 41, stage: 'nudge' })
    expect(fadingOf(tandem(), '2026-11-12')).toMatchObject({ days: 42, stage: 'alert' })
    // A shorter cadence fades sooner.
    expect(fadingOf(tandem({ cadence: 7 }), '2026-10-15')).toMatchObject({ days: 14, stage: 'nudge' })
  })

  it('a held meeting resets it; a meeting planned from today on holds it off', () => {
    expect(fadingOf(tandem({ lastHeld: '2026-10-20' }), '2026-11-09')).toBeNull()
    expect(fadingOf(tandem({ lastHeld: '2026-10-20' }), '2026-11-10')).toEqual({
      since: '2026-10-20',
      days: 21,
      stage: 'nudge',
    })
    expect(fadingOf(tandem({ planned: true }), '2026-11-30')).toBeNull()
    // A meeting logged before the start does not move the quiet spell back.
    expect(fadingOf(tandem({ lastHeld: '2026-09-01' }), '2026-10-22')).toMatchObject({ since: '2026-10-01' })
  })

  it('flags a newcomer nobody met within 14 days of the start, at once', () => {
    expect(neverContactedOf(tandem(), '2026-10-14')).toBeNull()
    expect(neverContactedOf(tandem(), '2026-10-15')).toEqual({ since: '2026-10-01', days: 14 })
    expect(neverContactedOf(tandem({ contacted: true }), '2026-12-01')).toBeNull()
  })
})

describe('the fading rule', () => {
  let org: Org
  let programId: string
  let coordinator: { userId: string; email: string }
  beforeAll(async () => {
    ;({ org, programId } = await newOrg('fading-rule'))
    coordinator = await memberWithRole(org, 'coordinator')
    await db.update(users).set({ locale: 'es' }).where(eq(users.id, coordinator.userId))
  })

  it('nudges the mentor once in their language, then alerts each coordinator once in theirs', async () => {
    const match = await newMatch(programId, -25, 'uk')
    // Outside the morning hour: nothing.
    await fadingAt(at(0, '08:59'))
    await fadingAt(at(0, '10:00'))
    expect(await fadingEmails(match.id)).toEqual([])
    // 25 quiet days of a 14-day cadence: one nudge to the mentor, even when the rule runs twice.
    await fadingAt(at(0, '09:00'))
    await fadingAt(at(0, '09:30'))
    await fadingAt(at(5, '09:30'))
    const nudged = await fadingEmails(match.id)
    expect(nudged.map((e) => [e.kind, e.dedupKey, e.toAddress])).toEqual([
      ['nudge', `nudge:${match.id}:${dayOf(-25)}`, `${match.mentorId}@example.org`],
    ])
    const nudge = nudged[0]
    expect(nudge?.subject).toBe('Час знову зустрітися з Fixture?')
    expect(nudge?.text).toContain('25 днів')
    expect(nudge?.text).toContain(`http://localhost:8787/orgs/${org.slug}/my`)
    expect(nudge?.headers?.['List-Unsubscribe']).toMatch(/unsubscribe\?token=/)

    // A second period (42 days): each coordinator gets one alert in their language; the owner, not a
    // coordinator, gets none; the nudge is not repeated.
    await fadingAt(at(17, '09:10'))
    await fadingAt(at(17, '09:40'))
    const all = await fadingEmails(match.id)
    expect(all.map((e) => [e.kind, e.toAddress])).toEqual([
      ['fading-alert', coordinator.email],
      ['nudge', `${match.mentorId}@example.org`],
    ])
    const alert = all[0]
    expect(alert?.dedupKey).toBe(`fading-alert:${match.id}.${coordinator.userId}:${dayOf(-25)}`)
    expect(alert?.subject).toBe('Un tándem de Program fading-rule no se ha visto en 42 días')
    expect(alert?.text).toContain(`/orgs/${org.slug}/programs/${programId}/matches/${match.id}`)
  })

  it('a held meeting resets it: no email for a tandem that met, a new nudge after the next quiet spell', async () => {
    const match = await newMatch(programId, -40)
    expect((await logMeeting(org, programId, match.id, dayOf(-3))).status).toBe(201)
    await fadingAt(at(0, '09:00'))
    expect(await fadingEmails(match.id)).toEqual([])
    await fadingAt(at(18, '09:00')) // 21 days after the meeting
    await fadingAt(at(18, '09:20'))
    expect((await fadingEmails(match.id)).map((e) => e.dedupKey)).toEqual([`nudge:${match.id}:${dayOf(-3)}`])
  })
})

describe('GET /orgs/{org}/attention', () => {
  it('lists never-contacted newcomers, fading tandems and open requests to end, oldest first, of this organization only', async () => {
    const { org, programId } = await newOrg('attention')
    const never = await newMatch(programId, -40)
    const quiet = await newMatch(programId, -60)
    expect((await logMeeting(org, programId, quiet.id, dayOf(-30))).status).toBe(201)
    const fine = await newMatch(programId, -60)
    expect((await logMeeting(org, programId, fine.id, dayOf(-2))).status).toBe(201)
    const young = await newMatch(programId, -5)
    const asked = await newMatch(programId, -3)
    await db
      .update(matches)
      .set({
        mentorEndRequest: {
          at: new Date(at(-35, '12:00')).toISOString(),
          by: 'x',
          reason: 'other',
          sealedNote: null,
        },
      })
      .where(eq(matches.id, asked.id))
    // Another organization's fading tandem never shows here.
    const other = await newOrg('attention-other')
    const foreign = await newMatch(other.programId, -50)

    const res = await attentionOf(org.owner, org.slug)
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.items.map((i) => [i.kind, i.matchId, i.since, i.days])).toEqual([
      ['never-contacted', never.id, dayOf(-40), 40],
      ['end-request', asked.id, dayOf(-35), 35],
      ['fading', quiet.id, dayOf(-30), 30],
    ])
    expect(body.total).toBe(3)
    expect(body.items[0]).toMatchObject({
      programId,
      programName: 'Program attention',
      mentee: 'Fixture',
      mentor: 'Fixture',
    })
    const ids = body.items.map((i) => i.matchId)
    for (const id of [fine.id, young.id, foreign.id]) expect(ids).not.toContain(id)

    // A coordinator reads it too; the other organization sees only its own.
    const coordinator = await memberWithRole(org, 'coordinator')
    expect((await attentionOf(coordinator.client, org.slug)).status).toBe(200)
    const theirs = await (await attentionOf(other.org.owner, other.org.slug)).json()
    expect(theirs.items.map((i) => [i.kind, i.matchId])).toEqual([['never-contacted', foreign.id]])
    // Ended matches drop out.
    await db
      .update(matches)
      .set({ status: 'ended', endedAt: new Date() })
      .where(and(eq(matches.id, never.id)))
    const after = await (await attentionOf(org.owner, org.slug)).json()
    expect(after.items.map((i) => i.matchId)).toEqual([asked.id, quiet.id])
  })
})

describe('a tandem recorded after it began', () => {
  it('takes its real start day (today back to a year), which the attention list counts from', async () => {
    const { org, programId } = await newOrg('backdated')
    const { menteeId, mentorId } = await seedPair(programId)
    const matchesOf = org.owner.org.programs[':program'].matches
    const param = { org: org.slug, program: programId }
    for (const startedOn of [dayOf(1), dayOf(-366), '2026-02-31']) {
      const refused = await matchesOf.$post({ param, json: { menteeId, mentorId, startedOn } })
      expect(refused.status).toBe(400)
      const problem = await problemOf(refused)
      expect(problem.errors?.map((e) => e.path)).toEqual(['startedOn'])
    }
    expect(await db.select().from(matches).where(eq(matches.menteeId, menteeId))).toEqual([])

    const made = await matchesOf.$post({ param, json: { menteeId, mentorId, startedOn: dayOf(-20) } })
    expect(made.status).toBe(201)
    const match = await made.json()
    expect(match.startedAt.slice(0, 10)).toBe(dayOf(-20))
    const list = await (await attentionOf(org.owner, org.slug)).json()
    expect(list.items.map((i) => [i.kind, i.matchId, i.since, i.days])).toEqual([
      ['never-contacted', match.id, dayOf(-20), 20],
    ])
  })
})

describe('previews', () => {
  it('shows admins the nudge and the coordinator alert in every language', async () => {
    const org = await orgWithOwner('fading-preview')
    for (const name of ['nudge', 'fading-alert']) {
      for (const locale of ['en', 'ar', 'de', 'es', 'fa', 'uk'] as const) {
        const res = await org.owner.org['email-templates'][':name'].preview.$get({
          param: { org: org.slug, name },
          query: { locale },
        })
        expect(res.status, `${name} ${locale}`).toBe(200)
        const mail = await res.json()
        expect(mail.text, `${name} ${locale}`).toContain('/unsubscribe?token=preview')
      }
    }
  })
})
