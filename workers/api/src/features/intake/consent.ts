import { isRtl, LOCALES, type Locale, negotiateLocale, SOURCE_LOCALE } from '@tandem/i18n'

/**
 * The consent texts applicants agree to on the public intake form, keyed by version, then locale.
 *
 * A published version is never edited: a changed text is a new version (add it here, then point
 * programs at it). The version an applicant accepted is stored with their application, so what they
 * agreed to can always be shown again in their language. Texts use short sentences and everyday
 * words (people with low literacy and people reading in their second language fill in this form).
 * `{org}` and `{program}` are filled in when the text is shown.
 */
/** Every version is written in every language Tandem speaks (the shared list of `@tandem/i18n`). */
export const consentLocales = LOCALES
export type ConsentLocale = Locale

export interface ConsentText {
  /** What the applicant agrees to, one sentence per line. */
  text: string
  /** The label of the box they tick. */
  accept: string
  /** The separate, optional agreement to share background questions (shown only when the program asks them). */
  demographics: string
}

/** The version new programs start with (`programs.consent_version` defaults to it). */
export const CURRENT_CONSENT_VERSION = '2026-11'

export const consentTexts: Record<string, Record<ConsentLocale, ConsentText>> = {
  '2026-11': {
    en: {
      text: [
        'We, the team of {org}, keep the answers you give in this form.',
        'We use them only to find the right person for you in {program} and to contact you.',
        'Only the people who run {program} can see your answers.',
        'We do not sell your answers. We do not give them to anyone else without asking you.',
        'You can ask us at any time to show you your answers, to change them or to delete them.',
        'You can stop at any time. It costs you nothing.',
      ].join('\n'),
      accept: 'Yes, I agree.',
      demographics:
        'You can also tell us a little about yourself, for example your age group or where you come from. This is your choice. We use it only to count how many people we reach, never with your name.',
    },
    ar: {
      text: [
        'نحن فريق {org}، نحفظ الإجابات التي تكتبها في هذه الاستمارة.',
        'نستخدمها فقط لنجد لك الشخص المناسب في {program} ولنتواصل معك.',
        'فقط الأشخاص الذين يديرون {program} يستطيعون رؤية إجاباتك.',
        'لا نبيع إجاباتك. ولا نعطيها لأي شخص آخر دون أن نسألك.',
        'يمكنك في أي وقت أن تطلب منا أن نريك إجاباتك، أو أن نغيّرها، أو أن نحذفها.',
        'يمكنك التوقف في أي وقت. هذا لا يكلّفك شيئًا.',
      ].join('\n'),
      accept: 'نعم، أوافق.',
      demographics:
        'يمكنك أيضًا أن تخبرنا قليلًا عن نفسك، مثل فئتك العمرية أو من أين أتيت. هذا اختيارك. نستخدم ذلك فقط لنعرف كم شخصًا نصل إليه، ولا نستخدم اسمك أبدًا.',
    },
    uk: {
      text: [
        'Ми, команда {org}, зберігаємо відповіді, які ви даєте в цій формі.',
        'Ми використовуємо їх лише для того, щоб знайти для вас відповідну людину в {program} і зв’язатися з вами.',
        'Ваші відповіді бачать лише люди, які ведуть {program}.',
        'Ми не продаємо ваші відповіді. Ми не передаємо їх нікому без вашої згоди.',
        'Ви можете будь-коли попросити нас показати ваші відповіді, змінити їх або видалити.',
        'Ви можете припинити участь будь-коли. Це нічого вам не коштує.',
      ].join('\n'),
      accept: 'Так, я погоджуюся.',
      demographics:
        'Ви також можете трохи розповісти про себе, наприклад вашу вікову групу або звідки ви. Це ваш вибір. Ми використовуємо це лише, щоб порахувати, скільки людей ми підтримуємо, і ніколи — з вашим іменем.',
    },
    fa: {
      text: [
        'ما، گروه {org}، پاسخ‌هایی را که در این فرم می‌دهید نگه می‌داریم.',
        'ما فقط از آن‌ها استفاده می‌کنیم تا فرد مناسبی برای شما در {program} پیدا کنیم و با شما تماس بگیریم.',
        'فقط کسانی که {program} را اداره می‌کنند پاسخ‌های شما را می‌بینند.',
        'ما پاسخ‌های شما را نمی‌فروشیم. بدون پرسیدن از شما آن‌ها را به کس دیگری نمی‌دهیم.',
        'هر وقت بخواهید می‌توانید از ما بخواهید پاسخ‌هایتان را به شما نشان دهیم، آن‌ها را تغییر دهیم یا پاک کنیم.',
        'هر وقت بخواهید می‌توانید از برنامه بیرون بروید. این برای شما هزینه‌ای ندارد.',
      ].join('\n'),
      accept: 'بله، موافقم.',
      demographics:
        'شما می‌توانید کمی هم درباره خودتان به ما بگویید، مثلاً گروه سنی‌تان یا اینکه از کجا آمده‌اید. این انتخاب خودتان است. ما فقط از آن برای شمردن تعداد افرادی که به آن‌ها کمک می‌کنیم استفاده می‌کنیم، هرگز همراه با نام شما.',
    },
    es: {
      text: [
        'Nosotros, el equipo de {org}, guardamos las respuestas que das en este formulario.',
        'Las usamos solo para buscar a la persona adecuada para ti en {program} y para hablar contigo.',
        'Solo las personas que organizan {program} pueden ver tus respuestas.',
        'No vendemos tus respuestas. No se las damos a nadie sin preguntarte.',
        'Puedes pedirnos en cualquier momento que te mostremos tus respuestas, que las cambiemos o que las borremos.',
        'Puedes dejarlo en cualquier momento. No te cuesta nada.',
      ].join('\n'),
      accept: 'Sí, estoy de acuerdo.',
      demographics:
        'También puedes contarnos un poco sobre ti, por ejemplo tu grupo de edad o de dónde vienes. Tú decides. Solo lo usamos para contar a cuántas personas llegamos, nunca con tu nombre.',
    },
    de: {
      text: [
        'Wir, das Team von {org}, speichern die Antworten, die Sie in diesem Formular geben.',
        'Wir nutzen sie nur, um in {program} die passende Person für Sie zu finden und um Sie zu kontaktieren.',
        'Nur die Menschen, die {program} betreuen, sehen Ihre Antworten.',
        'Wir verkaufen Ihre Antworten nicht. Wir geben sie niemandem, ohne Sie zu fragen.',
        'Sie können uns jederzeit bitten, Ihnen Ihre Antworten zu zeigen, sie zu ändern oder sie zu löschen.',
        'Sie können jederzeit aufhören. Das kostet Sie nichts.',
      ].join('\n'),
      accept: 'Ja, ich bin einverstanden.',
      demographics:
        'Sie können uns auch etwas über sich erzählen, zum Beispiel Ihre Altersgruppe oder woher Sie kommen. Das entscheiden Sie. Wir nutzen es nur, um zu zählen, wie viele Menschen wir erreichen, nie mit Ihrem Namen.',
    },
  },
}

/**
 * The locale to show: the requested one, else its base language (`ar-SY` → `ar`; Dari `prs` → `fa`),
 * else the organization's default, else English.
 */
export const resolveConsentLocale = (
  requested: string | undefined,
  fallback: string | undefined,
): ConsentLocale => negotiateLocale([requested, fallback], consentLocales, SOURCE_LOCALE)

/** The consent text of a version in a locale, with the organization and program filled in; null for an unknown version. */
export function consentFor(
  version: string,
  locale: ConsentLocale,
  params: { org: string; program: string },
): ConsentText | null {
  const texts = consentTexts[version]?.[locale]
  if (!texts) return null
  // In right-to-left text, names (often in Latin script) are wrapped in Unicode isolates (FSI … PDI),
  // the plain-text twin of <bdi>, so their punctuation and digits do not reorder the sentence.
  const isolate = isRtl(locale) ? (name: string) => `\u2068${name}\u2069` : (name: string) => name
  const fill = (s: string) =>
    s.replace(/\{(org|program)\}/g, (_, key: 'org' | 'program') => isolate(params[key]))
  return { text: fill(texts.text), accept: texts.accept, demographics: fill(texts.demographics) }
}
