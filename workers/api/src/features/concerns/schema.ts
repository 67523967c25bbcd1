import {
  CONCERN_CATEGORIES,
  CONCERN_SEVERITIES,
  CONCERN_SOURCES,
  CONCERN_STATUSES,
  MAX_CONCERN_TEXT,
} from '@tandem/vocab'
import * as v from 'valibot'
import { Id, OrgSlug, Text } from '../../lib/schema'

/** The path of a program's concerns: `/orgs/{org}/programs/{program}/concerns`. */
export const ProgramConcernsParam = v.object({ org: OrgSlug, program: Id })
/** The path of one concern: `…/concerns/{concern}`. */
export const ConcernParam = v.object({ ...ProgramConcernsParam.entries, concern: Id })

export const ConcernsQuery = v.object({ status: v.optional(v.picklist(CONCERN_STATUSES)) })

const Side = v.picklist(['mentee', 'mentor'])

/** What a mentor or mentee says when they raise a concern (from the portal or a check-in). */
export const RaiseConcernBody = v.object({
  category: v.picklist(CONCERN_CATEGORIES),
  severity: v.picklist(CONCERN_SEVERITIES),
  /** Seen only by the program's coordinators and admins; sealed at rest. */
  description: v.pipe(Text(MAX_CONCERN_TEXT), v.minLength(1, 'Describe what happened.')),
  /** Whether the coordinators may say to the partner who raised it; not named unless the person says yes. */
  nameToOtherSide: v.optional(v.boolean(), false),
})

/** A coordinator's step: a new status, a note for the log, or both. */
export const ConcernActionBody = v.object({
  status: v.optional(v.picklist(CONCERN_STATUSES)),
  /** Sealed at rest; seen only by coordinators and admins. */
  note: v.optional(
    v.pipe(Text(MAX_CONCERN_TEXT), v.minLength(1, 'Write something in the note, or leave it out.')),
  ),
})

/** A concern in the coordinators' list: who is in the tandem (first names) and how it stands; no description. */
export const ConcernOut = v.object({
  id: v.string(),
  matchId: v.string(),
  programId: v.string(),
  category: v.picklist(CONCERN_CATEGORIES),
  severity: v.picklist(CONCERN_SEVERITIES),
  status: v.picklist(CONCERN_STATUSES),
  source: v.picklist(CONCERN_SOURCES),
  /** Which side of the match raised it. */
  side: Side,
  /** False: the person must not be named to their partner (coordinators see this prominently). */
  nameToOtherSide: v.boolean(),
  mentee: v.string(),
  mentor: v.string(),
  /** When the high-severity alert was queued, or null. */
  alertedAt: v.nullable(v.string()),
  createdAt: v.string(),
  updatedAt: v.string(),
})
export const ConcernsOut = v.object({ items: v.array(ConcernOut) })

export const ConcernActionOut = v.object({
  id: v.string(),
  statusBefore: v.picklist(CONCERN_STATUSES),
  statusAfter: v.picklist(CONCERN_STATUSES),
  hasNote: v.boolean(),
  /** The note, opened; null when there is none or it cannot be opened. */
  note: v.nullable(v.string()),
  actor: v.object({ id: v.string(), name: v.nullable(v.string()) }),
  createdAt: v.string(),
})

/** One concern as coordinators read it (audited): who raised it, the opened description, the action log. */
export const ConcernDetailOut = v.object({
  ...ConcernOut.entries,
  programName: v.string(),
  raisedBy: v.object({ participantId: v.string(), name: v.string() }),
  /** Null when it cannot be opened (no key configured, or a damaged row). */
  description: v.nullable(v.string()),
  actions: v.array(ConcernActionOut),
})

/** A concern as the person who raised it sees it: what and how it stands; never the coordinators' notes. */
export const MyConcernOut = v.object({
  id: v.string(),
  matchId: v.string(),
  program: v.object({ id: v.string(), name: v.string() }),
  category: v.picklist(CONCERN_CATEGORIES),
  severity: v.picklist(CONCERN_SEVERITIES),
  status: v.picklist(CONCERN_STATUSES),
  nameToOtherSide: v.boolean(),
  source: v.picklist(CONCERN_SOURCES),
  createdAt: v.string(),
  updatedAt: v.string(),
})
export const MyConcernsOut = v.object({ items: v.array(MyConcernOut) })

/** What the check-in page learns after raising a concern: that it was received. */
export const CheckInConcernOut = v.object({ id: v.string(), status: v.picklist(CONCERN_STATUSES) })
