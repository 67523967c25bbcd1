import { FIELD_ERROR_CODES } from '@tandem/vocab'
import * as v from 'valibot'
import { beforeAll, describe, expect, it } from 'vitest'
import { type FieldError, issueError, pattern, plainMessage, rule, unique } from '../src/lib/field-errors'
import { Day, hasNoControl, hasNoLink } from '../src/lib/schema'
import { Client, orgWithOwner, signupBody, unique as uniqueName } from './support/client'

/** The field errors of a problem answer (problems are not among the typed answers). */
const fieldErrors = async (res: { json(): Promise<unknown> }) =>
  ((await res.json()) as { errors: FieldError[] }).errors

/** The field errors a schema gives for an input, as the API would answer them. */
const errorsOf = (schema: v.GenericSchema, input: unknown) => {
  const result = v.safeParse(schema, input)
  return result.success ? [] : result.issues.map((issue) => issueError('body', issue))
}

describe('field error codes from validation issues', () => {
  const Body = v.strictObject({
    name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120)),
    slug: v.pipe(v.string(), v.minLength(3), v.maxLength(40)),
    email: v.pipe(v.string(), v.email()),
    role: v.picklist(['mentor', 'mentee']),
    agreed: v.literal(true),
    capacity: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3)),
    tags: v.pipe(v.array(v.string()), v.maxLength(2), rule(unique, 'duplicate', 'List each tag once.')),
    code: v.pipe(v.string(), pattern(/^[a-z]+$/, 'not-a-code')),
    flag: v.boolean(),
    on: v.optional(v.pipe(v.string(), v.isoDate())),
  })

  it('gives every kind of failure a stable code, its params and plain English', () => {
    const errors = errorsOf(Body, {
      name: 'x'.repeat(5000),
      slug: 'ab',
      email: 'not-an-email',
      role: 'boss',
      agreed: false,
      capacity: 4.5,
      tags: ['a', 'a', 'b'],
      code: 'Not A Code',
      flag: 'yes',
      on: '2026-13-01',
      extra: 1,
    })
    const byPath = (path: string) => errors.filter((e) => e.path === path).map((e) => [e.code, e.params])
    expect(byPath('name')).toEqual([['too-long', { max: 120 }]])
    expect(byPath('slug')).toEqual([['too-short', { min: 3 }]])
    expect(byPath('email')).toEqual([['not-an-email', undefined]])
    expect(byPath('role')).toEqual([['one-of', { options: ['mentor', 'mentee'] }]])
    expect(byPath('agreed')).toEqual([['must-agree', undefined]])
    expect(byPath('capacity')).toEqual([
      ['not-a-whole-number', undefined],
      ['too-large', { max: 3 }],
    ])
    expect(byPath('tags')).toEqual([
      ['too-many', { max: 2 }],
      ['duplicate', undefined],
    ])
    expect(byPath('code')).toEqual([['not-a-code', undefined]])
    expect(byPath('flag')).toEqual([['wrong-type', { expected: 'true or false' }]])
    expect(byPath('on')).toEqual([['not-a-date', undefined]])
    expect(byPath('extra')).toEqual([['unknown-field', undefined]])
    // Valibot's own English ("Invalid length: Expected <=120 but received 5000") never reaches anyone.
    for (const e of errors) {
      expect(e.message).not.toMatch(/Invalid|Expected|received/)
      expect(FIELD_ERROR_CODES).toContain(e.code)
    }
    expect(errors.find((e) => e.path === 'name')?.message).toBe('Use at most 120 characters.')
    // A schema's own sentence is kept.
    expect(errors.find((e) => e.path === 'tags' && e.code === 'duplicate')?.message).toBe(
      'List each tag once.',
    )
  })

  it('names a missing field `required`, and an empty one too', () => {
    const errors = errorsOf(Body, { name: '   ' })
    expect(errors.find((e) => e.path === 'name')?.code).toBe('required')
    expect(errors.find((e) => e.path === 'email')).toMatchObject({
      code: 'required',
      message: 'This field is required.',
    })
  })

  it('has plain English for every code', () => {
    for (const code of FIELD_ERROR_CODES) {
      const message = plainMessage(code, { min: 2, max: 5, options: ['a', 'b'], expected: 'text' })
      expect(message).toMatch(/^[A-Z].*\.$/)
      expect(message).not.toMatch(/undefined|BCP|Expected/)
    }
  })
})

describe('field errors of the API', () => {
  let org: { slug: string; owner: Client }
  let programId: string
  const base = () => `/api/v1/orgs/${org.slug}/programs/${programId}`
  const program = () => org.owner.org.programs[':program']
  const programParam = () => ({ param: { org: org.slug, program: programId } })

  beforeAll(async () => {
    org = await orgWithOwner('field-errors')
    const res = await org.owner.org.programs.$post({
      param: { org: org.slug },
      json: { name: 'Welcome Tandems', languages: ['de', 'ar'], interests: ['football'] },
    })
    expect(res.status).toBe(201)
    programId = (await res.json()).id
  })

  type EnrollBody = Parameters<ReturnType<typeof program>['participants']['$post']>[0]['json']
  const amal: EnrollBody = {
    role: 'mentee',
    displayName: 'Amal',
    preferredLocale: 'ar',
    languages: [{ code: 'ar', level: 'native' }],
  }
  const enroll = (body: Partial<EnrollBody>) =>
    program().participants.$post({ ...programParam(), json: { ...amal, ...body } })
  /** Enrols with a body the typed client would not send. */
  const enrollRaw = (body: Record<string, unknown>) =>
    org.owner.post(`${base()}/participants`, { ...amal, ...body })

  const errorsOf = async (res: { status: number; json(): Promise<unknown> }) => {
    expect(res.status).toBe(400)
    return await fieldErrors(res)
  }

  it('names a too-long name `too-long` with its limit', async () => {
    const errors = await errorsOf(await enroll({ displayName: 'x'.repeat(5000) }))
    expect(errors).toEqual([
      {
        location: 'body',
        path: 'displayName',
        code: 'too-long',
        params: { max: 120 },
        message: 'Use at most 120 characters.',
      },
    ])
  })

  it('names a missing required field `required`', async () => {
    const { preferredLocale: _, ...body } = {
      role: 'mentee',
      displayName: 'Amal',
      preferredLocale: 'ar',
      languages: [{ code: 'ar', level: 'native' }],
    }
    const res = await org.owner.post(`${base()}/participants`, body)
    expect(await errorsOf(res)).toEqual([
      { location: 'body', path: 'preferredLocale', code: 'required', message: 'This field is required.' },
    ])
  })

  it('names an unknown locale by a code, in plain words', async () => {
    const errors = await errorsOf(await enroll({ preferredLocale: 'Klingonisch!' }))
    expect(errors).toEqual([
      {
        location: 'body',
        path: 'preferredLocale',
        code: 'not-a-language',
        message: 'Use a language code such as ar, uk or fa-AF.',
      },
    ])
    // A language a program's names cannot be in: `one-of` the web client's languages.
    const labels = await org.owner.patch(base(), {
      labels: { interests: { football: { tlh: 'yuQjIjQa’' } } },
    })
    const [error] = await errorsOf(labels)
    expect(error).toMatchObject({ path: 'labels.interests.football.tlh', code: 'one-of' })
    expect(error?.params?.options).toEqual(['en', 'ar', 'uk', 'fa', 'es', 'de'])
  })

  it('answers a text that is no date at all with a field error, not a 500', async () => {
    // valibot runs the date's own check after the format failed: it must not throw on `new Date('…')`.
    const result = v.safeParse(v.object({ on: Day }), { on: 'ﻥꚦ엀佸' })
    expect(result.success).toBe(false)
    const match = await program().matches.$post({
      ...programParam(),
      json: { menteeId: 'x'.repeat(24), mentorId: 'y'.repeat(24), startedOn: 'next week' },
    })
    expect(await errorsOf(match)).toContainEqual(expect.objectContaining({ path: 'startedOn' }))
  })

  it('refuses a list where an object belongs, at the top and inside, and starts nothing', async () => {
    const listBody = await org.owner.post(`${base()}/match-runs`, [])
    expect(await errorsOf(listBody)).toEqual([
      {
        location: 'body',
        path: '',
        code: 'wrong-type',
        params: { expected: 'an object' },
        message: 'Send an object here.',
      },
    ])
    const runs = await program()['match-runs'].$get({ ...programParam(), query: {} })
    expect((await runs.json()).items).toEqual([])
    const inside = await enrollRaw({ demographics: [] })
    expect(await errorsOf(inside)).toEqual([
      expect.objectContaining({ path: 'demographics', code: 'wrong-type' }),
    ])
  })

  it('gives errors raised by services a code too', async () => {
    const mentee = await (await enroll({})).json()
    const move = await program().participants[':participant'].$patch({
      param: { org: org.slug, program: programId, participant: mentee.id },
      json: { status: 'matched' },
    })
    expect(move.status).toBe(409)
    expect(await fieldErrors(move)).toEqual([
      expect.objectContaining({
        path: 'status',
        code: 'not-allowed',
        params: { options: ['screening', 'ready', 'exited'] },
      }),
    ])
    const res = await program().$patch({ ...programParam(), json: {} })
    expect(await errorsOf(res)).toEqual([expect.objectContaining({ path: '', code: 'nothing-to-change' })])
  })
})

describe('names that go into email', () => {
  it('tells web addresses and control characters from the names people have', () => {
    const names = [
      'Amal Haddad',
      'أمل حداد',
      'فرشته‌ی نوری',
      'St. Mary’s Parish',
      'Verein e.V.',
      'A.De La Cruz',
      'José María Núñez-Ortiz',
      'Stadt Köln – Integrationsagentur',
      'Help@Home',
    ]
    for (const name of names) expect([name, hasNoLink(name), hasNoControl(name)]).toEqual([name, true, true])
    const links = [
      'Visit https://spam.example',
      'www.winner.example',
      'Amal (prize.top)',
      'CLICK-HERE.COM now',
      'ftp://x',
    ]
    for (const name of links) expect([name, hasNoLink(name)]).toEqual([name, false])
    const hidden = ['Amal\nBcc: all', 'Amal\tHaddad', 'Amal\u0007', 'moc.\u202Eevil']
    for (const name of hidden) expect([name, hasNoControl(name)]).toEqual([name, false])
  })

  it('refuses them in organization, program and participant names, and writes nothing', async () => {
    const slug = uniqueName('links')
    const body = signupBody(slug, `${slug}@example.org`)
    const signup = await new Client().api.v1.signup.$post({
      json: {
        ...body,
        organization: { ...body.organization, name: 'Free money at https://spam.example' },
        admin: { ...body.admin, name: 'Amal\nBcc: everyone@example.org' },
      },
    })
    expect(signup.status).toBe(400)
    const errors = await fieldErrors(signup)
    expect(errors.map((e) => [e.path, e.code]).sort()).toEqual([
      ['admin.name', 'control-characters'],
      ['organization.name', 'no-links'],
    ])
    // Nothing was written: the slug is still free.
    expect((await new Client().api.v1.signup.$post({ json: body })).status).toBe(201)

    const org = await orgWithOwner()
    const programs = org.owner.org.programs
    const program = await programs.$post({
      param: { org: org.slug },
      json: { name: 'Win at www.prize.example', languages: ['de'] },
    })
    expect(program.status).toBe(400)
    expect(await fieldErrors(program)).toEqual([expect.objectContaining({ path: 'name', code: 'no-links' })])
    const { items } = await (await programs.$get({ param: { org: org.slug } })).json()
    expect(items).toEqual([])

    const created = await (
      await programs.$post({
        param: { org: org.slug },
        json: { name: 'Tandem Köln', languages: ['de', 'ar'] },
      })
    ).json()
    const person = await programs[':program'].participants.$post({
      param: { org: org.slug, program: created.id },
      json: {
        role: 'mentee',
        displayName: 'Amal — call me on prize.top',
        preferredLocale: 'ar',
        languages: [{ code: 'ar', level: 'native' }],
      },
    })
    expect(person.status).toBe(400)
    expect(await fieldErrors(person)).toEqual([
      expect.objectContaining({ path: 'displayName', code: 'no-links' }),
    ])
  })
})
