import { createExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { concernActions, concerns, meetings, participantNotes, participants } from '@tandem/db'
import { eq } from 'drizzle-orm'
import { hc } from 'hono/client'
import { describe, expect, it } from 'vitest'
import type { AppType } from '../src/app'
import worker from '../src/index'
import { keyIdOf } from '../src/lib/protected-fields'
import { db, ORIGIN, orgWithOwner } from './support/client'
import { fixtureMakers } from './support/operations'

const OLD = (env as unknown as { PROTECTED_FIELDS_KEY: string }).PROTECTED_FIELDS_KEY
const NEW = 'CAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAg='
const TOKEN = 'operator-token-for-the-rotation-test-0123456789'

/**
 * The Worker with other secrets, as after `wrangler secret put`, through the typed client (`hc<AppType>`): requests
 * with the caller's session cookie.
 */
function withSecrets(secrets: Record<string, string>, cookie: string | undefined) {
  const bindings = { ...env, ...secrets } as typeof env
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init)
    if (!req.headers.has('sec-fetch-site')) req.headers.set('sec-fetch-site', 'same-origin')
    if (cookie) req.headers.set('cookie', cookie)
    return worker.fetch(req as Parameters<typeof worker.fetch>[0], bindings, createExecutionContext())
  }
  return hc<AppType>(ORIGIN, { fetch }).api.v1
}

describe('master key rotation (decision 033)', () => {
  it('reads with either key by its id, re-encrypts everything under the new one, then needs only that', async () => {
    const org = await orgWithOwner('rotation')
    const made = await org.owner.org.programs.$post({
      param: { org: org.slug },
      json: { name: 'Rotation', languages: ['de'], protectedFields: ['residenceStatus'] },
    })
    const program = (await made.json()).id
    const programParam = { org: org.slug, program }
    const inProgram = org.owner.org.programs[':program']
    const person = async (name: string) => {
      const res = await inProgram.participants.$post({
        param: programParam,
        json: {
          role: 'mentee',
          displayName: name,
          preferredLocale: 'de',
          languages: [{ code: 'de', level: 'A2' }],
        },
      })
      return (await res.json()).id
    }
    const a = await person('Sealed Under Old')
    const b = await person('Sealed Before Key Ids')
    const participant = (id: string) => ({ ...programParam, participant: id })
    for (const id of [a, b]) {
      expect(
        (
          await inProgram.participants[':participant'].protected.$put({
            param: participant(id),
            json: { residenceStatus: 'refugee' },
          })
        ).status,
      ).toBe(200)
    }
    expect(
      (
        await inProgram.participants[':participant'].notes.$post({
          param: participant(a),
          json: { text: 'A note sealed under the old key' },
        })
      ).status,
    ).toBe(201)
    // A concern's description (sealed the same way), and one emptied by an erasure: nothing to re-encrypt there.
    const concern = (await fixtureMakers.concern?.(org, { program })) as string
    const erased = (await fixtureMakers.concern?.(org, { program })) as string
    await db.update(concerns).set({ sealedDescription: '' }).where(eq(concerns.id, erased))
    // A coordinator's step on the concern and a meeting of its tandem, each with a sealed note.
    const match = (await db.select().from(concerns).where(eq(concerns.id, concern)).get())?.matchId as string
    expect(
      (
        await inProgram.concerns[':concern'].actions.$post({
          param: { ...programParam, concern },
          json: { note: 'A step sealed under the old key' },
        })
      ).status,
    ).toBe(201)
    const meetingRes = await inProgram.matches[':match'].meetings.$post({
      param: { ...programParam, match },
      json: { date: '2026-11-02', note: 'A meeting note sealed under the old key' },
    })
    expect(meetingRes.status).toBe(201)
    const meeting = (await meetingRes.json()).id
    const sealedNow = async () => ({
      action: (await db.select().from(concernActions).where(eq(concernActions.concernId, concern)).get())
        ?.sealedNote,
      meeting: (await db.select().from(meetings).where(eq(meetings.id, meeting)).get())?.sealedNote,
    })
    expect(await sealedNow()).toEqual({
      action: expect.stringMatching(new RegExp(`^v2\\.${keyIdOf(OLD)}\\.`)),
      meeting: expect.stringMatching(new RegExp(`^v2\\.${keyIdOf(OLD)}\\.`)),
    })
    const stored = async (id: string) =>
      (await db.select().from(participants).where(eq(participants.id, id)).get())?.protectedData ?? ''
    expect(await stored(a)).toMatch(new RegExp(`^v2\\.${keyIdOf(OLD)}\\.`))
    // A value written before key ids: the same ciphertext in the old format.
    const [, , iv, cipher] = (await stored(b)).split('.')
    await db
      .update(participants)
      .set({ protectedData: `v1.${iv}.${cipher}` })
      .where(eq(participants.id, b))

    const read = (call: ReturnType<typeof withSecrets>, id: string) =>
      call.orgs[':org'].programs[':program'].participants[':participant'].protected.$get({
        param: participant(id),
        query: { purpose: 'rotation check' },
      })

    // The key was changed without keeping the old one: a clear 503, never a 500.
    const changed = withSecrets({ PROTECTED_FIELDS_KEY: NEW }, org.owner.cookie)
    const refused = await read(changed, a)
    expect(refused.status).toBe(503)
    expect(await refused.json()).toMatchObject({ code: 'encryption-key-unknown' })

    // During the rotation: new key current, old key previous. Everything reads; writes use the new key.
    const rotating = withSecrets(
      { PROTECTED_FIELDS_KEY: NEW, PROTECTED_FIELDS_KEY_PREVIOUS: OLD, OPERATOR_TOKEN: TOKEN },
      org.owner.cookie,
    )
    for (const id of [a, b]) {
      const res = await read(rotating, id)
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ fields: { residenceStatus: 'refugee' } })
    }
    // The operator's command: a wrong token is no route at all; the right one re-encrypts until nothing remains.
    const reencrypt = (token: string) =>
      rotating.operator['re-encrypt'].$post({}, { headers: { authorization: `Bearer ${token}` } })
    expect((await reencrypt('nope')).status).toBe(404)
    let remaining = true
    let total = 0
    for (let i = 0; remaining && i < 20; i++) {
      const res = await reencrypt(TOKEN)
      expect(res.status).toBe(200)
      const body = await res.json()
      total += body.reencrypted
      remaining = body.remaining
    }
    expect(remaining).toBe(false)
    expect(total).toBeGreaterThanOrEqual(3)
    for (const id of [a, b]) expect(await stored(id)).toMatch(new RegExp(`^v2\\.${keyIdOf(NEW)}\\.`))
    const sealedConcern = await db.select().from(concerns).where(eq(concerns.id, concern)).get()
    expect(sealedConcern?.sealedDescription).toMatch(new RegExp(`^v2\\.${keyIdOf(NEW)}\\.`))
    expect((await db.select().from(concerns).where(eq(concerns.id, erased)).get())?.sealedDescription).toBe(
      '',
    )
    const note = await db.select().from(participantNotes).where(eq(participantNotes.participantId, a)).get()
    expect(note?.sealedText).toMatch(new RegExp(`^v2\\.${keyIdOf(NEW)}\\.`))
    expect(await sealedNow()).toEqual({
      action: expect.stringMatching(new RegExp(`^v2\\.${keyIdOf(NEW)}\\.`)),
      meeting: expect.stringMatching(new RegExp(`^v2\\.${keyIdOf(NEW)}\\.`)),
    })

    // The old key is removed: everything still reads.
    const after = withSecrets({ PROTECTED_FIELDS_KEY: NEW }, org.owner.cookie)
    for (const id of [a, b]) {
      const res = await read(after, id)
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ fields: { residenceStatus: 'refugee' } })
    }
    const programAfter = after.orgs[':org'].programs[':program']
    const notes = await programAfter.participants[':participant'].notes.$get({ param: participant(a) })
    expect(await notes.text()).toContain('A note sealed under the old key')
    const meetingsAfter = await programAfter.matches[':match'].meetings.$get({
      param: { ...programParam, match },
    })
    expect(await meetingsAfter.text()).toContain('A meeting note sealed under the old key')
    const concernAfter = await programAfter.concerns[':concern'].$get({ param: { ...programParam, concern } })
    expect(await concernAfter.text()).toContain('A step sealed under the old key')
  })
})
