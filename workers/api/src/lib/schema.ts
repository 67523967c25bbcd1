import * as v from 'valibot'
import { pattern, rule } from './field-errors'

/** Shared request-schema pieces, so every route checks ids and slugs the same way. */

/** A random row id (`newId()`: 24 lowercase base32 characters). */
export const Id = v.pipe(v.string(), v.regex(/^[a-z2-7]{24}$/, 'Not a valid id.'))

/** The organization slug in a tenant path; the tenant middleware resolves it through the membership. */
export const OrgSlug = v.pipe(v.string(), v.maxLength(40))

/** A language tag (`ar`, `ar-SY`, `prs`). */
export const Locale = v.pipe(
  v.string(),
  pattern(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'not-a-language', 'Use a language code such as en, ar or uk.'),
  v.maxLength(35),
)

/**
 * The language of the page a request comes from (the web client sends the language it shows). An email the
 * request causes is written in the person's own language (their profile) when Tandem knows it, else in this one,
 * else in the organization's default.
 */
export const PageLocale = v.optional(
  v.pipe(
    Locale,
    v.description(
      'The language of the page the request comes from (e.g. `ar`). Emails go in the person’s own language when known, else in this one, else in the organization’s default.',
    ),
  ),
)

/** A calendar day, `YYYY-MM-DD`, that exists (2026-02-31 does not). */
export const Day = v.pipe(
  v.string(),
  v.isoDate('Use a date like 2026-11-27.'),
  rule(
    // valibot runs the rest of a pipe after a failed check: a text that is no date at all gets here too.
    (d) => {
      const date = new Date(`${d}T00:00:00Z`)
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === d
    },
    'not-a-date',
    'This date does not exist.',
  ),
)

/** Free text, trimmed, at most `max` characters. */
export const Text = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max))

/**
 * A web address in a name: a scheme (`https://`), `www.`, or a host name ending in a top-level domain spam uses
 * often (`prize.top`, `win.com`). Short country endings that are also parts of names (`A.De La Cruz`) are not
 * counted.
 */
const LINK =
  /[a-z][a-z0-9+.-]*:\/\/|\bwww\.|[\p{L}\p{N}-]\.(?:com|org|net|info|biz|io|xyz|top|site|online|app|link|click|shop|store|club|live|ru|cn|tk|ml|ga|cf|gq|ly)\b/iu

/** Control characters (line breaks, tabs, bell…) and the bidirectional overrides that disguise text. */
const CONTROL = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u

/** True when `text` holds no web address. */
export const hasNoLink = (text: string) => !LINK.test(text)
/** True when `text` holds no control character. */
export const hasNoControl = (text: string) => !CONTROL.test(text)

/**
 * One line that goes into email (a name, a goal's title): trimmed text of 1 to `max` characters, with no web
 * address (our email must not carry someone's link to the people it reaches) and no control characters (hidden
 * or disguised text, line breaks in a subject). `empty` asks for it when missing; `linked` says why a web address
 * is refused.
 */
export const MailLine = (max: number, empty: string, linked: string) =>
  v.pipe(
    v.string(empty),
    rule(hasNoControl, 'control-characters', 'Leave out line breaks, tabs and other invisible characters.'),
    v.trim(),
    v.minLength(1, empty),
    v.maxLength(max),
    rule(hasNoLink, 'no-links', linked),
  )

/** A name that goes into email (an organization's, a program's, a person's): a `MailLine` of at most `max`. */
export const MailName = (max: number) =>
  MailLine(max, 'Enter a name.', 'Leave out web addresses: this name goes into email.')

/** A page size in the query string: 1…`max`, `fallback` when absent. */
export const Limit = (fallback: number, max: number) =>
  v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(max)),
    String(fallback),
  )

/** One page of a keyset-paged list: the items and the cursor of the next page (null on the last). */
export const Page = <S extends v.GenericSchema>(item: S) =>
  v.object({ items: v.array(item), nextCursor: v.nullable(v.string()) })

/** An object with one schema, made by `schema()`, under each of `keys` (each key required). */
export const sameFor = <K extends string, S extends v.GenericSchema>(keys: readonly K[], schema: () => S) =>
  v.object(Object.fromEntries(keys.map((key) => [key, schema()])) as Record<K, S>)
