/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** The weekly summary to an organization's owners, admins and coordinators (decision 024). */
import { Button, type EmailLocale, emailHtml, fill, type RenderedEmail, unsubscribeFooter } from './layout'

/** What is waiting, counted over all of the organization's programs. */
export interface WeeklyCounts {
  /** People who applied through an intake form in the last 7 days. */
  applications: number
  /** Mentors (not exited) whose screening has not been approved yet. */
  awaitingScreening: number
  /** Match proposals of finished runs that nobody has accepted or rejected. */
  proposals: number
  /** Tandems in which someone asked to end and no coordinator has decided. */
  endRequests: number
  /** Background checks within their program's renewal window, or expired. */
  expiringChecks: number
}

type Line = keyof WeeklyCounts

const weeklyText: Record<
  EmailLocale,
  { subject: string; greeting: string; intro: string; quiet: string; button: string; why: string } & Record<
    Line,
    string
  >
> = {
  en: {
    subject: 'Your week at {org}: what is waiting',
    greeting: 'Hello {name},',
    intro: 'This is what is waiting at {org} in the week of {date}:',
    applications: 'New applications in the last 7 days: {n}',
    awaitingScreening: 'Mentors waiting for screening: {n}',
    proposals: 'Match proposals waiting for a decision: {n}',
    endRequests: 'Requests to end a tandem: {n}',
    expiringChecks: 'Background checks expiring soon or expired: {n}',
    quiet: 'Nothing else is waiting.',
    button: 'Open Tandem',
    why: 'You get this summary on Mondays because you coordinate at {org}.',
  },
  ar: {
    subject: 'أسبوعك في {org}: ما الذي ينتظرك',
    greeting: 'مرحبًا {name}،',
    intro: 'هذا ما ينتظر في {org} في أسبوع {date}:',
    applications: 'طلبات جديدة في الأيام السبعة الماضية: {n}',
    awaitingScreening: 'مرشدون ينتظرون التحقق: {n}',
    proposals: 'اقتراحات مطابقة تنتظر قرارًا: {n}',
    endRequests: 'طلبات لإنهاء شراكة: {n}',
    expiringChecks: 'تحققات من السجل تنتهي قريبًا أو انتهت: {n}',
    quiet: 'لا يوجد شيء آخر ينتظر.',
    button: 'افتح Tandem',
    why: 'تصلك هذه الخلاصة كل يوم اثنين لأنك تنسّق في {org}.',
  },
  de: {
    subject: 'Ihre Woche bei {org}: was ansteht',
    greeting: 'Hallo {name},',
    intro: 'das steht bei {org} in der Woche vom {date} an:',
    applications: 'Neue Anmeldungen in den letzten 7 Tagen: {n}',
    awaitingScreening: 'Mentorinnen und Mentoren, die auf die Prüfung warten: {n}',
    proposals: 'Vorschläge, die auf eine Entscheidung warten: {n}',
    endRequests: 'Bitten, ein Tandem zu beenden: {n}',
    expiringChecks: 'Führungszeugnisse, die bald ablaufen oder abgelaufen sind: {n}',
    quiet: 'Sonst wartet nichts.',
    button: 'Tandem öffnen',
    why: 'Sie bekommen diese Übersicht montags, weil Sie bei {org} koordinieren.',
  },
  uk: {
    subject: 'Ваш тиждень в {org}: що чекає',
    greeting: 'Вітаємо, {name}!',
    intro: 'Ось що чекає в {org} на тижні {date}:',
    applications: 'Нові заявки за останні 7 днів: {n}',
    awaitingScreening: 'Наставники, які чекають на перевірку: {n}',
    proposals: 'Пропозиції пар, що чекають на рішення: {n}',
    endRequests: 'Прохання завершити пару: {n}',
    expiringChecks: 'Перевірки, що скоро спливають або вже сплили: {n}',
    quiet: 'Більше нічого не чекає.',
    button: 'Відкрити Tandem',
    why: 'Ви отримуєте цей підсумок щопонеділка, бо координуєте в {org}.',
  },
  fa: {
    subject: 'هفتهٔ شما در {org}: چه چیزهایی منتظر است',
    greeting: 'سلام {name}،',
    intro: 'این‌ها در هفتهٔ {date} در {org} منتظر شماست:',
    applications: 'درخواست‌های تازه در ۷ روز گذشته: {n}',
    awaitingScreening: 'راهنماهایی که منتظر بررسی هستند: {n}',
    proposals: 'پیشنهادهای همراهی که منتظر تصمیم هستند: {n}',
    endRequests: 'درخواست‌های پایان همراهی: {n}',
    expiringChecks: 'بررسی‌های سوابقی که به‌زودی باطل می‌شوند یا باطل شده‌اند: {n}',
    quiet: 'چیز دیگری منتظر نیست.',
    button: 'باز کردن Tandem',
    why: 'این خلاصه را دوشنبه‌ها دریافت می‌کنید، چون در {org} هماهنگ‌کننده هستید.',
  },
  es: {
    subject: 'Tu semana en {org}: lo que está pendiente',
    greeting: 'Hola, {name}:',
    intro: 'Esto está pendiente en {org} la semana del {date}:',
    applications: 'Solicitudes nuevas en los últimos 7 días: {n}',
    awaitingScreening: 'Personas mentoras que esperan la verificación: {n}',
    proposals: 'Propuestas de tándem que esperan una decisión: {n}',
    endRequests: 'Peticiones para terminar un tándem: {n}',
    expiringChecks: 'Comprobaciones de antecedentes que caducan pronto o ya caducaron: {n}',
    quiet: 'No hay nada más pendiente.',
    button: 'Abrir Tandem',
    why: 'Recibes este resumen los lunes porque coordinas en {org}.',
  },
}

const LINES: readonly Line[] = [
  'applications',
  'awaitingScreening',
  'proposals',
  'endRequests',
  'expiringChecks',
]

/** True when a summary would have something to say. */
export const hasNews = (counts: WeeklyCounts) => LINES.some((line) => counts[line] > 0)

/**
 * The weekly summary: each count that is not zero on its own line (numbers in the reader's digits), a button to
 * the organization, why the email comes, and the unsubscribe link.
 */
export function weeklySummaryEmail(
  locale: EmailLocale,
  params: {
    name: string
    org: string
    /** The Monday of the week, `YYYY-MM-DD` (the organization's local date). */
    weekOf: string
    counts: WeeklyCounts
    link: string
    unsubscribe: string
  },
): RenderedEmail {
  const t = weeklyText[locale]
  const number = new Intl.NumberFormat(locale)
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${params.weekOf}T00:00:00Z`),
  )
  const p = { name: params.name, org: params.org, date }
  const items = LINES.filter((line) => params.counts[line] > 0).map((line) =>
    fill(t[line], { n: number.format(params.counts[line]) }),
  )
  const head = [fill(t.greeting, p), fill(t.intro, p)]
  const footer = unsubscribeFooter(locale, params.unsubscribe)
  const why = fill(t.why, p)
  return {
    subject: fill(t.subject, p),
    text: [
      ...head,
      items.map((item) => `- ${item}`).join('\n'),
      t.quiet,
      `${t.button}: ${params.link}`,
      why,
      footer.text,
    ].join('\n\n'),
    html: emailHtml(
      locale,
      <>
        {head.map((line) => (
          <p>{line}</p>
        ))}
        <p>
          {items.map((item, i) => (
            <>
              {i > 0 && <br />}
              {item}
            </>
          ))}
        </p>
        <p>{t.quiet}</p>
        <Button href={params.link} label={t.button} />
        <p>{why}</p>
        {footer.html}
      </>,
    ),
  }
}
