/** Emails to an organization's coordinators. */
import { type EmailLocale, fill, paragraphsEmail, type RenderedEmail } from './layout'

const safeguardingAlertText: Record<EmailLocale, { subject: string; body: string; action: string }> = {
  en: {
    subject: 'Safeguarding: a participant in {program} asked to end their tandem',
    body: 'A participant in {program} ({org}) asked to end their tandem because they do not feel safe. Please get in touch with them soon.',
    action: 'Open the match (sign-in required): {link}',
  },
  ar: {
    subject: 'حماية: طلب مشارك في {program} إنهاء شراكته',
    body: 'طلب مشارك في {program} ({org}) إنهاء شراكته لأنه لا يشعر بالأمان. يرجى التواصل معه قريبًا.',
    action: 'افتح المطابقة (يلزم تسجيل الدخول): {link}',
  },
  de: {
    subject: 'Schutz: Eine teilnehmende Person in {program} möchte ihr Tandem beenden',
    body: 'Eine teilnehmende Person in {program} ({org}) möchte ihr Tandem beenden, weil sie sich nicht sicher fühlt. Bitte nehmen Sie bald Kontakt auf.',
    action: 'Zum Tandem (Anmeldung nötig): {link}',
  },
  uk: {
    subject: 'Безпека: учасник програми {program} просить завершити пару',
    body: 'Учасник програми {program} ({org}) просить завершити пару, бо не почувається в безпеці. Будь ласка, зв’яжіться з ним найближчим часом.',
    action: 'Відкрити пару (потрібен вхід): {link}',
  },
  fa: {
    subject: 'حفاظت: یکی از شرکت‌کنندگان {program} خواسته همراهی‌اش تمام شود',
    body: 'یکی از شرکت‌کنندگان {program} ({org}) خواسته همراهی‌اش تمام شود، چون احساس امنیت نمی‌کند. لطفاً به‌زودی با او تماس بگیرید.',
    action: 'باز کردن همراهی (ورود لازم است): {link}',
  },
  es: {
    subject: 'Protección: una persona de {program} pidió terminar su tándem',
    body: 'Una persona de {program} ({org}) pidió terminar su tándem porque no se siente segura. Ponte en contacto con ella pronto.',
    action: 'Abrir el tándem (hay que iniciar sesión): {link}',
  },
}

/**
 * To an organization's coordinators when a mentor or newcomer asks, in the portal, to end their tandem for a
 * safeguarding reason. Names nobody and carries no note: the link leads to the match behind the sign-in.
 */
export function safeguardingAlertEmail(
  locale: EmailLocale,
  params: { program: string; org: string; link: string },
): RenderedEmail {
  const t = safeguardingAlertText[locale]
  return paragraphsEmail(locale, fill(t.subject, params), [fill(t.body, params), fill(t.action, params)])
}

const concernAlertText: Record<EmailLocale, { subject: string; body: string; action: string }> = {
  en: {
    subject: 'Safeguarding: a high-severity concern in {program} needs attention',
    body: 'A high-severity concern was raised in {program} ({org}). Please look at it soon.',
    action: 'Open the concern (sign-in required): {link}',
  },
  ar: {
    subject: 'حماية: بلاغ شديد الخطورة في {program} يحتاج إلى اهتمام',
    body: 'رُفع بلاغ شديد الخطورة في {program} ({org}). يرجى الاطلاع عليه قريبًا.',
    action: 'افتح البلاغ (يلزم تسجيل الدخول): {link}',
  },
  de: {
    subject: 'Schutz: Eine dringende Meldung in {program} braucht Aufmerksamkeit',
    body: 'In {program} ({org}) wurde eine Meldung mit hoher Dringlichkeit gemacht. Bitte sehen Sie sie sich bald an.',
    action: 'Meldung öffnen (Anmeldung nötig): {link}',
  },
  uk: {
    subject: 'Безпека: звернення високої важливості в програмі {program} потребує уваги',
    body: 'У програмі {program} ({org}) подано звернення високої важливості. Будь ласка, перегляньте його найближчим часом.',
    action: 'Відкрити звернення (потрібен вхід): {link}',
  },
  fa: {
    subject: 'حفاظت: یک نگرانی با شدت بالا در {program} به توجه نیاز دارد',
    body: 'یک نگرانی با شدت بالا در {program} ({org}) ثبت شده است. لطفاً به‌زودی آن را بررسی کنید.',
    action: 'باز کردن نگرانی (ورود لازم است): {link}',
  },
  es: {
    subject: 'Protección: una inquietud de gravedad alta en {program} necesita atención',
    body: 'Se ha comunicado una inquietud de gravedad alta en {program} ({org}). Revísala pronto.',
    action: 'Abrir la inquietud (hay que iniciar sesión): {link}',
  },
}

/**
 * To a program's coordinators and admins when a high-severity concern is raised (decision 030). Names nobody and
 * carries no category or description: the link only shows the concern's page, behind the sign-in.
 */
export function concernAlertEmail(
  locale: EmailLocale,
  params: { program: string; org: string; link: string },
): RenderedEmail {
  const t = concernAlertText[locale]
  return paragraphsEmail(locale, fill(t.subject, params), [fill(t.body, params), fill(t.action, params)])
}
