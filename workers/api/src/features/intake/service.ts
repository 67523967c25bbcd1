import type { StandardSchemaV1 } from '@standard-schema/spec'
import {
  type Database,
  type DbResolver,
  newId,
  type Program,
  participantEvents,
  participants,
  programs,
  type Tenant,
  tenants,
} from '@tandem/db'
import { intakeConfirmationEmail } from '@tandem/email'
import { dirOf } from '@tandem/i18n'
import { type FieldErrorCode, type FieldErrorParams, PHONE_CHANNELS } from '@tandem/vocab'
import { eq, type SQL, sql } from 'drizzle-orm'
import { audit } from '../../lib/audit'
import { type FieldError, issueCode, pathOf, plainMessage } from '../../lib/field-errors'
import { notFound, Problem } from '../../lib/problem'
import { inTenant, tenantRow } from '../../lib/sql'
import { scheduleEmail } from '../email/outbox.service'
import { insertParticipant, participantRow } from '../participants/service'
import { type ConsentLocale, consentFor, consentLocales, resolveConsentLocale } from './consent'
import {
  bodyKeysOf,
  contactFields,
  coreFields,
  formOptions,
  type IntakeInput,
  requiredFields,
  switchableFields,
} from './schema'

export interface IntakeTarget {
  tenant: Tenant
  program: Program
  /** The tenant's database (`dbFor(tenant)`). */
  tdb: Database
}

/**
 * One answer for "no such organization", "no such program" and "this program takes no applications
 * now": nobody learns from the public form which organizations or draft programs exist.
 */
export const intakeNotFound = () => notFound('This form does not exist or is closed.')

/** The organization (by its public slug) and its program, only while the program is `active`. */
export async function findIntakeTarget(
  dbs: DbResolver,
  orgSlug: string,
  programId: string,
): Promise<IntakeTarget> {
  const tenant = await dbs.control().select().from(tenants).where(eq(tenants.slug, orgSlug)).get()
  if (!tenant) throw intakeNotFound()
  const tdb = await dbs.dbFor(tenant)
  const program = await tdb
    .select()
    .from(programs)
    .where(tenantRow(programs, tenant.id, programId))
    .get()
  if (program?.status !== 'active') throw intakeNotFound()
  return { tenant, program, tdb }
}

const switchedOn = (program: Program, field: string) => program.intakeFields[field] === true

function consentOf(target: IntakeTarget, locale: ConsentLocale) {
  const consent = consentFor(target.program.consentVersion, locale, {
    org: target.tenant.name,
    program: target.program.name,
  })
  // A program points at a version whose texts were not deployed: a bug to fix, not the applicant's problem.
  if (!consent) throw new Error(`no consent text for version ${target.program.consentVersion} (${locale})`)
  return consent
}

/** Everything the public form needs to render itself in the applicant's language. */
export function intakeForm(target: IntakeTarget, requestedLocale: string | undefined) {
  const { tenant, program } = target
  const locale = resolveConsentLocale(requestedLocale, tenant.defaultLocale)
  const consent = consentOf(target, locale)
  const asksPhone = switchedOn(program, 'phone')
  return {
    organization: {
      name: tenant.name,
      contactEmail: tenant.contactEmail,
      contactPhone: tenant.contactPhone,
    },
    program: {
      id: program.id,
      name: program.name,
      description: program.description,
      languages: program.languages,
      interests: program.interests,
      goalAreas: program.goalAreas,
      // The program's own names for them, per language (the form falls back to shipped names, then the code).
      labels: { interests: program.labels.interests ?? {}, goalAreas: program.labels.goalAreas ?? {} },
    },
    fields: Object.fromEntries(switchableFields.map((f) => [f, switchedOn(program, f)])) as Record<
      (typeof switchableFields)[number],
      boolean
    >,
    coreFields: [...coreFields],
    requiredFields: asksPhone ? [...requiredFields] : [...requiredFields, 'email'],
    requiredOneOf: asksPhone ? [[...contactFields]] : [],
    options: formOptions,
    consent: {
      version: program.consentVersion,
      text: consent.text,
      accept: consent.accept,
      demographics: switchedOn(program, 'demographics') ? consent.demographics : null,
    },
    locale,
    dir: dirOf(locale),
    locales: [...consentLocales],
  }
}

/** The honeypot is filled: a person never sees the field, so only a bot fills it. */
export function honeypotFilled(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null) return false
  const website = (raw as Record<string, unknown>).website
  return website !== undefined && website !== null && website !== ''
}

// ---------- plain-language field errors ----------

/** Plain sentences for newcomers, by code, where the intake form says it more simply than the rest of the API. */
const generic: Partial<Record<FieldErrorCode, string>> = {
  required: 'Please answer this question.',
  invalid: 'Please check this answer.',
  'bad-format': 'Please check this answer.',
  'too-long': 'This answer is too long. Please make it shorter.',
  'too-many': 'You chose too many. Please choose fewer.',
  duplicate: 'You chose the same answer twice. Please choose each one only once.',
  'one-of': 'Please choose from the list.',
  'unknown-field': 'This form does not ask this question. Please leave it out.',
  'contact-required': 'Please write your email address or your phone number, so we can reach you.',
  'needs-consent': 'Please tick the box to agree, or leave these questions empty.',
  'consent-changed': 'The text about your data has changed. Please load the page again and read it.',
}

/** Sentences for particular fields; paths without list positions (`languages.0.level` → `languages.level`). */
const plain: Record<string, Partial<Record<FieldErrorCode, string>>> = {
  role: {
    required: 'Please choose: do you want to help someone (mentor), or do you want help (mentee)?',
    'one-of': 'Please choose: do you want to help someone (mentor), or do you want help (mentee)?',
  },
  displayName: {
    required: 'Please write your name.',
    'too-long': 'Your name is too long. Please use at most 120 letters.',
  },
  email: {
    required: 'Please write your email address. We send you a message there.',
    'not-an-email': 'This email address does not look right. Please check it.',
  },
  phone: {
    'not-a-phone': 'Please write your phone number with numbers only. It can start with +.',
    required: 'Please write your phone number, so we can call you or write to you there.',
  },
  contactPreference: { 'one-of': 'Please choose how we should contact you from the list.' },
  languages: {
    required: 'Please add at least one language you speak.',
    'too-many': 'Please add at most 12 languages.',
    duplicate: 'You added the same language twice. Please add each language once.',
  },
  'languages.code': {
    required: 'Please choose a language from the list.',
    'not-a-language': 'Please choose a language from the list.',
  },
  'languages.level': {
    required: 'Please choose how well you speak this language.',
    'one-of': 'Please choose how well you speak this language.',
  },
  interests: {
    'one-of': 'Please choose your interests from the list.',
    'not-a-code': 'Please choose your interests from the list.',
  },
  availability: { 'bad-format': 'Please choose the times from the list.' },
  capacity: {
    'too-small': 'A mentor can meet 1, 2 or 3 people. Please choose one of these.',
    'too-large': 'A mentor can meet 1, 2 or 3 people. Please choose one of these.',
    'not-a-whole-number': 'A mentor can meet 1, 2 or 3 people. Please choose one of these.',
  },
  demographics: { 'needs-consent': 'Please tick the box to agree, or leave these questions empty.' },
  consent: { required: 'Please read the text about your data and tick the box to agree.' },
  'consent.accepted': {
    required: 'Please tick the box to agree. We can only take your form if you agree.',
    'must-agree': 'Please tick the box to agree. We can only take your form if you agree.',
  },
  'consent.version': { required: 'Please load the page again.', 'too-long': 'Please load the page again.' },
  locale: { required: 'Please load the page again.', 'not-a-language': 'Please load the page again.' },
}

/** A field error of the intake form: the central code and params, in the plainest words for the field. */
export function plainError(path: string, code: FieldErrorCode, params?: FieldErrorParams): FieldError {
  const key = path
    .split('.')
    .filter((p) => !/^\d+$/.test(p))
    .join('.')
  return {
    location: 'body',
    path,
    code,
    ...(params ? { params } : {}),
    message: plain[key]?.[code] ?? generic[code] ?? plainMessage(code, params),
  }
}

/**
 * Every problem with an application at once: schema issues (in plain words, with a code) and answers
 * to questions the program switched off or interests it does not offer.
 */
export function applicationErrors(
  program: Program,
  raw: unknown,
  issues: readonly StandardSchemaV1.Issue[],
): FieldError[] {
  const errors = issues.map((issue) => {
    const { code, params } = issueCode(issue)
    return plainError(pathOf(issue), code, params)
  })
  const body =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {}
  for (const field of switchableFields) {
    if (switchedOn(program, field)) continue
    for (const key of bodyKeysOf[field]) {
      if (body[key] !== undefined && !errors.some((e) => e.path === key || e.path.startsWith(`${key}.`))) {
        errors.push(plainError(key, 'unknown-field'))
      }
    }
  }
  errors.push(...contactErrors(program, body, errors))
  if (program.interests.length > 0 && Array.isArray(body.interests)) {
    body.interests.forEach((interest, i) => {
      const path = `interests.${i}`
      if (
        typeof interest === 'string' &&
        !program.interests.includes(interest) &&
        !errors.some((e) => e.path === path)
      ) {
        errors.push(plainError(path, 'one-of', { options: program.interests }))
      }
    })
  }
  return errors
}

const given = (value: unknown) => typeof value === 'string' && value.trim() !== ''

/**
 * A way to reach the person: an email address or (when the form asks for one) a phone number, and the one
 * for the way they prefer to be reached. Answers that are already wrong for another reason are not named twice.
 */
function contactErrors(
  program: Program,
  body: Record<string, unknown>,
  found: readonly FieldError[],
): FieldError[] {
  const named = (path: string) => found.some((e) => e.path === path)
  const asksPhone = switchedOn(program, 'phone')
  const email = given(body.email)
  const phone = asksPhone && given(body.phone)
  if (!email && !phone) {
    if (!asksPhone) return named('email') ? [] : [plainError('email', 'required')]
    return contactFields.filter((path) => !named(path)).map((path) => plainError(path, 'contact-required'))
  }
  const preferred = asksPhone ? body.contactPreference : undefined
  if (preferred === 'email' && !email && !named('email')) return [plainError('email', 'required')]
  if (PHONE_CHANNELS.some((c) => c === preferred) && !phone && !named('phone')) {
    return [plainError('phone', 'required')]
  }
  return []
}

export function invalidApplication(errors: FieldError[]) {
  return new Problem('invalid-request', {
    detail: `${errors.length} answer${errors.length === 1 ? '' : 's'} need${errors.length === 1 ? 's' : ''} a change.`,
    errors,
  })
}

export function consentChanged() {
  return new Problem('consent-changed', {
    detail:
      'The text about your data has changed. Please load the page again, read the new text and send the form again.',
    errors: [plainError('consent.version', 'consent-changed')],
  })
}

// ---------- submission ----------

export type Outcome =
  | { kind: 'created'; participantId: string }
  | { kind: 'duplicate'; participantId: string }

/** Digits and a leading +, so `+49 170 123-45` and `+4917012345` are the same number. */
export const phoneKey = (phone: string) => phone.replace(/[\s()-]/g, '')
/** `phoneKey()` of the stored number, in SQL (spaces, hyphens and brackets dropped). */
const storedPhoneKey = sql`replace(replace(replace(replace(${participants.phone}, ' ', ''), '-', ''), '(', ''), ')', '')`

/**
 * The person who already applied to this program: by email address (case-insensitive: rows from CSV import
 * or older data may keep the case they were typed in), else, for an application without one, by phone number.
 */
function sameApplicant(input: IntakeInput): SQL | undefined {
  if (input.email) return sql`lower(${participants.email}) = ${input.email}`
  if (input.phone) return sql`${storedPhoneKey} = ${phoneKey(input.phone)}`
  return undefined
}

/**
 * Stores an application as an `applied` participant (source `intake`, consent version and time
 * recorded) and schedules the confirmation email in the applicant's language, in one batch; a person who
 * gave no email address gets none (the organization contacts them by phone). When the email address (or,
 * without one, the phone number) already applied to this program, nothing about that person changes: the
 * new attempt is recorded on their history (`applied_again`) and the confirmation is sent again.
 */
export async function submitApplication(
  target: IntakeTarget,
  input: IntakeInput,
  now: Date,
  /** False past the per-recipient limit: the application is stored, no confirmation is sent. */
  confirm = true,
): Promise<Outcome> {
  const { tenant, program, tdb } = target
  const locale = resolveConsentLocale(input.locale, tenant.defaultLocale)
  const email = input.email ?? null
  const confirmation =
    email && confirm
      ? [
          scheduleEmail(tdb, {
            tenantId: tenant.id,
            kind: 'intake.confirmation',
            toAddress: email,
            ...intakeConfirmationEmail(locale, { program: program.name, org: tenant.name }),
            dueAt: now,
          }),
        ]
      : []
  const consentDetail = { version: program.consentVersion, locale }

  const same = sameApplicant(input)
  const existing = same
    ? await tdb
        .select({ id: participants.id, displayName: participants.displayName })
        .from(participants)
        .where(inTenant(participants, tenant.id, eq(participants.programId, program.id), same))
        .get()
    : undefined
  if (existing) {
    await tdb.batch([
      tdb.insert(participantEvents).values({
        id: newId(),
        tenantId: tenant.id,
        participantId: existing.id,
        kind: 'applied_again',
        detail: {
          source: 'intake',
          role: input.role,
          // A family may share one address: a different name tells the coordinator to follow up.
          sameName: existing.displayName.toLocaleLowerCase() === input.displayName.toLocaleLowerCase(),
          consentVersion: consentDetail.version,
          consentLocale: locale,
        },
        actorUserId: null,
        createdAt: now,
      }),
      ...confirmation,
    ])
    return { kind: 'duplicate', participantId: existing.id }
  }

  const row = participantRow(
    tenant.id,
    program.id,
    {
      role: input.role,
      displayName: input.displayName,
      email,
      phone: input.phone ?? null,
      contactPreference: input.contactPreference ?? null,
      preferredLocale: input.preferredLocale ?? input.locale,
      languages: input.languages,
      wantsInterpretation: input.wantsInterpretation,
      interests: input.interests,
      sector: input.sector ?? null,
      availability: input.availability ?? [],
      neighborhood: input.neighborhood,
      location: input.location ?? null,
      settlementNeeds: input.settlementNeeds ?? [],
      accessNeeds: input.accessNeeds ?? [],
      capacity: input.capacity,
      demographics: input.demographics ?? null,
      demographicsConsent: input.demographicsConsent ?? false,
    },
    'intake',
    now,
    program.consentVersion,
  )
  await tdb.batch([
    ...insertParticipant(tdb, row, null, now),
    tdb.insert(participantEvents).values({
      id: newId(),
      tenantId: tenant.id,
      participantId: row.id,
      kind: 'consent',
      detail: consentDetail,
      actorUserId: null,
      createdAt: now,
    }),
    audit(
      tdb,
      {
        tenantId: tenant.id,
        actorUserId: null,
        action: 'participant.applied',
        targetType: 'participant',
        targetId: row.id,
        meta: {
          programId: program.id,
          role: row.role,
          consentVersion: consentDetail.version,
          consentLocale: locale,
        },
      },
      now,
    ),
    ...confirmation,
  ])
  return { kind: 'created', participantId: row.id }
}
