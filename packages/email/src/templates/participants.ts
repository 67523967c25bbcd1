/** Emails to mentors, newcomers and applicants: plain words, no link to follow. */
import { type EmailLocale, fill, paragraphsEmail, type RenderedEmail } from './layout'

/** Said by the intake confirmation and the introduction, word for word. */
const nothingToDo: Record<EmailLocale, string> = {
  en: 'You do not need to do anything now.',
  ar: 'لا تحتاج إلى فعل أي شيء الآن.',
  de: 'Sie müssen jetzt nichts tun.',
  uk: 'Зараз вам не потрібно нічого робити.',
  fa: 'الان لازم نیست کاری انجام دهید.',
  es: 'Ahora no tienes que hacer nada.',
}

const intakeConfirmationText: Record<
  EmailLocale,
  { subject: string; thanks: string; next: string; ignore: string }
> = {
  en: {
    subject: 'We got your form for {program}',
    thanks: 'Thank you. {org} got your form for {program}.',
    next: 'Someone from {org} will contact you soon.',
    ignore: 'If you did not fill in this form, you can ignore this email.',
  },
  ar: {
    subject: 'وصلتنا استمارتك لبرنامج {program}',
    thanks: 'شكرًا لك. وصلت استمارتك لبرنامج {program} إلى {org}.',
    next: 'سيتواصل معك شخص من {org} قريبًا.',
    ignore: 'إذا لم تملأ هذه الاستمارة، يمكنك تجاهل هذه الرسالة.',
  },
  de: {
    subject: 'Wir haben Ihr Formular für {program} bekommen',
    thanks: 'Danke. {org} hat Ihr Formular für {program} bekommen.',
    next: 'Jemand von {org} meldet sich bald bei Ihnen.',
    ignore: 'Wenn Sie dieses Formular nicht ausgefüllt haben, können Sie diese E-Mail ignorieren.',
  },
  uk: {
    subject: 'Ми отримали вашу форму для {program}',
    thanks: 'Дякуємо. Вашу форму для {program} отримала команда {org}.',
    next: 'Незабаром з вами зв’яжеться хтось із {org}.',
    ignore: 'Якщо ви не заповнювали цю форму, просто проігноруйте цей лист.',
  },
  fa: {
    subject: 'فرم شما برای {program} به دست ما رسید',
    thanks: 'متشکریم. فرم شما برای {program} به {org} رسید.',
    next: 'به‌زودی کسی از {org} با شما تماس می‌گیرد.',
    ignore: 'اگر این فرم را پر نکرده‌اید، این ایمیل را نادیده بگیرید.',
  },
  es: {
    subject: 'Recibimos tu formulario para {program}',
    thanks: 'Gracias. {org} recibió tu formulario para {program}.',
    next: 'Pronto alguien de {org} se pondrá en contacto contigo.',
    ignore: 'Si no llenaste este formulario, puedes ignorar este correo.',
  },
}

/** Confirmation to someone who applied through a program's public intake form (plain words, no link). */
export function intakeConfirmationEmail(
  locale: EmailLocale,
  params: { program: string; org: string },
): RenderedEmail {
  const t = intakeConfirmationText[locale]
  const p = { program: params.program, org: params.org }
  const lines = [fill(t.thanks, p), fill(t.next, p), nothingToDo[locale], t.ignore]
  return paragraphsEmail(locale, fill(t.subject, p), lines)
}

const introductionText: Record<
  EmailLocale,
  { subject: string; greeting: string; toMentee: string; toMentor: string; next: string }
> = {
  en: {
    subject: 'Your tandem partner in {program}',
    greeting: 'Hello {name},',
    toMentee: 'Good news: in {program} we have found a mentor for you: {partner}.',
    toMentor: 'Good news: in {program} you will mentor {partner}, who is new in town.',
    next: 'A coordinator from {org} will be in touch soon to introduce you to each other and plan your first meeting.',
  },
  ar: {
    subject: 'شريكك في برنامج {program}',
    greeting: 'مرحبًا {name}،',
    toMentee: 'خبر سار: في برنامج {program} وجدنا لك مرشدًا: {partner}.',
    toMentor: 'خبر سار: في برنامج {program} ستكون مرشدًا لشخص وصل حديثًا: {partner}.',
    next: 'سيتواصل معك منسق من {org} قريبًا ليعرّفكما ببعضكما ويخطط معكما للقاء الأول.',
  },
  de: {
    subject: 'Ihr Tandem in {program}',
    greeting: 'Hallo {name},',
    toMentee:
      'gute Nachricht: In {program} haben wir eine Mentorin oder einen Mentor für Sie gefunden: {partner}.',
    toMentor:
      'gute Nachricht: In {program} begleiten Sie ab jetzt eine Person, die neu in der Stadt ist: {partner}.',
    next: 'Die Koordination von {org} meldet sich bald bei Ihnen, stellt Sie einander vor und plant mit Ihnen das erste Treffen.',
  },
  uk: {
    subject: 'Ваша пара в програмі {program}',
    greeting: 'Вітаємо, {name}!',
    toMentee: 'Гарна новина: у програмі {program} для вас знайшли наставника. Ваша пара — {partner}.',
    toMentor:
      'Гарна новина: у програмі {program} ви станете наставником для людини, яка нещодавно приїхала. Ваша пара — {partner}.',
    next: 'Незабаром координатор із {org} зв’яжеться з вами, щоб познайомити вас і спланувати першу зустріч.',
  },
  fa: {
    subject: 'همراه شما در {program}',
    greeting: 'سلام {name}،',
    toMentee: 'خبر خوب: در {program} یک راهنما برای شما پیدا کردیم: {partner}.',
    toMentor: 'خبر خوب: در {program} شما راهنمای کسی می‌شوید که تازه به این شهر آمده است: {partner}.',
    next: 'به‌زودی یک هماهنگ‌کننده از {org} با شما تماس می‌گیرد تا شما را به هم معرفی کند و اولین دیدار را برنامه‌ریزی کند.',
  },
  es: {
    subject: 'Tu pareja de tándem en {program}',
    greeting: 'Hola, {name}:',
    toMentee: 'Buenas noticias: en {program} encontramos a una persona mentora para ti: {partner}.',
    toMentor:
      'Buenas noticias: en {program} vas a acompañar como mentor o mentora a una persona recién llegada: {partner}.',
    next: 'Pronto alguien de la coordinación de {org} se pondrá en contacto contigo para que se conozcan y planificar el primer encuentro.',
  },
}

/**
 * Introduction after a match: who the other person is (first name only — pass first names), the program, and
 * that the coordinator will be in touch. `partnerRole` is the other person's role.
 */
export function introductionEmail(
  locale: EmailLocale,
  params: { name: string; partner: string; partnerRole: 'mentor' | 'mentee'; program: string; org: string },
): RenderedEmail {
  const t = introductionText[locale]
  const p = { name: params.name, partner: params.partner, program: params.program, org: params.org }
  const lines = [
    fill(t.greeting, p),
    fill(params.partnerRole === 'mentor' ? t.toMentee : t.toMentor, p),
    fill(t.next, p),
    nothingToDo[locale],
  ]
  return paragraphsEmail(locale, fill(t.subject, p), lines)
}

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
  params: { name: string; program: string; expiresOn: string; unsubscribe?: string },
): RenderedEmail {
  const t = renewalText[locale]
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${params.expiresOn}T00:00:00Z`),
  )
  const p = { name: params.name, program: params.program, date }
  return paragraphsEmail(locale, fill(t.subject, p), [fill(t.body, p), t.action], params.unsubscribe)
}
