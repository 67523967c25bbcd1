import {
  type Match,
  type Meeting,
  meetings,
  type NewMeeting,
  newId,
  type Program,
  programs,
} from '@tandem/db'
import { desc, eq, sql } from 'drizzle-orm'
import type * as v from 'valibot'
import type { Scope } from '../../factory'
import { auditFor } from '../../lib/audit'
import { fieldError } from '../../lib/field-errors'
import { refusedBy } from '../../lib/guard'
import { type NoteKey, openText, type Side, sealText } from '../../lib/notes'
import { notFound, Problem } from '../../lib/problem'
import { inTenant, tenantRow } from '../../lib/sql'
import { matchInProgram } from '../matches/service'
import { findMine } from '../portal/service'
import type { CreateMeetingBody, EditMeetingBody, MyMeetingBody } from './schema'

/**
 * Meetings of a tandem (decision 025). Coordinators log, list and delete them with both sides' flags and
 * ratings and a sealed note; the mentor and the mentee log and list their own in the portal, seeing only their
 * own side. Topics are codes from the program's goal areas. A meeting is logged only while the match is active
 * or paused.
 */

const binding = (matchId: string, meetingId: string) => `meeting-note:${matchId}:${meetingId}`

const sealMeetingNote = (key: NoteKey, tenantId: string, matchId: string, meetingId: string, note: string) =>
  sealText(
    key,
    tenantId,
    binding(matchId, meetingId),
    note,
    'No encryption key is configured (PROTECTED_FIELDS_KEY); log the meeting without a note.',
  )

/** Opens a meeting's sealed note; null (and a log line without content) if it cannot be opened. */
export const openMeetingNote = (key: NoteKey, meeting: Meeting): Promise<string | null> =>
  openText(key, meeting.tenantId, binding(meeting.matchId, meeting.id), meeting.sealedNote, 'meeting note')

const common = (m: Meeting) => ({
  id: m.id,
  matchId: m.matchId,
  date: m.date,
  durationMinutes: m.durationMinutes,
  mode: m.mode,
  topics: m.topics,
  status: m.status,
  source: m.source,
  createdAt: m.createdAt.toISOString(),
})

/** A meeting as coordinators see it (with the note opened, or null). */
export const meetingOut = (m: Meeting, note: string | null) => ({
  ...common(m),
  mentorCame: m.mentorCame,
  menteeCame: m.menteeCame,
  mentorRating: m.mentorRating,
  menteeRating: m.menteeRating,
  hasNote: m.sealedNote !== null,
  note,
})

/** A meeting as one of the pair sees it: their own side only. */
export const myMeetingOut = (m: Meeting, side: Side) => ({
  ...common(m),
  side,
  came: side === 'mentee' ? m.menteeCame : m.mentorCame,
  rating: side === 'mentee' ? m.menteeRating : m.mentorRating,
})

/** Topics must be codes of the program's goal areas: a field error per unknown code. */
export function checkTopics(program: Pick<Program, 'goalAreas'>, topics: readonly string[] | undefined) {
  const unknown = (topics ?? []).flatMap((code, i) => (program.goalAreas.includes(code) ? [] : [i]))
  if (unknown.length === 0) return
  throw new Problem('invalid-request', {
    detail: 'Choose topics from the program’s goal areas.',
    errors: unknown.map((i) =>
      fieldError(`topics.${i}`, 'one-of', {
        params: { options: program.goalAreas },
        message: program.goalAreas.length
          ? `Choose one of: ${program.goalAreas.join(', ')}.`
          : 'This program has no goal areas to choose topics from.',
      }),
    ),
  })
}

/** A meeting is logged only in a running tandem (active or paused). */
export function assertOpen(match: Pick<Match, 'status'>) {
  if (match.status === 'ended') {
    throw new Problem('match-ended', { detail: 'This match has ended: meetings can no longer be logged.' })
  }
}

const ofMatch = (tenantId: string, matchId: string) =>
  inTenant(meetings, tenantId, eq(meetings.matchId, matchId))

/** The meetings of a match, newest date first. */
function meetingsOf({ db, tenantId }: Scope, matchId: string) {
  return db
    .select()
    .from(meetings)
    .where(ofMatch(tenantId, matchId))
    .orderBy(desc(meetings.date), desc(meetings.createdAt), desc(meetings.id))
    .limit(500)
}

/** A match's meetings for coordinators, newest first, notes opened; opening any note is audited. */
export async function listMeetings(scope: Scope, programId: string, matchId: string, key: NoteKey) {
  await matchInProgram(scope, programId, matchId)
  const rows = await meetingsOf(scope, matchId)
  const notes = await Promise.all(rows.map((m) => openMeetingNote(key, m)))
  const opened = notes.filter((n) => n !== null).length
  if (opened > 0) {
    await auditFor(scope)('meeting.notes_read', { type: 'match', id: matchId }, { count: opened })
  }
  return { items: rows.map((m, i) => meetingOut(m, notes[i] ?? null)) }
}

/** When, how long, how and about what: the part of a meeting both the coordinator and the portal write. */
const planned = (body: {
  date: string
  durationMinutes?: number | undefined
  mode?: Meeting['mode'] | undefined
  topics: string[]
  status: Meeting['status']
}) => ({
  date: body.date,
  durationMinutes: body.durationMinutes ?? null,
  mode: body.mode ?? null,
  topics: body.topics,
  status: body.status,
})

/** Writes a meeting with its `meeting.logged` audit entry (who logged it, from where) in one batch. */
async function insertMeeting(
  scope: Scope,
  id: string,
  fields: Omit<NewMeeting, 'id' | 'tenantId' | 'createdByUserId' | 'createdAt' | 'updatedAt'> &
    Pick<Meeting, 'status' | 'source'>,
  meta: Record<string, string> = {},
) {
  const { db, tenantId, actorId, now } = scope
  const [inserted] = await db.batch([
    db
      .insert(meetings)
      .values({ ...fields, id, tenantId, createdByUserId: actorId, createdAt: now, updatedAt: now })
      .returning(),
    auditFor(scope)(
      'meeting.logged',
      { type: 'match', id: fields.matchId },
      { meetingId: id, status: fields.status, source: fields.source, ...meta },
    ),
  ])
  return inserted[0] as Meeting
}

/** Logs (or schedules) a meeting of a match in this program, as a coordinator; audited in the same batch. */
export async function logMeeting(
  scope: Scope,
  program: Program,
  matchId: string,
  body: v.InferOutput<typeof CreateMeetingBody>,
  key: NoteKey,
) {
  const { tenantId } = scope
  const match = await matchInProgram(scope, program.id, matchId)
  assertOpen(match)
  checkTopics(program, body.topics)
  const id = newId()
  const meeting = await insertMeeting(scope, id, {
    programId: program.id,
    matchId,
    ...coordinatorFields(body),
    sealedNote: body.note ? await sealMeetingNote(key, tenantId, matchId, id, body.note) : null,
    source: 'coordinator',
  })
  return meetingOut(meeting, body.note ?? null)
}

/** The fields of a meeting a coordinator writes, from a body (both sides' flags and ratings, no note). */
const coordinatorFields = (body: Omit<v.InferOutput<typeof CreateMeetingBody>, 'note'>) => ({
  ...planned(body),
  mentorCame: body.mentorCame ?? null,
  menteeCame: body.menteeCame ?? null,
  mentorRating: body.mentorRating ?? null,
  menteeRating: body.menteeRating ?? null,
})

/**
 * Corrects a meeting of a match in this program, as a coordinator: the whole entry is replaced (also after the
 * tandem has ended: this fixes the record, it logs nothing new). The write is conditional on the entry being as it
 * was read, so two coordinators editing at once cannot lose each other's change (`meeting-changed`). Audited with
 * the names of the fields that changed, never their values.
 */
export async function editMeeting(
  scope: Scope,
  program: Program,
  matchId: string,
  meetingId: string,
  body: v.InferOutput<typeof EditMeetingBody>,
  key: NoteKey,
) {
  const { db, tenantId, now } = scope
  await matchInProgram(scope, program.id, matchId)
  const here = tenantRow(meetings, tenantId, meetingId, eq(meetings.matchId, matchId))
  const before = await db.select().from(meetings).where(here).get()
  if (!before) throw notFound('No such meeting of this match.')
  checkTopics(program, body.topics)
  const sealedNote =
    body.note === undefined
      ? before.sealedNote
      : body.note === null
        ? null
        : await sealMeetingNote(key, tenantId, matchId, meetingId, body.note)
  const fields = { ...coordinatorFields(body), sealedNote }
  const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter(
    (name) => JSON.stringify(fields[name]) !== JSON.stringify(before[name]),
  )
  // Guarded write (lib/guard.ts): when the entry is no longer as read, `date` becomes NULL, which its NOT NULL
  // constraint refuses, and the batch — audit entry included — rolls back.
  const unchanged = sql`case when ${meetings.updatedAt} = ${before.updatedAt.getTime()} then ${fields.date} else null end`
  let meeting: Meeting
  try {
    const [updated] = await db.batch([
      db
        .update(meetings)
        .set({ ...fields, date: unchanged, updatedAt: now })
        .where(here)
        .returning(),
      auditFor(scope)(
        'meeting.edited',
        { type: 'match', id: matchId },
        { meetingId, fields: changed.map((name) => (name === 'sealedNote' ? 'note' : name)).join(',') },
      ),
    ])
    meeting = updated[0] as Meeting
  } catch (error) {
    if (!refusedBy(error, 'meetings.date')) throw error
    throw new Problem('meeting-changed', {
      detail:
        'Someone changed this meeting meanwhile. Nothing was saved; reload it and make your change again.',
    })
  }
  const note = body.note === undefined ? await openMeetingNote(key, meeting) : body.note
  return meetingOut(meeting, note)
}

/** Deletes a meeting entry for good (a mistaken entry); audited. */
export async function deleteMeeting(scope: Scope, programId: string, matchId: string, meetingId: string) {
  const { db, tenantId } = scope
  await matchInProgram(scope, programId, matchId)
  const here = tenantRow(meetings, tenantId, meetingId, eq(meetings.matchId, matchId))
  const meeting = await db.select({ id: meetings.id }).from(meetings).where(here).get()
  if (!meeting) throw notFound('No such meeting of this match.')
  await db.batch([
    db.delete(meetings).where(here),
    auditFor(scope)('meeting.deleted', { type: 'match', id: matchId }, { meetingId }),
  ])
}

// ---------- the portal: one's own meetings ----------

/** The caller's match (or 404) and their side in it. */
async function mine(scope: Scope, matchId: string) {
  const row = await findMine(scope, matchId)
  const side: Side = row.menteeUser === scope.actorId ? 'mentee' : 'mentor'
  return { match: row.match, side }
}

/** The meetings of the caller's own match, newest first, each with the caller's own side only. */
export async function listMyMeetings(scope: Scope, matchId: string) {
  const { side } = await mine(scope, matchId)
  const rows = await meetingsOf(scope, matchId)
  return { items: rows.map((m) => myMeetingOut(m, side)) }
}

/** Logs a meeting of the caller's own match: their own `came` and `rating` only; audited. */
export async function logMyMeeting(scope: Scope, matchId: string, body: v.InferOutput<typeof MyMeetingBody>) {
  const { db, tenantId } = scope
  const { match, side } = await mine(scope, matchId)
  assertOpen(match)
  const program = await db
    .select({ goalAreas: programs.goalAreas })
    .from(programs)
    .where(tenantRow(programs, tenantId, match.programId))
    .get()
  if (!program) throw notFound('You have no match with this id.')
  checkTopics(program, body.topics)
  const id = newId()
  const came = body.came ?? null
  const rating = body.rating ?? null
  const meeting = await insertMeeting(
    scope,
    id,
    {
      programId: match.programId,
      matchId,
      ...planned(body),
      mentorCame: side === 'mentor' ? came : null,
      menteeCame: side === 'mentee' ? came : null,
      mentorRating: side === 'mentor' ? rating : null,
      menteeRating: side === 'mentee' ? rating : null,
      sealedNote: null,
      source: 'portal',
    },
    { side },
  )
  return myMeetingOut(meeting, side)
}
