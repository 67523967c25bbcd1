/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * Survey invitations and their one reminder (decision 035): a link to the survey page (it shows the form; nothing
 * happens on GET). Each says plainly whether the answers are anonymous or carry the person's name.
 */
import { buttonEmail, type EmailLocale, fill, type RenderedEmail } from './layout'

interface SurveyText {
  greeting: string
  subject: string
  reminderSubject: string
  invite: string
  reminder: string
  anonymous: string
  named: string
  minutes: string
  action: string
  expires: string
  why: string
}

const surveyText: Record<EmailLocale, SurveyText> = {
  en: {
    greeting: 'Hello {name},',
    subject: 'A few questions from {org}: {title}',
    reminderSubject: 'A reminder: {title}',
    invite:
      '{org} would like to know how things are going for you in {program}. Your answers help make the program better for everyone.',
    reminder:
      'A few days ago {org} sent you a short survey for {program}. If you have a few minutes, we would be glad to hear from you.',
    anonymous:
      'This survey is anonymous: your answers are stored without your name, your email address or anything else that leads back to you. Nobody at {org} can see what you answered.',
    named:
      'This survey is not anonymous: your answers are stored with your name, and the coordinators of {program} can see them.',
    minutes:
      'It takes about 5 minutes. Answering is voluntary; you can skip any question that is not marked as required.',
    action: 'Answer the survey',
    expires: 'The link works for 30 days and can be used once.',
    why: '{org} sends surveys to the people in its programs at the start, the middle and the end of a tandem.',
  },
  ar: {
    greeting: 'مرحبًا {name}،',
    subject: 'بضعة أسئلة من {org}: {title}',
    reminderSubject: 'تذكير: {title}',
    invite: 'تودّ {org} أن تعرف كيف تسير أمورك في {program}. تساعد إجاباتك على تحسين البرنامج للجميع.',
    reminder:
      'أرسلت إليك {org} قبل أيام استبيانًا قصيرًا عن {program}. إن كانت لديك بضع دقائق، يسعدنا أن نسمع منك.',
    anonymous:
      'هذا الاستبيان مجهول الهوية: تُحفظ إجاباتك دون اسمك أو بريدك الإلكتروني أو أي شيء آخر يدلّ عليك. لا يستطيع أحد في {org} أن يعرف بماذا أجبت.',
    named: 'هذا الاستبيان ليس مجهول الهوية: تُحفظ إجاباتك مع اسمك، ويستطيع منسّقو {program} الاطلاع عليها.',
    minutes: 'يستغرق نحو 5 دقائق. المشاركة طوعية، ويمكنك تخطي أي سؤال غير مُعلَّم بأنه إلزامي.',
    action: 'الإجابة عن الاستبيان',
    expires: 'يعمل الرابط مدة 30 يومًا ويمكن استخدامه مرة واحدة.',
    why: 'ترسل {org} استبيانات إلى المشاركين في برامجها في بداية الشراكة ومنتصفها ونهايتها.',
  },
  uk: {
    greeting: 'Вітаємо, {name}!',
    subject: 'Кілька запитань від {org}: {title}',
    reminderSubject: 'Нагадування: {title}',
    invite:
      '{org} хоче дізнатися, як у вас справи в програмі «{program}». Ваші відповіді допоможуть зробити програму кращою для всіх.',
    reminder:
      'Кілька днів тому {org} надіслала вам коротке опитування щодо програми «{program}». Якщо маєте кілька хвилин, ми будемо раді вашим відповідям.',
    anonymous:
      'Це опитування анонімне: ваші відповіді зберігаються без вашого імені, адреси електронної пошти чи будь-чого іншого, що вказує на вас. Ніхто в {org} не бачить, що саме ви відповіли.',
    named:
      'Це опитування не анонімне: ваші відповіді зберігаються з вашим іменем, і координатори програми «{program}» можуть їх бачити.',
    minutes:
      'Це займе близько 5 хвилин. Участь добровільна; будь-яке запитання, не позначене як обов’язкове, можна пропустити.',
    action: 'Пройти опитування',
    expires: 'Посилання діє 30 днів, і ним можна скористатися один раз.',
    why: '{org} надсилає опитування учасникам своїх програм на початку, в середині та наприкінці тандему.',
  },
  fa: {
    greeting: 'سلام {name}،',
    subject: 'چند پرسش از {org}: {title}',
    reminderSubject: 'یادآوری: {title}',
    invite:
      '{org} می‌خواهد بداند اوضاع شما در {program} چطور است. پاسخ‌های شما به بهتر شدن برنامه برای همه کمک می‌کند.',
    reminder:
      'چند روز پیش {org} یک نظرسنجی کوتاه دربارهٔ {program} برایتان فرستاد. اگر چند دقیقه وقت دارید، خوشحال می‌شویم پاسخ دهید.',
    anonymous:
      'این نظرسنجی ناشناس است: پاسخ‌های شما بدون نام، نشانی ایمیل یا هر چیز دیگری که به شما برسد ذخیره می‌شود. هیچ‌کس در {org} نمی‌تواند ببیند شما چه پاسخی داده‌اید.',
    named:
      'این نظرسنجی ناشناس نیست: پاسخ‌های شما با نامتان ذخیره می‌شود و هماهنگ‌کنندگان {program} آن‌ها را می‌بینند.',
    minutes: 'حدود ۵ دقیقه طول می‌کشد. پاسخ دادن داوطلبانه است و می‌توانید از هر پرسشی که اجباری نیست بگذرید.',
    action: 'پاسخ به نظرسنجی',
    expires: 'این پیوند ۳۰ روز کار می‌کند و فقط یک بار قابل استفاده است.',
    why: '{org} در آغاز، میانه و پایان هر همراهی برای شرکت‌کنندگان برنامه‌هایش نظرسنجی می‌فرستد.',
  },
  es: {
    greeting: 'Hola, {name}:',
    subject: 'Unas preguntas de {org}: {title}',
    reminderSubject: 'Recordatorio: {title}',
    invite:
      '{org} quiere saber cómo te va en {program}. Tus respuestas ayudan a mejorar el programa para todas las personas.',
    reminder:
      'Hace unos días {org} te envió una breve encuesta sobre {program}. Si tienes unos minutos, nos alegrará conocer tu opinión.',
    anonymous:
      'Esta encuesta es anónima: tus respuestas se guardan sin tu nombre, tu correo electrónico ni nada que lleve hasta ti. Nadie en {org} puede ver lo que respondiste.',
    named:
      'Esta encuesta no es anónima: tus respuestas se guardan con tu nombre y el equipo de coordinación de {program} puede verlas.',
    minutes:
      'Lleva unos 5 minutos. Responder es voluntario; puedes saltarte cualquier pregunta que no esté marcada como obligatoria.',
    action: 'Responder la encuesta',
    expires: 'El enlace funciona durante 30 días y se puede usar una sola vez.',
    why: '{org} envía encuestas a las personas de sus programas al principio, a la mitad y al final de cada tándem.',
  },
  de: {
    greeting: 'Hallo {name},',
    subject: 'Ein paar Fragen von {org}: {title}',
    reminderSubject: 'Erinnerung: {title}',
    invite:
      '{org} möchte wissen, wie es Ihnen in {program} geht. Ihre Antworten helfen, das Programm für alle besser zu machen.',
    reminder:
      'Vor ein paar Tagen hat {org} Ihnen eine kurze Umfrage zu {program} geschickt. Wenn Sie ein paar Minuten haben, freuen wir uns über Ihre Antworten.',
    anonymous:
      'Diese Umfrage ist anonym: Ihre Antworten werden ohne Ihren Namen, Ihre E-Mail-Adresse oder sonst etwas gespeichert, das zu Ihnen zurückführt. Niemand bei {org} kann sehen, was Sie geantwortet haben.',
    named:
      'Diese Umfrage ist nicht anonym: Ihre Antworten werden mit Ihrem Namen gespeichert, und die Koordination von {program} kann sie sehen.',
    minutes:
      'Das dauert etwa 5 Minuten. Die Teilnahme ist freiwillig; Fragen, die nicht als Pflicht markiert sind, können Sie überspringen.',
    action: 'Zur Umfrage',
    expires: 'Der Link gilt 30 Tage und kann einmal benutzt werden.',
    why: '{org} schickt den Menschen in ihren Programmen zu Beginn, in der Mitte und am Ende eines Tandems Umfragen.',
  },
}

export interface SurveyEmailFacts {
  name: string
  /** The survey's title in the person's language. */
  title: string
  program: string
  org: string
  anonymous: boolean
  /** The survey page (`…/survey?token=…`): it shows the form; nothing happens on GET. */
  link: string
  unsubscribe: string
}

function surveyEmail(locale: EmailLocale, e: SurveyEmailFacts, reminder: boolean): RenderedEmail {
  const t = surveyText[locale]
  const p = { name: e.name, title: e.title, org: e.org, program: e.program }
  return buttonEmail(locale, {
    subject: fill(reminder ? t.reminderSubject : t.subject, p),
    lines: [
      fill(t.greeting, p),
      fill(reminder ? t.reminder : t.invite, p),
      fill(e.anonymous ? t.anonymous : t.named, p),
      t.minutes,
    ],
    button: { label: t.action, href: e.link },
    after: [t.expires, fill(t.why, p)],
    unsubscribe: e.unsubscribe,
  })
}

/** The invitation to a survey, with its single-use link. */
export const surveyInvitationEmail = (locale: EmailLocale, e: SurveyEmailFacts) =>
  surveyEmail(locale, e, false)

/** The one reminder, a few days later, when the survey is still unanswered (its own link to the same form). */
export const surveyReminderEmail = (locale: EmailLocale, e: SurveyEmailFacts) => surveyEmail(locale, e, true)
