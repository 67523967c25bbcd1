import { env } from 'cloudflare:workers'
import { auditLog, participantNotes } from '@tandem/db'
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { addNote } from '../src/features/participants/notes.service'
import { type Client, db, memberWithRole, orgWithOwner, problemOf } from './support/client'

type Org = { slug: string; owner: Client }

let org: Org
let programId: string
let participantId: string

/** A participant's notes, as the given member. */
const notes = (client: Client) => client.org.programs[':program'].participants[':participant'].notes
const notesParam = (participant = participantId) => ({ org: org.slug, program: programId, participant })
const addNoteAs = (client: Client, text: string, participant = participantId) =>
  notes(client).$post({ param: notesParam(participant), json: { text } })
const deleteNote = (client: Client, note: string, participant = participantId) =>
  notes(client)[':note'].$delete({ param: { ...notesParam(participant), note } })

async function newParticipant(o: Org, program: string, name: string) {
  const res = await o.owner.org.programs[':program'].participants.$post({
    param: { org: o.slug, program },
    json: {
      role: 'mentee',
      displayName: name,
      preferredLocale: 'ar',
      languages: [{ code: 'ar', level: 'native' }],
    },
  })
  if (res.status !== 201) throw new Error(`enroll: ${res.status} ${await res.text()}`)
  return (await res.json()).id
}

async function newProgram(o: Org) {
  const res = await o.owner.org.programs.$post({
    param: { org: o.slug },
    json: { name: 'Notes program', languages: ['de'] },
  })
  return (await res.json()).id
}

const listNotes = async (client: Client, participant = participantId) => {
  const res = await notes(client).$get({ param: notesParam(participant) })
  expect(res.status).toBe(200)
  return (await res.json()).items
}

beforeAll(async () => {
  org = await orgWithOwner('notes')
  programId = await newProgram(org)
  participantId = await newParticipant(org, programId, 'Noor Noted')
})

describe('coordinator notes about a participant', () => {
  it('are sealed at rest, opened for those who manage participants, and every read is audited', async () => {
    const coordinator = await memberWithRole(org, 'coordinator')
    const secret = 'Prefers calls after 6 pm; her brother translates at appointments.'
    const added = await addNoteAs(coordinator.client, `  ${secret}  `)
    expect(added.status).toBe(201)
    const note = await added.json()
    expect(note).toMatchObject({ text: secret, canDelete: true, author: { id: coordinator.userId } })

    // The stored row holds no plaintext: only the sealed text, bound to its place.
    const raw = await env.DB.prepare('select * from participant_notes where id = ?').bind(note.id).first()
    expect(JSON.stringify(raw)).not.toContain('brother')
    expect(String(raw?.sealed_text)).toMatch(/^v2\.[0-9a-f]{8}\./)
    const addedAudit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'participant.note_added'), eq(auditLog.targetId, participantId)))
    expect(addedAudit).toHaveLength(1)
    expect(JSON.stringify(addedAudit)).not.toContain('brother')

    const reads = () =>
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'participant.notes_read'), eq(auditLog.targetId, participantId)))
    expect(await reads()).toHaveLength(0)
    const seen = await listNotes(org.owner)
    expect(seen).toEqual([
      {
        id: note.id,
        text: secret,
        author: { id: coordinator.userId, name: expect.any(String) },
        createdAt: expect.any(String),
        canDelete: true, // the owner may delete anyone's note
      },
    ])
    const audited = await reads()
    expect(audited).toHaveLength(1)
    expect(audited[0]?.meta).toEqual({ count: 1 })
    expect(JSON.stringify(audited)).not.toContain('brother')

    // Newest first.
    await addNoteAs(org.owner, 'Second note')
    expect((await listNotes(coordinator.client)).map((n) => n.text)).toEqual(['Second note', secret])

    // Roles that do not manage participants see nothing of them.
    for (const role of ['mentor', 'mentee', 'partner'] as const) {
      const member = await memberWithRole(org, role)
      expect((await notes(member.client).$get({ param: notesParam() })).status).toBe(403)
      expect((await addNoteAs(member.client, 'no')).status).toBe(403)
    }
  })

  it('does not open a sealed text moved to another note or person', async () => {
    const other = await newParticipant(org, programId, 'Other Person')
    const first = await (await addNoteAs(org.owner, 'Original words')).json()
    const target = await (await addNoteAs(org.owner, 'Something else', other)).json()
    const sealed = (await db.select().from(participantNotes).where(eq(participantNotes.id, first.id)).get())
      ?.sealedText as string
    await db.update(participantNotes).set({ sealedText: sealed }).where(eq(participantNotes.id, target.id))
    const listed = await listNotes(org.owner, other)
    expect(listed.find((n) => n.id === target.id)?.text).toBeNull()
  })

  it('may be deleted by their author, an owner or an admin, not by another coordinator', async () => {
    const author = await memberWithRole(org, 'coordinator')
    const colleague = await memberWithRole(org, 'coordinator')
    const admin = await memberWithRole(org, 'admin')
    const write = async (text: string) => (await (await addNoteAs(author.client, text)).json()).id

    const a = await write('To be deleted by the author')
    const b = await write('To be deleted by an admin')
    const kept = await write('Kept')
    const flags = new Map((await listNotes(colleague.client)).map((n) => [n.id, n.canDelete]))
    expect(flags.get(a)).toBe(false)

    const refused = await deleteNote(colleague.client, a)
    expect(refused.status).toBe(403)
    expect(await problemOf(refused)).toMatchObject({ code: 'forbidden' })
    expect((await deleteNote(author.client, a)).status).toBe(204)
    expect((await deleteNote(admin.client, b)).status).toBe(204)
    expect((await deleteNote(author.client, a)).status).toBe(404) // gone
    const left = (await listNotes(author.client)).map((n) => n.id)
    expect(left).toContain(kept)
    expect(left).not.toContain(a)
    expect(left).not.toContain(b)
    const deletions = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'participant.note_deleted'), eq(auditLog.targetId, participantId)))
    expect(deletions.map((d) => d.meta?.author).sort()).toEqual(['other', 'self'])

    // A note is reached only through its own participant.
    const other = await newParticipant(org, programId, 'Someone Else')
    expect((await deleteNote(org.owner, kept, other)).status).toBe(404)
  })

  it('refuses empty and over-long notes, naming the field, and changes nothing', async () => {
    const before = (await listNotes(org.owner)).length
    for (const text of ['   ', 'x'.repeat(4001)]) {
      const res = await addNoteAs(org.owner, text)
      expect(res.status).toBe(400)
      expect((await problemOf(res)).errors?.[0]?.path).toBe('text')
    }
    // Raw: a note without its text.
    const notesPath = `/api/v1/orgs/${org.slug}/programs/${programId}/participants/${participantId}/notes`
    expect((await org.owner.post(notesPath, {})).status).toBe(400)
    expect((await listNotes(org.owner)).length).toBe(before)
  })

  it('are invisible to another organization (404), and are not kept without an encryption key', async () => {
    const b = await orgWithOwner('notes-b')
    const bProgram = await newProgram(b)
    const note = await (await addNoteAs(org.owner, 'Only for A')).json()
    const viaB = { org: b.slug, program: bProgram, participant: participantId }
    expect((await notes(b.owner).$get({ param: viaB })).status).toBe(404)
    expect((await notes(b.owner).$post({ param: viaB, json: { text: 'intrusion' } })).status).toBe(404)
    expect((await notes(b.owner)[':note'].$delete({ param: { ...viaB, note: note.id } })).status).toBe(404)
    expect((await notes(b.owner).$get({ param: notesParam() })).status).toBe(404)
    expect((await listNotes(org.owner)).some((n) => n.id === note.id)).toBe(true)

    const participant = { id: participantId } as Parameters<typeof addNote>[2]
    await expect(
      addNote(
        { db, tenantId: 'x', actorId: 'y', now: new Date() },
        { control: db, key: { master: undefined } },
        participant,
        { text: 'no key' },
      ),
    ).rejects.toMatchObject({ code: 'encryption-key-missing' })
  })
})
