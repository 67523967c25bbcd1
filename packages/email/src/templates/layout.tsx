/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { dirOf, LOCALES, type Locale, negotiateLocale, SOURCE_LOCALE } from '@tandem/i18n'
import type { Child } from 'hono/jsx'

/** Emails are written in every language Tandem speaks. */
export const emailLocales = LOCALES
export type EmailLocale = Locale

/** The language to write to someone in: theirs if we have it (`ar-SY` → `ar`, `prs` → `fa`), else the fallback's, else English. */
export const emailLocale = (preferred: string | null | undefined, fallback = SOURCE_LOCALE): EmailLocale =>
  negotiateLocale([preferred, fallback], emailLocales, SOURCE_LOCALE)

export interface RenderedEmail {
  subject: string
  text: string
  html: string
}

/** Fills `{name}` placeholders; an unknown one stays as written. */
export function fill(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => params[key] ?? `{${key}}`)
}

const bodyStyle = 'font-family:system-ui,sans-serif;line-height:1.5'
const buttonStyle =
  'display:inline-block;padding:.6em 1.2em;background:#1d4ed8;color:#fff;border-radius:.4em;text-decoration:none'

/** One paragraph per line. */
export const Paragraphs = (props: { lines: readonly string[] }) => (
  <>
    {props.lines.map((line) => (
      <p>{line}</p>
    ))}
  </>
)

/** The one call to action of an email: a link styled as a button (mail clients ignore stylesheets). */
export const Button = (props: { href: string; label: string }) => (
  <p>
    <a href={props.href} style={buttonStyle}>
      {props.label}
    </a>
  </p>
)

/**
 * The HTML document of an email, marked with its language and direction so Arabic and Persian read right to
 * left. JSX escapes every text and attribute, names and links included.
 */
export function emailHtml(locale: EmailLocale, body: Child): string {
  const document = (
    <html lang={locale} dir={dirOf(locale)}>
      <body style={bodyStyle}>{body}</body>
    </html>
  )
  const html: unknown = document.toString()
  if (typeof html !== 'string') throw new Error('An email template must render synchronously.')
  return `<!doctype html>${html}`
}

/** An email that is a few paragraphs and no button: the text part is the same lines, a blank line apart. */
export const paragraphsEmail = (
  locale: EmailLocale,
  subject: string,
  lines: readonly string[],
): RenderedEmail => ({
  subject,
  text: lines.join('\n\n'),
  html: emailHtml(locale, <Paragraphs lines={lines} />),
})
