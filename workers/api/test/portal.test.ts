import { auditLog, matches, newId, participantEvents, participants } from '@tandem/db'
import { eq } from 'drizzle-orm'
import * as v from 'valibot'
import { beforeAll, describe, expect, it } from 'vitest'
import { isGuardRefusal, statusGuard } from '../src/features/matching/service'
import { ParticipantDetailOut } from '../src/features/participants/schema'
import { MyMatchOut } from '../src/features/portal/schema'
import { Client, db, lastEmail, memberWithRole, orgWithOwner, unique } from './support/client'
import { fixtureMakers, seedPair } from './support/operations'

type Org = { slug: string; owner: Client }
type MyMatch = {
  id: string
  program: { id: string; name: string }
  side: 'mentee' | 'mentor'
  status: string
  partner: Record<string, string>
  myEndRequest: { at: string; reason: string; note: string | null } | null
}
type CoordinatorMatch = {
  id: string
  status: string
  endRequestedBy: string | null
  endRequests: {
    mentee: { reason: string; note: string | null } | null
    mentor: { reason: string; note: string | null } | null
  }
}

let org: Org
let programId: string
const api = () => `/api/v1/orgs/${org.slug}`
const programApi = () => `${api()}/programs/${programId}`

beforeAll(async () => {
  org = await orgWithOwner('portal')
  programId = await (fixtureMakers.program as (o: Org, m: Record<string, string>) => Promise<string>)(org, {})
})

/** A matched pair whose two records carry email addresses; the match is active. */
async function matchedPair() {
  const { menteeId, mentorId, tenantId } = await seedPair(programId, { mentee: 'matched', mentor: 'matched' })
  const menteeEmail = `${unique('mentee')}@example.org`
  const mentorEmail = `${unique('mentor')}@example.org`
  await db
    .update(participants)
    .set({ email: menteeEmail, preferredLocale: 'ar' })
    .where(eq(participants.id, menteeId))
  await db.update(participants).set({ email: mentorEmail }).where(eq(participants.id, mentorId))
  const matchId = newId()
  await db.insert(matches).values({
    id: matchId,
    tenantId,
    programId,
    menteeId,
    mentorId,
    status: 'active',
    startedAt: new Date(),
  })
  return { menteeId, mentorId, menteeEmail, mentorEmail, matchId }
}

/** Gives a participant portal access and accepts the emailed invitation in a fresh browser. */
async function portalUser(participantId: string, email: string) {
  const res = await org.owner.post(`${programApi()}/participants/${participantId}/portal-access`)
  expect(res.status).toBe(201)
  const body = (await res.json()) as {
    status: string
    invitation: { id: string; role: string; forParticipant: boolean }
  }
  expect(body.status).toBe('invited')
  expect(body.invitation.forParticipant).toBe(true)
  // Until accepted, the participant's page shows the open invitation.
  const pending = await (await org.owner.get(`${programApi()}/participants/${participantId}`)).json()
  expect(pending).toMatchObject({ portalLinked: false, portalInvitation: { id: body.invitation.id, email } })
  const mail = await lastEmail(email)
  const client = new Client()
  const accepted = await client.post('/api/v1/invitations/accept', { token: mail.token })
  expect(accepted.status).toBe(200)
  return { client, mail, invitation: body.invitation }
}

describe('participant portal', () => {
  it('links a participant on acceptance; they see only their own matches, with their partner’s first name', async () => {
    const pair = await matchedPair()
    const { client, mail, invitation } = await portalUser(pair.menteeId, pair.menteeEmail)
    // The invitation has the participant's role and is written in their language (Arabic, right to left).
    expect(invitation.role).toBe('mentee')
    expect(mail.html).toContain('dir="rtl"')

    const p = await (await org.owner.get(`${programApi()}/participants/${pair.menteeId}`)).json()
    expect(p).toMatchObject({ portalLinked: true, portalInvitation: null })
    expect(JSON.stringify(p)).not.toContain('userId')
    // The documented response schemas are the real ones.
    expect(v.safeParse(ParticipantDetailOut, p).issues).toBeUndefined()

    // Someone else's match in the same program does not show.
    await matchedPair()
    const mine = (await (await client.get(`${api()}/my/matches`)).json()) as { items: MyMatch[] }
    expect(mine.items.map((m) => m.id)).toEqual([pair.matchId])
    const [m] = mine.items
    expect(m?.side).toBe('mentee')
    expect(m?.status).toBe('active')
    const mentor = await db.select().from(participants).where(eq(participants.id, pair.mentorId)).get()
    expect(m?.partner).toEqual({ firstName: mentor?.displayName.split(' ')[0] })
    expect(m?.myEndRequest).toBeNull()
    expect(v.safeParse(MyMatchOut, m).issues).toBeUndefined()
    // Nothing of the partner beyond the first name: no email, no id.
    expect(JSON.stringify(mine)).not.toContain(pair.mentorEmail)
    expect(JSON.stringify(mine)).not.toContain(pair.mentorId)

    // Coordinator routes stay closed to a mentee.
    expect((await client.get(`${programApi()}/matches/${pair.matchId}`)).status).toBe(403)
  })

  it('either side asks to end, privately; the coordinator sees both requests and confirms', async () => {
    const pair = await matchedPair()
    const mentee = (await portalUser(pair.menteeId, pair.menteeEmail)).client
    const mentor = (await portalUser(pair.mentorId, pair.mentorEmail)).client
    const endRequest = `${api()}/my/matches/${pair.matchId}/end-request`

    const asked = await mentee.post(endRequest, { reason: 'safeguarding', note: '  I do not feel safe.  ' })
    expect(asked.status).toBe(200)
    const askedBody = (await asked.json()) as MyMatch
    expect(askedBody.myEndRequest).toMatchObject({ reason: 'safeguarding', note: 'I do not feel safe.' })
    expect(askedBody.status).toBe('active')

    // The mentor is not told: their view shows no request, and nothing of the note.
    const mentorView = await (await mentor.get(`${api()}/my/matches`)).text()
    expect(mentorView).not.toContain('safeguarding')
    expect(mentorView).not.toContain('feel safe')
    expect((JSON.parse(mentorView) as { items: MyMatch[] }).items[0]?.myEndRequest).toBeNull()

    // The coordinator sees it, and can list the matches waiting for a decision.
    const waiting = (await (await org.owner.get(`${programApi()}/matches?endRequested=true`)).json()) as {
      items: CoordinatorMatch[]
    }
    expect(waiting.items.map((x) => x.id)).toContain(pair.matchId)
    const dashboard = (await (await org.owner.get(`${api()}/end-requests`)).json()) as {
      items: (CoordinatorMatch & { programName: string })[]
    }
    expect(dashboard.items.find((x) => x.id === pair.matchId)).toMatchObject({
      programName: expect.any(String),
      endRequests: { mentee: { reason: 'safeguarding' }, mentor: null },
    })
    const seen = (await (
      await org.owner.get(`${programApi()}/matches/${pair.matchId}`)
    ).json()) as CoordinatorMatch
    expect(seen.endRequests.mentee).toMatchObject({ reason: 'safeguarding', note: 'I do not feel safe.' })
    expect(seen.endRequests.mentor).toBeNull()

    // Taking it back and asking again (another reason) are both recorded in the person's history and the audit log.
    const withdrawn = (await (await mentee.delete(endRequest)).json()) as MyMatch
    expect(withdrawn.myEndRequest).toBeNull()
    expect((await mentee.post(endRequest, { reason: 'moved_away' })).status).toBe(200)
    const kinds = (
      await db.select().from(participantEvents).where(eq(participantEvents.participantId, pair.menteeId))
    ).map((e) => e.kind)
    expect(kinds).toEqual(
      expect.arrayContaining(['portal.linked', 'match.end_requested', 'match.end_request_withdrawn']),
    )
    const actions = (await db.select().from(auditLog).where(eq(auditLog.targetId, pair.matchId))).map(
      (a) => a.action,
    )
    expect(actions.filter((a) => a === 'match.end_requested')).toHaveLength(2)
    expect(actions).toContain('match.end_request_withdrawn')

    // The coordinator ends it without saying who asked: the portal request counts.
    const ended = await org.owner.patch(`${programApi()}/matches/${pair.matchId}`, {
      status: 'ended',
      endReason: 'moved_away',
    })
    expect(ended.status).toBe(200)
    expect(((await ended.json()) as CoordinatorMatch).endRequestedBy).toBe('mentee')
    // Decided: off the dashboard.
    const after = (await (await org.owner.get(`${api()}/end-requests`)).json()) as { items: { id: string }[] }
    expect(after.items.map((x) => x.id)).not.toContain(pair.matchId)

    // Ended is final: asking or withdrawing now is a conflict and changes nothing.
    const before = await db.select().from(matches).where(eq(matches.id, pair.matchId)).get()
    expect((await mentee.post(endRequest, { reason: 'other' })).status).toBe(409)
    expect((await mentor.delete(endRequest)).status).toBe(409)
    expect(await db.select().from(matches).where(eq(matches.id, pair.matchId)).get()).toEqual(before)
    // History stays visible to both.
    const history = (await (await mentor.get(`${api()}/my/matches`)).json()) as { items: MyMatch[] }
    expect(history.items[0]).toMatchObject({ id: pair.matchId, status: 'ended' })
  })

  it('rejects a bad request with field paths and changes nothing', async () => {
    const pair = await matchedPair()
    const mentee = (await portalUser(pair.menteeId, pair.menteeEmail)).client
    const before = await db.select().from(matches).where(eq(matches.id, pair.matchId)).get()
    const res = await mentee.post(`${api()}/my/matches/${pair.matchId}/end-request`, {
      reason: 'bored',
      note: 'x'.repeat(1001),
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    const problem = (await res.json()) as { errors: { path: string }[] }
    expect(problem.errors.map((e) => e.path).sort()).toEqual(['note', 'reason'])
    expect(await db.select().from(matches).where(eq(matches.id, pair.matchId)).get()).toEqual(before)
  })

  it('portal access: needs an email, links an existing member with the same role, refuses other roles', async () => {
    const pair = await matchedPair()
    const access = (id: string) => org.owner.post(`${programApi()}/participants/${id}/portal-access`)

    // No email on record.
    await db.update(participants).set({ email: null }).where(eq(participants.id, pair.mentorId))
    const noEmail = await access(pair.mentorId)
    expect(noEmail.status).toBe(409)
    expect(((await noEmail.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('email')

    // The address already belongs to a member with the same role: linked at once, no invitation.
    const member = await memberWithRole(org, 'mentor')
    await db.update(participants).set({ email: member.email }).where(eq(participants.id, pair.mentorId))
    const linked = await access(pair.mentorId)
    expect(linked.status).toBe(200)
    expect(await linked.json()).toEqual({ status: 'linked', invitation: null })
    const mine = (await (await member.client.get(`${api()}/my/matches`)).json()) as { items: MyMatch[] }
    expect(mine.items.map((m) => [m.id, m.side])).toEqual([[pair.matchId, 'mentor']])
    expect((await access(pair.mentorId)).status).toBe(409) // already has access

    // The address belongs to a member with another role: refused, nothing linked.
    const coordinator = await memberWithRole(org, 'coordinator')
    await db.update(participants).set({ email: coordinator.email }).where(eq(participants.id, pair.menteeId))
    expect((await access(pair.menteeId)).status).toBe(409)
    const row = await db
      .select({ userId: participants.userId })
      .from(participants)
      .where(eq(participants.id, pair.menteeId))
      .get()
    expect(row?.userId).toBeNull()
  })

  it('a write guarded by the match’s status rolls back the whole batch when the status moved on', async () => {
    const pair = await matchedPair()
    await db.update(matches).set({ status: 'paused' }).where(eq(matches.id, pair.matchId))
    const before = await db.select().from(matches).where(eq(matches.id, pair.matchId)).get()
    const events = async () =>
      (await db.select().from(participantEvents).where(eq(participantEvents.participantId, pair.menteeId)))
        .length
    const eventsBefore = await events()
    // As `requestEnd` writes when it read the match as active while a coordinator paused it meanwhile.
    const attempt = db.batch([
      db
        .update(matches)
        .set({
          menteeEndRequest: { at: new Date().toISOString(), reason: 'other', note: null },
          startedAt: statusGuard('active'),
        })
        .where(eq(matches.id, pair.matchId)),
      db.insert(participantEvents).values({
        id: newId(),
        tenantId: before?.tenantId as string,
        participantId: pair.menteeId,
        kind: 'match.end_requested',
        detail: {},
        createdAt: new Date(),
      }),
    ])
    const error = await attempt.then(
      () => null,
      (e: unknown) => e,
    )
    expect(isGuardRefusal(error)).toBe(true)
    expect(await db.select().from(matches).where(eq(matches.id, pair.matchId)).get()).toEqual(before)
    expect(await events()).toBe(eventsBefore)
  })

  it('removing the member unlinks their participant record', async () => {
    const pair = await matchedPair()
    const { client } = await portalUser(pair.menteeId, pair.menteeEmail)
    expect((await client.get(`${api()}/my/matches`)).status).toBe(200)
    const members = (await (await org.owner.get(`${api()}/members`)).json()) as {
      items: { id: string; email: string }[]
    }
    const member = members.items.find((m) => m.email === pair.menteeEmail)
    expect((await org.owner.delete(`${api()}/members/${member?.id}`)).status).toBe(204)
    const p = await (await org.owner.get(`${programApi()}/participants/${pair.menteeId}`)).json()
    expect(p).toMatchObject({ portalLinked: false })
    expect((p as { history: { kind: string }[] }).history.map((e) => e.kind)).toContain('portal.unlinked')
    expect((await client.get(`${api()}/my/matches`)).status).toBe(404)
  })
})
