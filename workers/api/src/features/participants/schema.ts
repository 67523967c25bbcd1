import {
  accessNeeds,
  cefrLevels,
  exitReasons,
  matchEndReasons,
  matchStatuses,
  participantStatuses,
  settlementNeeds,
} from '@tandem/db'
import { CONTACT_CHANNELS, PARTICIPANT_SORTS } from '@tandem/vocab'
import * as v from 'valibot'
import { pattern, rule, unique } from '../../lib/field-errors'
import { Id, Limit, MailName } from '../../lib/schema'
import { Email } from '../auth/schema'
import { Code, LanguageCode } from '../programs/schema'
import { ScreeningOut } from '../screening/schema'

const Text = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max))

/** Weekly time slots: day and part of day, e.g. `mon-am`, `sat-pm`, `wed-eve`. */
export const Slot = v.pipe(
  v.string(),
  v.regex(/^(mon|tue|wed|thu|fri|sat|sun)-(am|pm|eve)$/, 'Use slots like mon-am, sat-pm or wed-eve.'),
)

export const LanguageSkillSchema = v.object({
  code: LanguageCode,
  level: v.picklist(cefrLevels, 'Use a CEFR level A1–C2 or native.'),
})

export const DemographicsSchema = v.object({
  gender: v.optional(Text(40)),
  ageBand: v.optional(v.picklist(['under-18', '18-25', '26-35', '36-50', '51-65', 'over-65'])),
  arrivalYear: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1950), v.maxValue(2100))),
  regionOfOrigin: v.optional(Text(80)),
})

/** The profile fields a participant has; shared by coordinators, the intake form and CSV import. */
export const profileFields = {
  displayName: MailName(120),
  email: v.nullable(Email),
  phone: v.nullable(
    v.pipe(
      Text(40),
      pattern(/^\+?[0-9 ()-]{5,40}$/, 'not-a-phone', 'Use digits, spaces and an optional leading +.'),
    ),
  ),
  /** How the person prefers to be reached; calls, SMS and WhatsApp go to `phone`. */
  contactPreference: v.nullable(
    v.picklist(CONTACT_CHANNELS, `Choose one of: ${CONTACT_CHANNELS.join(', ')}.`),
  ),
  preferredLocale: LanguageCode,
  languages: v.pipe(
    v.array(LanguageSkillSchema),
    v.minLength(1, 'Add at least one language.'),
    v.maxLength(12),
    rule((l) => unique(l.map((x) => x.code)), 'duplicate', 'List each language once.'),
  ),
  wantsInterpretation: v.boolean(),
  interests: v.pipe(v.array(Code), v.maxLength(30), rule(unique, 'duplicate', 'List each interest once.')),
  sector: v.nullable(Text(80)),
  availability: v.pipe(v.array(Slot), v.maxLength(21), rule(unique, 'duplicate', 'List each slot once.')),
  neighborhood: v.nullable(Text(80)),
  location: v.nullable(
    v.object({
      lat: v.pipe(v.number(), v.minValue(-90), v.maxValue(90)),
      lon: v.pipe(v.number(), v.minValue(-180), v.maxValue(180)),
    }),
  ),
  settlementNeeds: v.pipe(
    v.array(v.picklist(settlementNeeds)),
    rule(unique, 'duplicate', 'List each need once.'),
  ),
  accessNeeds: v.pipe(v.array(v.picklist(accessNeeds)), rule(unique, 'duplicate', 'List each need once.')),
  capacity: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(1, 'A mentor takes 1 to 3 mentees.'),
    v.maxValue(3, 'A mentor takes 1 to 3 mentees.'),
  ),
  demographics: v.nullable(DemographicsSchema),
  demographicsConsent: v.boolean(),
}

export const CreateParticipantBody = v.pipe(
  v.object({
    role: v.picklist(['mentor', 'mentee'], 'Choose mentor or mentee.'),
    ...profileFields,
    email: v.optional(profileFields.email, null),
    phone: v.optional(profileFields.phone, null),
    contactPreference: v.optional(profileFields.contactPreference, null),
    wantsInterpretation: v.optional(profileFields.wantsInterpretation, false),
    interests: v.optional(profileFields.interests, []),
    sector: v.optional(profileFields.sector, null),
    availability: v.optional(profileFields.availability, []),
    neighborhood: v.optional(profileFields.neighborhood, null),
    location: v.optional(profileFields.location, null),
    settlementNeeds: v.optional(profileFields.settlementNeeds, []),
    accessNeeds: v.optional(profileFields.accessNeeds, []),
    capacity: v.optional(profileFields.capacity, 1),
    demographics: v.optional(profileFields.demographics, null),
    demographicsConsent: v.optional(profileFields.demographicsConsent, false),
  }),
  v.forward(
    rule(
      (p) => p.demographics === null || p.demographicsConsent,
      'needs-consent',
      'Demographic fields need the person’s recorded consent.',
    ),
    ['demographics'],
  ),
)

export const UpdateParticipantBody = v.pipe(
  v.partial(
    v.object({
      ...profileFields,
      status: v.picklist(participantStatuses),
      exitReason: v.nullable(v.picklist(exitReasons)),
    }),
  ),
  rule((o) => Object.keys(o).length > 0, 'nothing-to-change', 'Send at least one field to change.'),
)

const csvList = (values: readonly string[] | null, max: number) =>
  v.optional(
    v.pipe(
      v.string(),
      v.transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
      v.array(values ? v.picklist(values) : v.pipe(v.string(), v.maxLength(max))),
    ),
  )

export const ListQuery = v.object({
  role: v.optional(v.picklist(['mentor', 'mentee'])),
  status: csvList(participantStatuses, 20),
  language: v.optional(LanguageCode),
  neighborhood: v.optional(Text(80)),
  need: v.optional(v.picklist([...settlementNeeds, ...accessNeeds])),
  q: v.optional(Text(100)),
  /** The order: by name, by status (pipeline order) or by waiting time (enrolment); `-` reverses it. Without
   *  it, id order. */
  sort: v.optional(v.picklist(PARTICIPANT_SORTS, `Use one of: ${PARTICIPANT_SORTS.join(', ')}.`)),
  cursor: v.optional(Id),
  limit: Limit(50, 200),
})

export const ParticipantOut = v.object({
  id: v.string(),
  programId: v.string(),
  role: v.string(),
  displayName: v.string(),
  email: v.nullable(v.string()),
  /** How to reach the person: the list shows it too (some people have no email). */
  phone: v.nullable(v.string()),
  contactPreference: v.nullable(v.picklist(CONTACT_CHANNELS)),
  status: v.string(),
  languages: v.array(LanguageSkillSchema),
  neighborhood: v.nullable(v.string()),
  portalLinked: v.boolean(),
  createdAt: v.string(),
})

/** `GET …/participants/{participant}`: the whole profile, screening (mentors), history and portal state. */
export const ParticipantDetailOut = v.object({
  ...ParticipantOut.entries,
  preferredLocale: v.string(),
  wantsInterpretation: v.boolean(),
  interests: v.array(v.string()),
  sector: v.nullable(v.string()),
  availability: v.array(v.string()),
  location: v.nullable(v.object({ lat: v.number(), lon: v.number() })),
  settlementNeeds: v.array(v.string()),
  accessNeeds: v.array(v.string()),
  capacity: v.number(),
  demographics: v.nullable(v.record(v.string(), v.union([v.string(), v.number()]))),
  demographicsConsentAt: v.nullable(v.string()),
  consentVersion: v.nullable(v.string()),
  consentAt: v.nullable(v.string()),
  exitReason: v.nullable(v.string()),
  source: v.string(),
  hasProtectedData: v.boolean(),
  updatedAt: v.nullable(v.string()),
  screening: v.nullable(ScreeningOut),
  history: v.array(
    v.object({
      id: v.string(),
      kind: v.string(),
      detail: v.nullable(v.record(v.string(), v.unknown())),
      actorUserId: v.nullable(v.string()),
      createdAt: v.string(),
    }),
  ),
  /** The person's tandems, current (active, paused) first, then ended ones, most recently ended first. */
  tandems: v.array(
    v.object({
      id: v.string(),
      status: v.picklist(matchStatuses),
      partner: v.object({ id: v.string(), displayName: v.string(), role: v.picklist(['mentor', 'mentee']) }),
      startedAt: v.string(),
      endedAt: v.nullable(v.string()),
      endReason: v.nullable(v.picklist(matchEndReasons)),
    }),
  ),
  /** An open portal invitation (not yet accepted), when the person has no portal access yet. */
  portalInvitation: v.nullable(v.object({ id: v.string(), email: v.string(), expiresAt: v.string() })),
})

export const ProtectedBody = v.object({
  residenceStatus: v.optional(
    v.nullable(
      v.picklist(['citizen', 'permanent', 'temporary', 'asylum_seeker', 'refugee', 'undocumented', 'other']),
    ),
  ),
  healthNotes: v.optional(v.nullable(Text(2000))),
  /**
   * The `version` the fields had when they were read: a write over a newer version answers 409 `stale-write`
   * instead of overwriting someone else's change.
   */
  expectedVersion: v.optional(v.pipe(v.string(), v.maxLength(64))),
})

/** Protected fields as read, with the version a write sends back as `expectedVersion`. */
export const ProtectedOut = v.object({ fields: v.record(v.string(), v.unknown()), version: v.string() })
export const ProtectedWrittenOut = v.object({ fields: v.array(v.string()), version: v.string() })

export const PurposeQuery = v.object({
  purpose: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(5, 'Say why you need to see this (at least 5 characters).'),
    v.maxLength(200),
  ),
})
