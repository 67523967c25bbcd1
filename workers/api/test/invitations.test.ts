import type { InferResponseType } from 'hono/client'
import { describe, expect, it } from 'vitest'
import { Client, memberWithRole, ORIGIN, orgWithOwner, problemOf, unique, withToken } from './support/client'

type Member = InferResponseType<Client['org']['members']['$get'], 200>['items'][number]
type Role = Parameters<Client['org']['invitations']['$post']>[0]['json']['role']

describe('invitations', () => {
  it('invites by email; accepting signs the person in with that membership', async () => {
    const org = await orgWithOwner()
    const email = `${unique('coord')}@example.org`
    const res = await org.owner.org.invitations.$post({
      param: { org: org.slug },
      json: { email, role: 'coordinator', locale: 'ar' },
    })
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ email, role: 'coordinator', status: 'pending' })
    const mail = await withToken(email)
    expect(mail.text).toContain(`${ORIGIN}/invitations/accept?token=`)
    expect(mail.html).toContain('dir="rtl"')
    expect(mail.subject).toMatch(/[\u0600-\u06FF]/)

    const invitee = new Client()
    const accepted = await invitee.api.v1.invitations.accept.$post({
      json: { token: mail.token, name: 'Cora Ordinator' },
    })
    expect(accepted.status).toBe(200)
    expect(await accepted.json()).toMatchObject({
      user: { email, name: 'Cora Ordinator' },
      memberships: [{ organization: { slug: org.slug }, role: 'coordinator' }],
      organization: { slug: org.slug },
    })
    expect((await invitee.org.$get({ param: { org: org.slug } })).status).toBe(200)
    // Single use.
    expect((await new Client().api.v1.invitations.accept.$post({ json: { token: mail.token } })).status).toBe(
      400,
    )
    const list = await (await org.owner.org.invitations.$get({ param: { org: org.slug } })).json()
    expect(list.items.find((i) => i.email === email)?.status).toBe('accepted')
  })

  it('lets a person belong to several organizations', async () => {
    const a = await orgWithOwner('multi-a')
    const b = await orgWithOwner('multi-b')
    const email = `${unique('both')}@example.org`
    const person = new Client()
    for (const org of [a, b]) {
      await org.owner.org.invitations.$post({ param: { org: org.slug }, json: { email, role: 'mentor' } })
      expect(
        (
          await person.api.v1.invitations.accept.$post({
            json: { token: (await withToken(email)).token, name: 'Both Orgs' },
          })
        ).status,
      ).toBe(200)
    }
    const me = await (await person.api.v1.me.$get()).json()
    expect(me.memberships.map((m) => m.organization.slug).sort()).toEqual([a.slug, b.slug].sort())
  })

  it('lets coordinators invite mentors and mentees only', async () => {
    const org = await orgWithOwner()
    const { client: coordinator } = await memberWithRole(org, 'coordinator')
    const ok = await coordinator.org.invitations.$post({
      param: { org: org.slug },
      json: { email: `${unique('m')}@example.org`, role: 'mentor' },
    })
    expect(ok.status).toBe(201)
    const denied = await coordinator.org.invitations.$post({
      param: { org: org.slug },
      json: { email: `${unique('a')}@example.org`, role: 'admin' },
    })
    expect(denied.status).toBe(403)
    expect((await problemOf(denied)).errors?.[0]?.path).toBe('role')
  })

  it('refuses duplicates, resends with a new link, and revokes', async () => {
    const org = await orgWithOwner()
    const email = `${unique('again')}@example.org`
    const invitations = org.owner.org.invitations
    const created = await (
      await invitations.$post({ param: { org: org.slug }, json: { email, role: 'mentee', locale: 'uk' } })
    ).json()
    expect(
      (await invitations.$post({ param: { org: org.slug }, json: { email, role: 'mentee' } })).status,
    ).toBe(409)
    const first = await withToken(email)
    const invitation = { param: { org: org.slug, invitation: created.id } }
    expect((await invitations[':invitation'].resend.$post(invitation)).status).toBe(200)
    const second = await withToken(email)
    expect(second.token).not.toBe(first.token)
    // The resent email is in the language chosen when inviting (Ukrainian), not the organization's default.
    expect(first.subject).toMatch(/[\u0400-\u04FF]/)
    expect(second.subject).toBe(first.subject)
    // The old link stops working once a new one is sent.
    expect(
      (await new Client().api.v1.invitations.accept.$post({ json: { token: first.token } })).status,
    ).toBe(400)
    expect((await invitations[':invitation'].$delete(invitation)).status).toBe(204)
    expect(
      (await new Client().api.v1.invitations.accept.$post({ json: { token: second.token } })).status,
    ).toBe(400)
    expect((await invitations[':invitation'].$delete(invitation)).status).toBe(409)
  })

  it('answers 400 problems with field paths for bad input', async () => {
    const org = await orgWithOwner()
    // A role that does not exist: the typed client would not send it.
    const res = await org.owner.post(`/api/v1/orgs/${org.slug}/invitations`, { email: 'nope', role: 'king' })
    expect(res.status).toBe(400)
    const body = await problemOf(res)
    expect(body.errors?.map((e) => e.path).sort()).toEqual(['email', 'role'])
    expect(
      (
        await org.owner.org.invitations[':invitation'].resend.$post({
          param: { org: org.slug, invitation: 'not-an-id' },
        })
      ).status,
    ).toBe(400)
    expect((await new Client().api.v1.invitations.accept.$post({ json: { token: 'x' } })).status).toBe(400)
  })
})

describe('members and roles', () => {
  it('changes roles and keeps at least one owner', async () => {
    const org = await orgWithOwner()
    const { email } = await memberWithRole(org, 'mentor')
    const membersOf = org.owner.org.members
    const members = async () => (await (await membersOf.$get({ param: { org: org.slug } })).json()).items
    const mentor = (await members()).find((m) => m.email === email) as Member
    const owner = (await members()).find((m) => m.role === 'owner') as Member
    const member = (m: Member) => ({ param: { org: org.slug, member: m.id } })
    const changed = await membersOf[':member'].$patch({ ...member(mentor), json: { role: 'coordinator' } })
    expect(changed.status).toBe(200)
    expect(await changed.json()).toMatchObject({ role: 'coordinator' })
    expect((await membersOf[':member'].$patch({ ...member(owner), json: { role: 'admin' } })).status).toBe(
      409,
    )
    expect((await membersOf[':member'].$delete(member(owner))).status).toBe(409)
    expect((await membersOf[':member'].$delete(member(mentor))).status).toBe(204)
    expect((await members()).map((m) => m.email)).not.toContain(email)
  })

  it('revokes what a member invited when they are removed, or demoted below what they invited', async () => {
    const org = await orgWithOwner()
    const { client: admin, email: adminEmail } = await memberWithRole(org, 'admin')
    const { client: coordinator, email: coordinatorEmail } = await memberWithRole(org, 'coordinator')
    const invite = async (by: Client, role: Role) => {
      const email = `${unique(role)}@example.org`
      const res = await by.org.invitations.$post({ param: { org: org.slug }, json: { email, role } })
      expect(res.status).toBe(201)
      return { ...(await res.json()), token: (await withToken(email)).token }
    }
    const byAdminCoordinator = await invite(admin, 'coordinator')
    const byAdminMentor = await invite(admin, 'mentor')
    const byCoordinator = await invite(coordinator, 'mentee')
    const byOwner = await invite(org.owner, 'coordinator')
    const statuses = async () => {
      const { items } = await (await org.owner.org.invitations.$get({ param: { org: org.slug } })).json()
      return Object.fromEntries(items.map((i) => [i.id, i.status]))
    }
    const members = async () =>
      (await (await org.owner.org.members.$get({ param: { org: org.slug } })).json()).items
    const memberId = async (email: string) => ((await members()).find((m) => m.email === email) as Member).id
    const member = async (email: string) => ({ param: { org: org.slug, member: await memberId(email) } })

    // Demoted to coordinator: a coordinator may not invite coordinators, so that invitation goes; the mentor's stays.
    expect(
      (
        await org.owner.org.members[':member'].$patch({
          ...(await member(adminEmail)),
          json: { role: 'coordinator' },
        })
      ).status,
    ).toBe(200)
    expect(await statuses()).toMatchObject({
      [byAdminCoordinator.id]: 'revoked',
      [byAdminMentor.id]: 'pending',
      [byCoordinator.id]: 'pending',
      [byOwner.id]: 'pending',
    })
    expect(
      (await new Client().api.v1.invitations.accept.$post({ json: { token: byAdminCoordinator.token } }))
        .status,
    ).toBe(400)

    // Removed: everything they still had pending goes; other people's invitations stay.
    expect((await org.owner.org.members[':member'].$delete(await member(coordinatorEmail))).status).toBe(204)
    expect(await statuses()).toMatchObject({
      [byAdminMentor.id]: 'pending',
      [byCoordinator.id]: 'revoked',
      [byOwner.id]: 'pending',
    })
    expect(
      (await new Client().api.v1.invitations.accept.$post({ json: { token: byCoordinator.token } })).status,
    ).toBe(400)

    // Each revocation is in the audit log, as the change that caused it.
    const audit = await (
      await org.owner.org['audit-log'].$get({ param: { org: org.slug }, query: { area: 'team' } })
    ).json()
    const revoked = audit.items.filter((e) => e.action === 'invitation.revoked')
    expect(revoked.map((e) => [e.targetId, e.meta?.because]).sort()).toEqual(
      [
        [byAdminCoordinator.id, 'inviter-role-changed'],
        [byCoordinator.id, 'inviter-removed'],
      ].sort(),
    )
  })

  it('does not let an admin touch an owner or make owners', async () => {
    const org = await orgWithOwner()
    const { client: admin } = await memberWithRole(org, 'admin')
    const { items } = await (await admin.org.members.$get({ param: { org: org.slug } })).json()
    const owner = items.find((m) => m.role === 'owner') as Member
    expect(
      (
        await admin.org.members[':member'].$patch({
          param: { org: org.slug, member: owner.id },
          json: { role: 'mentor' },
        })
      ).status,
    ).toBe(403)
    const { email } = await memberWithRole(org, 'mentor')
    const mentor = (await (await admin.org.members.$get({ param: { org: org.slug } })).json()).items.find(
      (m) => m.email === email,
    ) as Member
    expect(
      (
        await admin.org.members[':member'].$patch({
          param: { org: org.slug, member: mentor.id },
          json: { role: 'owner' },
        })
      ).status,
    ).toBe(403)
  })

  it('shows owners and admins the audit log, newest first, page by page', async () => {
    const org = await orgWithOwner()
    for (let i = 0; i < 3; i++)
      await org.owner.org.invitations.$post({
        param: { org: org.slug },
        json: { email: `${unique('p')}@example.org`, role: 'mentee' },
      })
    const auditLog = org.owner.org['audit-log']
    const first = await (await auditLog.$get({ param: { org: org.slug }, query: { limit: '2' } })).json()
    expect(first.items).toHaveLength(2)
    expect(first.items[0]).toMatchObject({ action: 'invitation.created', actor: { name: 'Owner Person' } })
    expect(first.nextCursor).toBeTruthy()
    const rest = await (
      await auditLog.$get({
        param: { org: org.slug },
        query: { limit: '50', cursor: String(first.nextCursor) },
      })
    ).json()
    expect(rest.items.map((i) => i.action)).toEqual(expect.arrayContaining(['org.created', 'auth.sign_in']))
    expect(rest.nextCursor).toBeNull()
  })
})

describe('invitation races', () => {
  it('a revoked invitation cannot be accepted, even at the same moment', async () => {
    const org = await orgWithOwner()
    const email = `${unique('race')}@example.org`
    const created = await (
      await org.owner.org.invitations.$post({
        param: { org: org.slug },
        json: { email, role: 'coordinator' },
      })
    ).json()
    const { token } = await withToken(email)
    const [revoke, accept] = await Promise.all([
      org.owner.org.invitations[':invitation'].$delete({ param: { org: org.slug, invitation: created.id } }),
      new Client().api.v1.invitations.accept.$post({ json: { token, name: 'Racing Person' } }),
    ])
    const members = (await (await org.owner.org.members.$get({ param: { org: org.slug } })).json()).items
    const joined = members.some((m) => m.email === email)
    // Exactly one of the two wins, and the state agrees with it.
    expect([revoke.status, accept.status].sort()).toEqual(revoke.status === 204 ? [204, 400] : [200, 409])
    expect(joined).toBe(accept.status === 200)
  })

  it('two simultaneous acceptances of one link: one session, one membership', async () => {
    const org = await orgWithOwner()
    const email = `${unique('twice')}@example.org`
    await org.owner.org.invitations.$post({ param: { org: org.slug }, json: { email, role: 'mentor' } })
    const { token } = await withToken(email)
    const results = await Promise.all([
      new Client().api.v1.invitations.accept.$post({ json: { token, name: 'Twice' } }),
      new Client().api.v1.invitations.accept.$post({ json: { token, name: 'Twice' } }),
    ])
    expect(results.map((r) => r.status).sort()).toEqual([200, 400])
  })
})

describe('owners under concurrency', () => {
  it('two owners demoting each other at once leave at least one owner', async () => {
    const org = await orgWithOwner()
    const { client: second, email } = await memberWithRole(org, 'owner')
    const { items } = await (await org.owner.org.members.$get({ param: { org: org.slug } })).json()
    const first = items.find((m) => m.role === 'owner' && m.email !== email) as Member
    const other = items.find((m) => m.email === email) as Member
    const results = await Promise.all([
      org.owner.org.members[':member'].$patch({
        param: { org: org.slug, member: other.id },
        json: { role: 'admin' },
      }),
      second.org.members[':member'].$patch({
        param: { org: org.slug, member: first.id },
        json: { role: 'admin' },
      }),
    ])
    const after = await (await org.owner.org.members.$get({ param: { org: org.slug } })).json()
    expect(after.items.filter((m) => m.role === 'owner').length).toBeGreaterThanOrEqual(1)
    expect(results.map((r) => r.status)).toContain(200)
  })
})

describe('invitation limits', () => {
  it('limits how often one address can be invited, with Retry-After', async () => {
    const org = await orgWithOwner()
    const email = `${unique('often')}@example.org`
    const invite = () =>
      org.owner.org.invitations.$post({ param: { org: org.slug }, json: { email, role: 'mentee' } })
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      statuses.push((await invite()).status)
    }
    expect(statuses.slice(0, 5)).toEqual([201, 409, 409, 409, 409])
    const limited = await invite()
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})
