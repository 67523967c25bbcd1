import {
  auditLog,
  calendarFeeds,
  checkIns,
  concernActions,
  concerns,
  type Database,
  devMailbox,
  emailEvents,
  emailPreferences,
  emailSendRate,
  emailSuppressions,
  eventInvitations,
  eventRsvps,
  events,
  goalRevisits,
  goals,
  invitations,
  matchExclusions,
  matches,
  matchProposals,
  matchRuns,
  meetings,
  memberships,
  neighborhoodIndicators,
  outbox,
  type Participant,
  participantEvents,
  participantImportChunks,
  participantImports,
  participantNotes,
  participants,
  partnerContacts,
  partners,
  programs,
  rateLimits,
  screenings,
  sessions,
  signInTokens,
  surveyInvitations,
  surveyResponses,
  surveys,
  tenantDatabases,
  tenantLimits,
  tenantMoves,
  tenants,
  users,
} from '@tandem/db'
import { and, eq, getTableName, inArray, isNotNull, or, type SQL, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import { type NoteKey, openNote, openText as openSealedText } from '../../lib/notes'
import { decryptFields } from '../../lib/protected-fields'
import { openMeetingNote } from '../meetings/service'
import { openText } from '../participants/notes.service'

/**
 * THE list of what Tandem holds (decision 032): every table, once, with how one organization's rows are found
 * (for its archive and its deletion), how one participant's rows are found (for their export), and what erasing
 * that participant does to them. A feature that adds a table adds its entry here; the data-protection test fails
 * for a table of the database that is missing, so nothing new escapes export, erasure or offboarding.
 */

/** Which database holds the table: the control database (accounts, tenants) or the tenant's own; both: audit. */
export type Place = 'control' | 'tenant' | 'both'

/** What one erasure knows: the person, their organization, the clock, their portal account if it goes too. */
export interface ErasureContext {
  tenantId: string
  participant: Participant
  now: Date
  /** The language the anonymous row keeps (the organization's default; the person's own is personal). */
  defaultLocale: string
  /** The portal account is deleted with the person when it belongs to no other organization. */
  deleteAccount: boolean
}

/** What opening sealed columns needs: the master key, and the person whose side of a match is theirs. */
export interface OpenContext {
  key: NoteKey
  /** In a participant's export: only their own side of a match is opened. Absent in an organization archive. */
  participant?: Participant
}

type Row = Record<string, unknown>

export interface Holding {
  table: SQLiteTable
  place: Place
  /** One organization's rows; null for rows of no organization (then `global` says why). */
  ofTenant: ((tenantId: string) => SQL | undefined) | null
  global?: string
  /** One participant's rows (their export); undefined when this table holds nothing about one person. */
  ofParticipant?: (tenantId: string, p: Participant) => SQL | undefined
  /** Why the table holds nothing about one participant (required when `ofParticipant` is absent). */
  noPerson?: string
  /**
   * What erasing the person does to their rows: `delete`, a function writing the statements (anonymizing), or
   * `keep` with the reason (rows without personal data kept for accountability or counts).
   */
  erase?: 'delete' | { keep: string } | ((db: Database, ctx: ErasureContext) => BatchItem<'sqlite'>[])
  /** The column rows are paged by, for a table WITHOUT ROWID (whose row order must not tell when a row came). */
  order?: SQLiteColumn
  /** Columns never exported (secrets: token and code hashes). */
  omit?: readonly string[]
  /** Opens sealed columns for an export (the person's or the organization's own data, so it is shown). */
  open?: (row: Row, ctx: OpenContext) => Promise<Row>
}

const lower = (value: string) => value.trim().toLowerCase()
/** The person's address, lower case, or null when they gave none. */
const emailOf = (p: Participant) => (p.email ? lower(p.email) : null)
const sidesOf = (p: Participant) => or(eq(matches.menteeId, p.id), eq(matches.mentorId, p.id))
/** `column IN (subquery)`, the subquery written in SQL with the schema's names. */
const inQuery = (column: SQLiteColumn, query: SQL) => sql`${column} in (${query})`
/** Their matches' ids (for the rows of a tandem: meetings, goals, revisits). */
const matchesOf = (tenantId: string, p: Participant) =>
  sql`select ${matches.id} from ${matches} where ${matches.tenantId} = ${tenantId} and (${matches.menteeId} = ${p.id} or ${matches.mentorId} = ${p.id})`

/** Outbox rows addressed to the person. */
const outboxTo = (tenantId: string, p: Participant) => {
  const email = emailOf(p)
  return email ? and(eq(outbox.tenantId, tenantId), sql`lower(${outbox.toAddress}) = ${email}`) : undefined
}
/** Email that names the person in its subject or body (e.g. to their mentor): long enough names only. */
const outboxNaming = (tenantId: string, p: Participant) => {
  const name = p.displayName.trim()
  if (name.length < 3) return undefined
  return and(
    eq(outbox.tenantId, tenantId),
    or(
      sql`instr(${outbox.subject}, ${name}) > 0`,
      sql`instr(${outbox.text}, ${name}) > 0`,
      sql`instr(${outbox.html}, ${name}) > 0`,
    ),
  )
}
const PURGED = { subject: '(removed)', text: '', html: '', headers: null, lastError: null } as const

/** Users whose only organization is this one (their accounts go with it). */
const onlyHere = (tenantId: string) =>
  and(
    inQuery(
      users.id,
      sql`select ${memberships.userId} from ${memberships} where ${memberships.tenantId} = ${tenantId}`,
    ),
    sql`${users.id} not in (select ${memberships.userId} from ${memberships} where ${memberships.tenantId} <> ${tenantId})`,
  )
const accountsOnlyHere = (tenantId: string) =>
  sql`select ${users.id} from ${users} where ${onlyHere(tenantId)}`
const accountOf = (p: Participant) => (p.userId ? p.userId : undefined)

async function openProtected(row: Row, ctx: OpenContext): Promise<Row> {
  const sealed = row.protectedData
  if (typeof sealed !== 'string' || !ctx.key.master) return { ...row, protectedData: null }
  try {
    const fields = await decryptFields(ctx.key.master, String(row.tenantId), String(row.id), sealed)
    return { ...row, protectedData: null, protectedFields: fields }
  } catch {
    return { ...row, protectedData: null, protectedFields: null }
  }
}

async function openEndRequests(row: Row, ctx: OpenContext): Promise<Row> {
  const out = { ...row }
  for (const side of ['mentee', 'mentor'] as const) {
    const column = side === 'mentee' ? 'menteeEndRequest' : 'mentorEndRequest'
    const request = row[column] as { by: string; sealedNote: string | null } | null
    if (!request) continue
    const own = !ctx.participant || row[`${side}Id`] === ctx.participant.id
    // Neither person ever sees the other side's request: their export leaves it out.
    if (!own) {
      out[column] = null
      continue
    }
    const note = await openNote(
      ctx.key,
      String(row.tenantId),
      String(row.id),
      side,
      request.by,
      request.sealedNote,
    )
    out[column] = { ...request, sealedNote: null, note }
  }
  return out
}

export const REGISTRY: readonly Holding[] = [
  {
    table: tenants,
    place: 'control',
    ofTenant: (t) => eq(tenants.id, t),
    noPerson: 'The organization itself: its name, contact and settings.',
  },
  {
    table: users,
    place: 'control',
    ofTenant: onlyHere,
    ofParticipant: (_t, p) => (accountOf(p) ? eq(users.id, p.userId as string) : undefined),
    erase: (db, ctx) =>
      ctx.deleteAccount && ctx.participant.userId
        ? [db.delete(users).where(eq(users.id, ctx.participant.userId))]
        : [],
  },
  {
    table: memberships,
    place: 'control',
    ofTenant: (t) => eq(memberships.tenantId, t),
    ofParticipant: (t, p) =>
      accountOf(p) ? and(eq(memberships.tenantId, t), eq(memberships.userId, p.userId as string)) : undefined,
    erase: 'delete',
  },
  {
    table: sessions,
    place: 'control',
    ofTenant: (t) => inQuery(sessions.userId, accountsOnlyHere(t)),
    ofParticipant: (_t, p) => (accountOf(p) ? eq(sessions.userId, p.userId as string) : undefined),
    erase: 'delete',
    omit: ['id', 'secretHash'],
  },
  {
    table: signInTokens,
    place: 'control',
    ofTenant: (t) => inQuery(signInTokens.userId, accountsOnlyHere(t)),
    ofParticipant: (_t, p) => (accountOf(p) ? eq(signInTokens.userId, p.userId as string) : undefined),
    erase: 'delete',
    omit: ['tokenHash', 'codeHash'],
  },
  {
    table: invitations,
    place: 'control',
    ofTenant: (t) => eq(invitations.tenantId, t),
    ofParticipant: (t, p) => and(eq(invitations.tenantId, t), eq(invitations.participantId, p.id)),
    erase: 'delete',
    omit: ['tokenHash'],
  },
  {
    table: tenantLimits,
    place: 'control',
    ofTenant: (t) => eq(tenantLimits.tenantId, t),
    noPerson: 'The organization’s quotas, set by an operator.',
  },
  {
    table: rateLimits,
    place: 'control',
    ofTenant: null,
    global: 'Counters keyed by network or address, shared by all organizations and deleted after a day.',
    noPerson: 'Keys hold a hash of the address or network, never the address; deleted after a day.',
  },
  {
    table: tenantDatabases,
    place: 'control',
    ofTenant: null,
    global:
      'Databases organizations can be placed on (decision 044): a name, a URL and a sealed token; no personal data.',
    noPerson: 'One row per database.',
  },
  {
    table: tenantMoves,
    place: 'control',
    ofTenant: (t) => eq(tenantMoves.tenantId, t),
    noPerson:
      'Moves of the organization’s data between databases: placements, table names, row counts and checksums.',
  },
  {
    table: emailSendRate,
    place: 'control',
    ofTenant: null,
    global: 'The email provider’s shared rate (one row per provider); no personal data.',
    noPerson: 'One row per email provider.',
  },
  {
    table: programs,
    place: 'tenant',
    ofTenant: (t) => eq(programs.tenantId, t),
    noPerson: 'Program settings written by staff.',
  },
  {
    table: participants,
    place: 'tenant',
    ofTenant: (t) => eq(participants.tenantId, t),
    ofParticipant: (t, p) => and(eq(participants.tenantId, t), eq(participants.id, p.id)),
    erase: (db, ctx) => [
      db
        .update(participants)
        .set({
          displayName: '—',
          email: null,
          phone: null,
          contactPreference: null,
          preferredLocale: ctx.defaultLocale,
          languages: [],
          wantsInterpretation: false,
          interests: [],
          sector: null,
          availability: [],
          neighborhood: null,
          location: null,
          settlementNeeds: [],
          accessNeeds: [],
          demographics: null,
          demographicsConsentAt: null,
          userId: null,
          protectedData: null,
          searchText: '',
          erasedAt: ctx.now,
          updatedAt: ctx.now,
        })
        .where(and(eq(participants.tenantId, ctx.tenantId), eq(participants.id, ctx.participant.id))),
    ],
    open: openProtected,
  },
  {
    table: screenings,
    place: 'tenant',
    ofTenant: (t) => eq(screenings.tenantId, t),
    ofParticipant: (t, p) => and(eq(screenings.tenantId, t), eq(screenings.participantId, p.id)),
    erase: 'delete',
  },
  {
    table: participantEvents,
    place: 'tenant',
    ofTenant: (t) => eq(participantEvents.tenantId, t),
    ofParticipant: (t, p) =>
      and(eq(participantEvents.tenantId, t), eq(participantEvents.participantId, p.id)),
    erase: 'delete',
  },
  {
    table: participantNotes,
    place: 'tenant',
    ofTenant: (t) => eq(participantNotes.tenantId, t),
    ofParticipant: (t, p) => and(eq(participantNotes.tenantId, t), eq(participantNotes.participantId, p.id)),
    erase: 'delete',
    open: async (row, ctx) => ({
      ...row,
      sealedText: null,
      text: await openText(ctx.key, row as Parameters<typeof openText>[1]),
    }),
  },
  {
    table: participantImports,
    place: 'tenant',
    ofTenant: (t) => eq(participantImports.tenantId, t),
    noPerson: 'Counts and row-numbered problems of an import file; the people it created are participants.',
  },
  {
    table: participantImportChunks,
    place: 'tenant',
    ofTenant: (t) => eq(participantImportChunks.tenantId, t),
    noPerson:
      'Rows of a file waiting to be applied (no record exists yet); deleted once applied or cancelled.',
  },
  {
    table: matchRuns,
    place: 'tenant',
    ofTenant: (t) => eq(matchRuns.tenantId, t),
    noPerson: 'A run of the matching engine: counts only.',
  },
  {
    table: matchProposals,
    place: 'tenant',
    ofTenant: (t) => eq(matchProposals.tenantId, t),
    ofParticipant: (t, p) =>
      and(
        eq(matchProposals.tenantId, t),
        or(eq(matchProposals.menteeId, p.id), eq(matchProposals.mentorId, p.id)),
      ),
    erase: 'delete',
  },
  {
    table: matches,
    place: 'tenant',
    ofTenant: (t) => eq(matches.tenantId, t),
    ofParticipant: (t, p) => and(eq(matches.tenantId, t), sidesOf(p)),
    // The tandem stays, anonymous, for the program's counts; free text about it goes, and their own request.
    erase: (db, { tenantId, participant: p }) => [
      db
        .update(matches)
        .set({
          overrideReason: null,
          endNote: null,
          ...(p.role === 'mentee' ? { menteeEndRequest: null } : { mentorEndRequest: null }),
        })
        .where(and(eq(matches.tenantId, tenantId), sidesOf(p))),
    ],
    open: openEndRequests,
  },
  {
    table: matchExclusions,
    place: 'tenant',
    ofTenant: (t) => eq(matchExclusions.tenantId, t),
    ofParticipant: (t, p) =>
      and(
        eq(matchExclusions.tenantId, t),
        or(eq(matchExclusions.menteeId, p.id), eq(matchExclusions.mentorId, p.id)),
      ),
    erase: 'delete',
  },
  {
    table: meetings,
    place: 'tenant',
    ofTenant: (t) => eq(meetings.tenantId, t),
    ofParticipant: (t, p) => and(eq(meetings.tenantId, t), inQuery(meetings.matchId, matchesOf(t, p))),
    erase: (db, { tenantId, participant: p }) => [
      db
        .update(meetings)
        .set({ sealedNote: null })
        .where(
          and(
            eq(meetings.tenantId, tenantId),
            inQuery(meetings.matchId, matchesOf(tenantId, p)),
            isNotNull(meetings.sealedNote),
          ),
        ),
    ],
    open: async (row, ctx) => ({
      ...row,
      sealedNote: null,
      note: await openMeetingNote(ctx.key, row as Parameters<typeof openMeetingNote>[1]),
    }),
  },
  {
    table: checkIns,
    place: 'tenant',
    ofTenant: (t) => eq(checkIns.tenantId, t),
    ofParticipant: (t, p) => and(eq(checkIns.tenantId, t), eq(checkIns.participantId, p.id)),
    erase: 'delete',
    omit: ['tokenHash'],
  },
  {
    table: goals,
    place: 'tenant',
    ofTenant: (t) => eq(goals.tenantId, t),
    ofParticipant: (t, p) => and(eq(goals.tenantId, t), inQuery(goals.matchId, matchesOf(t, p))),
    // Area and status stay for the program's indicators; the title is free text about the person.
    erase: (db, { tenantId, participant: p }) => [
      db
        .update(goals)
        .set({ title: '—' })
        .where(and(eq(goals.tenantId, tenantId), inQuery(goals.matchId, matchesOf(tenantId, p)))),
    ],
  },
  {
    table: goalRevisits,
    place: 'tenant',
    ofTenant: (t) => eq(goalRevisits.tenantId, t),
    ofParticipant: (t, p) =>
      and(eq(goalRevisits.tenantId, t), inQuery(goalRevisits.matchId, matchesOf(t, p))),
    erase: (db, { tenantId, participant: p }) => [
      db
        .update(goalRevisits)
        .set({ note: null })
        .where(
          and(eq(goalRevisits.tenantId, tenantId), inQuery(goalRevisits.matchId, matchesOf(tenantId, p))),
        ),
    ],
  },
  {
    table: events,
    place: 'tenant',
    ofTenant: (t) => eq(events.tenantId, t),
    noPerson: 'Group activities written by staff.',
  },
  {
    table: eventRsvps,
    place: 'tenant',
    ofTenant: (t) => eq(eventRsvps.tenantId, t),
    ofParticipant: (t, p) => and(eq(eventRsvps.tenantId, t), eq(eventRsvps.participantId, p.id)),
    erase: { keep: 'Seats, supports and attendance of an anonymous row: the event’s counts.' },
  },
  {
    table: eventInvitations,
    place: 'tenant',
    ofTenant: (t) => eq(eventInvitations.tenantId, t),
    ofParticipant: (t, p) => and(eq(eventInvitations.tenantId, t), eq(eventInvitations.participantId, p.id)),
    erase: 'delete',
    omit: ['tokenHash'],
  },
  {
    table: neighborhoodIndicators,
    place: 'tenant',
    ofTenant: (t) => eq(neighborhoodIndicators.tenantId, t),
    noPerson: 'Public statistics about neighbourhoods (decision 036): nothing about one person.',
  },
  {
    table: surveys,
    place: 'tenant',
    ofTenant: (t) => eq(surveys.tenantId, t),
    noPerson: 'A program’s survey: its questions and texts, written by staff.',
  },
  {
    table: surveyInvitations,
    place: 'tenant',
    ofTenant: (t) => eq(surveyInvitations.tenantId, t),
    ofParticipant: (t, p) =>
      and(eq(surveyInvitations.tenantId, t), eq(surveyInvitations.participantId, p.id)),
    erase: 'delete',
    omit: ['tokenHash', 'reminderTokenHash'],
  },
  {
    table: surveyResponses,
    place: 'tenant',
    ofTenant: (t) => eq(surveyResponses.tenantId, t),
    // Named answers are the person's; anonymous ones hold no id and cannot be found for anyone (decision 035).
    ofParticipant: (t, p) => and(eq(surveyResponses.tenantId, t), eq(surveyResponses.participantId, p.id)),
    erase: 'delete',
    order: surveyResponses.id,
  },
  {
    table: calendarFeeds,
    place: 'tenant',
    ofTenant: (t) => eq(calendarFeeds.tenantId, t),
    ofParticipant: (t, p) =>
      accountOf(p)
        ? and(eq(calendarFeeds.tenantId, t), eq(calendarFeeds.userId, p.userId as string))
        : undefined,
    erase: (db, { tenantId, participant: p }) =>
      p.userId
        ? [
            db
              .delete(calendarFeeds)
              .where(and(eq(calendarFeeds.tenantId, tenantId), eq(calendarFeeds.userId, p.userId))),
          ]
        : [],
    omit: ['tokenHash'],
  },
  {
    table: concerns,
    place: 'tenant',
    ofTenant: (t) => eq(concerns.tenantId, t),
    // Their own concerns, with what they wrote; never one the other side raised about them (decision 030).
    ofParticipant: (t, p) => and(eq(concerns.tenantId, t), eq(concerns.raisedById, p.id)),
    // Category, severity and status of a concern about their tandem stay for the program's safeguarding counts;
    // the free text about it (description and coordinators' notes) goes.
    erase: (db, { tenantId, participant: p }) => {
      const theirs = inQuery(
        concerns.id,
        sql`select ${concerns.id} from ${concerns} where ${concerns.tenantId} = ${tenantId} and ${concerns.matchId} in (${matchesOf(tenantId, p)})`,
      )
      return [
        db
          .update(concerns)
          .set({ sealedDescription: '' })
          .where(and(eq(concerns.tenantId, tenantId), theirs)),
        db
          .update(concernActions)
          .set({ sealedNote: null })
          .where(
            and(
              eq(concernActions.tenantId, tenantId),
              inQuery(
                concernActions.concernId,
                sql`select ${concerns.id} from ${concerns} where ${concerns.tenantId} = ${tenantId} and ${concerns.matchId} in (${matchesOf(tenantId, p)})`,
              ),
            ),
          ),
      ]
    },
    open: async (row, ctx) => ({
      ...row,
      sealedDescription: null,
      description: await openSealedText(
        ctx.key,
        String(row.tenantId),
        `concern:${String(row.id)}`,
        row.sealedDescription as string | null,
        'concern description',
      ),
    }),
  },
  {
    table: concernActions,
    place: 'tenant',
    ofTenant: (t) => eq(concernActions.tenantId, t),
    noPerson:
      'Coordinators’ safeguarding steps on a concern; their notes about a person are removed with that person (see concerns).',
  },
  {
    table: emailEvents,
    place: 'tenant',
    ofTenant: (t) => eq(emailEvents.tenantId, t),
    ofParticipant: (t, p) => {
      const to = outboxTo(t, p)
      return to
        ? and(
            eq(emailEvents.tenantId, t),
            inQuery(emailEvents.outboxId, sql`select ${outbox.id} from ${outbox} where ${to}`),
          )
        : undefined
    },
    erase: 'delete',
  },
  {
    // Listed before the outbox: its rows are found through the outbox rows they copy.
    table: devMailbox,
    place: 'control',
    ofTenant: (t) =>
      inQuery(devMailbox.outboxId, sql`select ${outbox.id} from ${outbox} where ${outbox.tenantId} = ${t}`),
    ofParticipant: (_t, p) => {
      const email = emailOf(p)
      return email ? sql`lower(${devMailbox.toAddress}) = ${email}` : undefined
    },
    erase: 'delete',
  },
  {
    table: outbox,
    place: 'tenant',
    ofTenant: (t) => eq(outbox.tenantId, t),
    ofParticipant: outboxTo,
    omit: ['headers'],
    // The envelope stays (kind, status, dates) for the email log's counts; address, subject and body go, also
    // of email that names the person to someone else.
    erase: (db, { tenantId, participant: p }) => {
      const to = outboxTo(tenantId, p)
      const naming = outboxNaming(tenantId, p)
      return [
        // Email not yet sent to them is not sent any more.
        ...(to
          ? [
              db
                .update(outbox)
                .set({ status: 'failed', reason: 'The recipient was erased.' })
                .where(and(to, inArray(outbox.status, ['pending', 'queued']))),
            ]
          : []),
        ...(to
          ? [
              db
                .update(outbox)
                .set({ ...PURGED, toAddress: '(erased)' })
                .where(to),
            ]
          : []),
        ...(naming ? [db.update(outbox).set(PURGED).where(naming)] : []),
      ]
    },
  },
  {
    table: emailSuppressions,
    place: 'tenant',
    ofTenant: (t) => eq(emailSuppressions.tenantId, t),
    ofParticipant: (t, p) => {
      const email = emailOf(p)
      return email ? and(eq(emailSuppressions.tenantId, t), eq(emailSuppressions.address, email)) : undefined
    },
    erase: 'delete',
  },
  {
    table: partnerContacts,
    place: 'tenant',
    ofTenant: (t) => eq(partnerContacts.tenantId, t),
    noPerson:
      'People at partner organizations who get the digest (name and address), not participants: in the organization’s archive, deleted when taken off their partner or with it (decision 037).',
  },
  {
    table: partners,
    place: 'tenant',
    ofTenant: (t) => eq(partners.tenantId, t),
    noPerson:
      'Partner organizations (name, language, cadence, programs in scope): no person; their digests hold only suppressed aggregates.',
  },
  {
    table: emailPreferences,
    place: 'tenant',
    ofTenant: (t) => eq(emailPreferences.tenantId, t),
    ofParticipant: (t, p) =>
      and(
        eq(emailPreferences.tenantId, t),
        or(
          and(eq(emailPreferences.recipientType, 'participant'), eq(emailPreferences.recipientId, p.id)),
          p.userId
            ? and(eq(emailPreferences.recipientType, 'member'), eq(emailPreferences.recipientId, p.userId))
            : undefined,
        ),
      ),
    erase: 'delete',
  },
  {
    table: auditLog,
    place: 'both',
    ofTenant: (t) => eq(auditLog.tenantId, t),
    ofParticipant: (t, p) =>
      and(eq(auditLog.tenantId, t), eq(auditLog.targetType, 'participant'), eq(auditLog.targetId, p.id)),
    erase: { keep: 'Who did what and when, with ids only: the organization’s accountability record.' },
  },
]

/** The SQL name of a registry entry's table (the key of exports and archives). */
export const nameOf = (h: Holding) => getTableName(h.table)

/** The databases a holding lives in, given the control database and the tenant's own (the same while shared). */
export const databasesOf = (h: Holding, control: Database, tenant: Database) =>
  h.place === 'control' ? [control] : h.place === 'tenant' ? [tenant] : [...new Set([control, tenant])]

/** A row as it leaves in an export: secrets left out, dates as ISO strings. */
export async function exportRow(h: Holding, row: Row, ctx: OpenContext): Promise<Row> {
  const opened = h.open ? await h.open(row, ctx) : row
  const out: Row = {}
  for (const [k, value] of Object.entries(opened)) {
    if (h.omit?.includes(k)) continue
    out[k] = value instanceof Date ? value.toISOString() : value
  }
  return out
}
