import { outbox, participants, users } from '@tandem/db'
import { and, desc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { Client, db, lastEmail, signupBody, unique, withToken } from './support/client'
import { fixtureMakers } from './support/operations'

/**
 * Email goes in the person's own language (their account's, else a linked participant record's), else the
 * language of the page they asked from (`locale` in the request), else the organization's default (decision 019).
 */

const ARABIC = /[\u0600-\u06FF]/
const GERMAN_SIGN_IN = 'Ihr Anmeldecode'
const SPANISH_SIGN_IN = 'Tu código'

/** An organization whose own language is German (like the demo), its owner signed in. */
async function germanOrg() {
  const slug = unique('de-org')
  const email = `${slug}@example.org`
  const owner = new Client()
  const body = signupBody(slug, email)
  body.organization.defaultLocale = 'de'
  expect((await owner.api.v1.signup.$post({ json: body })).status).toBe(201)
  const { token } = await withToken(email)
  expect((await owner.api.v1.auth.verify.$post({ json: { token } })).status).toBe(200)
  return { slug, email, owner }
}

/** A new program of the organization (the fixture every route check uses). */
async function newProgram(org: { slug: string; owner: Client }) {
  const id = await fixtureMakers.program?.(org, {})
  if (!id) throw new Error('no program')
  return id
}

/** A sign-in email asked for from a page in `locale` (none: an API client that does not say). */
async function signInMail(email: string, locale?: string) {
  const res = await new Client().api.v1.auth.email.$post({ json: locale ? { email, locale } : { email } })
  expect(res.status).toBe(202)
  return lastEmail(email)
}

describe('the language of email', () => {
  it('an Arabic-speaking mentee asking from the Arabic page gets her sign-in code in Arabic, not in the organization’s German', async () => {
    const org = await germanOrg()
    const program = await newProgram(org)
    const email = `${unique('amira')}@example.org`
    const created = await org.owner.org.programs[':program'].participants.$post({
      param: { org: org.slug, program },
      json: {
        role: 'mentee',
        displayName: 'Amira Haddad',
        email,
        preferredLocale: 'ar',
        languages: [{ code: 'ar', level: 'native' }],
      },
    })
    expect(created.status).toBe(201)
    const { id } = await created.json()
    expect(
      (
        await org.owner.org.programs[':program'].participants[':participant']['portal-access'].$post({
          param: { org: org.slug, program, participant: id },
        })
      ).status,
    ).toBe(201)
    const invitation = await withToken(email)
    expect(invitation.subject).toMatch(ARABIC)
    // She accepts on a page that the phone showed in German (its language), then switches the page to Arabic.
    const accepted = await new Client().api.v1.invitations.accept.$post({
      json: { token: invitation.token, locale: 'de' },
    })
    expect(accepted.status).toBe(200)

    const mail = await signInMail(email, 'ar')
    expect(mail.subject).toMatch(ARABIC)
    expect(mail.html).toContain('dir="rtl"')
    // Her own language wins over whatever page she asks from.
    expect((await signInMail(email, 'es')).subject).toMatch(ARABIC)
  })

  it('someone without a language of their own gets the page’s language, else the organization’s', async () => {
    const org = await germanOrg()
    // The owner signed up from an API client that named no page language.
    expect((await signInMail(org.email, 'es')).subject).toContain(SPANISH_SIGN_IN)
    expect((await signInMail(org.email)).subject).toContain(GERMAN_SIGN_IN)
    // An unknown page language falls through to the organization's.
    expect((await signInMail(org.email, 'tlh')).subject).toContain(GERMAN_SIGN_IN)
  })

  it('an account made from an Arabic page keeps Arabic as its own language', async () => {
    const org = await germanOrg()
    const email = `${unique('coord')}@example.org`
    // The inviter left the invitation in the organization's language.
    await org.owner.org.invitations.$post({
      param: { org: org.slug },
      json: { email, role: 'coordinator', locale: 'de' },
    })
    const { token } = await withToken(email)
    const accepted = await new Client().api.v1.invitations.accept.$post({
      json: { token, name: 'Samir', locale: 'ar' },
    })
    expect(accepted.status).toBe(200)
    expect((await db.select().from(users).where(eq(users.email, email)).get())?.locale).toBe('ar')
    expect((await signInMail(email, 'de')).subject).toMatch(ARABIC)
  })

  it('signing up from an Arabic page sends the sign-in email in Arabic, whatever the organization’s language', async () => {
    const slug = unique('signup-ar')
    const email = `${slug}@example.org`
    const body = { ...signupBody(slug, email), locale: 'ar' }
    body.organization.defaultLocale = 'de'
    expect((await new Client().api.v1.signup.$post({ json: body })).status).toBe(201)
    const mail = await lastEmail(email)
    expect(mail.kind).toBe('auth.sign-in')
    expect(mail.subject).toMatch(ARABIC)
  })

  it('a portal user whose account has no language gets their participant record’s', async () => {
    const org = await germanOrg()
    const program = await newProgram(org)
    const email = `${unique('dari')}@example.org`
    const created = await org.owner.org.programs[':program'].participants.$post({
      param: { org: org.slug, program },
      json: {
        role: 'mentor',
        displayName: 'Farid Karimi',
        email,
        preferredLocale: 'fa',
        languages: [{ code: 'fa', level: 'native' }],
        capacity: 1,
      },
    })
    const { id } = await created.json()
    await org.owner.org.programs[':program'].participants[':participant']['portal-access'].$post({
      param: { org: org.slug, program, participant: id },
    })
    const { token } = await withToken(email)
    expect((await new Client().api.v1.invitations.accept.$post({ json: { token } })).status).toBe(200)
    // As an account made before languages were kept (migration 0007 cleared the copied default).
    await db.update(users).set({ locale: null }).where(eq(users.email, email))
    const row = await db.select().from(participants).where(eq(participants.id, id)).get()
    expect(row?.userId).toBeTruthy()
    expect((await signInMail(email, 'en')).html).toContain('lang="fa" dir="rtl"')
  })

  it('an invitation to someone who has an account goes in that account’s language', async () => {
    const org = await germanOrg()
    const other = await germanOrg()
    const email = `${unique('uk')}@example.org`
    await org.owner.org.invitations.$post({ param: { org: org.slug }, json: { email, role: 'mentor' } })
    const first = await withToken(email)
    expect(
      (
        await new Client().api.v1.invitations.accept.$post({
          json: { token: first.token, name: 'Olena', locale: 'uk' },
        })
      ).status,
    ).toBe(200)
    // Another organization invites the same person, leaving its form on German.
    await other.owner.org.invitations.$post({
      param: { org: other.slug },
      json: { email, role: 'mentor', locale: 'de' },
    })
    const rows = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toAddress, email), eq(outbox.kind, 'invitation')))
      .orderBy(desc(outbox.createdAt))
    expect(rows[0]?.subject).toMatch(/[\u0400-\u04FF]/)
  })
})
