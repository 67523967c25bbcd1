import { accessNeeds, cefrLevels, settlementNeeds } from '@tandem/db'
import { CONTACT_CHANNELS, INTAKE_FIELDS } from '@tandem/vocab'
import * as v from 'valibot'
import { rule } from '../../lib/field-errors'
import { sameFor } from '../../lib/schema'
import { Email } from '../auth/schema'
import { OrganizationOut } from '../orgs/schema'
import { DemographicsSchema, profileFields } from '../participants/schema'
import { LabelsOut, LanguageCode, ProgramOut } from '../programs/schema'

/** The form questions a program can switch on or off (`programs.intake_fields`). */
export const switchableFields = INTAKE_FIELDS
export type SwitchableField = (typeof switchableFields)[number]

/**
 * The body keys each switch covers: the demographics agreement belongs to the demographics question, and how
 * the person prefers to be reached to the phone question (without a phone number, email is the only way).
 */
export const bodyKeysOf: Record<SwitchableField, readonly string[]> = {
  phone: ['phone', 'contactPreference'],
  sector: ['sector'],
  availability: ['availability'],
  location: ['location'],
  demographics: ['demographics', 'demographicsConsent'],
  settlementNeeds: ['settlementNeeds'],
  accessNeeds: ['accessNeeds'],
}

/** Questions every intake form has, whatever the program switched on. */
export const coreFields = [
  'role',
  'displayName',
  'email',
  'preferredLocale',
  'languages',
  'wantsInterpretation',
  'interests',
  'neighborhood',
  'capacity',
] as const
/** Answers the form cannot be sent without. */
export const requiredFields = ['role', 'displayName', 'languages', 'consent.accepted'] as const
/**
 * A way to reach the person: an email address, or a phone number when the program asks for one (many
 * newcomers use WhatsApp or SMS, not email). Without the phone question, the email address is required.
 */
export const contactFields = ['email', 'phone'] as const

export const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export const dayParts = ['am', 'pm', 'eve'] as const
export const ageBands = DemographicsSchema.entries.ageBand.wrapped.options

/**
 * Path parameters, kept loose on purpose: a malformed slug or id is simply not found (404), exactly
 * like a well-formed one that does not exist.
 */
export const IntakeParam = v.object({
  org: v.pipe(v.string(), v.maxLength(100)),
  program: v.pipe(v.string(), v.maxLength(100)),
})

export const IntakeQuery = v.object({
  locale: v.optional(v.pipe(v.string(), v.maxLength(35)), undefined),
})

/**
 * An application. The profile part is the participants' `profileFields`; the questions a program
 * may switch off have no default here, so an absent answer stays absent and the route can tell
 * "not sent" from "sent". `website` is the honeypot: people leave it empty (the form hides it).
 */
/** An empty email answer is no email address (the person gave a phone number instead). */
const NoEmail = v.pipe(
  v.literal(''),
  v.transform(() => null),
)

export const IntakeBody = v.pipe(
  v.object({
    role: v.picklist(['mentor', 'mentee'], 'Choose mentor or mentee.'),
    locale: LanguageCode,
    consent: v.object({
      version: v.pipe(v.string(), v.maxLength(40)),
      accepted: v.literal(true, 'Tick the box to agree.'),
    }),
    website: v.optional(v.unknown()),
    displayName: profileFields.displayName,
    email: v.optional(v.union([v.null(), NoEmail, Email])),
    preferredLocale: v.optional(profileFields.preferredLocale),
    languages: profileFields.languages,
    wantsInterpretation: v.optional(profileFields.wantsInterpretation, false),
    interests: v.optional(profileFields.interests, []),
    neighborhood: v.optional(profileFields.neighborhood, null),
    capacity: v.optional(profileFields.capacity, 1),
    phone: v.optional(profileFields.phone),
    contactPreference: v.optional(profileFields.contactPreference),
    sector: v.optional(profileFields.sector),
    availability: v.optional(profileFields.availability),
    location: v.optional(profileFields.location),
    settlementNeeds: v.optional(profileFields.settlementNeeds),
    accessNeeds: v.optional(profileFields.accessNeeds),
    demographics: v.optional(profileFields.demographics),
    demographicsConsent: v.optional(profileFields.demographicsConsent),
  }),
  v.forward(
    rule(
      (p) => !p.demographics || p.demographicsConsent === true,
      'needs-consent',
      'Demographic fields need the person’s consent.',
    ),
    ['demographics'],
  ),
)
export type IntakeInput = v.InferOutput<typeof IntakeBody>

export const ReceivedOut = v.object({ status: v.literal('received') })

/** The choices the intake form offers, by list. */
export const formOptions = {
  roles: ['mentee', 'mentor'],
  cefrLevels: [...cefrLevels],
  settlementNeeds: [...settlementNeeds],
  accessNeeds: [...accessNeeds],
  ageBands: [...ageBands],
  days: [...days],
  dayParts: [...dayParts],
  contactChannels: [...CONTACT_CHANNELS],
}

export const IntakeFormOut = v.object({
  /** Its name and how applicants reach it (its contact settings); the confirmation shows them. */
  organization: v.pick(OrganizationOut, ['name', 'contactEmail', 'contactPhone']),
  /** What the form shows of the program: a part of what its members see. */
  program: v.object({
    ...v.pick(ProgramOut, ['id', 'name', 'description', 'languages', 'interests', 'goalAreas']).entries,
    labels: v.pick(LabelsOut, ['interests', 'goalAreas']),
  }),
  fields: sameFor(switchableFields, () => v.boolean()),
  coreFields: v.array(v.string()),
  requiredFields: v.array(v.string()),
  /** Groups of answers of which at least one is needed: `[['email', 'phone']]` when the form asks for a phone number. */
  requiredOneOf: v.array(v.array(v.string())),
  options: sameFor(Object.keys(formOptions) as (keyof typeof formOptions)[], () => v.array(v.string())),
  consent: v.object({
    version: v.string(),
    text: v.string(),
    accept: v.string(),
    demographics: v.nullable(v.string()),
  }),
  locale: v.string(),
  dir: v.picklist(['ltr', 'rtl']),
  locales: v.array(v.string()),
})
