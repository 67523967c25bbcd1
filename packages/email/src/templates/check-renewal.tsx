/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { type EmailLocale, emailHtml, fill, Paragraphs, type RenderedEmail } from './layout'

const renewalText: Record<EmailLocale, { subject: string; body: string; action: string }> = {
  en: {
    subject: 'Your background check for {program} expires on {date}',
    body: 'Hello {name}, your background check for {program} expires on {date}. Please renew it so you can keep mentoring.',
    action: 'Your coordinator can tell you how to renew it.',
  },
  ar: {
    subject: 'ينتهي التحقق من سجلك في {program} بتاريخ {date}',
    body: 'مرحبًا {name}، ينتهي التحقق من سجلك في {program} بتاريخ {date}. يرجى تجديده لتستمر في الإرشاد.',
    action: 'يمكن لمنسقك أن يخبرك كيف تجدده.',
  },
  de: {
    subject: 'Ihr Führungszeugnis für {program} läuft am {date} ab',
    body: 'Hallo {name}, Ihr Führungszeugnis für {program} läuft am {date} ab. Bitte erneuern Sie es, damit Sie weiter begleiten können.',
    action: 'Ihre Koordination sagt Ihnen, wie das geht.',
  },
  uk: {
    subject: 'Ваша перевірка для {program} спливає {date}',
    body: 'Вітаємо, {name}! Ваша перевірка для {program} спливає {date}. Будь ласка, поновіть її, щоб і далі бути наставником.',
    action: 'Ваш координатор підкаже, як це зробити.',
  },
  fa: {
    subject: 'بررسی سوابق شما برای {program} در تاریخ {date} باطل می‌شود',
    body: 'سلام {name}، بررسی سوابق شما برای {program} در تاریخ {date} باطل می‌شود. لطفاً آن را تمدید کنید تا بتوانید به راهنمایی ادامه دهید.',
    action: 'هماهنگ‌کننده شما می‌گوید چگونه آن را تمدید کنید.',
  },
  es: {
    subject: 'Tu comprobación de antecedentes para {program} caduca el {date}',
    body: 'Hola {name}: tu comprobación de antecedentes para {program} caduca el {date}. Renuévala para seguir siendo mentor.',
    action: 'Tu coordinador te explicará cómo hacerlo.',
  },
}

/** Reminder to a mentor that their background check is about to expire (date shown in their language). */
export function checkRenewalEmail(
  locale: EmailLocale,
  params: { name: string; program: string; expiresOn: string },
): RenderedEmail {
  const t = renewalText[locale]
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${params.expiresOn}T00:00:00Z`),
  )
  const p = { name: params.name, program: params.program, date }
  const body = fill(t.body, p)
  return {
    subject: fill(t.subject, p),
    text: [body, '', t.action].join('\n'),
    html: emailHtml(locale, <Paragraphs lines={[body, t.action]} />),
  }
}
