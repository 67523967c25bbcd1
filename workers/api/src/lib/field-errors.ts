import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { FieldErrorCode, FieldErrorParams } from '@tandem/vocab'
import * as v from 'valibot'

/**
 * Field errors with stable codes, derived in one place from the validator's issues: `too-long {max}` for a
 * string over its `maxLength`, `required` for a missing key, `one-of {options}` for a value outside a picklist…
 * The `message` is plain English for API users (the schema's own sentence when it has one); the web client
 * shows the code in the reader's language.
 */

/** One failing field: where it was (`body`, `query`, `param`, `header`), its dotted path, why (code), in words. */
export interface FieldError {
  location: string
  path: string
  code: FieldErrorCode
  params?: FieldErrorParams
  message: string
}

/** Plain English for each code, for API users (the web client has its own sentences in every language). */
export function plainMessage(code: FieldErrorCode, params: FieldErrorParams = {}): string {
  const { min, max, options, expected } = params
  switch (code) {
    case 'required':
      return 'This field is required.'
    case 'too-long':
      return `Use at most ${max} characters.`
    case 'too-short':
      return `Use at least ${min} characters.`
    case 'too-many':
      return `Give at most ${max}.`
    case 'too-few':
      return `Give at least ${min}.`
    case 'too-small':
      return `Use a number of at least ${min}.`
    case 'too-large':
      return `Use a number of at most ${max}.`
    case 'not-a-number':
      return 'Use a number.'
    case 'not-a-whole-number':
      return 'Use a whole number.'
    case 'not-an-email':
      return 'Use an email address such as name@example.org.'
    case 'not-a-date':
      return 'Use a date that exists, written like 2026-11-27.'
    case 'not-a-language':
      return 'Use a language code such as ar, uk or fa-AF.'
    case 'not-a-code':
      return 'Use lowercase letters, digits, - or _ (at most 40).'
    case 'not-a-phone':
      return 'Use digits, spaces and an optional leading +.'
    case 'bad-format':
      return 'This is not in the expected format.'
    case 'wrong-type':
      return expected ? `Send ${expected} here.` : 'Send another kind of value here.'
    case 'one-of':
      return options?.length ? `Choose one of: ${options.join(', ')}.` : 'Choose one of the allowed values.'
    case 'unknown-field':
      return 'This field is not asked for here. Leave it out.'
    case 'not-confirmed':
      return 'Type exactly what the confirmation asks for.'
    case 'duplicate':
      return 'List each entry once.'
    case 'must-agree':
      return 'Tick the box to agree.'
    case 'needs-consent':
      return 'This needs the person’s consent.'
    case 'missing-columns':
      return `The file has no column for ${options?.join(', ') ?? 'some of the information needed'}.`
    case 'contact-required':
      return 'Give an email address or a phone number.'
    case 'consent-changed':
      return 'The consent text changed. Load the form again.'
    case 'nothing-to-change':
      return 'Send at least one field to change.'
    case 'not-allowed':
      return options?.length ? `Not allowed now. Allowed: ${options.join(', ')}.` : 'Not allowed now.'
    case 'taken':
      return 'This is already in use. Choose another.'
    case 'not-found':
      return 'There is no such entry here.'
    case 'expired':
      return 'This is not valid any more. Ask for a new one.'
    case 'wrong-role':
      return expected ? `Choose a ${expected}.` : 'Choose a participant of the other role.'
    case 'unavailable':
      return 'This person is not available for this now.'
    case 'constraint':
      return 'The pair breaks a matching rule.'
    case 'changed':
      return 'This changed meanwhile. Reload and try again.'
    case 'not-readable':
      return 'This file cannot be read.'
    case 'no-links':
      return 'Leave out web addresses: this name goes into email.'
    case 'control-characters':
      return 'Leave out line breaks, tabs and other invisible characters.'
    case 'invalid':
      return 'This value is not valid.'
  }
}

/** A field error from a service (not from a schema): its code, params and, if given, its own English sentence. */
export function fieldError(
  path: string,
  code: FieldErrorCode,
  options: { params?: FieldErrorParams; message?: string; location?: string } = {},
): FieldError {
  const { params, location = 'body' } = options
  return {
    location,
    path,
    code,
    ...(params ? { params } : {}),
    message: options.message ?? plainMessage(code, params),
  }
}

// ---------- codes from schema rules ----------

type Coded = { code: FieldErrorCode; params?: FieldErrorParams }

/** The code each registered rule (a regex or a check function, as valibot reports it) stands for. */
const ruleCodes = new WeakMap<object, Coded>()

/** `v.regex` whose failure has a code of its own (`not-a-language`, `not-a-code` …), not just `bad-format`. */
export function pattern<T extends string>(regex: RegExp, code: FieldErrorCode, message?: string) {
  ruleCodes.set(regex, { code })
  return v.regex<T, string | undefined>(regex, message)
}

/** `v.check` whose failure has a code of its own (`duplicate`, `nothing-to-change` …), not just `invalid`. */
export function rule<T>(
  check: (input: T) => boolean,
  code: FieldErrorCode,
  message?: string,
  params?: FieldErrorParams,
) {
  ruleCodes.set(check, params ? { code, params } : { code })
  return v.check<T, string | undefined>(check, message)
}

/** Each entry once: `rule(unique, 'duplicate', 'List each language once.')`. */
export const unique = <T>(items: readonly T[]) => new Set(items).size === items.length

/** A valibot issue as the standard-schema interface hands it over, with the members the code is read from. */
interface ValibotIssue extends StandardSchemaV1.Issue {
  kind?: string
  type?: string
  input?: unknown
  expected?: string | null
  requirement?: unknown
}

/** `("a" | "b")` → ['a', 'b']; undefined unless every option is a literal. */
function optionsOf(expected: string | null | undefined): string[] | undefined {
  if (!expected) return undefined
  const options: string[] = []
  for (const part of expected.replace(/^\((.*)\)$/, '$1').split(' | ')) {
    try {
      const value: unknown = JSON.parse(part)
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
        return undefined
      options.push(String(value))
    } catch {
      return undefined
    }
  }
  return options.length > 0 && options.length <= 50 ? options : undefined
}

const kinds: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  strict_object: 'an object',
  record: 'an object',
}

/** The code of an issue type whose code needs nothing else from the issue. */
const plainCodes = new Map<string | undefined, FieldErrorCode>([
  ['integer', 'not-a-whole-number'],
  ['email', 'not-an-email'],
  ['iso_date', 'not-a-date'],
  ['iso_date_time', 'not-a-date'],
  ['iso_timestamp', 'not-a-date'],
  ['regex', 'bad-format'],
  ['picklist', 'one-of'],
  ['value', 'one-of'],
])

const asNumber = (value: unknown) => (typeof value === 'number' ? value : undefined)

/** The code of a bound's issue, with the bound (`{ max: 80 }`) as its param when the issue names a number. */
function withBound(code: FieldErrorCode, bound: 'min' | 'max', requirement: unknown) {
  const value = asNumber(requirement)
  if (value === undefined) return { code }
  return { code, params: bound === 'min' ? { min: value } : { max: value } }
}

/** The code (and params) of one validation issue. */
export function issueCode(standard: StandardSchemaV1.Issue): {
  code: FieldErrorCode
  params?: FieldErrorParams
} {
  const issue = standard as ValibotIssue
  const { type, input, requirement } = issue
  const registered = typeof requirement === 'object' || typeof requirement === 'function'
  const own = registered && requirement !== null ? ruleCodes.get(requirement) : undefined
  if (own) return own
  if (issue.kind === 'schema') {
    if (type === 'strict_object' && issue.expected === 'never') return { code: 'unknown-field' }
    if (input === undefined) return { code: 'required' }
    if (type === 'picklist' || type === 'enum' || type === 'union' || type === 'variant') {
      const options = optionsOf(issue.expected)
      if (options) return { code: 'one-of', params: { options } }
      return { code: type === 'picklist' || type === 'enum' ? 'one-of' : 'invalid' }
    }
    if (type === 'literal') return issue.expected === 'true' ? { code: 'must-agree' } : { code: 'invalid' }
    if (type === 'number' && typeof input !== 'number') return { code: 'not-a-number' }
    const expected = type ? kinds[type] : undefined
    return expected ? { code: 'wrong-type', params: { expected } } : { code: 'invalid' }
  }
  const length = Array.isArray(input) || typeof input === 'string' || input instanceof Map
  const isList = Array.isArray(input)
  switch (type) {
    case 'min_length':
    case 'non_empty': {
      const min = asNumber(requirement) ?? 1
      if (min <= 1 || !length) return { code: 'required' }
      return { code: isList ? 'too-few' : 'too-short', params: { min } }
    }
    case 'max_length':
    case 'max_bytes':
      return withBound(isList ? 'too-many' : 'too-long', 'max', requirement)
    case 'min_value':
      return withBound('too-small', 'min', requirement)
    case 'max_value':
      return withBound('too-large', 'max', requirement)
    default:
      return { code: plainCodes.get(type) ?? 'invalid' }
  }
}

/** Valibot's own English ("Invalid length: Expected <=120 but received 5000") is replaced by a plain sentence. */
const isDefaultMessage = (message: string) => /^Invalid \w+/.test(message)

/** An issue as standard schema or valibot hands it over (valibot's path items carry `key: unknown`). */
type AnyIssue = { readonly message: string; readonly path?: readonly unknown[] | undefined }

export function pathOf(issue: AnyIssue): string {
  if (!issue.path || issue.path.length === 0) return ''
  return issue.path
    .map((p) => String(typeof p === 'object' && p !== null && 'key' in p ? p.key : p))
    .join('.')
}

/** One issue as a field error: path, code, params and a plain English sentence. */
export function issueError(location: string, issue: AnyIssue): FieldError {
  const { code, params } = issueCode(issue as StandardSchemaV1.Issue)
  return {
    location,
    path: pathOf(issue),
    code,
    ...(params ? { params } : {}),
    message: isDefaultMessage(issue.message) ? plainMessage(code, params) : issue.message,
  }
}
