import { env, exports } from 'cloudflare:workers'
import {
  concerns,
  emailSuppressions,
  eventRsvps,
  events,
  goals,
  matches,
  matchProposals,
  matchRuns,
  meetings,
  newId,
  outbox,
  participantNotes,
  participants,
  programs,
  screenings,
  surveys,
  tenants,
} from '@tandem/db'
import { SURVEY_TEMPLATES } from '@tandem/vocab'
import { eq } from 'drizzle-orm'
import { encryptFields } from '../../src/lib/protected-fields'
import {
  type Client,
  dataDb,
  db,
  lastEmail,
  memberWithRole,
  placementDb,
  placementOpeners,
  raiseLimits,
  unique,
} from './client'

export interface Operation {
  method: string
  /** OpenAPI path, e.g. /api/v1/orgs/{org}/members/{member} */
  path: string
  permission: string | undefined
  /** `own`: the route reaches only the caller's own records (participant portal). */
  scope: 'own' | undefined
  hasBody: boolean
  params: string[]
  /** Names of required query parameters. */
  requiredQuery: string[]
}

/** Every tenant-scoped operation, read from the OpenAPI document: new routes are covered automatically. */
export async function tenantOperations(): Promise<Operation[]> {
  const doc = (await (await exports.default.fetch('https://tandem.test/api/openapi.json')).json()) as {
    paths: Record<
      string,
      Record<
        string,
        {
          'x-permission'?: string
          'x-scope'?: 'own'
          requestBody?: unknown
          parameters?: { name: string; in: string; required?: boolean }[]
        }
      >
    >
  }
  const ops: Operation[] = []
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/orgs/{org}')) continue
    for (const [method, op] of Object.entries(methods)) {
      ops.push({
        method: method.toUpperCase(),
        path,
        permission: op['x-permission'],
        scope: op['x-scope'],
        hasBody: op.requestBody !== undefined,
        params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).filter((p) => p !== 'org'),
        requiredQuery: (op.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => p.name),
      })
    }
  }
  return ops
}

export const key = (op: Operation) => `${op.method} ${op.path}`

/**
 * A valid example body for every operation that takes one. An operation missing here fails the
 * coverage test: add its example when you add the route. A maker gets the call's fixtures and may be async.
 */
export const exampleBodies: Record<string, (fixtures: Fixtures) => unknown> = {
  'PATCH /api/v1/orgs/{org}': () => ({ contactPhone: '+49 30 1234567' }),
  'PATCH /api/v1/orgs/{org}/report-settings': () => ({ minimumCellSize: 6 }),
  'POST /api/v1/orgs/{org}/neighborhood-indicators': () => ({
    csv: 'neighbourhood,period,measure,value\nAltstadt,2026,school attendance %,92\n',
  }),
  'PATCH /api/v1/orgs/{org}/members/{member}': () => ({ role: 'mentor' }),
  'POST /api/v1/orgs/{org}/invitations': () => ({
    email: `${unique('invitee')}@example.org`,
    role: 'mentee',
  }),
  'POST /api/v1/orgs/{org}/programs': () => ({ name: unique('Program'), languages: ['ar', 'de'] }),
  'PATCH /api/v1/orgs/{org}/programs/{program}': () => ({ description: 'Updated by the route check' }),
  'POST /api/v1/orgs/{org}/programs/{program}/participants': () => ({
    role: 'mentee',
    displayName: 'Route Check',
    preferredLocale: 'ar',
    languages: [{ code: 'ar', level: 'native' }],
  }),
  'PATCH /api/v1/orgs/{org}/programs/{program}/participants/{participant}': () => ({
    neighborhood: 'Altstadt',
  }),
  'PATCH /api/v1/orgs/{org}/programs/{program}/participants/{participant}/screening': () => ({
    checkStatus: 'pending',
  }),
  'PUT /api/v1/orgs/{org}/programs/{program}/participants/{participant}/protected': () => ({
    residenceStatus: 'refugee',
  }),
  'POST /api/v1/orgs/{org}/programs/{program}/participants/{participant}/notes': () => ({
    text: 'Written by the route check',
  }),
  'POST /api/v1/orgs/{org}/programs/{program}/imports': () => ({
    csv: '\ufeffName;E-Mail;Rolle;Sprachen\r\nRoute Check;;Mentee;ar:native\r\n',
  }),
  'POST /api/v1/orgs/{org}/programs/{program}/match-runs': () => ({ mode: 'participation' }),
  // The {run} fixture leaves the id of its open proposal in `fixtures.proposal`.
  'POST /api/v1/orgs/{org}/programs/{program}/match-runs/{run}/proposals/decisions': (f) => ({
    accept: [f.proposal],
  }),
  'POST /api/v1/orgs/{org}/programs/{program}/matches': async (f) => {
    const { menteeId, mentorId } = await seedPair(f.program as string)
    return { menteeId, mentorId }
  },
  'PATCH /api/v1/orgs/{org}/programs/{program}/matches/{match}': () => ({ status: 'paused' }),
  'PUT /api/v1/orgs/{org}/programs/{program}/matches/{match}/planned-end': () => ({
    plannedEndOn: new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10),
  }),
  'POST /api/v1/orgs/{org}/programs/{program}/matches/{match}/meetings': () => ({
    date: '2026-11-02',
    durationMinutes: 60,
    mode: 'video',
    menteeRating: 4,
    note: 'Logged by the route check',
  }),
  'PUT /api/v1/orgs/{org}/programs/{program}/matches/{match}/meetings/{meeting}': () => ({
    date: '2026-11-03',
    status: 'missed',
    note: null,
  }),
  'POST /api/v1/orgs/{org}/my/matches/{match}/meetings': () => ({
    date: '2026-11-02',
    came: true,
    rating: 5,
  }),
  'POST /api/v1/orgs/{org}/programs/{program}/matches/{match}/goals': async (f) => ({
    area: await withGoalAreas(f.program as string),
    title: 'Open a bank account',
    targetDate: '2027-02-01',
  }),
  'POST /api/v1/orgs/{org}/programs/{program}/matches/{match}/goals/{goal}/revisits': () => ({
    note: 'Recorded by the route check',
    status: 'in-progress',
  }),
  'POST /api/v1/orgs/{org}/my/matches/{match}/goals/{goal}/revisits': () => ({
    note: 'Recorded by the route check',
    status: 'reached',
  }),
  'POST /api/v1/orgs/{org}/programs/{program}/concerns/{concern}/actions': () => ({
    status: 'in-progress',
    note: 'Recorded by the route check',
  }),
  'POST /api/v1/orgs/{org}/my/matches/{match}/concerns': () => ({
    category: 'wellbeing',
    severity: 'low',
    description: 'Raised by the route check',
  }),
  'POST /api/v1/orgs/{org}/programs/{program}/events': () => eventExample(),
  'POST /api/v1/orgs/{org}/events': () => eventExample(),
  'PATCH /api/v1/orgs/{org}/events/{event}': () => ({ capacity: 30, supports: ['child-care', 'transport'] }),
  'PUT /api/v1/orgs/{org}/events/{event}/rsvps/{rsvp}/attendance': () => ({ attended: 2 }),
  'POST /api/v1/orgs/{org}/programs/{program}/surveys': () => ({ template: 'newcomer-baseline' }),
  'PATCH /api/v1/orgs/{org}/surveys/{survey}': () => ({ active: false }),
  'PUT /api/v1/orgs/{org}/my/events/{event}/rsvp': () => ({
    answer: 'going',
    guests: 1,
    supports: ['child-care'],
  }),
  'PUT /api/v1/orgs/{org}/my/email-preferences': () => ({ kind: 'summary.weekly', enabled: false }),
  // Irreversible actions repeat a name: the participant's, the organization's address (`org`, given by `call`).
  'POST /api/v1/orgs/{org}/programs/{program}/participants/{participant}/erasure': async (f) => {
    const db = (await programAnywhere(f.program as string))?.db
    if (!db) throw new Error('erasure body: no program')
    const person = await db
      .select({ name: participants.displayName })
      .from(participants)
      .where(eq(participants.id, f.participant as string))
      .get()
    return { confirm: person?.name ?? '' }
  },
  'PUT /api/v1/orgs/{org}/data-protection': () => ({ exitedParticipantMonths: 24, emailLogDays: 365 }),
  // Deletion is only asked for here: the scheduled job (not run by these tests) would delete the organization.
  'POST /api/v1/orgs/{org}/deletion': (f) => ({ confirm: f.org ?? '' }),
  'POST /api/v1/orgs/{org}/partners': () => partnerExample(),
  'PATCH /api/v1/orgs/{org}/partners/{partner}': () => ({ status: 'paused', cadence: 'monthly' }),
  'POST /api/v1/orgs/{org}/my/matches/{match}/end-request': () => ({
    reason: 'no_contact',
    note: 'Asked by the route check',
  }),
}

/** A potluck a week from now, for the routes that create events. */
const eventExample = () => ({
  title: 'Route check potluck',
  kind: 'potluck',
  startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  endsAt: new Date(Date.now() + 7 * 86_400_000 + 7_200_000).toISOString(),
  place: 'Community hall',
  capacity: 20,
  languages: ['de', 'ar'],
  supports: ['child-care'],
})

/** A city library that gets the weekly digest of every program, in Arabic. */
const partnerExample = (): Parameters<Client['org']['partners']['$post']>[0]['json'] => ({
  name: 'City Library',
  kind: 'library',
  locale: 'ar',
  cadence: 'weekly',
  contacts: [{ name: 'Ruth Weber', email: `${unique('partner')}@example.org` }],
})

/** Values for required query parameters, by name. */
export const exampleQuery: Record<string, string> = {
  purpose: 'access check in tests',
}

/**
 * Path parameters that name something every organization has alike (an email template), not a record of one
 * organization: the isolation test does not expect another organization's value to answer 404.
 */
export const globalParams = new Set(['name'])

/** Resources of one organization that path parameters can point at, made fresh for each call. */
export type Fixtures = Record<string, string>

/** The {program} of the call, made when the call has none yet. */
async function programOf(org: { slug: string; owner: Client }, made: Fixtures): Promise<string> {
  const program = made.program ?? (await fixtureMakers.program?.(org, made))
  if (!program) throw new Error('no program fixture')
  return program
}

/**
 * Who will call with the fixtures. Portal (`own`) routes only reach records linked to the caller's account:
 * makers link what they make to a mentor or mentee caller, so those routes can be called for real.
 */
export type Actor = { role: string; userId?: string }

/**
 * Makes one resource of each kind in the organization, for the path parameters of tenant routes.
 * Add a maker here when a route introduces a new path parameter.
 */
export const fixtureMakers: Record<
  string,
  (org: { slug: string; owner: Client }, made: Fixtures, actor?: Actor) => Promise<string>
> = {
  /** An email template's name (the same in every organization). */
  async name() {
    return 'weekly-summary'
  },
  async member(org) {
    const { email } = await memberWithRole(org, 'mentee')
    const res = await org.owner.org.members.$get({ param: { org: org.slug } })
    const { items } = await res.json()
    const found = items.find((m) => m.email === email)
    if (!found) throw new Error('member fixture not found')
    return found.id
  },
  async invitation(org) {
    const email = `${unique('pending')}@example.org`
    const res = await org.owner.org.invitations.$post({
      param: { org: org.slug },
      json: { email, role: 'mentee' },
    })
    const body = await res.json()
    await lastEmail(email)
    return body.id
  },
  async program(org) {
    // Route checks make a program per call: far more than a new organization may hold (decision 033).
    if (!raised.has(org.slug)) await raiseLimits(org.slug)
    raised.add(org.slug)
    const res = await org.owner.org.programs.$post({
      param: { org: org.slug },
      json: {
        name: unique('Fixture program'),
        languages: ['ar', 'de'],
        protectedFields: ['residenceStatus'],
      },
    })
    if (res.status !== 201) throw new Error(`program fixture: ${res.status} ${await res.text()}`)
    return (await res.json()).id
  },
  /** A mentor (screening routes need one) in the {program} of the same call. */
  async participant(org, made) {
    const program = await programOf(org, made)
    const res = await org.owner.org.programs[':program'].participants.$post({
      param: { org: org.slug, program },
      json: {
        role: 'mentor',
        displayName: unique('Fixture mentor'),
        email: `${unique('fixture-mentor')}@example.org`,
        preferredLocale: 'de',
        languages: [{ code: 'de', level: 'native' }],
        capacity: 2,
      },
    })
    if (res.status !== 201) throw new Error(`participant fixture: ${res.status} ${await res.text()}`)
    return (await res.json()).id
  },
  /**
   * A coordinator's note about the {participant} of the same call, written by the caller when the caller is a
   * member (a note's author may delete it), else by the owner.
   */
  async note(org, made, actor) {
    const db = await dataDb(org.slug)
    const program = await programOf(org, made)
    const participant = made.participant ?? (await fixtureMakers.participant?.(org, { ...made, program }))
    if (!participant) throw new Error('note fixture: no participant')
    const res = await org.owner.org.programs[':program'].participants[':participant'].notes.$post({
      param: { org: org.slug, program, participant },
      json: { text: unique('Fixture note') },
    })
    if (res.status !== 201) throw new Error(`note fixture: ${res.status} ${await res.text()}`)
    const { id } = await res.json()
    if (actor?.userId) {
      await db.update(participantNotes).set({ authorUserId: actor.userId }).where(eq(participantNotes.id, id))
    }
    return id
  },
  /** An email of the organization that reached the retry limit (`dead`), so it can be retried. */
  async email(org) {
    const db = await dataDb(org.slug)
    const tenant = await db.select().from(tenants).where(eq(tenants.slug, org.slug)).get()
    if (!tenant) throw new Error('email fixture: no tenant')
    const id = newId()
    await db.insert(outbox).values({
      id,
      tenantId: tenant.id,
      kind: 'fixture',
      toAddress: `${unique('dead')}@example.org`,
      subject: 'Fixture email',
      text: 'Fixture email',
      html: '<p>Fixture email</p>',
      dueAt: new Date(),
      status: 'dead',
      attempts: 8,
      reason: 'Not accepted after 8 attempts; last: application_error: down',
      batchId: newId(),
    })
    return id
  },
  /** A previewed CSV import (not applied) in the {program} of the same call. */
  async import(org, made) {
    const program = await programOf(org, made)
    const res = await org.owner.org.programs[':program'].imports.$post({
      param: { org: org.slug, program },
      json: { csv: `name,role,languages\n${unique('Fixture mentee')},mentee,ar:native\n` },
    })
    if (res.status !== 201) throw new Error(`import fixture: ${res.status} ${await res.text()}`)
    return (await res.json()).id
  },
  /** A finished match run with one open proposal (id left in `made.proposal`), in the {program} of the call. */
  async run(org, made) {
    const db = await dataDb(org.slug)
    const program = await programOf(org, made)
    const { tenantId, menteeId, mentorId } = await seedPair(program)
    const now = new Date()
    const runId = newId()
    const proposalId = newId()
    await db.batch([
      db.insert(matchRuns).values({
        id: runId,
        tenantId,
        programId: program,
        mode: 'participation',
        status: 'done',
        progress: 100,
        createdAt: now,
        startedAt: now,
        finishedAt: now,
      }),
      db.insert(matchProposals).values({
        id: proposalId,
        tenantId,
        runId,
        menteeId,
        mentorId,
        score: 42,
        breakdown: { language: 42 },
        explanation: [],
      }),
    ])
    made.proposal = proposalId
    return runId
  },
  /** An active match of a fresh pair in the {program} of the call; a mentor or mentee caller is one of the two. */
  async match(org, made, actor) {
    const db = await dataDb(org.slug)
    const program = await programOf(org, made)
    const { tenantId, menteeId, mentorId } = await seedPair(program, {
      mentee: 'matched',
      mentor: 'matched',
    })
    if (actor?.userId && (actor.role === 'mentee' || actor.role === 'mentor')) {
      await db
        .update(participants)
        .set({ userId: actor.userId })
        .where(eq(participants.id, actor.role === 'mentee' ? menteeId : mentorId))
    }
    const id = newId()
    await db.insert(matches).values({
      id,
      tenantId,
      programId: program,
      menteeId,
      mentorId,
      status: 'active',
      startedAt: new Date(),
    })
    return id
  },
  /** A held meeting of the {match} of the same call, logged by a coordinator. */
  async meeting(org, made, actor) {
    const db = await dataDb(org.slug)
    const program = await programOf(org, made)
    const match = made.match ?? (await fixtureMakers.match?.(org, { ...made, program: program }, actor))
    const id = newId()
    const now = new Date()
    await db.insert(meetings).values({
      id,
      tenantId: await tenantIdOf(org.slug),
      programId: program,
      matchId: match as string,
      date: '2026-11-01',
      status: 'held',
      source: 'coordinator',
      createdAt: now,
      updatedAt: now,
    })
    return id
  },
  /** An open goal (area `housing`) of the {match} of the same call. */
  async goal(org, made, actor) {
    const db = await dataDb(org.slug)
    const program = await programOf(org, made)
    const match = made.match ?? (await fixtureMakers.match?.(org, { ...made, program: program }, actor))
    await withGoalAreas(program)
    const id = newId()
    const now = new Date()
    await db.insert(goals).values({
      id,
      tenantId: await tenantIdOf(org.slug),
      programId: program,
      matchId: match as string,
      area: 'housing',
      title: 'Find a flat',
      status: 'open',
      revisitDays: 30,
      nextRevisitOn: '2026-12-01',
      createdAt: now,
      updatedAt: now,
    })
    return id
  },
  /** An open, low-severity concern about the {match} of the same call, raised by its mentee. */
  async concern(org, made, actor) {
    const db = await dataDb(org.slug)
    const program = await programOf(org, made)
    const match = made.match ?? (await fixtureMakers.match?.(org, { ...made, program: program }, actor))
    const row = await db
      .select()
      .from(matches)
      .where(eq(matches.id, match as string))
      .get()
    if (!row) throw new Error('concern fixture: no match')
    const id = newId()
    const now = new Date()
    await db.insert(concerns).values({
      id,
      tenantId: row.tenantId,
      programId: row.programId,
      matchId: row.id,
      raisedById: row.menteeId,
      side: 'mentee',
      category: 'wellbeing',
      severity: 'low',
      sealedDescription: await encryptFields({ current: testKey }, row.tenantId, `concern:${id}`, {
        text: 'Fixture concern',
      }),
      source: 'portal',
      createdAt: now,
      updatedAt: now,
    })
    return id
  },
  async partner(org) {
    const res = await org.owner.org.partners.$post({ param: { org: org.slug }, json: partnerExample() })
    if (res.status !== 201) throw new Error(`partner fixture: ${res.status}`)
    return (await res.json()).id
  },
  /**
   * A scheduled event a week from now in the {program} of the call (child care offered, 20 seats). A mentor or
   * mentee caller takes part in that program, so the portal's reply route reaches it; anyone else does not.
   */
  async event(org, made, actor) {
    const db = await dataDb(org.slug)
    const program = await programOf(org, made)
    const tenantId = await tenantIdOf(org.slug)
    const now = new Date()
    if (actor?.userId && (actor.role === 'mentee' || actor.role === 'mentor')) {
      await db.insert(participants).values({
        id: newId(),
        tenantId,
        programId: program,
        role: actor.role,
        displayName: unique('Fixture guest'),
        preferredLocale: 'de',
        languages: [{ code: 'de', level: 'native' }],
        interests: [],
        status: 'ready',
        userId: actor.userId,
        createdAt: now,
      })
    }
    const id = newId()
    await db.insert(events).values({
      id,
      tenantId,
      programId: program,
      title: 'Fixture potluck',
      kind: 'potluck',
      startsAt: new Date(now.getTime() + 7 * 86_400_000),
      endsAt: new Date(now.getTime() + 7 * 86_400_000 + 7_200_000),
      place: 'Community hall',
      capacity: 20,
      supports: ['child-care'],
      createdAt: now,
      updatedAt: now,
    })
    return id
  },
  /** A reply (going, with two guests) to the {event} of the call, by a fresh participant of its program. */
  async rsvp(org, made, actor) {
    const db = await dataDb(org.slug)
    const event = made.event ?? (await fixtureMakers.event?.(org, made, actor))
    const row = await db
      .select()
      .from(events)
      .where(eq(events.id, event as string))
      .get()
    if (!row?.programId) throw new Error('rsvp fixture: no program event')
    const { tenantId, menteeId } = await seedPair(row.programId)
    const id = newId()
    const now = new Date()
    await db.insert(eventRsvps).values({
      id,
      tenantId,
      eventId: row.id,
      participantId: menteeId,
      status: 'going',
      guests: 2,
      respondedAt: now,
      createdAt: now,
    })
    return id
  },
  /** The baseline survey template added to the {program} of the call. */
  async survey(org, made) {
    const db = await dataDb(org.slug)
    const program = await programOf(org, made)
    const template = SURVEY_TEMPLATES['newcomer-baseline']
    const id = newId()
    await db.insert(surveys).values({
      id,
      tenantId: await tenantIdOf(org.slug),
      programId: program,
      template: template.code,
      kind: template.kind,
      audience: template.audience,
      anonymous: true,
      active: true,
      title: template.title,
      questions: template.questions,
      createdAt: new Date(),
    })
    return id
  },
  /** An address on the organization's suppression list. */
  async suppression(org) {
    const db = await dataDb(org.slug)
    const id = newId()
    await db.insert(emailSuppressions).values({
      id,
      tenantId: await tenantIdOf(org.slug),
      address: `${unique('fixture-bounce')}@example.org`,
      reason: 'bounce',
      detail: 'Permanent · General',
    })
    return id
  },
}

/** The protected-fields key the test Worker runs with (vitest.config.ts), to seal fixtures as the Worker does. */
const testKey = (env as unknown as { PROTECTED_FIELDS_KEY: string }).PROTECTED_FIELDS_KEY

const raised = new Set<string>()

async function tenantIdOf(slug: string) {
  const tenant = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug)).get()
  if (!tenant) throw new Error(`no organization ${slug}`)
  return tenant.id
}

/** A program and the database it lives in, whichever placement its organization is on. */
async function programAnywhere(programId: string) {
  for (const placement of ['shared', 'd1:DB_EU', ...placementOpeners.keys()]) {
    const db = placementDb(placement)
    const program = await db.select().from(programs).where(eq(programs.id, programId)).get()
    if (program) return { program, db }
  }
  return undefined
}

/**
 * A mentee and a cleared mentor (references, clear check valid for a year, safety acknowledged, approved) who
 * share German, written straight into the program's database (fixtures must not depend on the routes they test).
 */
export async function seedPair(
  programId: string,
  status: { mentee?: 'ready' | 'matched'; mentor?: 'ready' | 'matched' } = {},
) {
  const found = await programAnywhere(programId)
  if (!found) throw new Error(`seedPair: no program ${programId}`)
  const { program, db } = found
  const now = new Date()
  const day = (n: number) => new Date(now.getTime() + n * 86_400_000).toISOString().slice(0, 10)
  const person = (role: 'mentee' | 'mentor', name: string, s: 'ready' | 'matched') => ({
    id: newId(),
    tenantId: program.tenantId,
    programId,
    role,
    displayName: unique(name),
    preferredLocale: 'de',
    languages: [{ code: 'de', level: 'native' as const }],
    interests: [],
    status: s,
    createdAt: now,
  })
  const mentee = person('mentee', 'Fixture mentee', status.mentee ?? 'ready')
  const mentor = person('mentor', 'Fixture mentor', status.mentor ?? 'ready')
  await db.batch([
    db.insert(participants).values(mentee),
    db.insert(participants).values(mentor),
    db.insert(screenings).values({
      participantId: mentor.id,
      tenantId: program.tenantId,
      references: [
        { name: 'Ref One', relation: 'colleague', status: 'received', receivedOn: day(-20) },
        { name: 'Ref Two', relation: 'neighbour', status: 'received', receivedOn: day(-15) },
      ],
      checkStatus: 'clear',
      checkedOn: day(-10),
      checkExpiresOn: day(365),
      trainingCompleted: Object.fromEntries(program.trainingModules.map((m) => [m.id, day(-5)])),
      safetyAckVersion: program.safetyGuidelinesVersion,
      safetyAckAt: now,
      approvedAt: now,
      updatedAt: now,
    }),
  ])
  return { tenantId: program.tenantId, menteeId: mentee.id, mentorId: mentor.id }
}

export async function fixturesFor(
  org: { slug: string; owner: Client },
  params: string[],
  actor?: Actor,
): Promise<Fixtures> {
  const out: Fixtures = {}
  for (const p of params) {
    const make = fixtureMakers[p]
    if (!make) throw new Error(`no fixture maker for path parameter {${p}}`)
    out[p] = await make(org, out, actor)
  }
  return out
}

export function fill(op: Operation, slug: string, fixtures: Fixtures): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'org' ? slug : (fixtures[name] ?? `{${name}}`),
  )
}

/** The example body for a call (a maker may create data of its own, e.g. a pair to match). */
export async function bodyFor(op: Operation, fixtures: Fixtures): Promise<unknown> {
  return op.hasBody ? await exampleBodies[key(op)]?.(fixtures) : undefined
}

export async function call(client: Client, op: Operation, slug: string, fixtures: Fixtures, body?: unknown) {
  body ??= await bodyFor(op, { org: slug, ...fixtures })
  const query = op.requiredQuery.map((q) => `${q}=${encodeURIComponent(exampleQuery[q] ?? '')}`).join('&')
  return client.request(op.method, `${fill(op, slug, fixtures)}${query ? `?${query}` : ''}`, body)
}

/** Gives a fixture program the goal areas goals need (`housing`, `work`); returns the first. */
async function withGoalAreas(programId: string) {
  const db = (await programAnywhere(programId))?.db
  if (!db) throw new Error(`withGoalAreas: no program ${programId}`)
  await db
    .update(programs)
    .set({ goalAreas: ['housing', 'work'] })
    .where(eq(programs.id, programId))
  return 'housing'
}
