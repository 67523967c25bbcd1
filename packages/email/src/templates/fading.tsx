/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * Before a tandem fades (decision 028): a friendly nudge to the mentor after a quiet spell, and, after a second
 * one, an alert to the organization's coordinators. Both name people by first name only and carry no notes.
 */
import { buttonEmail, type EmailLocale, fill, type RenderedEmail } from './layout'

const nudgeText: Record<
  EmailLocale,
  { subject: string; greeting: string; body: string; idea: string; button: string; why: string }
> = {
  en: {
    subject: 'Time to meet {partner} again?',
    greeting: 'Hello {name},',
    body: 'It has been {days} days since you and {partner} last met in {program}. A short call or a coffee is enough to stay in touch.',
    idea: 'Once you have met, log it in your portal, or answer the next check-in email with one click.',
    button: 'Open my portal',
    why: 'You get this reminder because you are a mentor in {program} at {org}.',
  },
  ar: {
    subject: 'هل حان وقت لقاء جديد مع {partner}؟',
    greeting: 'مرحبًا {name}،',
    body: 'مرّ {days} يومًا منذ آخر لقاء لك مع {partner} في برنامج {program}. تكفي مكالمة قصيرة أو فنجان قهوة للبقاء على تواصل.',
    idea: 'بعد أن تلتقيا، سجّل اللقاء في بوابتك، أو أجب عن رسالة المتابعة القادمة بنقرة واحدة.',
    button: 'افتح بوابتي',
    why: 'تصلك هذه الرسالة لأنك مرشد في برنامج {program} لدى {org}.',
  },
  de: {
    subject: 'Zeit für ein Treffen mit {partner}?',
    greeting: 'Hallo {name},',
    body: 'Ihr letztes Treffen mit {partner} in {program} ist {days} Tage her. Ein kurzer Anruf oder ein Kaffee genügt, um in Kontakt zu bleiben.',
    idea: 'Wenn Sie sich getroffen haben, tragen Sie es in Ihrem Portal ein oder beantworten Sie die nächste Rückmelde-E-Mail mit einem Klick.',
    button: 'Mein Portal öffnen',
    why: 'Sie bekommen diese Erinnerung, weil Sie in {program} bei {org} Mentorin oder Mentor sind.',
  },
  uk: {
    subject: 'Час знову зустрітися з {partner}?',
    greeting: 'Вітаємо, {name}!',
    body: 'Минуло {days} днів відтоді, як ви востаннє зустрічалися з {partner} у програмі {program}. Щоб не втрачати зв’язок, досить короткого дзвінка чи кави.',
    idea: 'Коли зустрінетеся, запишіть це у своєму порталі або відповідайте на наступний лист-нагадування одним натисканням.',
    button: 'Відкрити мій портал',
    why: 'Ви отримуєте це нагадування, бо ви наставник у програмі {program} в {org}.',
  },
  fa: {
    subject: 'وقت دیدار دوباره با {partner} است؟',
    greeting: 'سلام {name}،',
    body: '{days} روز از آخرین دیدار شما با {partner} در {program} گذشته است. یک تماس کوتاه یا یک قهوه برای در تماس ماندن کافی است.',
    idea: 'وقتی همدیگر را دیدید، آن را در درگاه خود ثبت کنید یا به ایمیل پیگیری بعدی با یک کلیک پاسخ دهید.',
    button: 'باز کردن درگاه من',
    why: 'این یادآوری را دریافت می‌کنید، چون در {program} در {org} راهنما هستید.',
  },
  es: {
    subject: '¿Es hora de volver a ver a {partner}?',
    greeting: 'Hola, {name}:',
    body: 'Han pasado {days} días desde tu último encuentro con {partner} en {program}. Una llamada corta o un café bastan para seguir en contacto.',
    idea: 'Cuando se vean, anótalo en tu portal o responde al próximo correo de seguimiento con un clic.',
    button: 'Abrir mi portal',
    why: 'Recibes este recordatorio porque eres mentor o mentora en {program} de {org}.',
  },
}

/** The nudge to a mentor whose tandem has been quiet for the program's cadence plus the grace period. */
export function nudgeEmail(
  locale: EmailLocale,
  params: {
    name: string
    partner: string
    program: string
    org: string
    /** Days since the last meeting (or since the tandem started). */
    days: number
    link: string
    unsubscribe: string
  },
): RenderedEmail {
  const t = nudgeText[locale]
  const p = {
    name: params.name,
    partner: params.partner,
    program: params.program,
    org: params.org,
    days: new Intl.NumberFormat(locale).format(params.days),
  }
  return buttonEmail(locale, {
    subject: fill(t.subject, p),
    lines: [fill(t.greeting, p), fill(t.body, p), t.idea],
    button: { label: t.button, href: params.link },
    after: [fill(t.why, p)],
    unsubscribe: params.unsubscribe,
  })
}

const alertText: Record<
  EmailLocale,
  { subject: string; greeting: string; body: string; nudged: string; button: string; why: string }
> = {
  en: {
    subject: 'A tandem in {program} has not met for {days} days',
    greeting: 'Hello {name},',
    body: '{mentor} and {newcomer} in {program} have not logged a meeting for {days} days.',
    nudged:
      'The mentor got a friendly reminder earlier. A word from you may help, or the tandem may need to change.',
    button: 'Open the tandem',
    why: 'You get this alert because you coordinate at {org}. The organization home lists every tandem that needs attention.',
  },
  ar: {
    subject: 'ثنائي في {program} لم يلتقِ منذ {days} يومًا',
    greeting: 'مرحبًا {name}،',
    body: 'لم يسجّل {mentor} و{newcomer} في برنامج {program} أي لقاء منذ {days} يومًا.',
    nudged: 'تلقّى المرشد تذكيرًا وديًا من قبل. قد تساعد كلمة منك، أو قد يحتاج الثنائي إلى تغيير.',
    button: 'افتح الثنائي',
    why: 'يصلك هذا التنبيه لأنك تنسّق في {org}. تعرض الصفحة الرئيسية للمنظمة كل ثنائي يحتاج إلى اهتمام.',
  },
  de: {
    subject: 'Ein Tandem in {program} hat sich seit {days} Tagen nicht getroffen',
    greeting: 'Hallo {name},',
    body: '{mentor} und {newcomer} in {program} haben seit {days} Tagen kein Treffen eingetragen.',
    nudged:
      'Die Mentorin oder der Mentor wurde bereits freundlich erinnert. Vielleicht hilft ein Wort von Ihnen, oder das Tandem braucht eine Änderung.',
    button: 'Tandem öffnen',
    why: 'Sie bekommen diesen Hinweis, weil Sie bei {org} koordinieren. Die Startseite der Organisation listet jedes Tandem, das Aufmerksamkeit braucht.',
  },
  uk: {
    subject: 'Пара в програмі {program} не зустрічалася {days} днів',
    greeting: 'Вітаємо, {name}!',
    body: '{mentor} і {newcomer} у програмі {program} не записали жодної зустрічі за {days} днів.',
    nudged: 'Наставник уже отримав дружнє нагадування. Можливо, допоможе ваше слово, або пару варто змінити.',
    button: 'Відкрити пару',
    why: 'Ви отримуєте це сповіщення, бо координуєте в {org}. На головній сторінці організації є всі пари, що потребують уваги.',
  },
  fa: {
    subject: 'یک همراهی در {program} {days} روز است دیداری نداشته',
    greeting: 'سلام {name}،',
    body: '{mentor} و {newcomer} در {program} {days} روز است هیچ دیداری ثبت نکرده‌اند.',
    nudged:
      'راهنما پیش‌تر یک یادآوری دوستانه دریافت کرده است. شاید یک پیام از شما کمک کند، یا شاید این همراهی نیاز به تغییر داشته باشد.',
    button: 'باز کردن همراهی',
    why: 'این هشدار را دریافت می‌کنید، چون در {org} هماهنگ‌کننده هستید. صفحهٔ اصلی سازمان همهٔ همراهی‌هایی را که به توجه نیاز دارند نشان می‌دهد.',
  },
  es: {
    subject: 'Un tándem de {program} no se ha visto en {days} días',
    greeting: 'Hola, {name}:',
    body: '{mentor} y {newcomer}, de {program}, no han anotado ningún encuentro en {days} días.',
    nudged:
      'La persona mentora ya recibió un recordatorio amable. Quizá ayude una palabra tuya, o quizá el tándem necesite un cambio.',
    button: 'Abrir el tándem',
    why: 'Recibes este aviso porque coordinas en {org}. La página de inicio de la organización muestra cada tándem que necesita atención.',
  },
}

/** The alert to a coordinator after a second quiet spell: first names only, a link to the match (sign-in). */
export function fadingAlertEmail(
  locale: EmailLocale,
  params: {
    name: string
    mentor: string
    newcomer: string
    program: string
    org: string
    days: number
    link: string
    unsubscribe: string
  },
): RenderedEmail {
  const t = alertText[locale]
  const p = {
    name: params.name,
    mentor: params.mentor,
    newcomer: params.newcomer,
    program: params.program,
    org: params.org,
    days: new Intl.NumberFormat(locale).format(params.days),
  }
  return buttonEmail(locale, {
    subject: fill(t.subject, p),
    lines: [fill(t.greeting, p), fill(t.body, p), t.nudged],
    button: { label: t.button, href: params.link },
    after: [fill(t.why, p)],
    unsubscribe: params.unsubscribe,
  })
}
