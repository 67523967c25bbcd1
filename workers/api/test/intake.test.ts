import { exports } from 'cloudflare:workers'
import { auditLog, newId, outbox, participantEvents, participants, rateLimits } from '@tandem/db'
import { emailLocales, intakeConfirmationEmail } from '@tandem/email'
import { and, eq } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  CURRENT_CONSENT_VERSION,
  consentFor,
  consentLocales,
  consentTexts,
} from '../src/features/intake/consent'
import { APPLICATIONS_PER_IP, APPLICATIONS_PER_PROGRAM } from '../src/features/intake/routes'
import { Client, db, lastEmail, memberWithRole, orgWithOwner, problemOf, unique } from './support/client'

type Org = Awaited<ReturnType<typeof orgWithOwner>>

let a: Org
let b: Org
let open: string // active program of A with phone, availability, settlement needs and demographics switched on
let draft: string
let closed: string
let flooded: string
let other: string // active program of B

/** A program's public intake form (no session), from a fresh address unless a client is given. */
const intake = (client = new Client()) => client.api.v1.public.programs[':org'][':program'].intake
type Application = Parameters<ReturnType<typeof intake>['$post']>[0]['json']
/** The path of a form, as a problem's `instance` names it. */
const intakePath = (slug: string, program: string) => `/api/v1/public/programs/${slug}/${program}/intake`
/** The open program's form. */
const form = () => ({ org: a.slug, program: open })

type ProgramBody = Parameters<Client['org']['programs']['$post']>[0]['json']
async function program(org: Org, body: Omit<ProgramBody, 'languages'>) {
  const res = await org.owner.org.programs.$post({
    param: { org: org.slug },
    json: {
      languages: ['de', 'ar', 'uk'],
      ...body,
    },
  })
  expect(res.status, await res.clone().text()).toBe(201)
  return (await res.json()).id
}

const application = (email: string, extra: Partial<Application> = {}): Application => ({
  role: 'mentee',
  locale: 'ar',
  consent: { version: '2026-11', accepted: true },
  website: '',
  displayName: 'أمل خليل',
  email,
  languages: [
    { code: 'ar', level: 'native' },
    { code: 'de', level: 'A2' },
  ],
  phone: '+49 170 1234567',
  availability: ['sat-am', 'wed-eve'],
  settlementNeeds: ['housing', 'documentation'],
  interests: ['cooking'],
  neighborhood: 'Nordviertel',
  ...extra,
})

const rowsFor = (email: string) => db.select().from(participants).where(eq(participants.email, email))
const outboxFor = (email: string) => db.select().from(outbox).where(eq(outbox.toAddress, email))

beforeAll(async () => {
  a = await orgWithOwner('intake-a')
  b = await orgWithOwner('intake-b')
  open = await program(a, {
    name: 'Welcome Tandems',
    description: 'Meet someone who lives here.',
    status: 'active',
    interests: ['football', 'cooking', 'music'],
    goalAreas: ['housing', 'language'],
    labels: { interests: { music: { ar: 'موسيقى', de: 'Musik' } } },
    intakeFields: {
      phone: true,
      availability: true,
      settlementNeeds: true,
      demographics: true,
      sector: false,
    },
  })
  draft = await program(a, { name: 'Not yet open', status: 'draft', intakeFields: { phone: true } })
  closed = await program(a, { name: 'Finished', status: 'closed' })
  flooded = await program(a, { name: 'Very popular', status: 'active' })
  other = await program(b, { name: 'Other city program', status: 'active' })
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('the form', () => {
  it('describes the form in Arabic, right to left, with the versioned consent text', async () => {
    const res = await intake().$get({ param: form(), query: { locale: 'ar' } })
    expect(res.status).toBe(200)
    const body = await res.json()
    // No contact settings yet (an admin adds them; see "the organization's contact").
    expect(body.organization).toEqual({ name: `Org ${a.slug}`, contactEmail: null, contactPhone: null })
    expect(body.program).toEqual({
      id: open,
      name: 'Welcome Tandems',
      description: 'Meet someone who lives here.',
      languages: ['de', 'ar', 'uk'],
      interests: ['football', 'cooking', 'music'],
      goalAreas: ['housing', 'language'],
      labels: { interests: { music: { ar: 'موسيقى', de: 'Musik' } }, goalAreas: {} },
    })
    expect(body.fields).toEqual({
      phone: true,
      sector: false,
      availability: true,
      location: false,
      demographics: true,
      settlementNeeds: true,
      accessNeeds: false,
    })
    expect(body.locale).toBe('ar')
    expect(body.dir).toBe('rtl')
    expect(body.consent.version).toBe('2026-11')
    // Arabic script, with the organization and program named (they stay as written).
    expect(body.consent.text).toMatch(/^[\u0600-\u06FF]/)
    expect(body.consent.text).toContain('Welcome Tandems')
    expect(body.consent.text).toContain(`Org ${a.slug}`)
    expect(body.consent.text).not.toMatch(/\{(org|program)\}/)
    expect(body.consent.accept).toBe('نعم، أوافق.')
    expect(body.consent.demographics).toMatch(/[\u0600-\u06FF]/)
    expect(body.locales).toEqual(expect.arrayContaining(['en', 'ar', 'uk', 'fa', 'es', 'de']))
    expect(body.options.cefrLevels).toContain('native')
    expect(body.options.settlementNeeds).toContain('housing')
  })

  it('picks the closest language: region and Dari map to the base, unknown ones to the organization’s default', async () => {
    const get = async (query: { locale?: string }) =>
      await (await intake().$get({ param: form(), query })).json()
    expect(await get({ locale: 'ar-SY' })).toMatchObject({ locale: 'ar', dir: 'rtl' })
    expect(await get({ locale: 'prs' })).toMatchObject({ locale: 'fa', dir: 'rtl' })
    const uk = await get({ locale: 'uk' })
    expect(uk).toMatchObject({ locale: 'uk', dir: 'ltr' })
    expect(uk.consent.text).toMatch(/[\u0400-\u04FF]/)
    expect(await get({ locale: 'es' })).toMatchObject({ locale: 'es', dir: 'ltr' })
    expect(await get({ locale: 'tr' })).toMatchObject({ locale: 'en', dir: 'ltr' })
    expect(await get({})).toMatchObject({ locale: 'en' })
  })

  it('has every consent version in every offered language, and the programs’ version is current', () => {
    expect(Object.keys(consentTexts)).toContain(CURRENT_CONSENT_VERSION)
    for (const version of Object.keys(consentTexts)) {
      const seen = new Set<string>()
      for (const locale of consentLocales) {
        const c = consentFor(version, locale, { org: 'O', program: 'P' })
        expect(c?.text.length, `${version} ${locale}`).toBeGreaterThan(100)
        expect(c?.text).toContain('O')
        seen.add(c?.text ?? '')
      }
      expect(seen.size).toBe(consentLocales.length)
    }
  })

  it('leaves out the demographics agreement when the program does not ask those questions', async () => {
    const res = await intake().$get({ param: { org: b.slug, program: other }, query: {} })
    const body = await res.json()
    expect(body.consent.demographics).toBeNull()
    expect(Object.values(body.fields).every((on) => on === false)).toBe(true)
  })
})

describe('applying', () => {
  it('adds an applied participant with the consent recorded and emails a confirmation in Arabic', async () => {
    const email = `${unique('amal')}@example.org`
    const res = await intake().$post({ param: form(), json: application(email.toUpperCase()) })
    expect(res.status, await res.clone().text()).toBe(202)
    expect(await res.json()).toEqual({ status: 'received' })

    const [row, ...more] = await rowsFor(email)
    expect(more).toEqual([])
    expect(row).toMatchObject({
      programId: open,
      role: 'mentee',
      displayName: 'أمل خليل',
      status: 'applied',
      source: 'intake',
      consentVersion: '2026-11',
      preferredLocale: 'ar',
      phone: '+49 170 1234567',
      availability: ['sat-am', 'wed-eve'],
      settlementNeeds: ['housing', 'documentation'],
      interests: ['cooking'],
      sector: null,
      demographics: null,
    })
    expect(row?.consentAt).toBeInstanceOf(Date)
    const id = row?.id ?? ''

    const events = await db.select().from(participantEvents).where(eq(participantEvents.participantId, id))
    expect(events.map((e) => e.kind).sort()).toEqual(['consent', 'enrolled'])
    expect(events.find((e) => e.kind === 'consent')?.detail).toEqual({ version: '2026-11', locale: 'ar' })
    expect(events.every((e) => e.actorUserId === null)).toBe(true)

    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'participant.applied'), eq(auditLog.targetId, id)))
    expect(entry).toMatchObject({ tenantId: row?.tenantId, actorUserId: null, targetType: 'participant' })
    expect(entry?.meta).toMatchObject({ consentVersion: '2026-11', consentLocale: 'ar', role: 'mentee' })

    const mail = await lastEmail(email)
    expect(mail).toMatchObject({ kind: 'intake.confirmation', tenantId: row?.tenantId })
    expect(mail.subject).toMatch(/^[\u0600-\u06FF]/)
    expect(mail.subject).toContain('Welcome Tandems')
    expect(mail.text).toContain(`Org ${a.slug}`)
    expect(mail.html).toContain('lang="ar" dir="rtl"')

    // The coordinators see the application in their list.
    const list = await a.owner.org.programs[':program'].participants.$get({
      param: { org: a.slug, program: open },
      query: { status: 'applied', q: email },
    })
    expect((await list.json()).items.map((p) => p.id)).toEqual([id])
  })

  it('gives a mentor a screening record and keeps the demographics they agreed to share', async () => {
    const email = `${unique('jonas')}@example.org`
    const res = await intake().$post({
      param: form(),
      json: application(email, {
        role: 'mentor',
        locale: 'de',
        displayName: 'Jonas Weber',
        capacity: 2,
        demographics: { ageBand: '36-50' },
        demographicsConsent: true,
      }),
    })
    expect(res.status, await res.clone().text()).toBe(202)
    const [row] = await rowsFor(email)
    expect(row).toMatchObject({
      role: 'mentor',
      capacity: 2,
      preferredLocale: 'de',
      demographics: { ageBand: '36-50' },
    })
    expect(row?.demographicsConsentAt).toBeInstanceOf(Date)
    if (!row) throw new Error('the application made no participant')
    const detail = await a.owner.org.programs[':program'].participants[':participant'].$get({
      param: { org: a.slug, program: open, participant: row.id },
    })
    expect((await detail.json()).screening).not.toBeNull()
    expect((await lastEmail(email)).html).toContain('lang="de" dir="ltr"')
  })

  it('works for a form on another site too: without a session cookie there is nothing to forge', async () => {
    const email = `${unique('cross')}@example.org`
    const res = await intake().$post(
      { param: form(), json: application(email) },
      { headers: { 'sec-fetch-site': 'cross-site' } },
    )
    expect(res.status).toBe(202)
    expect(await rowsFor(email)).toHaveLength(1)
  })

  it('names each answer that needs a change, in plain words, and stores nothing', async () => {
    const email = 'not-an-email'
    const { displayName: _, ...withoutName } = {
      ...application(email),
      languages: [{ code: 'ar', level: 'Z9' }],
      sector: 'health care', // this program does not ask for it
    }
    const before = (await db.select().from(participants)).length
    // Raw: no name and an unknown level.
    const res = await new Client().post(intakePath(a.slug, open), withoutName)
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const problem = await problemOf(res)
    expect(problem.errors?.map((e) => [e.path, e.code]).sort()).toEqual([
      ['displayName', 'required'],
      ['email', 'not-an-email'],
      ['languages.0.level', 'one-of'],
      ['sector', 'unknown-field'],
    ])
    const messages = Object.fromEntries((problem.errors ?? []).map((e) => [e.path, e.message]))
    expect(messages).toEqual({
      displayName: 'Please write your name.',
      email: 'This email address does not look right. Please check it.',
      'languages.0.level': 'Please choose how well you speak this language.',
      sector: 'This form does not ask this question. Please leave it out.',
    })
    expect((await db.select().from(participants)).length).toBe(before)
    expect(await outboxFor(email)).toEqual([])
  })

  it('checks consent, interests from the program’s list, demographics agreement and a way to reach the person', async () => {
    const { email: _, ...withoutEmail } = {
      ...application('x@example.org', {
        interests: ['cooking', 'knitting'],
        demographics: { ageBand: '26-35' },
        location: { lat: 52.5, lon: 13.4 }, // switched off
        phone: undefined, // neither an email address nor a phone number
      }),
      consent: { version: '2026-11', accepted: false },
    }
    // Raw: consent not accepted.
    const res = await new Client().post(intakePath(a.slug, open), withoutEmail)
    expect(res.status).toBe(400)
    const problem = await problemOf(res)
    expect(problem.errors?.map((e) => [e.path, e.code]).sort()).toEqual([
      ['consent.accepted', 'must-agree'],
      ['email', 'contact-required'],
      ['interests.1', 'one-of'],
      ['location', 'unknown-field'],
      ['phone', 'contact-required'],
    ])
    // The demographics check runs once the rest of the answers are well-formed.
    const again = await intake().$post({
      param: form(),
      json: application(`${unique('demo')}@example.org`, { demographics: { ageBand: '26-35' } }),
    })
    expect(((await problemOf(again)).errors ?? []).map((e) => [e.path, e.code])).toEqual([
      ['demographics', 'needs-consent'],
    ])
  })

  it('answers 409 when the consent text changed since the form was loaded', async () => {
    const email = `${unique('stale')}@example.org`
    const res = await intake().$post({
      param: form(),
      json: application(email, { consent: { version: '2025-01', accepted: true } }),
    })
    expect(res.status).toBe(409)
    const problem = await problemOf(res)
    expect(problem.detail).toMatch(/load the page again/)
    expect(problem.errors).toEqual([
      expect.objectContaining({ path: 'consent.version', code: 'consent-changed' }),
    ])
    expect(await rowsFor(email)).toEqual([])
    expect(await outboxFor(email)).toEqual([])
  })

  it('answers a filled honeypot like a success but stores and sends nothing', async () => {
    const warn = vi.spyOn(console, 'warn')
    const email = `${unique('bot')}@example.org`
    const res = await intake().$post({
      param: form(),
      json: application(email, { website: 'https://spam.example' }),
    })
    expect(res.status).toBe(202)
    expect(await res.json()).toEqual({ status: 'received' })
    expect(await rowsFor(email)).toEqual([])
    expect(await outboxFor(email)).toEqual([])
    // Even garbage gets the same answer: the bot learns nothing.
    const garbage = await new Client().post(intakePath(a.slug, open), { website: 'x', role: 'robot' })
    expect(garbage.status).toBe(202)
    const logged = warn.mock.calls.map((args) => String(args[0])).filter((line) => line.includes('honeypot'))
    expect(logged).toHaveLength(2)
    expect(logged[0]).not.toContain(email)
  })

  it('does not create a second participant for an address that already applied, and answers the same', async () => {
    const email = `${unique('twice')}@example.org`
    const first = await intake().$post({ param: form(), json: application(email) })
    const second = await intake().$post({
      param: form(),
      json: application(email.toUpperCase(), { displayName: 'Someone Else', role: 'mentor', locale: 'es' }),
    })
    expect([first.status, second.status]).toEqual([202, 202])
    expect(await second.json()).toEqual({ status: 'received' })
    const rows = await rowsFor(email)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ displayName: 'أمل خليل', role: 'mentee' })
    const events = await db
      .select()
      .from(participantEvents)
      .where(eq(participantEvents.participantId, rows[0]?.id ?? ''))
    expect(events.find((e) => e.kind === 'applied_again')?.detail).toEqual({
      source: 'intake',
      role: 'mentor',
      sameName: false,
      consentVersion: '2026-11',
      consentLocale: 'es',
    })
    // The person is told again that the form arrived, in the language of the new form.
    const mails = await outboxFor(email)
    expect(mails).toHaveLength(2)
    expect(mails.map((m) => m.html.slice(0, 60)).join()).toContain('lang="es"')
  })
})

describe('applying without an email address (phone, SMS, WhatsApp)', () => {
  const outboxCount = async () => (await db.select({ id: outbox.id }).from(outbox)).length
  const byPhone = (phone: string) => db.select().from(participants).where(eq(participants.phone, phone))
  const phoneOnly = (phone: string, extra: Partial<Application> = {}) => {
    const { email: _, ...rest } = application('unused@example.org', { phone, ...extra })
    return rest
  }

  it('takes a phone number instead, with the way the person prefers to be reached, and sends no email', async () => {
    const phone = `+49 151 ${Date.now() % 10_000_000}`
    const before = await outboxCount()
    const res = await intake().$post({
      param: form(),
      json: phoneOnly(phone, { contactPreference: 'whatsapp', email: '' }),
    })
    expect(res.status, await res.clone().text()).toBe(202)
    expect(await res.json()).toEqual({ status: 'received' })
    const [row, ...more] = await byPhone(phone)
    expect(more).toEqual([])
    expect(row).toMatchObject({ email: null, phone, contactPreference: 'whatsapp', status: 'applied' })
    // Nothing to send to: no confirmation email is scheduled, and nothing failed.
    expect(await outboxCount()).toBe(before)

    // The coordinators see how to reach the person, in the list and on the profile.
    const list = await a.owner.org.programs[':program'].participants.$get({
      param: { org: a.slug, program: open },
      query: { status: 'applied' },
    })
    const items = (await list.json()).items
    expect(items.find((p) => p.id === row?.id)).toMatchObject({
      email: null,
      phone,
      contactPreference: 'whatsapp',
    })
    if (!row) throw new Error('the application made no participant')
    const detail = await a.owner.org.programs[':program'].participants[':participant'].$get({
      param: { org: a.slug, program: open, participant: row.id },
    })
    expect(await detail.json()).toMatchObject({ email: null, phone, contactPreference: 'whatsapp' })
  })

  it('recognises the same phone number written differently as the same person', async () => {
    const digits = `${Date.now() % 10_000_000}`.padStart(7, '0')
    const first = `+49 152 ${digits}`
    const before = await outboxCount()
    expect((await intake().$post({ param: form(), json: phoneOnly(first) })).status).toBe(202)
    const again = await intake().$post({
      param: form(),
      json: phoneOnly(`+49 (152) ${digits.slice(0, 3)}-${digits.slice(3)}`, { contactPreference: 'sms' }),
    })
    expect(again.status).toBe(202)
    const rows = await byPhone(first)
    expect(rows).toHaveLength(1)
    expect(rows[0]?.contactPreference).toBeNull()
    const events = await db
      .select()
      .from(participantEvents)
      .where(eq(participantEvents.participantId, rows[0]?.id ?? ''))
    expect(events.map((e) => e.kind)).toContain('applied_again')
    expect(await outboxCount()).toBe(before)
  })

  it('asks for the detail the chosen way of contact needs, and stores nothing meanwhile', async () => {
    const before = (await db.select().from(participants)).length
    const email = `${unique('whatsapp')}@example.org`
    const noPhone = await intake().$post({
      param: form(),
      json: application(email, { phone: null, contactPreference: 'whatsapp' }),
    })
    expect(noPhone.status).toBe(400)
    expect((await problemOf(noPhone)).errors).toEqual([
      expect.objectContaining({
        path: 'phone',
        code: 'required',
        message: 'Please write your phone number, so we can call you or write to you there.',
      }),
    ])
    const noEmail = await intake().$post({
      param: form(),
      json: phoneOnly('+49 30 5550000', { contactPreference: 'email' }),
    })
    expect(((await problemOf(noEmail)).errors ?? []).map((e) => [e.path, e.code])).toEqual([
      ['email', 'required'],
    ])
    // Raw: a way of contact the form does not offer.
    const unknown = await new Client().post(intakePath(a.slug, open), {
      ...application(email),
      contactPreference: 'pigeon',
    })
    expect(((await problemOf(unknown)).errors ?? []).map((e) => [e.path, e.code])).toEqual([
      ['contactPreference', 'one-of'],
    ])
    const neither = await intake().$post({ param: form(), json: phoneOnly('', { phone: null, email: null }) })
    const problem = await problemOf(neither)
    expect(problem.errors?.map((e) => [e.path, e.code, e.message])).toEqual([
      [
        'email',
        'contact-required',
        'Please write your email address or your phone number, so we can reach you.',
      ],
      [
        'phone',
        'contact-required',
        'Please write your email address or your phone number, so we can reach you.',
      ],
    ])
    expect((await db.select().from(participants)).length).toBe(before)
    expect(await outboxFor(email)).toEqual([])
  })

  it('still needs the email address where the program asks for no phone number', async () => {
    const noPhoneQuestion = {
      phone: undefined,
      availability: undefined,
      settlementNeeds: undefined,
      interests: [],
    }
    const { email: _, ...rest } = application('unused@example.org', noPhoneQuestion)
    const res = await intake().$post({ param: { org: a.slug, program: flooded }, json: rest })
    expect(((await problemOf(res)).errors ?? []).map((e) => [e.path, e.code])).toEqual([
      ['email', 'required'],
    ])
    const preference = await intake().$post({
      param: { org: a.slug, program: flooded },
      json: application(`${unique('pref')}@example.org`, { ...noPhoneQuestion, contactPreference: 'email' }),
    })
    expect(((await problemOf(preference)).errors ?? []).map((e) => [e.path, e.code])).toEqual([
      ['contactPreference', 'unknown-field'],
    ])
    const described = await (
      await intake().$get({ param: { org: a.slug, program: flooded }, query: {} })
    ).json()
    expect(described.requiredFields).toContain('email')
    expect(described.requiredOneOf).toEqual([])
    const withPhone = await (await intake().$get({ param: form(), query: {} })).json()
    expect(withPhone.requiredFields).not.toContain('email')
    expect(withPhone.requiredOneOf).toEqual([['email', 'phone']])
  })
})

describe('the organization’s contact for applicants', () => {
  const orgParam = () => ({ org: b.slug })
  const contactOf = async () =>
    (await (await intake().$get({ param: { org: b.slug, program: other }, query: {} })).json()).organization

  it('is set by an admin and shown with the public form', async () => {
    const res = await b.owner.org.$patch({
      param: orgParam(),
      json: {
        contactEmail: ' Hallo@Example.org ',
        contactPhone: '+49 30 1234567',
      },
    })
    expect(res.status, await res.clone().text()).toBe(200)
    expect((await res.json()).organization).toMatchObject({
      slug: b.slug,
      contactEmail: 'hallo@example.org',
      contactPhone: '+49 30 1234567',
    })
    expect(await contactOf()).toEqual({
      name: `Org ${b.slug}`,
      contactEmail: 'hallo@example.org',
      contactPhone: '+49 30 1234567',
    })
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'org.updated'), eq(auditLog.targetType, 'organization')))
    expect(entry?.meta).toEqual({ fields: 'contactEmail,contactPhone' })

    // An empty answer clears one setting; the other stays.
    expect((await b.owner.org.$patch({ param: orgParam(), json: { contactPhone: '' } })).status).toBe(200)
    expect(await contactOf()).toMatchObject({ contactEmail: 'hallo@example.org', contactPhone: null })
  })

  it('refuses bad values with field paths, and coordinators may not change it', async () => {
    const bad = await b.owner.org.$patch({
      param: orgParam(),
      json: { contactEmail: 'not-an-email', contactPhone: 'call me' },
    })
    expect(bad.status).toBe(400)
    expect(((await problemOf(bad)).errors ?? []).map((e) => e.path).sort()).toEqual([
      'contactEmail',
      'contactPhone',
    ])
    expect((await b.owner.org.$patch({ param: orgParam(), json: {} })).status).toBe(400)
    const coordinator = await memberWithRole(b, 'coordinator')
    const refused = await coordinator.client.org.$patch({
      param: orgParam(),
      json: { contactEmail: 'x@example.org' },
    })
    expect(refused.status).toBe(403)
    expect(await contactOf()).toMatchObject({ contactEmail: 'hallo@example.org' })
  })
})

describe('spam limits', () => {
  it(`accepts ${APPLICATIONS_PER_IP.max} applications an hour from one address, then answers 429 with Retry-After`, async () => {
    const client = new Client()
    for (let i = 0; i < APPLICATIONS_PER_IP.max; i++) {
      const res = await intake(client).$post({
        param: form(),
        json: application(`${unique('family')}@example.org`),
      })
      expect(res.status, `application ${i + 1}`).toBe(202)
    }
    const email = `${unique('one-too-many')}@example.org`
    const res = await intake(client).$post({ param: form(), json: application(email) })
    expect(res.status).toBe(429)
    const retryAfter = Number(res.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(3600)
    expect(await rowsFor(email)).toEqual([])
    // Someone else on another connection can still apply.
    expect(
      (await intake().$post({ param: form(), json: application(`${unique('neighbor')}@example.org`) }))
        .status,
    ).toBe(202)
  })

  it(`accepts ${APPLICATIONS_PER_PROGRAM.max} applications an hour to one program`, async () => {
    const window = APPLICATIONS_PER_PROGRAM.windowMs
    const windowStart = Math.floor(Date.now() / window) * window
    await db
      .insert(rateLimits)
      .values({ key: `intake:applied:program:${flooded}`, windowStart, count: APPLICATIONS_PER_PROGRAM.max })
    const email = `${unique('late')}@example.org`
    const res = await intake().$post({
      param: { org: a.slug, program: flooded },
      json: application(email, {
        phone: undefined,
        availability: undefined,
        settlementNeeds: undefined,
        interests: [],
      }),
    })
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await rowsFor(email)).toEqual([])
  })
})

describe('forms that are not open', () => {
  it('answers the same 404 for a draft or closed program, an unknown program and an unknown organization', async () => {
    const email = `${unique('closed')}@example.org`
    const targets = [
      { org: a.slug, program: draft },
      { org: a.slug, program: closed },
      { org: a.slug, program: newId() },
      { org: a.slug, program: 'not-an-id' },
      { org: unique('no-such-org'), program: open },
    ]
    const bodies = new Set<string>()
    for (const param of targets) {
      const path = intakePath(param.org, param.program)
      for (const res of [
        await intake().$get({ param, query: { locale: 'ar' } }),
        await intake().$post({ param, json: application(email) }),
      ]) {
        expect(res.status, path).toBe(404)
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
        const { instance, requestId, ...rest } = await problemOf(res)
        expect(instance).toBe(path)
        bodies.add(JSON.stringify(rest))
      }
    }
    expect([...bodies]).toEqual([
      JSON.stringify({
        type: '/api/docs#problem-not-found',
        code: 'not-found',
        title: 'Not Found',
        status: 404,
        detail: 'This form does not exist or is closed.',
      }),
    ])
    expect(await rowsFor(email)).toEqual([])
  })

  it('does not open another organization’s program under this organization’s address', async () => {
    const email = `${unique('mixed')}@example.org`
    for (const param of [
      { org: a.slug, program: other },
      { org: b.slug, program: open },
    ]) {
      expect((await intake().$get({ param, query: {} })).status).toBe(404)
      expect(
        (
          await intake().$post({
            param,
            json: application(email, {
              phone: undefined,
              availability: undefined,
              settlementNeeds: undefined,
              interests: [],
            }),
          })
        ).status,
      ).toBe(404)
    }
    expect(await rowsFor(email)).toEqual([])
  })
})

describe('API reference', () => {
  it('documents both routes under the intake tag, outside the tenant routes', async () => {
    const doc = (await (await exports.default.fetch('https://tandem.test/api/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { tags?: string[]; 'x-permission'?: string; requestBody?: unknown }>
      >
    }
    const ops = doc.paths['/api/v1/public/programs/{org}/{program}/intake']
    expect(Object.keys(ops ?? {}).sort()).toEqual(['get', 'post'])
    expect(ops?.get?.tags).toEqual(['intake'])
    expect(ops?.post?.tags).toEqual(['intake'])
    expect(ops?.post?.requestBody).toBeDefined()
    expect(ops?.post?.['x-permission']).toBeUndefined()
  })
})

describe('confirmation email', () => {
  it('exists in every email language, right to left for Arabic and Dari, with names escaped', () => {
    const subjects = new Set<string>()
    for (const locale of emailLocales) {
      const mail = intakeConfirmationEmail(locale, { program: 'Tandem <Nord>', org: 'City & Co' })
      subjects.add(mail.subject)
      expect(mail.subject, locale).toContain('Tandem <Nord>')
      expect(mail.text, locale).toContain('City & Co')
      expect(mail.html, locale).toContain(
        `lang="${locale}" dir="${locale === 'ar' || locale === 'fa' ? 'rtl' : 'ltr'}"`,
      )
      expect(mail.html, locale).toContain('Tandem &lt;Nord&gt;')
      expect(mail.html, locale).not.toContain('<Nord>')
    }
    expect(subjects.size).toBe(emailLocales.length)
  })
})
