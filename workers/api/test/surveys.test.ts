import { env } from 'cloudflare:workers'
import {
  auditLog,
  matches,
  newId,
  outbox,
  participants,
  surveyInvitations,
  surveyResponses,
  surveys,
  tenants,
} from '@tandem/db'
import { cohortOf, missingTranslations, OTHER_GROUP, SURVEY_LANGUAGES, SURVEY_TEMPLATES } from '@tandem/vocab'
import { and, eq, like } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEV_EMAIL_LINK_SECRET } from '../src/env'
import { runScheduler } from '../src/features/email/scheduler'
import { sharedBy, storedCohort } from '../src/features/surveys/cohort'
import { surveyFigures } from '../src/features/surveys/indicators'
import { surveyInvitationRule, surveyReminderRule } from '../src/features/surveys/invitations.rule'
import { Client, db, orgWithOwner, problemOf, raiseLimits, unique } from './support/client'

type Org = { slug: string; owner: Client; email: string }

const DAY = 86_400_000
const config = { APP_ORIGIN: 'http://localhost:8787', EMAIL_LINK_SECRET: DEV_EMAIL_LINK_SECRET }
const tick = (rules: Parameters<typeof runScheduler>[0], now: Date) =>
  runScheduler(rules, { control: db, db, placement: 'shared', now, config })

let org: Org
let tenantId: string

/** A survey link from email, opened from a fresh address (no session). */
const link = () => new Client().api.v1['survey-invitations'][':token']
type AnswerBody = Parameters<ReturnType<typeof link>['$post']>[0]['json']
const openLink = (token: string) => link().$get({ param: { token } })
const answer = (token: string, json: AnswerBody) => link().$post({ param: { token }, json })
/** A program's surveys, and one survey of the organization. */
const programSurveys = () => org.owner.org.programs[':program'].surveys
type CreateBody = Parameters<ReturnType<typeof programSurveys>['$post']>[0]['json']
const surveyById = () => org.owner.org.surveys[':survey']
const surveyParam = (id: string) => ({ org: org.slug, survey: id })

async function newProgram(name: string) {
  const res = await org.owner.org.programs.$post({
    param: { org: org.slug },
    json: { name: unique(name), languages: ['de', 'ar'] },
  })
  expect(res.status).toBe(201)
  return (await res.json()).id
}

interface PersonOptions {
  role?: 'mentee' | 'mentor'
  locale?: string
  consent?: boolean
  gender?: string
  ageBand?: string
  arrivalYear?: number
  neighborhood?: string
}

async function person(programId: string, o: PersonOptions = {}) {
  const id = newId()
  await db.insert(participants).values({
    id,
    tenantId,
    programId,
    role: o.role ?? 'mentee',
    displayName: unique(o.role === 'mentor' ? 'Mentor Person' : 'Mentee Person'),
    email: `${id}@example.org`,
    preferredLocale: o.locale ?? 'de',
    languages: [{ code: 'de', level: 'native' }],
    interests: [],
    neighborhood: o.neighborhood ?? null,
    demographics: o.consent ? { gender: o.gender, ageBand: o.ageBand, arrivalYear: o.arrivalYear } : null,
    demographicsConsentAt: o.consent ? new Date() : null,
    status: 'matched',
    createdAt: new Date(),
  })
  return id
}

/** A tandem of the program (started `startedDaysAgo` ago; ended `endedDaysAgo` ago when given). */
async function tandem(
  programId: string,
  menteeId: string,
  o: { startedDaysAgo?: number; endedDaysAgo?: number; plannedEndOn?: string; mentorId?: string } = {},
) {
  const id = newId()
  const mentorId = o.mentorId ?? (await person(programId, { role: 'mentor' }))
  const now = Date.now()
  await db.insert(matches).values({
    id,
    tenantId,
    programId,
    menteeId,
    mentorId,
    status: o.endedDaysAgo !== undefined ? 'ended' : 'active',
    startedAt: new Date(now - (o.startedDaysAgo ?? 0) * DAY),
    endedAt: o.endedDaysAgo !== undefined ? new Date(now - o.endedDaysAgo * DAY) : null,
    endReason: o.endedDaysAgo !== undefined ? 'completed' : null,
    plannedEndOn: o.plannedEndOn ?? null,
    createdAt: new Date(now),
  })
  return { id, mentorId }
}

async function addSurvey(programId: string, json: CreateBody) {
  const res = await programSurveys().$post({ param: { org: org.slug, program: programId }, json })
  expect(res.status, await res.clone().text()).toBe(201)
  return await res.json()
}

/** The links the outbox holds for a survey, by participant id (the first email's or the reminder's). */
async function linksOf(
  surveyId: string,
  kind: 'survey-invitation' | 'survey-reminder' = 'survey-invitation',
) {
  const mails = await db
    .select()
    .from(outbox)
    .where(like(outbox.dedupKey, `${kind}:${surveyId}.%`))
  return new Map(
    mails.map((m) => [
      (m.dedupKey as string).split(':')[1]?.split('.')[1] as string,
      { token: /survey\?token=([a-z2-9.]+)/.exec(m.text)?.[1] as string, mail: m },
    ]),
  )
}

/** Answers for the baseline template: the required questions, plus a few optional ones. */
const baselineAnswers = (likert = 3) => ({
  'confidence.everyday': likert,
  'confidence.services': likert,
  'language.use': 'weekly',
  'language.confidence': likert,
  'work.status': 'looking',
  'work.prospects': likert,
  'education.own': 'language-course',
  'education.children': 'no-children',
  belonging: likert,
  'ties.count': 2,
  barriers: ['language', 'transport'],
})

beforeAll(async () => {
  org = await orgWithOwner('surveys')
  await raiseLimits(org.slug)
  await db.update(tenants).set({ timezone: 'UTC' }).where(eq(tenants.slug, org.slug))
  tenantId = (await db.select().from(tenants).where(eq(tenants.slug, org.slug)).get())?.id as string
})

describe('templates and the builder', () => {
  it('ships baseline, midpoint and exit surveys for newcomers and one for mentors, each text in all six languages, with question codes that pair up', async () => {
    const res = await org.owner.org['survey-templates'].$get({ param: { org: org.slug } })
    expect(res.status).toBe(200)
    const { items } = await res.json()
    expect(items.map((t) => `${t.code} ${t.kind} ${t.audience}`)).toEqual([
      'newcomer-baseline baseline mentees',
      'newcomer-midpoint midpoint mentees',
      'newcomer-exit exit mentees',
      'mentor-exit exit mentors',
    ])
    for (const t of Object.values(SURVEY_TEMPLATES)) {
      expect(missingTranslations(t), t.code).toEqual([])
      // No two languages carry the same sentence (a copy instead of a translation), short option words aside.
      for (const q of t.questions) expect(new Set(SURVEY_LANGUAGES.map((l) => q.text[l])).size).toBe(6)
    }
    const base = SURVEY_TEMPLATES['newcomer-baseline'].questions.map((q) => q.code)
    const exit = SURVEY_TEMPLATES['newcomer-exit'].questions.map((q) => q.code)
    expect(exit).toEqual(expect.arrayContaining(base))
  })

  it('adds a template to a program, builds one with missing translations shown, and refuses what does not fit', async () => {
    const programId = await newProgram('Builder')
    const fromTemplate = await addSurvey(programId, { template: 'newcomer-baseline' })
    expect(fromTemplate).toMatchObject({ anonymous: true, active: true, invited: 0, missingTranslations: [] })

    const built = await addSurvey(programId, {
      kind: 'pulse',
      audience: 'mentors',
      anonymous: false,
      title: { en: 'How is it going?', de: 'Wie läuft es?' },
      questions: [
        { code: 'mood', type: 'likert', text: { en: 'I enjoy our meetings.' }, required: true },
        {
          code: 'often',
          type: 'single',
          text: { en: 'How often do you meet?', ar: 'كم مرة تلتقيان؟' },
          options: [
            { code: 'weekly', label: { en: 'Weekly' } },
            { code: 'monthly', label: { en: 'Monthly' } },
          ],
        },
      ],
    })
    expect(built.anonymous).toBe(false)
    expect(built.missingTranslations).toContainEqual({ path: 'title', missing: ['ar', 'uk', 'fa', 'es'] })
    expect(built.missingTranslations).toContainEqual({
      path: 'questions.1.text',
      missing: ['uk', 'fa', 'es', 'de'],
    })

    const bad = await programSurveys().$post({
      param: { org: org.slug, program: programId },
      json: {
        kind: 'pulse',
        audience: 'mentees',
        title: { en: 'Bad' },
        questions: [
          {
            code: 'one',
            type: 'single',
            text: { en: 'Only one option' },
            options: [{ code: 'a', label: { en: 'A' } }],
          },
          { code: 'one', type: 'likert', text: {} },
          { code: 'Not A Code', type: 'text', text: { en: 'x' } },
        ],
      },
    })
    expect(bad.status).toBe(400)
    const problem = await problemOf(bad)
    expect(problem.errors?.map((e) => `${e.path} ${e.code}`)).toEqual(
      expect.arrayContaining([
        'questions.0 too-few',
        'questions.1.text required',
        'questions.2.code not-a-code',
      ]),
    )
    const none = await programSurveys().$post({
      param: { org: org.slug, program: programId },
      json: { anonymous: true },
    })
    expect(none.status).toBe(400)
    expect((await problemOf(none)).errors?.map((e) => `${e.path} ${e.code}`).sort()).toEqual([
      'audience required',
      'kind required',
      'questions required',
      'title required',
    ])
    const listed = await (
      await programSurveys().$get({ param: { org: org.slug, program: programId } })
    ).json()
    expect(listed.items.map((s) => s.id)).toEqual([fromTemplate.id, built.id])
    const audited = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.targetId, built.id)))
    expect(audited.map((a) => a.action)).toEqual(['survey.created'])
  })
})

describe('invitations, the form and answers', () => {
  it('invites at the start, the middle and the end of a tandem, once each, and reminds once when unanswered', async () => {
    const programId = await newProgram('Schedule')
    const baseline = await addSurvey(programId, { template: 'newcomer-baseline' })
    const midpoint = await addSurvey(programId, { template: 'newcomer-midpoint' })
    const mentorExit = await addSurvey(programId, { template: 'mentor-exit' })
    const fresh = await person(programId, { locale: 'ar' })
    await tandem(programId, fresh, { startedDaysAgo: 1 })
    const old = await person(programId)
    const halfway = new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10)
    await tandem(programId, old, { startedDaysAgo: 40, plannedEndOn: halfway })
    const done = await person(programId)
    const ended = await tandem(programId, done, { startedDaysAgo: 200, endedDaysAgo: 2 })
    const noon = new Date(
      Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate(), 12),
    )

    await tick([surveyInvitationRule], noon)
    await tick([surveyInvitationRule], noon)
    expect([...(await linksOf(baseline.id)).keys()]).toEqual([fresh])
    expect([...(await linksOf(midpoint.id)).keys()]).toEqual([old])
    expect([...(await linksOf(mentorExit.id)).keys()]).toEqual([ended.mentorId])
    const arabic = (await linksOf(baseline.id)).get(fresh)?.mail
    expect(arabic?.subject).toContain(SURVEY_TEMPLATES['newcomer-baseline'].title.ar)
    expect(arabic?.text).toContain('مجهول الهوية')
    expect(arabic?.html).toContain('dir="rtl"')

    // A few days later, one reminder to each unanswered invitation — not to the one answered meanwhile.
    const answered = (await linksOf(midpoint.id)).get(old)?.token as string
    const midAnswers = { ...baselineAnswers(), 'program.helped': 4 }
    expect((await answer(answered, { answers: midAnswers })).status).toBe(200)
    const later = new Date(noon.getTime() + 5 * DAY)
    await tick([surveyReminderRule], later)
    await tick([surveyReminderRule], new Date(later.getTime() + DAY))
    expect([...(await linksOf(baseline.id, 'survey-reminder')).keys()]).toEqual([fresh])
    expect([...(await linksOf(midpoint.id, 'survey-reminder')).keys()]).toEqual([])
    expect([...(await linksOf(mentorExit.id, 'survey-reminder')).keys()]).toEqual([ended.mentorId])
    // The reminder's own link opens the same form; the first link still works too.
    const reminder = (await linksOf(baseline.id, 'survey-reminder')).get(fresh)?.token as string
    expect((await openLink(reminder)).status).toBe(200)
    expect((await openLink((await linksOf(baseline.id)).get(fresh)?.token as string)).status).toBe(200)
  })

  it('shows the form in the person’s language and changes nothing; answers once (409), not after expiry (410), not with an unknown link (404)', async () => {
    const programId = await newProgram('Answers')
    const survey = await addSurvey(programId, { template: 'newcomer-baseline' })
    const ukrainian = await person(programId, { locale: 'uk' })
    const late = await person(programId)
    await tandem(programId, ukrainian)
    await tandem(programId, late)
    await tick([surveyInvitationRule], new Date())
    const links = await linksOf(survey.id)
    const token = links.get(ukrainian)?.token as string

    const snapshot = async () =>
      JSON.stringify([
        await db.select().from(surveyInvitations).where(eq(surveyInvitations.surveyId, survey.id)),
        await db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id)),
        await db.select().from(auditLog).where(eq(auditLog.tenantId, tenantId)),
      ])
    const before = await snapshot()
    const form = await openLink(token)
    expect(form.status).toBe(200)
    const shown = await form.json()
    expect(shown.locale).toBe('uk')
    expect(shown.anonymous).toBe(true)
    expect(shown.title).toBe(SURVEY_TEMPLATES['newcomer-baseline'].title.uk)
    expect(shown.questions[0]?.text).toBe(SURVEY_TEMPLATES['newcomer-baseline'].questions[0]?.text.uk)
    await openLink(token)
    expect(await snapshot()).toBe(before)

    // Answers that do not fit their questions: field errors per question, nothing stored. A required one left out.
    const { 'work.status': _left, ...withoutWorkStatus } = baselineAnswers()
    const wrong = await answer(token, {
      answers: {
        ...withoutWorkStatus,
        'confidence.everyday': 7,
        'language.use': 'sometimes',
        barriers: ['language', 'language'],
        'ties.count': 2.5,
        'made.up': 1,
      },
    })
    expect(wrong.status).toBe(400)
    const problem = await problemOf(wrong)
    expect(problem.errors?.map((e) => `${e.path} ${e.code}`).sort()).toEqual([
      'answers.barriers duplicate',
      'answers.confidence.everyday too-large',
      'answers.language.use one-of',
      'answers.made.up unknown-field',
      'answers.ties.count not-a-whole-number',
      'answers.work.status required',
    ])
    expect(await snapshot()).toBe(before)

    const ok = await answer(token, { answers: { ...baselineAnswers(), comment: '  ' } })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ status: 'answered', anonymous: true })
    const again = await answer(token, { answers: baselineAnswers() })
    expect(again.status).toBe(409)
    expect((await problemOf(again)).code).toBe('survey-invitation-used')
    expect((await openLink(token)).status).toBe(409)

    const lateToken = links.get(late)?.token as string
    await db
      .update(surveyInvitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(surveyInvitations.participantId, late))
    const expired = await answer(lateToken, { answers: baselineAnswers() })
    expect(expired.status).toBe(410)
    expect((await problemOf(expired)).code).toBe('survey-invitation-expired')
    expect((await openLink(`${tenantId}.${'a'.repeat(24)}`)).status).toBe(404)
    expect((await answer('not-a-token', { answers: {} })).status).toBe(404)

    // Questions no longer change once people answered — only their texts (a translation added, a word mended).
    const change = await surveyById().$patch({
      param: surveyParam(survey.id),
      json: { questions: SURVEY_TEMPLATES['newcomer-exit'].questions },
    })
    expect(change.status).toBe(409)
    const [first, ...rest] = SURVEY_TEMPLATES['newcomer-baseline'].questions
    if (!first) throw new Error('a template without questions')
    const retranslated = await surveyById().$patch({
      param: surveyParam(survey.id),
      json: {
        questions: [
          { ...first, text: { ...first.text, uk: 'Я даю раду щоденним справам сам / сама.' } },
          ...rest,
        ],
      },
    })
    expect(retranslated.status).toBe(200)
    const after = await retranslated.json()
    expect(after.questions[0]?.text.uk).toBe('Я даю раду щоденним справам сам / сама.')
    const off = await surveyById().$patch({ param: surveyParam(survey.id), json: { active: false } })
    expect((await off.json()).active).toBe(false)
  })

  it('two answers sent at once through one link store one response; a switched-off survey takes none', async () => {
    const programId = await newProgram('Race')
    const survey = await addSurvey(programId, { template: 'newcomer-baseline' })
    const one = await person(programId)
    const two = await person(programId)
    await tandem(programId, one)
    await tandem(programId, two)
    await tick([surveyInvitationRule], new Date())
    const links = await linksOf(survey.id)
    const token = links.get(one)?.token as string
    const statuses = await Promise.all(
      [1, 2, 3].map(async () => (await answer(token, { answers: baselineAnswers() })).status),
    )
    expect(statuses.sort()).toEqual([200, 409, 409])
    expect(
      await db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id)),
    ).toHaveLength(1)
    await surveyById().$patch({ param: surveyParam(survey.id), json: { active: false } })
    const closed = await answer(links.get(two)?.token as string, { answers: baselineAnswers() })
    expect(closed.status).toBe(410)
    expect(
      await db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id)),
    ).toHaveLength(1)
  })

  it('a named survey stores who answered and shows them to coordinators; answers are summarised only from the minimum on', async () => {
    await db.update(tenants).set({ minimumCellSize: 3 }).where(eq(tenants.id, tenantId))
    const programId = await newProgram('Named')
    const survey = await addSurvey(programId, { template: 'newcomer-baseline', anonymous: false })
    const people = [await person(programId), await person(programId), await person(programId)]
    for (const p of people) await tandem(programId, p)
    await tick([surveyInvitationRule], new Date())
    const links = await linksOf(survey.id)
    expect(links.get(people[0] as string)?.mail.text).toContain('nicht anonym')
    const detail = async () => await (await surveyById().$get({ param: surveyParam(survey.id) })).json()
    await answer(links.get(people[0] as string)?.token as string, { answers: baselineAnswers(2) })
    await answer(links.get(people[1] as string)?.token as string, { answers: baselineAnswers(4) })
    let seen = await detail()
    expect(seen).toMatchObject({ invited: 3, answered: 2, minimum: 3, summary: null })
    expect(seen.respondents?.map((r) => r.participantId).sort()).toEqual([people[0], people[1]].sort())
    const stored = await db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id))
    expect(stored.map((r) => r.participantId).sort()).toEqual([people[0], people[1]].sort())
    await answer(links.get(people[2] as string)?.token as string, { answers: baselineAnswers(3) })
    seen = await detail()
    const everyday = seen.summary?.find((q) => q.code === 'confidence.everyday')
    expect(everyday).toMatchObject({ n: 3, mean: 3, counts: { '1': 0, '2': 1, '3': 1, '4': 1, '5': 0 } })
    await db.update(tenants).set({ minimumCellSize: 5 }).where(eq(tenants.id, tenantId))
  })
})

describe('anonymous means unlinkable', () => {
  it('no stored column or combination of columns leads back to a person', async () => {
    const minimum = 3
    await db.update(tenants).set({ minimumCellSize: minimum }).where(eq(tenants.id, tenantId))
    const programId = await newProgram('Unlinkable')
    const survey = await addSurvey(programId, { template: 'newcomer-baseline' })
    const year = new Date().getUTCFullYear()
    // Nine invitees: four Arabic speakers in Nord, three Ukrainian speakers, one Dari speaker, one without consent.
    const specs: PersonOptions[] = [
      ...Array.from({ length: 4 }, (_, i) => ({
        locale: 'ar',
        consent: true,
        gender: i % 2 ? 'woman' : 'man',
        ageBand: '26-35',
        arrivalYear: year - 1,
        neighborhood: 'Nord',
      })),
      ...Array.from({ length: 3 }, () => ({
        locale: 'uk',
        consent: true,
        gender: 'woman',
        ageBand: '36-50',
        arrivalYear: year - 3,
        neighborhood: 'Süd',
      })),
      {
        locale: 'fa',
        consent: true,
        gender: 'man',
        ageBand: '18-25',
        arrivalYear: year,
        neighborhood: 'West',
      },
      { locale: 'ar', consent: false, neighborhood: 'Nord' },
    ]
    const people: string[] = []
    const matchIds: string[] = []
    for (const spec of specs) {
      const id = await person(programId, spec)
      people.push(id)
      matchIds.push((await tandem(programId, id)).id)
    }
    await tick([surveyInvitationRule], new Date())
    const links = await linksOf(survey.id)
    expect(links.size).toBe(9)
    const invitationsBefore = await db
      .select()
      .from(surveyInvitations)
      .where(eq(surveyInvitations.surveyId, survey.id))
    const auditBefore = (await db.select().from(auditLog).where(eq(auditLog.tenantId, tenantId))).length
    const outboxBefore = (await db.select().from(outbox).where(eq(outbox.tenantId, tenantId))).length

    // The Dari speaker, two Arabic speakers, a Ukrainian speaker and the person without consent answer.
    const answering = [7, 0, 1, 4, 8].map((i) => people[i] as string)
    for (const p of answering) {
      const res = await answer(links.get(p)?.token as string, { answers: baselineAnswers() })
      expect(res.status).toBe(200)
    }

    // Everything of the invitation side that could name a person.
    const persons = await db.select().from(participants).where(eq(participants.programId, programId))
    const secrets = new Set<string>([
      ...invitationsBefore.flatMap((i) => [i.id, i.participantId, i.tokenHash, i.period]),
      ...[...links.values()].flatMap((l) => [l.token, l.mail.id, l.mail.toAddress, l.mail.dedupKey ?? '']),
      ...persons.flatMap((p) => [p.id, p.email ?? '', p.displayName, p.userId ?? '']),
      ...matchIds,
    ])
    const times = new Set(
      [...invitationsBefore.flatMap((i) => [i.createdAt.getTime(), i.expiresAt.getTime()])].map(String),
    )

    // Every column of the responses table, read as SQLite stores it.
    const columns = (await env.DB.prepare('PRAGMA table_info(survey_responses)').all<{ name: string }>())
      .results
    expect(columns.map((c) => c.name).sort()).toEqual(
      [
        'age_band',
        'answers',
        'arrival_band',
        'day',
        'gender',
        'id',
        'language_group',
        'neighborhood_group',
        'participant_id',
        'program',
        'role',
        'survey_id',
        'tenant_id',
      ].sort(),
    )
    const rows = (
      await env.DB.prepare('SELECT * FROM survey_responses WHERE survey_id = ?')
        .bind(survey.id)
        .all<Record<string, unknown>>()
    ).results
    expect(rows).toHaveLength(5)
    for (const row of rows) {
      expect(row.participant_id).toBeNull()
      expect(row.day).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      for (const c of columns) {
        const value = row[c.name]
        if (value === null) continue
        // No value equals an id, token, hash, address or name of the invitation side, nor holds one.
        for (const secret of secrets) if (secret) expect(String(value).includes(secret), c.name).toBe(false)
        // No number that is a time (finer than the day).
        expect(typeof value === 'number' && value > 1e11, c.name).toBe(false)
        expect(times.has(String(value)), c.name).toBe(false)
      }
    }
    // The stored order is the random id's, not the order of answering: the table has no rowid at all.
    await expect(env.DB.prepare('SELECT rowid FROM survey_responses').all()).rejects.toThrow()

    // Each stored combination of cohort groups is shared by at least the minimum of the invitees, or names none.
    const invitees = persons.map((p) => cohortOf(p, year))
    const cohortColumns = [
      'role',
      'program',
      'language_group',
      'age_band',
      'gender',
      'arrival_band',
      'neighborhood_group',
    ]
    for (const row of rows) {
      const stored = {
        role: String(row.role),
        program: String(row.program),
        languageGroup: String(row.language_group),
        ageBand: String(row.age_band),
        gender: String(row.gender),
        arrivalBand: String(row.arrival_band),
        neighborhoodGroup: String(row.neighborhood_group),
      }
      const allOther = cohortColumns.every((c) => row[c] === OTHER_GROUP)
      expect(allOther || sharedBy(stored, invitees) >= minimum, JSON.stringify(stored)).toBe(true)
    }
    // The Dari speaker (alone in every group of theirs but role and program) is stored as `other`.
    expect(rows.filter((r) => r.language_group === 'fa')).toEqual([])
    expect(rows.filter((r) => r.neighborhood_group === 'west')).toEqual([])

    // The invitation side records only that it is spent: no time, nothing else changed.
    const invColumns = (await env.DB.prepare('PRAGMA table_info(survey_invitations)').all<{ name: string }>())
      .results
    expect(invColumns.map((c) => c.name)).not.toContain('updated_at')
    expect(invColumns.map((c) => c.name)).not.toContain('used_at')
    const invitationsAfter = await db
      .select()
      .from(surveyInvitations)
      .where(eq(surveyInvitations.surveyId, survey.id))
    for (const after of invitationsAfter) {
      const before = invitationsBefore.find((i) => i.id === after.id)
      expect({ ...after, spent: false }).toEqual(before)
      expect(after.spent).toBe(answering.includes(after.participantId))
    }
    // No audit entry and no email was written by the answers.
    expect((await db.select().from(auditLog).where(eq(auditLog.tenantId, tenantId))).length).toBe(auditBefore)
    expect((await db.select().from(outbox).where(eq(outbox.tenantId, tenantId))).length).toBe(outboxBefore)
    // Coordinators see counts, and nobody's name.
    const detail = await (await surveyById().$get({ param: surveyParam(survey.id) })).json()
    expect(detail).toMatchObject({ invited: 9, answered: 5, respondents: null, summaryOf: 5 })
    expect(detail.summary?.find((q) => q.code === 'belonging')?.n).toBe(5)
    // One more answer does not change the summary a coordinator sees: comparing the two would isolate it. Only
    // once the minimum of new answers came in is it renewed.
    const seen = async () => await (await surveyById().$get({ param: surveyParam(survey.id) })).json()
    const later = people.filter((p) => !answering.includes(p))
    for (const [i, p] of later.slice(0, minimum).entries()) {
      expect((await answer(links.get(p)?.token as string, { answers: baselineAnswers(1) })).status).toBe(200)
      const now = await seen()
      expect(now.answered).toBe(5 + i + 1)
      expect(now.summaryOf).toBe(i + 1 < minimum ? 5 : 5 + minimum)
      expect(now.summary?.find((q) => q.code === 'belonging')?.n).toBe(now.summaryOf)
    }
    await db.update(tenants).set({ minimumCellSize: 5 }).where(eq(tenants.id, tenantId))
  })

  it('stores a group as `other` when fewer than the minimum of the invitees share it', () => {
    const mentee = (languageGroup: string, neighborhoodGroup?: string) => ({
      role: 'mentee',
      program: 'p',
      languageGroup,
      ...(neighborhoodGroup ? { neighborhoodGroup } : {}),
    })
    const invitees = [
      mentee('ar', 'nord'),
      mentee('ar', 'nord'),
      mentee('ar', 'süd'),
      mentee('ar', 'süd'),
      mentee('uk', 'nord'),
      mentee('uk', 'süd'),
    ]
    // Two Ukrainian speakers: below 3, stored as other; four Arabic speakers: kept.
    expect(storedCohort(invitees[4] as never, invitees, 3).languageGroup).toBe(OTHER_GROUP)
    const ar = storedCohort(invitees[0] as never, invitees, 3)
    expect(ar.languageGroup).toBe('ar')
    // Nord has three people, but only two Arabic speakers live there: the combination gives up the neighbourhood.
    expect(ar.neighborhoodGroup).toBe(OTHER_GROUP)
    expect(sharedBy(ar, invitees)).toBeGreaterThanOrEqual(3)
    // Fewer invitees than the minimum: nothing but `other`.
    expect(Object.values(storedCohort(invitees[0] as never, invitees.slice(0, 2), 3))).toEqual(
      Array(7).fill(OTHER_GROUP),
    )
  })
})

describe('survey figures for indicators', () => {
  it('gives the mean Likert answer at baseline and at exit per cohort group, with n', async () => {
    const minimum = 3
    await db.update(tenants).set({ minimumCellSize: minimum }).where(eq(tenants.id, tenantId))
    const programId = await newProgram('Figures')
    const baseline = await addSurvey(programId, { template: 'newcomer-baseline' })
    const exit = await addSurvey(programId, { template: 'newcomer-exit' })
    const people: string[] = []
    for (const locale of ['ar', 'ar', 'ar', 'uk', 'uk', 'uk']) {
      const id = await person(programId, { locale })
      people.push(id)
      await tandem(programId, id, { startedDaysAgo: 1 })
    }
    await tick([surveyInvitationRule], new Date())
    const starts = await linksOf(baseline.id)
    for (const [i, p] of people.entries())
      await answer(starts.get(p)?.token as string, { answers: baselineAnswers(i < 3 ? 2 : 3) })
    await db
      .update(matches)
      .set({ status: 'ended', endedAt: new Date() })
      .where(eq(matches.programId, programId))
    await tick([surveyInvitationRule], new Date())
    const ends = await linksOf(exit.id)
    for (const [i, p] of people.entries())
      await answer(ends.get(p)?.token as string, {
        answers: { ...baselineAnswers(i < 3 ? 4 : 5), 'program.helped': 5 },
      })
    const today = new Date().toISOString().slice(0, 10)
    const figures = await surveyFigures(db, tenantId, {
      programIds: [programId],
      from: today,
      to: today,
      by: 'languageGroup',
    })
    const of = (measure: string, value: string) =>
      figures.find((f) => f.measure === measure && f.group.value === value)
    expect(of('survey.belonging.baseline', 'ar')).toEqual({
      group: { by: 'languageGroup', value: 'ar' },
      measure: 'survey.belonging.baseline',
      value: 2,
      n: 3,
    })
    expect(of('survey.belonging.exit', 'uk')).toMatchObject({ value: 5, n: 3 })
    expect(of('survey.program.helped.exit', 'ar')).toMatchObject({ value: 5, n: 3 })
    // Only Likert questions, only baseline and exit.
    expect(figures.some((f) => f.measure.includes('work.status') || f.measure.includes('ties.count'))).toBe(
      false,
    )
    const all = await surveyFigures(db, tenantId, {
      programIds: [programId],
      from: today,
      to: today,
      by: 'all',
    })
    expect(all.find((f) => f.measure === 'survey.confidence.everyday.baseline')).toMatchObject({
      group: { by: 'all', value: 'all' },
      value: 2.5,
      n: 6,
    })
    const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10)
    expect(
      await surveyFigures(db, tenantId, {
        programIds: [programId],
        from: yesterday,
        to: yesterday,
        by: 'all',
      }),
    ).toEqual([])
    await db.update(tenants).set({ minimumCellSize: 5 }).where(eq(tenants.id, tenantId))
  })
})

describe('erasure', () => {
  it('erasing a person removes their invitations and named answers; anonymous answers stay', async () => {
    const programId = await newProgram('Erasure')
    const anonymous = await addSurvey(programId, { template: 'newcomer-baseline' })
    const named = await addSurvey(programId, { template: 'newcomer-exit', anonymous: false })
    const who = await person(programId)
    await tandem(programId, who, { startedDaysAgo: 1 })
    await tick([surveyInvitationRule], new Date())
    await db.update(matches).set({ status: 'ended', endedAt: new Date() }).where(eq(matches.menteeId, who))
    await tick([surveyInvitationRule], new Date())
    await answer((await linksOf(anonymous.id)).get(who)?.token as string, {
      answers: baselineAnswers(),
    })
    await answer((await linksOf(named.id)).get(who)?.token as string, {
      answers: { ...baselineAnswers(), 'program.helped': 4 },
    })
    const participant = await db.select().from(participants).where(eq(participants.id, who)).get()
    if (!participant) throw new Error(`no participant ${who}`)
    const erased = await org.owner.org.programs[':program'].participants[':participant'].erasure.$post({
      param: { org: org.slug, program: programId, participant: who },
      json: { confirm: participant.displayName },
    })
    expect(erased.status, await erased.clone().text()).toBe(200)
    expect(await db.select().from(surveyInvitations).where(eq(surveyInvitations.participantId, who))).toEqual(
      [],
    )
    expect(await db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, named.id))).toEqual([])
    expect(
      await db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, anonymous.id)),
    ).toHaveLength(1)
    expect(await db.select().from(surveys).where(eq(surveys.programId, programId))).toHaveLength(2)
  })
})
