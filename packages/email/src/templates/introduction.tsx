/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { type EmailLocale, emailHtml, fill, Paragraphs, type RenderedEmail } from './layout'
import { nothingToDo } from './phrases'

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
  return {
    subject: fill(t.subject, p),
    text: lines.join('\n\n'),
    html: emailHtml(locale, <Paragraphs lines={lines} />),
  }
}
