/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The reminder to look at a tandem's goal again (decision 027), to the mentor: the goal's title, and one link to
 * the portal, where the progress is recorded (the link opens a page; nothing happens on GET).
 */
import { buttonEmail, type EmailLocale, fill, type RenderedEmail } from './layout'

const goalRevisitText: Record<
  EmailLocale,
  { subject: string; greeting: string; ask: string; action: string; why: string }
> = {
  en: {
    subject: 'Time to look at a goal with {partner} again',
    greeting: 'Hello {name},',
    ask: 'You and {partner} set a goal in {program}: “{goal}”. How far have you got? Talk it over at your next meeting and note the progress.',
    action: 'Record progress',
    why: '{org} sends this reminder when a goal is due to be looked at again.',
  },
  ar: {
    subject: 'حان وقت مراجعة هدف مع {partner}',
    greeting: 'مرحبًا {name}،',
    ask: 'حدّدتَ مع {partner} هدفًا في برنامج {program}: «{goal}». إلى أين وصلتما؟ تحدّثا عنه في لقائكما القادم وسجّلا التقدّم.',
    action: 'تسجيل التقدّم',
    why: 'ترسل {org} هذا التذكير حين يحين موعد مراجعة هدف.',
  },
  de: {
    subject: 'Zeit, ein Ziel mit {partner} wieder anzusehen',
    greeting: 'Hallo {name},',
    ask: 'Sie und {partner} haben sich in {program} ein Ziel gesetzt: „{goal}“. Wie weit sind Sie gekommen? Sprechen Sie beim nächsten Treffen darüber und halten Sie den Fortschritt fest.',
    action: 'Fortschritt festhalten',
    why: '{org} sendet diese Erinnerung, wenn ein Ziel wieder angesehen werden soll.',
  },
  uk: {
    subject: 'Час знову переглянути ціль разом із {partner}',
    greeting: 'Вітаємо, {name}!',
    ask: 'Ви з {partner} поставили ціль у програмі {program}: «{goal}». Як просувається? Обговоріть це на наступній зустрічі й запишіть поступ.',
    action: 'Записати поступ',
    why: '{org} надсилає це нагадування, коли настає час переглянути ціль.',
  },
  fa: {
    subject: 'وقت بازبینی یک هدف با {partner} است',
    greeting: 'سلام {name}،',
    ask: 'شما و {partner} در {program} هدفی گذاشته‌اید: «{goal}». تا کجا پیش رفته‌اید؟ در دیدار بعدی درباره‌اش صحبت کنید و پیشرفت را ثبت کنید.',
    action: 'ثبت پیشرفت',
    why: '{org} این یادآوری را وقتی می‌فرستد که زمان بازبینی یک هدف رسیده باشد.',
  },
  es: {
    subject: 'Es hora de revisar una meta con {partner}',
    greeting: 'Hola, {name}:',
    ask: 'Tú y {partner} se pusieron una meta en {program}: «{goal}». ¿Cuánto han avanzado? Háblenlo en su próximo encuentro y anota el avance.',
    action: 'Anotar el avance',
    why: '{org} envía este recordatorio cuando toca revisar una meta.',
  },
}

/** The goal revisit reminder. Pass first names; `link` opens the portal; `unsubscribe` ends the email. */
export function goalRevisitEmail(
  locale: EmailLocale,
  params: {
    name: string
    partner: string
    program: string
    org: string
    goal: string
    link: string
    unsubscribe: string
  },
): RenderedEmail {
  const t = goalRevisitText[locale]
  const p = {
    name: params.name,
    partner: params.partner,
    program: params.program,
    org: params.org,
    goal: params.goal,
  }
  return buttonEmail(locale, {
    subject: fill(t.subject, p),
    lines: [fill(t.greeting, p), fill(t.ask, p)],
    button: { label: t.action, href: params.link },
    after: [fill(t.why, p)],
    unsubscribe: params.unsubscribe,
  })
}
