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

const unsubscribeText: Record<EmailLocale, { text: string; link: string }> = {
  en: { text: 'To stop this kind of email, open: {link}', link: 'Unsubscribe from these emails' },
  ar: { text: 'لإيقاف هذا النوع من الرسائل، افتح: {link}', link: 'إلغاء الاشتراك في هذه الرسائل' },
  de: {
    text: 'Um diese Art von E-Mail abzubestellen, öffnen Sie: {link}',
    link: 'Diese E-Mails abbestellen',
  },
  uk: {
    text: 'Щоб більше не отримувати такі листи, відкрийте: {link}',
    link: 'Відписатися від цих листів',
  },
  fa: { text: 'برای قطع این نوع ایمیل، این را باز کنید: {link}', link: 'لغو اشتراک این ایمیل‌ها' },
  es: {
    text: 'Para dejar de recibir este tipo de correo, abre: {link}',
    link: 'Darse de baja de estos correos',
  },
}

/**
 * The visible unsubscribe link of an optional email (decision 024): a line for the text part and a small
 * paragraph for the HTML part. The link opens a page that asks before it changes anything.
 */
export function unsubscribeFooter(locale: EmailLocale, link: string) {
  const t = unsubscribeText[locale]
  return {
    text: fill(t.text, { link }),
    html: (
      <p style={footerStyle}>
        <a href={link}>{t.link}</a>
      </p>
    ),
  }
}

const footerStyle = 'font-size:.85em;color:#4b5563'

/**
 * An email that is a few paragraphs and no button: the text part is the same lines, a blank line apart. An
 * optional email passes its unsubscribe link, which ends both parts.
 */
export const paragraphsEmail = (
  locale: EmailLocale,
  subject: string,
  lines: readonly string[],
  unsubscribe?: string,
): RenderedEmail => {
  const footer = unsubscribe ? unsubscribeFooter(locale, unsubscribe) : undefined
  return {
    subject,
    text: [...lines, ...(footer ? [footer.text] : [])].join('\n\n'),
    html: emailHtml(
      locale,
      <>
        <Paragraphs lines={lines} />
        {footer?.html}
      </>,
    ),
  }
}

/**
 * An email with one call to action: paragraphs, the button (in the text part, `label: link` on a line of its
 * own), the paragraphs after it (why the person gets it), and the unsubscribe line of an optional email.
 */
export const buttonEmail = (
  locale: EmailLocale,
  email: {
    subject: string
    lines: readonly string[]
    button: { label: string; href: string }
    after: readonly string[]
    unsubscribe: string
  },
): RenderedEmail => {
  const footer = unsubscribeFooter(locale, email.unsubscribe)
  return {
    subject: email.subject,
    text: [...email.lines, `${email.button.label}: ${email.button.href}`, ...email.after, footer.text].join(
      '\n\n',
    ),
    html: emailHtml(
      locale,
      <>
        <Paragraphs lines={email.lines} />
        <Button href={email.button.href} label={email.button.label} />
        <Paragraphs lines={email.after} />
        {footer.html}
      </>,
    ),
  }
}
