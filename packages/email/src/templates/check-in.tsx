/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The check-in email to a mentor or newcomer (decision 025): did you meet? Three links, one click each, no
 * sign-in. The links open a page that asks before it records anything (mail scanners open links).
 */
import { Button, type EmailLocale, emailHtml, fill, type RenderedEmail, unsubscribeFooter } from './layout'

type Answer = 'met' | 'notMet' | 'reschedule'

const checkInText: Record<
  EmailLocale,
  {
    subjectMeeting: string
    subjectQuiet: string
    greeting: string
    askMeeting: string
    askQuiet: string
    oneClick: string
    why: string
  } & Record<Answer, string>
> = {
  en: {
    subjectMeeting: 'Did you meet {partner} on {date}?',
    subjectQuiet: 'How is your tandem with {partner} going?',
    greeting: 'Hello {name},',
    askMeeting: 'You planned to meet {partner} on {date} ({program}). Did you meet?',
    askQuiet: 'We have not heard about a meeting with {partner} in {program} for a while. Have you met?',
    oneClick: 'One click is enough; you do not need to sign in.',
    met: 'We met',
    notMet: 'We did not meet',
    reschedule: 'Let’s reschedule',
    why: 'This link is only for you and works once, for 14 days. {org} uses your answer to support your tandem.',
  },
  ar: {
    subjectMeeting: 'هل التقيت بـ{partner} في {date}؟',
    subjectQuiet: 'كيف تسير لقاءاتك مع {partner}؟',
    greeting: 'مرحبًا {name}،',
    askMeeting: 'كان من المقرر أن تلتقي بـ{partner} في {date} ضمن برنامج {program}. هل التقيتما؟',
    askQuiet: 'لم يصلنا خبر عن لقاء مع {partner} في برنامج {program} منذ مدة. هل التقيتما؟',
    oneClick: 'تكفي نقرة واحدة، ولا حاجة إلى تسجيل الدخول.',
    met: 'التقينا',
    notMet: 'لم نلتقِ',
    reschedule: 'لنحدد موعدًا آخر',
    why: 'هذا الرابط لك وحدك، ويعمل مرة واحدة خلال 14 يومًا. تستخدم {org} إجابتك لدعم ثنائيكما.',
  },
  de: {
    subjectMeeting: 'Haben Sie {partner} am {date} getroffen?',
    subjectQuiet: 'Wie läuft Ihr Tandem mit {partner}?',
    greeting: 'Hallo {name},',
    askMeeting: 'Sie wollten sich am {date} mit {partner} treffen ({program}). Hat das geklappt?',
    askQuiet:
      'Wir haben länger nichts von einem Treffen mit {partner} in {program} gehört. Haben Sie sich getroffen?',
    oneClick: 'Ein Klick genügt, Sie müssen sich nicht anmelden.',
    met: 'Wir haben uns getroffen',
    notMet: 'Wir haben uns nicht getroffen',
    reschedule: 'Neuen Termin finden',
    why: 'Dieser Link ist nur für Sie und funktioniert einmal, 14 Tage lang. {org} nutzt Ihre Antwort, um Ihr Tandem zu unterstützen.',
  },
  uk: {
    subjectMeeting: 'Чи зустрілися ви з {partner} {date}?',
    subjectQuiet: 'Як справи у вашій парі з {partner}?',
    greeting: 'Вітаємо, {name}!',
    askMeeting: 'Ви планували зустрітися з {partner} {date} (програма {program}). Чи відбулася зустріч?',
    askQuiet: 'Ми давно не чули про зустрічі з {partner} у програмі {program}. Ви зустрічалися?',
    oneClick: 'Достатньо одного натискання, входити не потрібно.',
    met: 'Ми зустрілися',
    notMet: 'Ми не зустрілися',
    reschedule: 'Перенесімо зустріч',
    why: 'Це посилання лише для вас і діє один раз протягом 14 днів. {org} використовує вашу відповідь, щоб підтримати вашу пару.',
  },
  fa: {
    subjectMeeting: 'آیا در {date} با {partner} دیدار کردید؟',
    subjectQuiet: 'همراهی شما با {partner} چطور پیش می‌رود؟',
    greeting: 'سلام {name}،',
    askMeeting: 'قرار بود در {date} با {partner} دیدار کنید ({program}). آیا همدیگر را دیدید؟',
    askQuiet: 'مدتی است از دیدار شما با {partner} در {program} خبری نداریم. آیا همدیگر را دیده‌اید؟',
    oneClick: 'یک کلیک کافی است؛ لازم نیست وارد شوید.',
    met: 'همدیگر را دیدیم',
    notMet: 'همدیگر را ندیدیم',
    reschedule: 'وقت دیگری بگذاریم',
    why: 'این پیوند فقط برای شماست و یک بار، تا ۱۴ روز، کار می‌کند. {org} از پاسخ شما برای پشتیبانی از همراهی‌تان استفاده می‌کند.',
  },
  es: {
    subjectMeeting: '¿Te viste con {partner} el {date}?',
    subjectQuiet: '¿Cómo va tu tándem con {partner}?',
    greeting: 'Hola, {name}:',
    askMeeting: 'Tenías previsto verte con {partner} el {date} ({program}). ¿Se vieron?',
    askQuiet: 'Hace tiempo que no sabemos de un encuentro con {partner} en {program}. ¿Se han visto?',
    oneClick: 'Basta con un clic; no necesitas iniciar sesión.',
    met: 'Nos vimos',
    notMet: 'No nos vimos',
    reschedule: 'Busquemos otra fecha',
    why: 'Este enlace es solo para ti y funciona una vez, durante 14 días. {org} usa tu respuesta para apoyar a tu tándem.',
  },
}

const ANSWERS: readonly Answer[] = ['met', 'notMet', 'reschedule']

/**
 * A check-in: after a scheduled meeting (`meetingDate`) or after a quiet spell (`meetingDate` null). Pass first
 * names. `links` are the three answer links (one person's token); `unsubscribe` ends the email.
 */
export function checkInEmail(
  locale: EmailLocale,
  params: {
    name: string
    partner: string
    program: string
    org: string
    /** `YYYY-MM-DD`, or null when no meeting was scheduled. */
    meetingDate: string | null
    links: Record<Answer, string>
    unsubscribe: string
  },
): RenderedEmail {
  const t = checkInText[locale]
  const date = params.meetingDate
    ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(`${params.meetingDate}T00:00:00Z`),
      )
    : ''
  const p = { name: params.name, partner: params.partner, program: params.program, org: params.org, date }
  const ask = fill(params.meetingDate ? t.askMeeting : t.askQuiet, p)
  const head = [fill(t.greeting, p), ask, t.oneClick]
  const why = fill(t.why, p)
  const footer = unsubscribeFooter(locale, params.unsubscribe)
  return {
    subject: fill(params.meetingDate ? t.subjectMeeting : t.subjectQuiet, p),
    text: [...head, ...ANSWERS.map((a) => `${t[a]}: ${params.links[a]}`), why, footer.text].join('\n\n'),
    html: emailHtml(
      locale,
      <>
        {head.map((line) => (
          <p>{line}</p>
        ))}
        {ANSWERS.map((a) => (
          <Button href={params.links[a]} label={t[a]} />
        ))}
        <p>{why}</p>
        {footer.html}
      </>,
    ),
  }
}
