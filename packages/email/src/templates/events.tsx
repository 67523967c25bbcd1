/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * Email about group activities (decision 029): the invitation with its one-click reply link (the link opens a
 * page; nothing happens on GET), the reminder the day before, and the note that a seat came free from the
 * waiting list. Times come already written in the person's language and the organization's time zone.
 */
import { buttonEmail, type EmailLocale, fill, paragraphsEmail, type RenderedEmail } from './layout'

interface EventText {
  greeting: string
  when: string
  where: string
  online: string
  inviteSubject: string
  invite: string
  inviteProgram: string
  inviteFamily: string
  inviteAction: string
  inviteWhy: string
  reminderSubject: string
  reminder: string
  reminderParty: string
  reminderAction: string
  reminderWhy: string
  seatSubject: string
  seat: string
  seatChange: string
}

const eventText: Record<EmailLocale, EventText> = {
  en: {
    greeting: 'Hello {name},',
    when: 'When: {when}',
    where: 'Where: {place}',
    online: 'Online: the organizers send the link.',
    inviteSubject: 'You are invited: {title}',
    invite: '{org} invites you to “{title}”.',
    inviteProgram: '{org} invites you to “{title}” ({program}).',
    inviteFamily:
      'You are welcome to bring your family. Tell us how many you will be and whether you need child care, help with transport, an interpreter or step-free access.',
    inviteAction: 'Reply',
    inviteWhy: '{org} sends invitations to its group activities to the people in its programs.',
    reminderSubject: 'Tomorrow: {title}',
    reminder: 'A reminder: “{title}” is tomorrow. We look forward to seeing you.',
    reminderParty: 'Seats kept for you: {party}.',
    reminderAction: 'See or change your reply',
    reminderWhy: '{org} sends this reminder the day before an event you said you would come to.',
    seatSubject: 'A seat for you: {title}',
    seat: 'Good news: a seat came free, and you are now on the guest list for “{title}”.',
    seatChange: 'If you cannot come after all, change your reply here: {link}',
  },
  ar: {
    greeting: 'مرحبًا {name}،',
    when: 'الموعد: {when}',
    where: 'المكان: {place}',
    online: 'عبر الإنترنت: يرسل المنظّمون الرابط.',
    inviteSubject: 'دعوة: {title}',
    invite: 'تدعوك {org} إلى «{title}».',
    inviteProgram: 'تدعوك {org} إلى «{title}» ({program}).',
    inviteFamily:
      'يسعدنا أن تحضر مع عائلتك. أخبرنا كم عددكم وهل تحتاجون إلى رعاية للأطفال أو مساعدة في المواصلات أو مترجم أو مدخل بلا درج.',
    inviteAction: 'الرد',
    inviteWhy: 'ترسل {org} دعوات أنشطتها الجماعية إلى المشاركين في برامجها.',
    reminderSubject: 'غدًا: {title}',
    reminder: 'تذكير: «{title}» غدًا. نتطلّع إلى لقائك.',
    reminderParty: 'المقاعد المحجوزة لكم: {party}.',
    reminderAction: 'عرض ردّك أو تغييره',
    reminderWhy: 'ترسل {org} هذا التذكير قبل يوم من نشاط قلتَ إنك ستحضره.',
    seatSubject: 'مقعد لك: {title}',
    seat: 'خبر سار: فرغ مقعد، وأصبحتَ الآن في قائمة الحضور لـ«{title}».',
    seatChange: 'إن لم تستطع الحضور، غيّر ردّك من هنا: {link}',
  },
  de: {
    greeting: 'Hallo {name},',
    when: 'Wann: {when}',
    where: 'Wo: {place}',
    online: 'Online: Den Link schicken die Veranstalter.',
    inviteSubject: 'Einladung: {title}',
    invite: '{org} lädt Sie ein zu „{title}“.',
    inviteProgram: '{org} lädt Sie ein zu „{title}“ ({program}).',
    inviteFamily:
      'Ihre Familie ist herzlich willkommen. Sagen Sie uns, wie viele Sie sind und ob Sie Kinderbetreuung, Hilfe bei der Anfahrt, eine Übersetzung oder einen stufenlosen Zugang brauchen.',
    inviteAction: 'Antworten',
    inviteWhy: '{org} lädt die Menschen in ihren Programmen zu ihren Gruppenaktivitäten ein.',
    reminderSubject: 'Morgen: {title}',
    reminder: 'Zur Erinnerung: „{title}“ ist morgen. Wir freuen uns auf Sie.',
    reminderParty: 'Für Sie reservierte Plätze: {party}.',
    reminderAction: 'Antwort ansehen oder ändern',
    reminderWhy: '{org} sendet diese Erinnerung am Tag vor einer Veranstaltung, zu der Sie zugesagt haben.',
    seatSubject: 'Ein Platz für Sie: {title}',
    seat: 'Gute Nachricht: Ein Platz ist frei geworden, und Sie stehen jetzt auf der Gästeliste für „{title}“.',
    seatChange: 'Wenn Sie doch nicht kommen können, ändern Sie Ihre Antwort hier: {link}',
  },
  uk: {
    greeting: 'Вітаємо, {name}!',
    when: 'Коли: {when}',
    where: 'Де: {place}',
    online: 'Онлайн: посилання надішлють організатори.',
    inviteSubject: 'Запрошення: {title}',
    invite: '{org} запрошує вас на «{title}».',
    inviteProgram: '{org} запрошує вас на «{title}» ({program}).',
    inviteFamily:
      'Приходьте з родиною. Скажіть нам, скільки вас буде і чи потрібні вам догляд за дітьми, допомога з дорогою, перекладач або доступ без сходинок.',
    inviteAction: 'Відповісти',
    inviteWhy: '{org} надсилає запрошення на групові заходи учасникам своїх програм.',
    reminderSubject: 'Завтра: {title}',
    reminder: 'Нагадуємо: «{title}» відбудеться завтра. Чекаємо на вас.',
    reminderParty: 'Місць заброньовано для вас: {party}.',
    reminderAction: 'Переглянути або змінити відповідь',
    reminderWhy: '{org} надсилає це нагадування напередодні заходу, на який ви погодилися прийти.',
    seatSubject: 'Для вас є місце: {title}',
    seat: 'Добра новина: звільнилося місце, і тепер ви в списку гостей на «{title}».',
    seatChange: 'Якщо ви все ж не зможете прийти, змініть відповідь тут: {link}',
  },
  fa: {
    greeting: 'سلام {name}،',
    when: 'زمان: {when}',
    where: 'مکان: {place}',
    online: 'آنلاین: برگزارکنندگان پیوند را می‌فرستند.',
    inviteSubject: 'دعوت: {title}',
    invite: '{org} شما را به «{title}» دعوت می‌کند.',
    inviteProgram: '{org} شما را به «{title}» ({program}) دعوت می‌کند.',
    inviteFamily:
      'خوشحال می‌شویم با خانواده‌تان بیایید. به ما بگویید چند نفر هستید و آیا به نگهداری از کودک، کمک برای رفت‌وآمد، مترجم یا ورودی بدون پله نیاز دارید.',
    inviteAction: 'پاسخ دادن',
    inviteWhy: '{org} دعوت‌نامهٔ فعالیت‌های گروهی‌اش را برای شرکت‌کنندگان برنامه‌هایش می‌فرستد.',
    reminderSubject: 'فردا: {title}',
    reminder: 'یادآوری: «{title}» فردا است. منتظر دیدارتان هستیم.',
    reminderParty: 'جاهای نگه‌داشته برای شما: {party}.',
    reminderAction: 'دیدن یا تغییر پاسخ',
    reminderWhy: '{org} این یادآوری را یک روز پیش از رویدادی می‌فرستد که گفته‌اید در آن شرکت می‌کنید.',
    seatSubject: 'جایی برای شما: {title}',
    seat: 'خبر خوب: جایی خالی شد و اکنون در فهرست مهمانان «{title}» هستید.',
    seatChange: 'اگر نمی‌توانید بیایید، پاسخ خود را اینجا تغییر دهید: {link}',
  },
  es: {
    greeting: 'Hola, {name}:',
    when: 'Cuándo: {when}',
    where: 'Dónde: {place}',
    online: 'En línea: el equipo organizador enviará el enlace.',
    inviteSubject: 'Invitación: {title}',
    invite: '{org} te invita a «{title}».',
    inviteProgram: '{org} te invita a «{title}» ({program}).',
    inviteFamily:
      'Puedes venir con tu familia. Dinos cuántas personas serán y si necesitan cuidado de niños, ayuda con el transporte, interpretación o acceso sin escalones.',
    inviteAction: 'Responder',
    inviteWhy: '{org} envía las invitaciones a sus actividades en grupo a las personas de sus programas.',
    reminderSubject: 'Mañana: {title}',
    reminder: 'Te recordamos que «{title}» es mañana. ¡Te esperamos!',
    reminderParty: 'Plazas reservadas para ti: {party}.',
    reminderAction: 'Ver o cambiar tu respuesta',
    reminderWhy: '{org} envía este recordatorio el día antes de una actividad a la que dijiste que vendrías.',
    seatSubject: 'Hay una plaza para ti: {title}',
    seat: 'Buenas noticias: se liberó una plaza y ya estás en la lista de asistentes de «{title}».',
    seatChange: 'Si al final no puedes venir, cambia tu respuesta aquí: {link}',
  },
}

interface EventFacts {
  name: string
  title: string
  /** Already written in the person's language and the organization's time zone. */
  when: string
  place: string | null
  online?: boolean
  org: string
}

/** The lines that say when and where. */
function whenWhere(t: EventText, e: EventFacts) {
  return [
    fill(t.when, { when: e.when }),
    ...(e.place ? [fill(t.where, { place: e.place })] : []),
    ...(e.online ? [t.online] : []),
  ]
}

/** The invitation, with one link to the reply page (`link`; it shows the choices, nothing happens on GET). */
export function eventInvitationEmail(
  locale: EmailLocale,
  e: EventFacts & { program: string | null; link: string; unsubscribe: string },
): RenderedEmail {
  const t = eventText[locale]
  const p = { name: e.name, title: e.title, org: e.org, program: e.program ?? '' }
  return buttonEmail(locale, {
    subject: fill(t.inviteSubject, p),
    lines: [
      fill(t.greeting, p),
      fill(e.program ? t.inviteProgram : t.invite, p),
      ...whenWhere(t, e),
      t.inviteFamily,
    ],
    button: { label: t.inviteAction, href: e.link },
    after: [fill(t.inviteWhy, p)],
    unsubscribe: e.unsubscribe,
  })
}

/** The reminder the day before, to someone with seats; `link` opens the portal. */
export function eventReminderEmail(
  locale: EmailLocale,
  e: EventFacts & { party: number; link: string; unsubscribe: string },
): RenderedEmail {
  const t = eventText[locale]
  const p = { name: e.name, title: e.title, org: e.org, party: new Intl.NumberFormat(locale).format(e.party) }
  return buttonEmail(locale, {
    subject: fill(t.reminderSubject, p),
    lines: [fill(t.greeting, p), fill(t.reminder, p), ...whenWhere(t, e), fill(t.reminderParty, p)],
    button: { label: t.reminderAction, href: e.link },
    after: [fill(t.reminderWhy, p)],
    unsubscribe: e.unsubscribe,
  })
}

/** A seat came free from the waiting list (transactional: the one answer to the person's reply). */
export function eventSeatEmail(locale: EmailLocale, e: EventFacts & { link: string }): RenderedEmail {
  const t = eventText[locale]
  const p = { name: e.name, title: e.title, org: e.org, link: e.link }
  return paragraphsEmail(locale, fill(t.seatSubject, p), [
    fill(t.greeting, p),
    fill(t.seat, p),
    ...whenWhere(t, e),
    fill(t.seatChange, p),
  ])
}
