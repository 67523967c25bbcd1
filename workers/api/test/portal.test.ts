import {
  auditLog,
  matches,
  newId,
  outbox,
  participantEvents,
  participants,
  programs,
  tenants,
} from '@tandem/db'
import { eq } from 'drizzle-orm'
import type { InferResponseType } from 'hono/client'
import * as v from 'valibot'
import { beforeAll, describe, expect, it } from 'vitest'
import { ParticipantDetailOut } from '../src/features/participants/schema'
import { MyMatchOut } from '../src/features/portal/schema'
import { findMine, writeEndRequest } from '../src/features/portal/service'
import { isGuardRefusal, statusGuard } from '../src/lib/match-guard'
import {
  Client,
  db,
  lastEmail,
  memberWithRole,
  orgWithOwner,
  problemOf,
  unique,
  withToken,
} from './support/client'
import { fixtureMakers, seedPair } from './support/operations'

type Org = { slug: string; owner: Client; email: string }
type MyMatches = InferResponseType<Client['org']['my']['matches']['$get']>

let org: Org
let programId: string
const orgParam = () => ({ param: { org: org.slug } })
const program = () => org.owner.org.programs[':program']
const programParam = () => ({ param: { org: org.slug, program: programId } })
/** One participant of the program, as the owner reaches it. */
const participantRoute = () => program().participants[':participant']
const participantParam = (participant: string) => ({ param: { ...programParam().param, participant } })
const participantOf = (id: string) => participantRoute().$get(participantParam(id))
const portalAccess = (id: string) => participantRoute()['portal-access'].$post(participantParam(id))
const matchParam = (match: string) => ({ param: { ...programParam().param, match } })
/** The caller's own matches in an organization (this one unless named). */
const myMatches = (client: Client, slug = org.slug) => client.org.my.matches.$get({ param: { org: slug } })
/** The caller's request to end a match of theirs: asking and taking it back. */
const endRequest = (client: Client, match: string, slug = org.slug) => {
  const route = client.org.my.matches[':match']['end-request']
  const param = { org: slug, match }
  return {
    ask: (json: EndRequestBody) => route.$post({ param, json }),
    withdraw: () => route.$delete({ param }),
  }
}
type EndRequestBody = Parameters<Client['org']['my']['matches'][':match']['end-request']['$post']>[0]['json']

const accept = (client: Client, token: string) => client.api.v1.invitations.accept.$post({ json: { token } })

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
  const res = await portalAccess(participantId)
  expect(res.status).toBe(201)
  const body = await res.json()
  expect(body.status).toBe('invited')
  expect(body.invitation.forParticipant).toBe(true)
  // Until accepted, the participant's page shows the open invitation.
  const pending = await (await participantOf(participantId)).json()
  expect(pending).toMatchObject({ portalLinked: false, portalInvitation: { id: body.invitation.id, email } })
  const mail = await withToken(email)
  const client = new Client()
  const accepted = await accept(client, mail.token)
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

    const p = await (await participantOf(pair.menteeId)).json()
    expect(p).toMatchObject({ portalLinked: true, portalInvitation: null })
    expect(JSON.stringify(p)).not.toContain('userId')
    // The documented response schemas are the real ones.
    expect(v.safeParse(v.strictObject(ParticipantDetailOut.entries), p).issues).toBeUndefined()

    // Someone else's match in the same program does not show.
    await matchedPair()
    const mine = await (await myMatches(client)).json()
    expect(mine.items.map((m) => m.id)).toEqual([pair.matchId])
    const [m] = mine.items
    expect(m?.side).toBe('mentee')
    expect(m?.status).toBe('active')
    const mentor = await db.select().from(participants).where(eq(participants.id, pair.mentorId)).get()
    expect(m?.partner).toEqual({ firstName: mentor?.displayName.split(' ')[0] })
    expect(m?.myEndRequest).toBeNull()
    expect(v.safeParse(v.strictObject(MyMatchOut.entries), m).issues).toBeUndefined()
    // The program's goal areas and their names come along: the topics of a meeting, the areas a goal moves to.
    await db
      .update(programs)
      .set({
        goalAreas: ['housing', 'sports-club'],
        labels: { goalAreas: { 'sports-club': { ar: 'نادي رياضي' } } },
      })
      .where(eq(programs.id, m?.program.id as string))
    const again = await (await myMatches(client)).json()
    expect(again.items[0]?.program).toMatchObject({
      goalAreas: ['housing', 'sports-club'],
      labels: { goalAreas: { 'sports-club': { ar: 'نادي رياضي' } } },
    })
    // Nothing of the partner beyond the first name: no email, no id.
    expect(JSON.stringify(mine)).not.toContain(pair.mentorEmail)
    expect(JSON.stringify(mine)).not.toContain(pair.mentorId)

    // Coordinator routes stay closed to a mentee.
    expect(
      (await client.org.programs[':program'].matches[':match'].$get(matchParam(pair.matchId))).status,
    ).toBe(403)
  })

  it('either side asks to end, privately; the coordinator sees both requests and confirms', async () => {
    const pair = await matchedPair()
    const mentee = (await portalUser(pair.menteeId, pair.menteeEmail)).client
    const mentor = (await portalUser(pair.mentorId, pair.mentorEmail)).client
    const menteeEnd = endRequest(mentee, pair.matchId)

    const asked = await menteeEnd.ask({ reason: 'safeguarding', note: '  I do not feel safe.  ' })
    expect(asked.status).toBe(200)
    const askedBody = await asked.json()
    expect(askedBody.myEndRequest).toMatchObject({
      reason: 'safeguarding',
      hasNote: true,
      note: 'I do not feel safe.',
    })
    expect(askedBody.status).toBe('active')
    // The note is sealed at rest: the row holds no plaintext.
    const stored = await db.select().from(matches).where(eq(matches.id, pair.matchId)).get()
    expect(JSON.stringify(stored)).not.toContain('feel safe')
    expect(stored?.menteeEndRequest?.sealedNote).toMatch(/^v2\.[0-9a-f]{8}\./)
    // Safeguarding: the organization's coordinators (here its owner) get an alert naming nobody, without the note.
    const alert = await lastEmail(org.email)
    expect(alert.kind).toBe('safeguarding_alert')
    // Changing the reason back and forth does not alert again (one alert per match and side a day).
    expect((await menteeEnd.ask({ reason: 'other' })).status).toBe(200)
    const again = await menteeEnd.ask({ reason: 'safeguarding', note: 'I do not feel safe.' })
    expect(again.status).toBe(200)
    const alerts = (await db.select().from(outbox).where(eq(outbox.kind, 'safeguarding_alert'))).filter((o) =>
      o.text.includes(`/matches/${pair.matchId}`),
    )
    expect(alerts).toHaveLength(1)
    expect(alert.text).toContain(`/matches/${pair.matchId}`)
    for (const secret of ['I do not feel safe', pair.menteeEmail, pair.mentorEmail])
      expect(alert.text).not.toContain(secret)
    for (const id of [pair.menteeId, pair.mentorId]) {
      const person = await db.select().from(participants).where(eq(participants.id, id)).get()
      expect(alert.text).not.toContain(person?.displayName)
    }

    // The mentor is not told: their view shows no request, and nothing of the note.
    const mentorView = await (await myMatches(mentor)).text()
    expect(mentorView).not.toContain('safeguarding')
    expect(mentorView).not.toContain('feel safe')
    expect((JSON.parse(mentorView) as MyMatches).items[0]?.myEndRequest).toBeNull()

    // The coordinator sees it, and can list the matches waiting for a decision.
    const waitingList = () => program().matches.$get({ ...programParam(), query: { endRequested: 'true' } })
    const endRequests = () => org.owner.org['end-requests'].$get(orgParam())
    const waiting = await (await waitingList()).json()
    expect(waiting.items.map((x) => x.id)).toContain(pair.matchId)
    const dashboard = await (await endRequests()).json()
    // Lists say there is a note but do not carry it.
    expect(dashboard.items.find((x) => x.id === pair.matchId)).toMatchObject({
      programName: expect.any(String),
      endRequests: { mentee: { reason: 'safeguarding', hasNote: true, note: null }, mentor: null },
    })
    expect(JSON.stringify(waiting)).not.toContain('feel safe')
    // The match's own page opens it, and the reading is audited.
    const seen = await (await program().matches[':match'].$get(matchParam(pair.matchId))).json()
    expect(seen.endRequests.mentee).toMatchObject({ reason: 'safeguarding', note: 'I do not feel safe.' })
    expect(seen.endRequests.mentor).toBeNull()
    const reads = await db.select().from(auditLog).where(eq(auditLog.targetId, pair.matchId))
    expect(reads.map((a) => a.action)).toContain('match.end_note_read')

    // Taking it back and asking again (another reason) are both recorded in the person's history and the audit log.
    const withdrawn = await (await menteeEnd.withdraw()).json()
    expect(withdrawn.myEndRequest).toBeNull()
    // Taken back: off the program's list and the dashboard.
    for (const list of [waitingList, endRequests]) {
      const page = await (await list()).json()
      expect(page.items.map((x) => x.id)).not.toContain(pair.matchId)
    }
    expect((await menteeEnd.ask({ reason: 'moved_away' })).status).toBe(200)
    const kinds = (
      await db.select().from(participantEvents).where(eq(participantEvents.participantId, pair.menteeId))
    ).map((e) => e.kind)
    expect(kinds).toEqual(
      expect.arrayContaining(['portal.linked', 'match.end_requested', 'match.end_request_withdrawn']),
    )
    const actions = (await db.select().from(auditLog).where(eq(auditLog.targetId, pair.matchId))).map(
      (a) => a.action,
    )
    // safeguarding, other, safeguarding again, then (after taking it back) moved_away.
    expect(actions.filter((a) => a === 'match.end_requested')).toHaveLength(4)
    expect(actions).toContain('match.end_request_withdrawn')

    // The coordinator ends it without saying who asked: the portal request counts.
    const ended = await program().matches[':match'].$patch({
      ...matchParam(pair.matchId),
      json: { status: 'ended', endReason: 'moved_away' },
    })
    expect(ended.status).toBe(200)
    expect((await ended.json()).endRequestedBy).toBe('mentee')
    // Who asked is in the mentee's own history only, never in the mentor's.
    const endedEvents = await db
      .select()
      .from(participantEvents)
      .where(eq(participantEvents.kind, 'match.ended'))
    const of = (id: string) => endedEvents.find((e) => e.participantId === id)?.detail
    expect(of(pair.menteeId)).toMatchObject({ requestedBy: 'mentee' })
    expect(of(pair.mentorId)).toMatchObject({ requestedBy: null })
    // Decided: off the dashboard.
    const after = await (await endRequests()).json()
    expect(after.items.map((x) => x.id)).not.toContain(pair.matchId)

    // Ended is final: asking or withdrawing now is a conflict and changes nothing.
    const before = await db.select().from(matches).where(eq(matches.id, pair.matchId)).get()
    expect((await menteeEnd.ask({ reason: 'other' })).status).toBe(409)
    expect((await endRequest(mentor, pair.matchId).withdraw()).status).toBe(409)
    expect(await db.select().from(matches).where(eq(matches.id, pair.matchId)).get()).toEqual(before)
    // History stays visible to both.
    const history = await (await myMatches(mentor)).json()
    expect(history.items[0]).toMatchObject({ id: pair.matchId, status: 'ended' })
  })

  it('rejects a bad request with field paths and changes nothing', async () => {
    const pair = await matchedPair()
    const mentee = (await portalUser(pair.menteeId, pair.menteeEmail)).client
    const before = await db.select().from(matches).where(eq(matches.id, pair.matchId)).get()
    // Raw: a reason that is none of the reasons.
    const res = await mentee.post(`/api/v1/orgs/${org.slug}/my/matches/${pair.matchId}/end-request`, {
      reason: 'bored',
      note: 'x'.repeat(1001),
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    const problem = await problemOf(res)
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['note', 'reason'])
    expect(await db.select().from(matches).where(eq(matches.id, pair.matchId)).get()).toEqual(before)
  })

  it('portal access: needs an email, asks an existing member to confirm, refuses other roles, can be taken away', async () => {
    const pair = await matchedPair()

    // No email on record.
    await db.update(participants).set({ email: null }).where(eq(participants.id, pair.mentorId))
    const noEmail = await portalAccess(pair.mentorId)
    expect(noEmail.status).toBe(409)
    expect((await problemOf(noEmail)).errors?.[0]?.path).toBe('email')

    // The address already belongs to a member with the same role: nothing is linked until they click the link.
    const member = await memberWithRole(org, 'mentor')
    await db.update(participants).set({ email: member.email }).where(eq(participants.id, pair.mentorId))
    const invited = await portalAccess(pair.mentorId)
    expect(invited.status).toBe(201)
    expect(await invited.json()).toMatchObject({ status: 'invited', invitation: { forParticipant: true } })
    expect(
      (await db.select().from(participants).where(eq(participants.id, pair.mentorId)).get())?.userId,
    ).toBeNull()
    const confirm = await withToken(member.email)
    expect((await accept(member.client, confirm.token)).status).toBe(200)
    const mine = await (await myMatches(member.client)).json()
    expect(mine.items.map((m) => [m.id, m.side])).toEqual([[pair.matchId, 'mentor']])
    expect((await portalAccess(pair.mentorId)).status).toBe(409) // already has access

    // The address belongs to a member with another role: refused, nothing linked.
    const coordinator = await memberWithRole(org, 'coordinator')
    await db.update(participants).set({ email: coordinator.email }).where(eq(participants.id, pair.menteeId))
    expect((await portalAccess(pair.menteeId)).status).toBe(409)
    const row = await db
      .select({ userId: participants.userId })
      .from(participants)
      .where(eq(participants.id, pair.menteeId))
      .get()
    expect(row?.userId).toBeNull()

    // Taken away again (e.g. a wrong link): their portal no longer shows the match.
    const removed = await participantRoute()['portal-access'].$delete(participantParam(pair.mentorId))
    expect(removed.status).toBe(200)
    expect(await (await myMatches(member.client)).json()).toEqual({ items: [] })
    const audit = await db.select().from(auditLog).where(eq(auditLog.targetId, pair.mentorId))
    expect(audit.map((a) => a.action)).toContain('participant.portal_unlinked')
  })

  it('an invitation to an address since corrected links nothing; asking again replaces it', async () => {
    const pair = await matchedPair()
    const access = () => portalAccess(pair.menteeId)
    expect((await access()).status).toBe(201)
    const old = await withToken(pair.menteeEmail)
    // Asking again for the same address sends a new link; the old one no longer works.
    const again = await access()
    expect(await again.json()).toMatchObject({ status: 'resent' })
    const resent = await withToken(pair.menteeEmail)
    expect(resent.token).not.toBe(old.token)
    expect((await accept(new Client(), old.token)).status).toBe(400)

    // The coordinator corrects the address; whoever holds the earlier link gets nothing: not the record, not even
    // a membership (the invitation is void, and the voiding is audited).
    const corrected = `${unique('corrected')}@example.org`
    const patched = await participantRoute().$patch({
      ...participantParam(pair.menteeId),
      json: { email: corrected },
    })
    expect(patched.status).toBe(200)
    const stranger = new Client()
    expect((await accept(stranger, resent.token)).status).toBe(400)
    expect((await myMatches(stranger)).status).toBe(401)
    const members = await (await org.owner.org.members.$get(orgParam())).json()
    expect(members.items.map((m) => m.email)).not.toContain(pair.menteeEmail)
    const voided = await db.select().from(auditLog).where(eq(auditLog.action, 'invitation.voided'))
    expect(voided.length).toBeGreaterThan(0)
    const p = await (await participantOf(pair.menteeId)).json()
    expect(p).toMatchObject({ portalLinked: false })
    // A new invitation goes to the corrected address and links on acceptance.
    expect(await (await access()).json()).toMatchObject({
      status: 'invited',
      invitation: { email: corrected },
    })
    const fresh = await withToken(corrected)
    const person = new Client()
    expect((await accept(person, fresh.token)).status).toBe(200)
    const mine = await (await myMatches(person)).json()
    expect(mine.items.map((m) => m.id)).toEqual([pair.matchId])
  })

  it('a member of two organizations sees, through each, only that organization’s matches', async () => {
    const pair = await matchedPair()
    const { client } = await portalUser(pair.menteeId, pair.menteeEmail)
    // The same person is also a mentee of another organization.
    const other = await orgWithOwner('portal-other')
    const invited = await other.owner.org.invitations.$post({
      param: { org: other.slug },
      json: { email: pair.menteeEmail, role: 'mentee' },
    })
    expect(invited.status).toBe(201)
    const token = (await withToken(pair.menteeEmail)).token
    expect((await accept(client, token)).status).toBe(200)
    expect(await (await myMatches(client, other.slug)).json()).toEqual({ items: [] })
    const before = await db.select().from(matches).where(eq(matches.id, pair.matchId)).get()
    const there = endRequest(client, pair.matchId, other.slug)
    expect((await there.ask({ reason: 'other' })).status).toBe(404)
    expect((await there.withdraw()).status).toBe(404)
    expect(await db.select().from(matches).where(eq(matches.id, pair.matchId)).get()).toEqual(before)
    // Through their own organization the match is there.
    const here = await (await myMatches(client)).json()
    expect(here.items.map((m) => m.id)).toEqual([pair.matchId])
  })

  it('a request read before a coordinator ended the match writes nothing (409)', async () => {
    const pair = await matchedPair()
    const { client } = await portalUser(pair.menteeId, pair.menteeEmail)
    const me = await (await client.api.v1.me.$get()).json()
    const userId = me.user.id
    const tenant = await db.select().from(tenants).where(eq(tenants.slug, org.slug)).get()
    if (!tenant) throw new Error('no tenant')
    // The person's page read the match while it was active…
    const scope = { db, tenantId: tenant.id, actorId: userId, now: new Date() }
    const stale = await findMine(scope, pair.matchId)
    // …a coordinator ends it…
    const ended = await program().matches[':match'].$patch({
      ...matchParam(pair.matchId),
      json: { status: 'ended', endReason: 'completed' },
    })
    expect(ended.status).toBe(200)
    const before = await db.select().from(matches).where(eq(matches.id, pair.matchId)).get()
    const eventsBefore = (await db.select().from(participantEvents)).length
    const auditBefore = (await db.select().from(auditLog)).length
    // …and the request, written for the match as read, is refused as a whole.
    const ctx = {
      control: db,
      tenant,
      key: { master: { current: 'BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=' } },
      origin: 'https://tandem.test',
    }
    const error = await writeEndRequest(scope, ctx, stale, { reason: 'safeguarding', note: 'late' }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ status: 409 })
    expect(await db.select().from(matches).where(eq(matches.id, pair.matchId)).get()).toEqual(before)
    expect((await db.select().from(participantEvents)).length).toBe(eventsBefore)
    expect((await db.select().from(auditLog)).length).toBe(auditBefore)
  })

  it('changing a member’s role away from mentor or mentee unlinks their records', async () => {
    const pair = await matchedPair()
    const { client } = await portalUser(pair.menteeId, pair.menteeEmail)
    const members = await (await org.owner.org.members.$get(orgParam())).json()
    const member = members.items.find((m) => m.email === pair.menteeEmail)
    const memberParam = { param: { org: org.slug, member: String(member?.id) } }
    expect(
      (await org.owner.org.members[':member'].$patch({ ...memberParam, json: { role: 'partner' } })).status,
    ).toBe(200)
    expect(await (await participantOf(pair.menteeId)).json()).toMatchObject({ portalLinked: false })
    expect((await myMatches(client)).status).toBe(403)
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
          menteeEndRequest: { at: new Date().toISOString(), by: 'nobody', reason: 'other', sealedNote: null },
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
    expect((await myMatches(client)).status).toBe(200)
    const members = await (await org.owner.org.members.$get(orgParam())).json()
    const member = members.items.find((m) => m.email === pair.menteeEmail)
    const memberParam = { param: { org: org.slug, member: String(member?.id) } }
    expect((await org.owner.org.members[':member'].$delete(memberParam)).status).toBe(204)
    const p = await (await participantOf(pair.menteeId)).json()
    expect(p).toMatchObject({ portalLinked: false })
    expect(p.history.map((e) => e.kind)).toContain('portal.unlinked')
    expect((await myMatches(client)).status).toBe(404)
  })

  it('a request and its note belong to the account that made them, not to whoever is linked later', async () => {
    const pair = await matchedPair()
    const first = (await portalUser(pair.menteeId, pair.menteeEmail)).client
    expect(
      (
        await endRequest(first, pair.matchId).ask({
          reason: 'mismatch',
          note: 'Written by the first account',
        })
      ).status,
    ).toBe(200)
    // A wrong link is undone and the record is linked to another account.
    expect((await participantRoute()['portal-access'].$delete(participantParam(pair.menteeId))).status).toBe(
      200,
    )
    const other = `${unique('other')}@example.org`
    await participantRoute().$patch({ ...participantParam(pair.menteeId), json: { email: other } })
    const second = (await portalUser(pair.menteeId, other)).client
    const view = await (await myMatches(second)).text()
    expect(view).not.toContain('Written by the first account')
    expect((JSON.parse(view) as MyMatches).items[0]?.myEndRequest).toBeNull()
    // Withdrawing is for one's own request only: the first account's request stays.
    expect((await endRequest(second, pair.matchId).withdraw()).status).toBe(200)
    // The coordinator still reads the note the first account wrote.
    const seen = await (await program().matches[':match'].$get(matchParam(pair.matchId))).json()
    expect(seen.endRequests.mentee).toMatchObject({ note: 'Written by the first account' })
  })
})
