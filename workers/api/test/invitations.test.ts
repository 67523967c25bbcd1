import { describe, expect, it } from 'vitest'
import { Client, lastEmail, memberWithRole, ORIGIN, orgWithOwner, unique } from './support/client'

type Member = { id: string; email: string; role: string }
type Invitation = { id: string; email: string; role: string; status: string }

describe('invitations', () => {
  it('invites by email; accepting signs the person in with that membership', async () => {
    const org = await orgWithOwner()
    const email = `${unique('coord')}@example.org`
    const res = await org.owner.post(`/api/v1/orgs/${org.slug}/invitations`, {
      email,
      role: 'coordinator',
      locale: 'ar',
    })
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ email, role: 'coordinator', status: 'pending' })
    const mail = await lastEmail(email)
    expect(mail.text).toContain(`${ORIGIN}/invitations/accept?token=`)
    expect(mail.html).toContain('dir="rtl"')
    expect(mail.subject).toMatch(/[\u0600-\u06FF]/)

    const invitee = new Client()
    const accepted = await invitee.post('/api/v1/invitations/accept', {
      token: mail.token,
      name: 'Cora Ordinator',
    })
    expect(accepted.status).toBe(200)
    expect(await accepted.json()).toMatchObject({
      user: { email, name: 'Cora Ordinator' },
      memberships: [{ organization: { slug: org.slug }, role: 'coordinator' }],
      organization: { slug: org.slug },
    })
    expect((await invitee.get(`/api/v1/orgs/${org.slug}`)).status).toBe(200)
    // Single use.
    expect((await new Client().post('/api/v1/invitations/accept', { token: mail.token })).status).toBe(400)
    const list = (await (await org.owner.get(`/api/v1/orgs/${org.slug}/invitations`)).json()) as {
      items: Invitation[]
    }
    expect(list.items.find((i) => i.email === email)?.status).toBe('accepted')
  })

  it('lets a person belong to several organizations', async () => {
    const a = await orgWithOwner('multi-a')
    const b = await orgWithOwner('multi-b')
    const email = `${unique('both')}@example.org`
    const person = new Client()
    for (const org of [a, b]) {
      await org.owner.post(`/api/v1/orgs/${org.slug}/invitations`, { email, role: 'mentor' })
      expect(
        (
          await person.post('/api/v1/invitations/accept', {
            token: (await lastEmail(email)).token,
            name: 'Both Orgs',
          })
        ).status,
      ).toBe(200)
    }
    const me = (await (await person.get('/api/v1/me')).json()) as {
      memberships: { organization: { slug: string } }[]
    }
    expect(me.memberships.map((m) => m.organization.slug).sort()).toEqual([a.slug, b.slug].sort())
  })

  it('lets coordinators invite mentors and mentees only', async () => {
    const org = await orgWithOwner()
    const { client: coordinator } = await memberWithRole(org, 'coordinator')
    const ok = await coordinator.post(`/api/v1/orgs/${org.slug}/invitations`, {
      email: `${unique('m')}@example.org`,
      role: 'mentor',
    })
    expect(ok.status).toBe(201)
    const denied = await coordinator.post(`/api/v1/orgs/${org.slug}/invitations`, {
      email: `${unique('a')}@example.org`,
      role: 'admin',
    })
    expect(denied.status).toBe(403)
    expect(((await denied.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('role')
  })

  it('refuses duplicates, resends with a new link, and revokes', async () => {
    const org = await orgWithOwner()
    const email = `${unique('again')}@example.org`
    const created = (await (
      await org.owner.post(`/api/v1/orgs/${org.slug}/invitations`, { email, role: 'mentee', locale: 'uk' })
    ).json()) as Invitation
    expect(
      (await org.owner.post(`/api/v1/orgs/${org.slug}/invitations`, { email, role: 'mentee' })).status,
    ).toBe(409)
    const first = await lastEmail(email)
    expect((await org.owner.post(`/api/v1/orgs/${org.slug}/invitations/${created.id}/resend`)).status).toBe(
      200,
    )
    const second = await lastEmail(email)
    expect(second.token).not.toBe(first.token)
    // The resent email is in the language chosen when inviting (Ukrainian), not the organization's default.
    expect(first.subject).toMatch(/[\u0400-\u04FF]/)
    expect(second.subject).toBe(first.subject)
    // The old link stops working once a new one is sent.
    expect((await new Client().post('/api/v1/invitations/accept', { token: first.token })).status).toBe(400)
    expect((await org.owner.delete(`/api/v1/orgs/${org.slug}/invitations/${created.id}`)).status).toBe(204)
    expect((await new Client().post('/api/v1/invitations/accept', { token: second.token })).status).toBe(400)
    expect((await org.owner.delete(`/api/v1/orgs/${org.slug}/invitations/${created.id}`)).status).toBe(409)
  })

  it('answers 400 problems with field paths for bad input', async () => {
    const org = await orgWithOwner()
    const res = await org.owner.post(`/api/v1/orgs/${org.slug}/invitations`, { email: 'nope', role: 'king' })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { errors: { path: string }[] }
    expect(body.errors.map((e) => e.path).sort()).toEqual(['email', 'role'])
    expect((await org.owner.post(`/api/v1/orgs/${org.slug}/invitations/not-an-id/resend`)).status).toBe(400)
    expect((await new Client().post('/api/v1/invitations/accept', { token: 'x' })).status).toBe(400)
  })
})

describe('members and roles', () => {
  it('changes roles and keeps at least one owner', async () => {
    const org = await orgWithOwner()
    const { email } = await memberWithRole(org, 'mentor')
    const members = async () =>
      ((await (await org.owner.get(`/api/v1/orgs/${org.slug}/members`)).json()) as { items: Member[] }).items
    const mentor = (await members()).find((m) => m.email === email) as Member
    const owner = (await members()).find((m) => m.role === 'owner') as Member
    const changed = await org.owner.patch(`/api/v1/orgs/${org.slug}/members/${mentor.id}`, {
      role: 'coordinator',
    })
    expect(changed.status).toBe(200)
    expect(await changed.json()).toMatchObject({ role: 'coordinator' })
    expect(
      (await org.owner.patch(`/api/v1/orgs/${org.slug}/members/${owner.id}`, { role: 'admin' })).status,
    ).toBe(409)
    expect((await org.owner.delete(`/api/v1/orgs/${org.slug}/members/${owner.id}`)).status).toBe(409)
    expect((await org.owner.delete(`/api/v1/orgs/${org.slug}/members/${mentor.id}`)).status).toBe(204)
    expect((await members()).map((m) => m.email)).not.toContain(email)
  })

  it('revokes what a member invited when they are removed, or demoted below what they invited', async () => {
    const org = await orgWithOwner()
    const { client: admin, email: adminEmail } = await memberWithRole(org, 'admin')
    const { client: coordinator, email: coordinatorEmail } = await memberWithRole(org, 'coordinator')
    const invite = async (by: Client, role: string) => {
      const email = `${unique(role)}@example.org`
      const res = await by.post(`/api/v1/orgs/${org.slug}/invitations`, { email, role })
      expect(res.status).toBe(201)
      return { ...((await res.json()) as Invitation), token: (await lastEmail(email)).token }
    }
    const byAdminCoordinator = await invite(admin, 'coordinator')
    const byAdminMentor = await invite(admin, 'mentor')
    const byCoordinator = await invite(coordinator, 'mentee')
    const byOwner = await invite(org.owner, 'coordinator')
    const statuses = async () => {
      const { items } = (await (await org.owner.get(`/api/v1/orgs/${org.slug}/invitations`)).json()) as {
        items: Invitation[]
      }
      return Object.fromEntries(items.map((i) => [i.id, i.status]))
    }
    const members = async () =>
      ((await (await org.owner.get(`/api/v1/orgs/${org.slug}/members`)).json()) as { items: Member[] }).items
    const memberId = async (email: string) => ((await members()).find((m) => m.email === email) as Member).id

    // Demoted to coordinator: a coordinator may not invite coordinators, so that invitation goes; the mentor's stays.
    expect(
      (
        await org.owner.patch(`/api/v1/orgs/${org.slug}/members/${await memberId(adminEmail)}`, {
          role: 'coordinator',
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
      (await new Client().post('/api/v1/invitations/accept', { token: byAdminCoordinator.token })).status,
    ).toBe(400)

    // Removed: everything they still had pending goes; other people's invitations stay.
    expect(
      (await org.owner.delete(`/api/v1/orgs/${org.slug}/members/${await memberId(coordinatorEmail)}`)).status,
    ).toBe(204)
    expect(await statuses()).toMatchObject({
      [byAdminMentor.id]: 'pending',
      [byCoordinator.id]: 'revoked',
      [byOwner.id]: 'pending',
    })
    expect(
      (await new Client().post('/api/v1/invitations/accept', { token: byCoordinator.token })).status,
    ).toBe(400)

    // Each revocation is in the audit log, as the change that caused it.
    const audit = (await (await org.owner.get(`/api/v1/orgs/${org.slug}/audit-log?area=team`)).json()) as {
      items: { action: string; targetId: string | null; meta: Record<string, unknown> | null }[]
    }
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
    const { items } = (await (await admin.get(`/api/v1/orgs/${org.slug}/members`)).json()) as {
      items: Member[]
    }
    const owner = items.find((m) => m.role === 'owner') as Member
    expect(
      (await admin.patch(`/api/v1/orgs/${org.slug}/members/${owner.id}`, { role: 'mentor' })).status,
    ).toBe(403)
    const { email } = await memberWithRole(org, 'mentor')
    const mentor = (
      (await (await admin.get(`/api/v1/orgs/${org.slug}/members`)).json()) as { items: Member[] }
    ).items.find((m) => m.email === email) as Member
    expect(
      (await admin.patch(`/api/v1/orgs/${org.slug}/members/${mentor.id}`, { role: 'owner' })).status,
    ).toBe(403)
  })

  it('shows owners and admins the audit log, newest first, page by page', async () => {
    const org = await orgWithOwner()
    for (let i = 0; i < 3; i++)
      await org.owner.post(`/api/v1/orgs/${org.slug}/invitations`, {
        email: `${unique('p')}@example.org`,
        role: 'mentee',
      })
    const first = (await (await org.owner.get(`/api/v1/orgs/${org.slug}/audit-log?limit=2`)).json()) as {
      items: { action: string; actor: { name: string } | null }[]
      nextCursor: string | null
    }
    expect(first.items).toHaveLength(2)
    expect(first.items[0]).toMatchObject({ action: 'invitation.created', actor: { name: 'Owner Person' } })
    expect(first.nextCursor).toBeTruthy()
    const rest = (await (
      await org.owner.get(`/api/v1/orgs/${org.slug}/audit-log?limit=50&cursor=${first.nextCursor}`)
    ).json()) as {
      items: { action: string }[]
      nextCursor: string | null
    }
    expect(rest.items.map((i) => i.action)).toEqual(expect.arrayContaining(['org.created', 'auth.sign_in']))
    expect(rest.nextCursor).toBeNull()
  })
})

describe('invitation races', () => {
  it('a revoked invitation cannot be accepted, even at the same moment', async () => {
    const org = await orgWithOwner()
    const email = `${unique('race')}@example.org`
    const created = (await (
      await org.owner.post(`/api/v1/orgs/${org.slug}/invitations`, { email, role: 'coordinator' })
    ).json()) as Invitation
    const { token } = await lastEmail(email)
    const [revoke, accept] = await Promise.all([
      org.owner.delete(`/api/v1/orgs/${org.slug}/invitations/${created.id}`),
      new Client().post('/api/v1/invitations/accept', { token, name: 'Racing Person' }),
    ])
    const members = (
      (await (await org.owner.get(`/api/v1/orgs/${org.slug}/members`)).json()) as { items: Member[] }
    ).items
    const joined = members.some((m) => m.email === email)
    // Exactly one of the two wins, and the state agrees with it.
    expect([revoke.status, accept.status].sort()).toEqual(revoke.status === 204 ? [204, 400] : [200, 409])
    expect(joined).toBe(accept.status === 200)
  })

  it('two simultaneous acceptances of one link: one session, one membership', async () => {
    const org = await orgWithOwner()
    const email = `${unique('twice')}@example.org`
    await org.owner.post(`/api/v1/orgs/${org.slug}/invitations`, { email, role: 'mentor' })
    const { token } = await lastEmail(email)
    const results = await Promise.all([
      new Client().post('/api/v1/invitations/accept', { token, name: 'Twice' }),
      new Client().post('/api/v1/invitations/accept', { token, name: 'Twice' }),
    ])
    expect(results.map((r) => r.status).sort()).toEqual([200, 400])
  })
})

describe('owners under concurrency', () => {
  it('two owners demoting each other at once leave at least one owner', async () => {
    const org = await orgWithOwner()
    const { client: second, email } = await memberWithRole(org, 'owner')
    const { items } = (await (await org.owner.get(`/api/v1/orgs/${org.slug}/members`)).json()) as {
      items: Member[]
    }
    const first = items.find((m) => m.role === 'owner' && m.email !== email) as Member
    const other = items.find((m) => m.email === email) as Member
    const results = await Promise.all([
      org.owner.patch(`/api/v1/orgs/${org.slug}/members/${other.id}`, { role: 'admin' }),
      second.patch(`/api/v1/orgs/${org.slug}/members/${first.id}`, { role: 'admin' }),
    ])
    const after = (await (await org.owner.get(`/api/v1/orgs/${org.slug}/members`)).json()) as {
      items: Member[]
    }
    expect(after.items.filter((m) => m.role === 'owner').length).toBeGreaterThanOrEqual(1)
    expect(results.map((r) => r.status)).toContain(200)
  })
})

describe('invitation limits', () => {
  it('limits how often one address can be invited, with Retry-After', async () => {
    const org = await orgWithOwner()
    const email = `${unique('often')}@example.org`
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await org.owner.post(`/api/v1/orgs/${org.slug}/invitations`, { email, role: 'mentee' })).status,
      )
    }
    expect(statuses.slice(0, 5)).toEqual([201, 409, 409, 409, 409])
    const limited = await org.owner.post(`/api/v1/orgs/${org.slug}/invitations`, { email, role: 'mentee' })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})
