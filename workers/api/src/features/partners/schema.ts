import { LOCALES } from '@tandem/i18n'
import {
  DIGEST_LINES,
  MAX_PARTNER_CONTACTS,
  PARTNER_CADENCES,
  PARTNER_KINDS,
  PARTNER_STATUSES,
} from '@tandem/vocab'
import * as v from 'valibot'
import { rule, unique } from '../../lib/field-errors'
import { Id, Limit, MailName, OrgSlug, Page } from '../../lib/schema'
import { Email } from '../auth/schema'

/** The path of one partner: `/orgs/{org}/partners/{partner}`. */
export const PartnerParam = v.object({ org: OrgSlug, partner: Id })

/** A person at the partner who gets the digest. Their name reaches email: no web addresses, no control characters. */
const Contact = v.object({ name: MailName(120), email: Email })

/** Each address once (addresses are lower-cased by `Email`). */
const uniqueAddresses = (contacts: { name: string; email: string }[]) => unique(contacts.map((c) => c.email))

const Contacts = v.pipe(
  v.array(Contact),
  v.minLength(1, 'Add at least one contact who gets the digest.'),
  v.maxLength(MAX_PARTNER_CONTACTS, `A partner has at most ${MAX_PARTNER_CONTACTS} contacts.`),
  rule(uniqueAddresses, 'duplicate', 'List each address once.'),
)

/** The programs the digest covers: a list of the organization's program ids, or null for every program. */
const ProgramIds = v.nullable(
  v.pipe(
    v.array(Id),
    v.minLength(1, 'Choose at least one program, or all of them.'),
    v.maxLength(100),
    rule(unique, 'duplicate', 'List each program once.'),
  ),
)

const partnerFields = {
  /** The partner's name goes into the digest's email: the rules of every name in email (decision 033). */
  name: MailName(120),
  kind: v.picklist(PARTNER_KINDS, `Choose one of: ${PARTNER_KINDS.join(', ')}.`),
  /** The language of the digest: one of the six Tandem writes in. */
  locale: v.picklist(LOCALES, `Choose one of: ${LOCALES.join(', ')}.`),
  cadence: v.picklist(PARTNER_CADENCES, `Choose one of: ${PARTNER_CADENCES.join(', ')}.`),
  programIds: ProgramIds,
  status: v.picklist(PARTNER_STATUSES, `Choose one of: ${PARTNER_STATUSES.join(', ')}.`),
  contacts: Contacts,
}

export const CreatePartnerBody = v.object({
  name: partnerFields.name,
  kind: v.optional(partnerFields.kind, 'other'),
  locale: partnerFields.locale,
  cadence: partnerFields.cadence,
  programIds: v.optional(partnerFields.programIds, null),
  status: v.optional(partnerFields.status, 'active'),
  contacts: partnerFields.contacts,
})

/** A change to a partner: any of its fields; `contacts` replaces the list (a contact whose address stays keeps its id). */
export const PatchPartnerBody = v.pipe(
  v.partial(v.object(partnerFields)),
  rule((b) => Object.keys(b).length > 0, 'nothing-to-change', 'Send at least one field to change.'),
)

export const PartnerListQuery = v.object({
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}\.[a-z2-7]{24}$/, 'Not a valid cursor.'))),
  limit: Limit(50, 100),
})

// ---------- answers ----------

const ContactOut = v.object({ id: v.string(), name: v.string(), email: v.string() })

export const PartnerOut = v.object({
  id: v.string(),
  name: v.string(),
  kind: v.picklist(PARTNER_KINDS),
  locale: v.picklist(LOCALES),
  cadence: v.picklist(PARTNER_CADENCES),
  programIds: v.nullable(v.array(v.string())),
  status: v.picklist(PARTNER_STATUSES),
  contacts: v.array(ContactOut),
  createdAt: v.string(),
  updatedAt: v.string(),
})
export const PartnersOut = Page(PartnerOut)

/** What a preview did: sent to the caller's own address, or held back by the per-recipient limit. */
export const PreviewOut = v.object({ sentTo: v.string() })

// ---------- the digest ----------

/** A figure as it leaves Tandem: a number, or suppressed (then `value` is null, decision 036). */
const ValueOut = v.object({ value: v.nullable(v.number()), suppressed: v.boolean() })

/** What a digest shows: the same for its email and its "view online" page. */
export const DigestOut = v.object({
  organization: v.string(),
  partner: v.string(),
  locale: v.picklist(LOCALES),
  cadence: v.picklist(PARTNER_CADENCES),
  /** The latest month that has ended (`YYYY-MM`), and the month before it. */
  month: v.string(),
  previousMonth: v.string(),
  /** Names of the programs in scope; empty: all of the organization's programs. */
  programs: v.array(v.string()),
  /** The smallest group a figure may count ("fewer than N people are not shown"). */
  minimumCellSize: v.number(),
  figures: v.array(v.object({ line: v.picklist(DIGEST_LINES), previous: ValueOut, latest: ValueOut })),
  trends: v.array(v.object({ label: v.string(), previous: ValueOut, latest: ValueOut })),
})

export const DigestTokenParam = v.object({ token: v.pipe(v.string(), v.maxLength(600)) })
