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

/** A table whose rows belong to one organization. */
type TenantTable = SQLiteTable & { tenantId: SQLiteColumn }
/** The organization's rows of a table. */
const ofTenant = (table: TenantTable) => (tenantId: string) => eq(table.tenantId, tenantId)
/** The organization's rows of a table whose `column` holds the person's id. */
const theirs = (table: TenantTable, column: SQLiteColumn) => (tenantId: string, p: Participant) =>
  and(eq(table.tenantId, tenantId), eq(column, p.id))
/** The organization's rows of a table that hold the person's id on either side of a pair. */
const eitherSide =
  (table: TenantTable & { menteeId: SQLiteColumn; mentorId: SQLiteColumn }) =>
  (tenantId: string, p: Participant) =>
    and(eq(table.tenantId, tenantId), or(eq(table.menteeId, p.id), eq(table.mentorId, p.id)))
/** The organization's rows about the person's tandems (meetings, goals, revisits). */
const ofTheirTandems =
  (table: TenantTable & { matchId: SQLiteColumn }) => (tenantId: string, p: Participant) =>
    and(eq(table.tenantId, tenantId), inQuery(table.matchId, matchesOf(tenantId, p)))
/** The organization's rows of a table whose `column` holds the person's portal account (none without one). */
const ofTheirAccount = (table: TenantTable, column: SQLiteColumn) => (tenantId: string, p: Participant) =>
  p.userId ? and(eq(table.tenantId, tenantId), eq(column, p.userId)) : undefined
/** An erasure that overwrites columns of the rows `rows` finds for the person (the rows stay, anonymous). */
const blank =
  (table: SQLiteTable, values: Row, rows: (tenantId: string, p: Participant) => SQL | undefined) =>
  (db: Database, { tenantId, participant }: ErasureContext) => {
    const where = rows(tenantId, participant)
    return where ? [db.update(table).set(values).where(where)] : []
  }
/** Rows of portal accounts (control database): the organization's are those of accounts only it has. */
const accountHolding = (table: SQLiteTable, userId: SQLiteColumn, omit: readonly string[]): Holding => ({
  table,
  place: 'control',
  ofTenant: (t) => inQuery(userId, accountsOnlyHere(t)),
  ofParticipant: (_t, p) => (p.userId ? eq(userId, p.userId) : undefined),
  erase: 'delete',
  omit,
})
/** An entry of one organization's table, found by its tenant id. */
const tenantHolding = (
  table: TenantTable,
  entry: Omit<Holding, 'table' | 'place' | 'ofTenant'>,
): Holding => ({
  table,
  place: 'tenant',
  ofTenant: ofTenant(table),
  ...entry,
})

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
    ofParticipant: (_t, p) => (p.userId ? eq(users.id, p.userId) : undefined),
    erase: (db, ctx) =>
      ctx.deleteAccount && ctx.participant.userId
        ? [db.delete(users).where(eq(users.id, ctx.participant.userId))]
        : [],
  },
  {
    table: memberships,
    place: 'control',
    ofTenant: ofTenant(memberships),
    ofParticipant: ofTheirAccount(memberships, memberships.userId),
    erase: 'delete',
  },
  accountHolding(sessions, sessions.userId, ['id', 'secretHash']),
  accountHolding(signInTokens, signInTokens.userId, ['tokenHash', 'codeHash']),
  {
    table: invitations,
    place: 'control',
    ofTenant: ofTenant(invitations),
    ofParticipant: theirs(invitations, invitations.participantId),
    erase: 'delete',
    omit: ['tokenHash'],
  },
  {
    table: tenantLimits,
    place: 'control',
    ofTenant: ofTenant(tenantLimits),
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
    ofTenant: ofTenant(tenantMoves),
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
  tenantHolding(programs, { noPerson: 'Program settings written by staff.' }),
  tenantHolding(participants, {
    ofParticipant: theirs(participants, participants.id),
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
  }),
  tenantHolding(screenings, { ofParticipant: theirs(screenings, screenings.participantId), erase: 'delete' }),
  tenantHolding(participantEvents, {
    ofParticipant: theirs(participantEvents, participantEvents.participantId),
    erase: 'delete',
  }),
  tenantHolding(participantNotes, {
    ofParticipant: theirs(participantNotes, participantNotes.participantId),
    erase: 'delete',
    open: async (row, ctx) => ({
      ...row,
      sealedText: null,
      text: await openText(ctx.key, row as Parameters<typeof openText>[1]),
    }),
  }),
  tenantHolding(participantImports, {
    noPerson: 'Counts and row-numbered problems of an import file; the people it created are participants.',
  }),
  tenantHolding(participantImportChunks, {
    noPerson:
      'Rows of a file waiting to be applied (no record exists yet); deleted once applied or cancelled.',
  }),
  tenantHolding(matchRuns, { noPerson: 'A run of the matching engine: counts only.' }),
  tenantHolding(matchProposals, { ofParticipant: eitherSide(matchProposals), erase: 'delete' }),
  tenantHolding(matches, {
    ofParticipant: eitherSide(matches),
    // The tandem stays, anonymous, for the program's counts; free text about it goes, and their own request.
    erase: (db, ctx) =>
      blank(
        matches,
        {
          overrideReason: null,
          endNote: null,
          ...(ctx.participant.role === 'mentee' ? { menteeEndRequest: null } : { mentorEndRequest: null }),
        },
        eitherSide(matches),
      )(db, ctx),
    open: openEndRequests,
  }),
  tenantHolding(matchExclusions, { ofParticipant: eitherSide(matchExclusions), erase: 'delete' }),
  tenantHolding(meetings, {
    ofParticipant: ofTheirTandems(meetings),
    erase: blank(meetings, { sealedNote: null }, (t, p) =>
      and(ofTheirTandems(meetings)(t, p), isNotNull(meetings.sealedNote)),
    ),
    open: async (row, ctx) => ({
      ...row,
      sealedNote: null,
      note: await openMeetingNote(ctx.key, row as Parameters<typeof openMeetingNote>[1]),
    }),
  }),
  tenantHolding(checkIns, {
    ofParticipant: theirs(checkIns, checkIns.participantId),
    erase: 'delete',
    omit: ['tokenHash'],
  }),
  tenantHolding(goals, {
    ofParticipant: ofTheirTandems(goals),
    // Area and status stay for the program's indicators; the title is free text about the person.
    erase: blank(goals, { title: '—' }, ofTheirTandems(goals)),
  }),
  tenantHolding(goalRevisits, {
    ofParticipant: ofTheirTandems(goalRevisits),
    erase: blank(goalRevisits, { note: null }, ofTheirTandems(goalRevisits)),
  }),
  tenantHolding(events, { noPerson: 'Group activities written by staff.' }),
  tenantHolding(eventRsvps, {
    ofParticipant: theirs(eventRsvps, eventRsvps.participantId),
    erase: { keep: 'Seats, supports and attendance of an anonymous row: the event’s counts.' },
  }),
  tenantHolding(eventInvitations, {
    ofParticipant: theirs(eventInvitations, eventInvitations.participantId),
    erase: 'delete',
    omit: ['tokenHash'],
  }),
  tenantHolding(neighborhoodIndicators, {
    noPerson: 'Public statistics about neighbourhoods (decision 036): nothing about one person.',
  }),
  tenantHolding(surveys, { noPerson: 'A program’s survey: its questions and texts, written by staff.' }),
  tenantHolding(surveyInvitations, {
    ofParticipant: theirs(surveyInvitations, surveyInvitations.participantId),
    erase: 'delete',
    omit: ['tokenHash', 'reminderTokenHash'],
  }),
  tenantHolding(surveyResponses, {
    // Named answers are the person's; anonymous ones hold no id and cannot be found for anyone (decision 035).
    ofParticipant: theirs(surveyResponses, surveyResponses.participantId),
    erase: 'delete',
    order: surveyResponses.id,
  }),
  tenantHolding(calendarFeeds, {
    ofParticipant: ofTheirAccount(calendarFeeds, calendarFeeds.userId),
    erase: 'delete',
    omit: ['tokenHash'],
  }),
  tenantHolding(concerns, {
    // Their own concerns, with what they wrote; never one the other side raised about them (decision 030).
    ofParticipant: theirs(concerns, concerns.raisedById),
    // Category, severity and status of a concern about their tandem stay for the program's safeguarding counts;
    // the free text about it (description and coordinators' notes) goes.
    erase: (db, { tenantId, participant: p }) => {
      const aboutTheirTandems = sql`select ${concerns.id} from ${concerns} where ${concerns.tenantId} = ${tenantId} and ${concerns.matchId} in (${matchesOf(tenantId, p)})`
      return [
        db
          .update(concerns)
          .set({ sealedDescription: '' })
          .where(and(eq(concerns.tenantId, tenantId), inQuery(concerns.id, aboutTheirTandems))),
        db
          .update(concernActions)
          .set({ sealedNote: null })
          .where(
            and(eq(concernActions.tenantId, tenantId), inQuery(concernActions.concernId, aboutTheirTandems)),
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
  }),
  tenantHolding(concernActions, {
    noPerson:
      'Coordinators’ safeguarding steps on a concern; their notes about a person are removed with that person (see concerns).',
  }),
  tenantHolding(emailEvents, {
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
  }),
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
  tenantHolding(outbox, {
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
              db
                .update(outbox)
                .set({ ...PURGED, toAddress: '(erased)' })
                .where(to),
            ]
          : []),
        ...(naming ? [db.update(outbox).set(PURGED).where(naming)] : []),
      ]
    },
  }),
  tenantHolding(emailSuppressions, {
    ofParticipant: (t, p) => {
      const email = emailOf(p)
      return email ? and(eq(emailSuppressions.tenantId, t), eq(emailSuppressions.address, email)) : undefined
    },
    erase: 'delete',
  }),
  tenantHolding(partnerContacts, {
    noPerson:
      'People at partner organizations who get the digest (name and address), not participants: in the organization’s archive, deleted when taken off their partner or with it (decision 037).',
  }),
  tenantHolding(partners, {
    noPerson:
      'Partner organizations (name, language, cadence, programs in scope): no person; their digests hold only suppressed aggregates.',
  }),
  tenantHolding(emailPreferences, {
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
  }),
  {
    table: auditLog,
    place: 'both',
    ofTenant: ofTenant(auditLog),
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
