import { outbox } from '@tandem/db'
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { CONFIRMATIONS_PER_RECIPIENT } from '../src/features/intake/routes'
import { invitationsPerRecipient } from '../src/features/invitations/service'
import { signInEmailsPerAddress } from '../src/lib/rate-limit'
import { Client, db, orgWithOwner, signupBody, unique } from './support/client'

const emailsTo = (to: string, kind?: string) =>
  db
    .select()
    .from(outbox)
    .where(kind ? and(eq(outbox.toAddress, to), eq(outbox.kind, kind)) : eq(outbox.toAddress, to))

describe('per-recipient email limits everywhere (decision 033)', () => {
  it('resending an invitation counts against the per-recipient limit: 429, no email', async () => {
    const org = await orgWithOwner('limit-resend')
    const email = `${unique('invitee')}@example.org`
    const invited = await org.owner.org.invitations.$post({
      param: { org: org.slug },
      json: { email, role: 'mentor' },
    })
    expect(invited.status).toBe(201)
    const { id } = await invited.json()
    const resend = () =>
      org.owner.org.invitations[':invitation'].resend.$post({ param: { org: org.slug, invitation: id } })
    for (let i = 1; i < invitationsPerRecipient.max; i++) expect((await resend()).status).toBe(200)
    const refused = await resend()
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBeTruthy()
    expect(await emailsTo(email)).toHaveLength(invitationsPerRecipient.max)
  })

  it('duplicate intake applications answer the same, but confirmations stop at the per-recipient limit', async () => {
    const org = await orgWithOwner('limit-intake')
    const made = await org.owner.org.programs.$post({
      param: { org: org.slug },
      json: { name: 'Open form', languages: ['de', 'ar'], status: 'active' },
    })
    const program = (await made.json()).id
    const email = `${unique('applicant')}@example.org`
    const apply = () =>
      new Client().api.v1.public.programs[':org'][':program'].intake.$post({
        param: { org: org.slug, program },
        json: {
          role: 'mentee',
          locale: 'de',
          consent: { version: '2026-11', accepted: true },
          website: '',
          displayName: 'Amal Khalil',
          email,
          languages: [{ code: 'ar', level: 'native' }],
          neighborhood: 'Nordviertel',
        },
      })
    for (let i = 0; i < CONFIRMATIONS_PER_RECIPIENT.max + 2; i++) {
      const res = await apply()
      expect(res.status, await res.clone().text()).toBe(202)
      expect(await res.json()).toEqual({ status: 'received' })
    }
    expect(await emailsTo(email, 'intake.confirmation')).toHaveLength(CONFIRMATIONS_PER_RECIPIENT.max)
  })

  it('sign-up answers the same past the per-address limit of sign-in email, and sends nothing', async () => {
    const email = `${unique('founder')}@example.org`
    // The first sign-up makes the account; the next ones ask it to confirm ownership (decision 019). Each is
    // answered 201 alike; past the limit no email goes out.
    for (let i = 0; i < signInEmailsPerAddress.max + 2; i++) {
      const res = await new Client().api.v1.signup.$post({ json: signupBody(unique('limit-signup'), email) })
      expect(res.status).toBe(201)
    }
    expect(await emailsTo(email)).toHaveLength(signInEmailsPerAddress.max)
    // Another address signs up and is emailed as always.
    const other = `${unique('founder')}@example.org`
    expect(
      (await new Client().api.v1.signup.$post({ json: signupBody(unique('limit-signup'), other) })).status,
    ).toBe(201)
    expect(await emailsTo(other)).toHaveLength(1)
  })
})
