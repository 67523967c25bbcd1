import type en from './locales/en'

/**
 * A message with plural forms, chosen with `Intl.PluralRules` for the `count` param. `other` is
 * required; a language adds the categories it uses (Arabic: zero, one, two, few, many, other).
 */
export type PluralMessage = { readonly [Category in Intl.LDMLPluralRule]?: string } & {
  readonly other: string
}

export type Message = string | PluralMessage

/** The English catalog is the source of truth for keys and for the `{param}` names of each message. */
export type SourceCatalog = typeof en

export type MessageKey = keyof SourceCatalog

/**
 * What every other language file exports. Keys are checked against English (a typo or a stale key
 * is a type error); a missing key is allowed and falls back to English at runtime. A key that is
 * plural in English must be plural in the translation too.
 */
export type Catalog = {
  readonly [K in MessageKey]?: SourceCatalog[K] extends string ? string : PluralMessage
}

/** `'Hello {name}, {count} new'` → `'name' | 'count'`. */
type Placeholders<Text> = Text extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never

type ParamsOf<M> = M extends string
  ? { [Name in Placeholders<M>]: string | number }
  : { count: number } & { [Name in Exclude<Placeholders<M[keyof M]>, 'count'>]: string | number }

/** The rest arguments of `t(key, ...)`: none for a plain message, a typed params object otherwise. */
export type TranslateArgs<K extends MessageKey> = keyof ParamsOf<SourceCatalog[K]> extends never
  ? []
  : [params: ParamsOf<SourceCatalog[K]>]

export type Translate = <K extends MessageKey>(key: K, ...args: TranslateArgs<K>) => string

export type { Direction } from '@tandem/i18n'
