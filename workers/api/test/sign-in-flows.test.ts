import { auditLog, invitations, memberships, participants, signInTokens, tenants, users } from '@tandem/db'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import {
  Client,
  db,
  memberWithRole,
  orgWithOwner,
  problemOf,
  signupBody,
  unique,
  withCode,
  withToken,
} from './support/client'
import { fixtureMakers } from './support/operations'

/** Decision 019: a link or an invitation acts only for the account it names, and only when the person says so. */

const wrongCode = (code: string | undefined) => (code === '000000' ? '111111' : '000000')

async function signInByCode(client: Client, email: string, extra: { switchAccount?: boolean } = {}) {
  await new Client().api.v1.auth.email.$post({ json: { email } })
  const { code } = await withCode(email)
  return client.api.v1.auth.verify.$post({ json: { email, code, ...extra } })
}

describe('a code entered wrong five times', () => {
  it('is locked, and says so with its own problem code until a new code is asked for', async () => {
    const { email } = await orgWithOwner()
    const client = new Client()
    await client.api.v1.auth.email.$post({ json: { email } })
    const { code } = await withCode(email)
    const answers: string[] = []
    for (let i = 0; i < 5; i++) {
      const res = await client.api.v1.auth.verify.$post({ json: { email, code: wrongCode(code) } })
      expect(res.status).toBe(400)
      answers.push((await problemOf(res)).code)
    }
    expect(answers).toEqual([
      'sign-in-failed',
      'sign-in-failed',
      'sign-in-failed',
      'sign-in-failed',
      'sign-in-code-locked',
    ])
    // The right code does not help any more: still locked, with the field named.
    const right = await client.api.v1.auth.verify.$post({ json: { email, code } })
    expect(right.status).toBe(400)
    const locked = await problemOf(right)
    expect(locked.code).toBe('sign-in-code-locked')
    expect(locked.errors?.map((e) => e.path)).toEqual(['code'])
    // A new code works and starts the count again.
    await client.api.v1.auth.email.$post({ json: { email } })
    const fresh = await withCode(email)
    const again = await client.api.v1.auth.verify.$post({ json: { email, code: wrongCode(fresh.code) } })
    expect((await problemOf(again)).code).toBe('sign-in-failed')
    expect((await client.api.v1.auth.verify.$post({ json: { email, code: fresh.code } })).status).toBe(200)
  })

  it('answers the same for an address without an account (no account enumeration)', async () => {
    const email = `${unique('nobody')}@example.org`
    const client = new Client()
    expect((await client.api.v1.auth.email.$post({ json: { email } })).status).toBe(202)
    const answers: string[] = []
    for (let i = 0; i < 6; i++) {
      const res = await client.api.v1.auth.verify.$post({ json: { email, code: '123456' } })
      answers.push((await problemOf(res)).code)
    }
    expect(answers).toEqual([
      'sign-in-failed',
      'sign-in-failed',
      'sign-in-failed',
      'sign-in-failed',
      'sign-in-code-locked',
      'sign-in-code-locked',
    ])
    expect((await client.api.v1.auth.email.$post({ json: { email } })).status).toBe(202)
    const res = await client.api.v1.auth.verify.$post({ json: { email, code: '123456' } })
    expect((await problemOf(res)).code).toBe('sign-in-failed')
  })
})

describe('the sign-in link', () => {
  it('tells whose it is without using it up; the sign-in is a separate POST', async () => {
    const { email } = await orgWithOwner()
    await new Client().api.v1.auth.email.$post({ json: { email } })
    const { token } = await withToken(email)
    const browser = new Client()
    const looked = await browser.api.v1.auth.link.$post({ json: { token } })
    expect(looked.status).toBe(200)
    expect(await looked.json()).toEqual({ email })
    expect(browser.cookie).toBeUndefined()
    // Looking twice (a mail scanner, then the person) still leaves the link working.
    expect((await new Client().api.v1.auth.link.$post({ json: { token } })).status).toBe(200)
    expect((await browser.api.v1.auth.verify.$post({ json: { token } })).status).toBe(200)
    // Used: the page says so.
    const used = await browser.api.v1.auth.link.$post({ json: { token } })
    expect(used.status).toBe(400)
    expect((await problemOf(used)).code).toBe('sign-in-failed')
  })

  it('does not replace the session of another account unless the person agrees', async () => {
    const a = await orgWithOwner('switch-a')
    const b = await orgWithOwner('switch-b')
    await new Client().api.v1.auth.email.$post({ json: { email: b.email } })
    const { token } = await withToken(b.email)
    const before = a.owner.cookie
    const refused = await a.owner.api.v1.auth.verify.$post({ json: { token } })
    expect(refused.status).toBe(409)
    expect((await problemOf(refused)).code).toBe('other-account-signed-in')
    // Nothing changed: still signed in as A, and B's link still works.
    expect(a.owner.cookie).toBe(before)
    const me = await (await a.owner.api.v1.me.$get()).json()
    expect(me.user.email).toBe(a.email)
    const switched = await a.owner.api.v1.auth.verify.$post({ json: { token, switchAccount: true } })
    expect(switched.status).toBe(200)
    expect((await (await a.owner.api.v1.me.$get()).json()).user.email).toBe(b.email)
    // A's session ended with the switch.
    const old = new Client()
    old.cookie = before
    expect((await old.api.v1.me.$get()).status).toBe(401)
  })

  it('asks the same for a code, and signing in again as oneself needs no confirmation', async () => {
    const a = await orgWithOwner('code-a')
    const b = await orgWithOwner('code-b')
    await new Client().api.v1.auth.email.$post({ json: { email: b.email } })
    const { code } = await withCode(b.email)
    const refused = await a.owner.api.v1.auth.verify.$post({ json: { email: b.email, code } })
    expect((await problemOf(refused)).code).toBe('other-account-signed-in')
    expect(
      (await a.owner.api.v1.auth.verify.$post({ json: { email: b.email, code, switchAccount: true } }))
        .status,
    ).toBe(200)
    expect((await signInByCode(b.owner, b.email)).status).toBe(200)
  })
})

describe('an invitation to an address that already has an account', () => {
  it('is accepted only from that account’s session, or after a fresh code to the address', async () => {
    const home = await orgWithOwner('home')
    const org = await orgWithOwner('inviting')
    const member = await memberWithRole(home, 'coordinator')
    await org.owner.org.invitations.$post({
      param: { org: org.slug },
      json: { email: member.email, role: 'admin' },
    })
    const { token } = await withToken(member.email)

    // The page shows for whom the invitation is, and that the address has an account.
    const looked = await new Client().api.v1.invitations.lookup.$post({ json: { token } })
    expect(looked.status).toBe(200)
    expect(await looked.json()).toMatchObject({
      organization: { slug: org.slug },
      role: 'admin',
      email: member.email,
      purpose: 'join',
      account: 'existing',
      suggestedName: null,
    })

    // Whoever holds the link is not signed in by it: a stranger, and another account, are refused.
    const stranger = new Client()
    const refused = await stranger.api.v1.invitations.accept.$post({ json: { token } })
    expect(refused.status).toBe(403)
    expect((await problemOf(refused)).code).toBe('invitation-needs-sign-in')
    expect(stranger.cookie).toBeUndefined()
    expect(
      (await org.owner.api.v1.invitations.accept.$post({ json: { token, switchAccount: true } })).status,
    ).toBe(403)
    const open = await db.select().from(invitations).where(eq(invitations.email, member.email))
    expect(open.find((i) => i.role === 'admin')?.status).toBe('pending')

    // A fresh code to the address signs the person in (in the same browser); then the invitation works.
    expect((await signInByCode(stranger, member.email)).status).toBe(200)
    const accepted = await stranger.api.v1.invitations.accept.$post({ json: { token } })
    expect(accepted.status).toBe(200)
    expect(await accepted.json()).toMatchObject({
      user: { email: member.email },
      organization: { slug: org.slug },
    })
    const roles = await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(eq(memberships.userId, member.userId))
    expect(roles.map((r) => r.role).sort()).toEqual(['admin', 'coordinator'])
  })

  it('a new account still joins by the link alone, with the name the person gives', async () => {
    const org = await orgWithOwner()
    const email = `${unique('new')}@example.org`
    await org.owner.org.invitations.$post({
      param: { org: org.slug },
      json: { email, role: 'mentor', name: 'Maria Mentor' },
    })
    const { token } = await withToken(email)
    const looked = await (await new Client().api.v1.invitations.lookup.$post({ json: { token } })).json()
    expect(looked).toMatchObject({ account: 'new', suggestedName: 'Maria Mentor' })
    const person = new Client()
    const accepted = await person.api.v1.invitations.accept.$post({
      json: { token, name: '  Maria Müller  ' },
    })
    expect(accepted.status).toBe(200)
    expect(await accepted.json()).toMatchObject({ user: { email, name: 'Maria Müller' } })
    expect((await person.org.$get({ param: { org: org.slug } })).status).toBe(200)
  })

  it('a new account needs a name; without one nothing is accepted', async () => {
    const org = await orgWithOwner()
    const email = `${unique('nameless')}@example.org`
    await org.owner.org.invitations.$post({ param: { org: org.slug }, json: { email, role: 'coordinator' } })
    const { token } = await withToken(email)
    const client = new Client()
    const res = await client.api.v1.invitations.accept.$post({ json: { token } })
    expect(res.status).toBe(400)
    expect((await problemOf(res)).errors?.map((e) => e.path)).toEqual(['name'])
    expect(client.cookie).toBeUndefined()
    expect(await db.select().from(users).where(eq(users.email, email)).get()).toBeUndefined()
    expect((await client.api.v1.invitations.accept.$post({ json: { token, name: 'Cora' } })).status).toBe(200)
  })

  it('a browser signed in as someone else asks before making a new account', async () => {
    const org = await orgWithOwner()
    const email = `${unique('other')}@example.org`
    await org.owner.org.invitations.$post({ param: { org: org.slug }, json: { email, role: 'mentor' } })
    const { token } = await withToken(email)
    const refused = await org.owner.api.v1.invitations.accept.$post({ json: { token, name: 'Mo' } })
    expect(refused.status).toBe(409)
    expect((await problemOf(refused)).code).toBe('other-account-signed-in')
    expect(await db.select().from(users).where(eq(users.email, email)).get()).toBeUndefined()
    const switched = await org.owner.api.v1.invitations.accept.$post({
      json: { token, name: 'Mo', switchAccount: true },
    })
    expect(switched.status).toBe(200)
    expect((await (await org.owner.api.v1.me.$get()).json()).user.email).toBe(email)
  })
})

describe('signing up with an address that already has an account', () => {
  it('makes that account the owner only after it confirms from its own session', async () => {
    const existing = await orgWithOwner('first')
    const slug = unique('second')
    const tokensBefore = (await db.select().from(signInTokens)).length
    const res = await new Client().api.v1.signup.$post({ json: signupBody(slug, existing.email) })
    // The same answer as for a new address: nothing tells whether the address has an account.
    expect(res.status).toBe(201)
    const tenant = await db.select().from(tenants).where(eq(tenants.slug, slug)).get()
    if (!tenant) throw new Error('no tenant')
    expect(await db.select().from(memberships).where(eq(memberships.tenantId, tenant.id))).toEqual([])
    // No sign-in link: an email asking to confirm, whose link leads to the invitation page.
    expect((await db.select().from(signInTokens)).length).toBe(tokensBefore)
    const mail = await withToken(existing.email)
    expect(mail.kind).toBe('signup.confirm')
    expect(mail.text).toContain('/invitations/accept?token=')
    const { token } = mail
    const looked = await new Client().api.v1.invitations.lookup.$post({ json: { token } })
    expect(await looked.json()).toMatchObject({ purpose: 'signup', role: 'owner', account: 'existing' })

    // Whoever holds the link cannot take the organization.
    const stranger = new Client()
    expect((await stranger.api.v1.invitations.accept.$post({ json: { token } })).status).toBe(403)
    expect((await stranger.org.$get({ param: { org: slug } })).status).toBe(401)

    // The account confirms from its own session.
    const confirmed = await existing.owner.api.v1.invitations.accept.$post({ json: { token } })
    expect(confirmed.status).toBe(200)
    expect(await confirmed.json()).toMatchObject({
      organization: { slug },
      memberships: expect.arrayContaining([{ organization: { slug, name: `Org ${slug}` }, role: 'owner' }]),
    })
    const actions = (await db.select().from(auditLog).where(eq(auditLog.tenantId, tenant.id))).map(
      (a) => a.action,
    )
    expect(actions).toEqual(
      expect.arrayContaining(['org.created', 'invitation.created', 'invitation.accepted']),
    )
  })
})

describe('portal users are named by their name', () => {
  it('takes the participant’s name, or the one the person gives, never the email’s local part', async () => {
    const org = await orgWithOwner('named')
    const program = (await fixtureMakers.program?.(org, {})) ?? ''
    const people = [
      { displayName: 'Amal Nasser', email: `${unique('amal.n')}@example.org`, given: undefined },
      { displayName: 'Oleh Koval', email: `${unique('o.koval')}@example.org`, given: 'Oleh K.' },
    ]
    for (const person of people) {
      const created = await org.owner.org.programs[':program'].participants.$post({
        param: { org: org.slug, program },
        json: {
          role: 'mentee',
          displayName: person.displayName,
          email: person.email,
          preferredLocale: 'uk',
          languages: [{ code: 'uk', level: 'native' }],
        },
      })
      const { id } = await created.json()
      await org.owner.org.programs[':program'].participants[':participant']['portal-access'].$post({
        param: { org: org.slug, program, participant: id },
      })
      const { token } = await withToken(person.email)
      const looked = await new Client().api.v1.invitations.lookup.$post({ json: { token } })
      expect(await looked.json()).toMatchObject({
        forParticipant: true,
        account: 'new',
        suggestedName: person.displayName,
      })
      const accepted = await new Client().api.v1.invitations.accept.$post({
        json: { token, ...(person.given ? { name: person.given } : {}) },
      })
      expect(accepted.status).toBe(200)
      const linked = await db.select().from(participants).where(eq(participants.id, id)).get()
      expect(linked?.userId).toBeTruthy()
    }
    const members = await (await org.owner.org.members.$get({ param: { org: org.slug } })).json()
    const named = Object.fromEntries(members.items.map((m) => [m.email, m.name]))
    expect(named[people[0]?.email ?? '']).toBe('Amal Nasser')
    expect(named[people[1]?.email ?? '']).toBe('Oleh K.')
  })
})
