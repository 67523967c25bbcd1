/**
 * Every field error in a problem's `errors[]` carries a stable `code` from this list, with `params` where a
 * sentence needs a number or a list. The web client shows each code in the reader's language; the `message`
 * beside it is plain English for API users. The Worker derives the code from the validator's issue in one place
 * (workers/api/src/lib/field-errors.ts); errors raised by services name theirs. Add a code here (and a sentence
 * for it in every web catalog, `fieldError.<code>`), never an English sentence to match on.
 */
export const FIELD_ERRORS = {
  required: 'Missing or empty.',
  'too-long': 'Text longer than `params.max` characters.',
  'too-short': 'Text shorter than `params.min` characters.',
  'too-many': 'More than `params.max` entries.',
  'too-few': 'Fewer than `params.min` entries.',
  'too-small': 'A number below `params.min`.',
  'too-large': 'A number above `params.max`.',
  'not-a-number': 'Not a number.',
  'not-a-whole-number': 'Not a whole number.',
  'not-an-email': 'Not an email address.',
  'not-a-date': 'Not a date written YYYY-MM-DD, or a day that does not exist.',
  'not-a-language': 'Not a language code such as ar, uk or fa-AF.',
  'not-a-code': 'Not a code of lowercase letters, digits, - or _ (at most 40).',
  'not-a-phone': 'Not a phone number (digits, spaces and an optional leading +).',
  'bad-format': 'Not in the expected format.',
  'wrong-type': 'A value of another kind than `params.expected` (text, number, yes/no, list, object).',
  'one-of': 'Not one of `params.options`.',
  'unknown-field': 'A field this request does not take (or a question the form does not ask).',
  duplicate: 'The same entry twice.',
  'must-agree': 'Must be `true`: a box to tick.',
  'needs-consent': 'Needs the person’s consent (`demographicsConsent`).',
  'contact-required':
    'Neither an email address nor a phone number: one of them is needed to reach the person.',
  'consent-changed': 'The consent text changed since the form was loaded.',
  'nothing-to-change': 'Send at least one field to change.',
  'not-allowed': 'Not allowed now; `params.options` lists what is.',
  'not-confirmed':
    'Does not repeat what an irreversible action asks to be typed (a name, the organization’s address).',
  taken: 'Already in use.',
  'not-found': 'Names something that does not exist (here).',
  expired: 'A link or code that is not valid any more.',
  'wrong-role': 'A participant of another role than `params.expected`.',
  unavailable: 'The person is not available for this now.',
  constraint: 'The pair breaks a matching rule (`params.reason`).',
  changed: 'Changed meanwhile (`params.reason`: its state now).',
  'not-readable': 'A file that cannot be read.',
  'missing-columns':
    'A file without a column it needs; `params.options` names the missing columns (as written in a header row).',
  'no-links': 'A name that goes into email holds a web address.',
  'control-characters': 'Text holds control characters (line breaks, tabs, invisible direction overrides).',
  invalid: 'Not a valid value.',
} as const satisfies Record<string, string>

export type FieldErrorCode = keyof typeof FIELD_ERRORS
export const FIELD_ERROR_CODES = Object.keys(FIELD_ERRORS) as FieldErrorCode[]

/** What a field error's sentence may need: limits, the allowed values, the expected kind, a reason code. */
export interface FieldErrorParams {
  min?: number
  max?: number
  options?: string[]
  expected?: string
  reason?: string
}
