import type { Locale } from '@tandem/i18n'
import type { MeasureFamily } from './schema'

/** The public impact page's words, in every language of Tandem (the page is rendered by the Worker). */
export interface ImpactWords {
  title: (org: string) => string
  intro: string
  suppressed: (k: number) => string
  month: string
  value: string
  hidden: string
  language: string
  nothing: string
  measures: Record<MeasureFamily, string>
}

export const IMPACT_WORDS: Record<Locale, ImpactWords> = {
  en: {
    title: (org) => `${org}: our impact`,
    intro:
      'Figures of our mentoring programs, month by month, for all programs together. They count groups of people, never one person.',
    suppressed: (k) =>
      `A figure that would count fewer than ${k} people is not shown, nor any figure it could be worked out from.`,
    month: 'Month',
    value: 'Figure',
    hidden: 'not shown (too few people)',
    language: 'Language',
    nothing: 'Nothing is published for these months yet.',
    measures: {
      applications: 'People who applied',
      waiting: 'Newcomers waiting for a mentor at the end of the month',
      'waiting-days': 'Average days from applying to a first meeting of the tandem',
      'matches-active': 'Active tandems',
      'matches-new': 'New tandems',
      'meetings-per-match': 'Meetings per tandem in the month',
      'goals-moved': 'Goals that moved forward',
      closures: 'Tandems that ended',
      'closure-rate': 'Share of tandems that ended (%)',
      'match-length-days': 'Average length of tandems that ended (days)',
      'retention-3m': 'Tandems still going after 3 months (%)',
      'retention-6m': 'Tandems still going after 6 months (%)',
      'retention-12m': 'Tandems still going after 12 months (%)',
      'event-attendance': 'People at group activities',
      'supports-used': 'People who used a support (child care, transport, interpretation)',
    },
  },
  de: {
    title: (org) => `${org}: was wir bewirken`,
    intro:
      'Zahlen unserer Mentoring-Programme, Monat für Monat, für alle Programme zusammen. Sie zählen Gruppen von Menschen, nie eine einzelne Person.',
    suppressed: (k) =>
      `Eine Zahl, die weniger als ${k} Menschen zählen würde, wird nicht gezeigt – auch keine, aus der sie sich errechnen ließe.`,
    month: 'Monat',
    value: 'Zahl',
    hidden: 'nicht gezeigt (zu wenige Menschen)',
    language: 'Sprache',
    nothing: 'Für diese Monate ist noch nichts veröffentlicht.',
    measures: {
      applications: 'Menschen, die sich beworben haben',
      waiting: 'Neuankommende, die am Monatsende auf eine Mentorin oder einen Mentor warten',
      'waiting-days': 'Durchschnittliche Tage von der Bewerbung bis zum Start des Tandems',
      'matches-active': 'Aktive Tandems',
      'matches-new': 'Neue Tandems',
      'meetings-per-match': 'Treffen pro Tandem im Monat',
      'goals-moved': 'Ziele, die vorangekommen sind',
      closures: 'Beendete Tandems',
      'closure-rate': 'Anteil beendeter Tandems (%)',
      'match-length-days': 'Durchschnittliche Dauer beendeter Tandems (Tage)',
      'retention-3m': 'Tandems, die nach 3 Monaten noch bestehen (%)',
      'retention-6m': 'Tandems, die nach 6 Monaten noch bestehen (%)',
      'retention-12m': 'Tandems, die nach 12 Monaten noch bestehen (%)',
      'event-attendance': 'Menschen bei Gruppenaktivitäten',
      'supports-used': 'Menschen, die eine Unterstützung genutzt haben (Kinderbetreuung, Fahrt, Dolmetschen)',
    },
  },
  es: {
    title: (org) => `${org}: nuestro impacto`,
    intro:
      'Cifras de nuestros programas de mentoría, mes a mes, de todos los programas juntos. Cuentan grupos de personas, nunca a una sola persona.',
    suppressed: (k) =>
      `No se muestra ninguna cifra que contaría a menos de ${k} personas, ni ninguna de la que pudiera calcularse.`,
    month: 'Mes',
    value: 'Cifra',
    hidden: 'no se muestra (muy pocas personas)',
    language: 'Idioma',
    nothing: 'Todavía no hay nada publicado para estos meses.',
    measures: {
      applications: 'Personas que se inscribieron',
      waiting: 'Recién llegados que esperan mentor a fin de mes',
      'waiting-days': 'Días de media desde la inscripción hasta el inicio del tándem',
      'matches-active': 'Tándems activos',
      'matches-new': 'Tándems nuevos',
      'meetings-per-match': 'Encuentros por tándem en el mes',
      'goals-moved': 'Metas que avanzaron',
      closures: 'Tándems que terminaron',
      'closure-rate': 'Proporción de tándems que terminaron (%)',
      'match-length-days': 'Duración media de los tándems que terminaron (días)',
      'retention-3m': 'Tándems que siguen a los 3 meses (%)',
      'retention-6m': 'Tándems que siguen a los 6 meses (%)',
      'retention-12m': 'Tándems que siguen a los 12 meses (%)',
      'event-attendance': 'Personas en actividades de grupo',
      'supports-used': 'Personas que usaron un apoyo (cuidado infantil, transporte, interpretación)',
    },
  },
  uk: {
    title: (org) => `${org}: наш вплив`,
    intro:
      'Показники наших програм наставництва, місяць за місяцем, для всіх програм разом. Вони рахують групи людей, ніколи одну людину.',
    suppressed: (k) =>
      `Показник, що рахував би менше ніж ${k} осіб, не показано, як і жоден, з якого його можна було б обчислити.`,
    month: 'Місяць',
    value: 'Показник',
    hidden: 'не показано (замало людей)',
    language: 'Мова',
    nothing: 'За ці місяці ще нічого не опубліковано.',
    measures: {
      applications: 'Люди, які подали заявку',
      waiting: 'Новоприбулі, які наприкінці місяця чекають на наставника',
      'waiting-days': 'Середня кількість днів від заявки до початку тандему',
      'matches-active': 'Активні тандеми',
      'matches-new': 'Нові тандеми',
      'meetings-per-match': 'Зустрічей на тандем за місяць',
      'goals-moved': 'Цілі, що просунулися',
      closures: 'Завершені тандеми',
      'closure-rate': 'Частка завершених тандемів (%)',
      'match-length-days': 'Середня тривалість завершених тандемів (днів)',
      'retention-3m': 'Тандеми, що тривають через 3 місяці (%)',
      'retention-6m': 'Тандеми, що тривають через 6 місяців (%)',
      'retention-12m': 'Тандеми, що тривають через 12 місяців (%)',
      'event-attendance': 'Люди на групових заходах',
      'supports-used': 'Люди, які скористалися підтримкою (догляд за дітьми, транспорт, переклад)',
    },
  },
  ar: {
    title: (org) => `${org}: أثرنا`,
    intro:
      'أرقام برامج الإرشاد لدينا، شهرًا بشهر، لجميع البرامج معًا. إنها تعدّ مجموعات من الناس، ولا تعدّ شخصًا واحدًا أبدًا.',
    suppressed: (k) => `لا يُعرض أي رقم يعدّ أقل من ${k} أشخاص، ولا أي رقم يمكن حسابه منه.`,
    month: 'الشهر',
    value: 'الرقم',
    hidden: 'غير معروض (عدد قليل جدًا من الناس)',
    language: 'اللغة',
    nothing: 'لم يُنشر شيء لهذه الأشهر بعد.',
    measures: {
      applications: 'الأشخاص الذين تقدّموا بطلب',
      waiting: 'القادمون الجدد الذين ينتظرون مرشدًا في نهاية الشهر',
      'waiting-days': 'متوسط الأيام من الطلب إلى بدء الثنائي',
      'matches-active': 'الثنائيات النشطة',
      'matches-new': 'الثنائيات الجديدة',
      'meetings-per-match': 'اللقاءات لكل ثنائي في الشهر',
      'goals-moved': 'الأهداف التي تقدّمت',
      closures: 'الثنائيات التي انتهت',
      'closure-rate': 'نسبة الثنائيات التي انتهت (%)',
      'match-length-days': 'متوسط مدة الثنائيات التي انتهت (بالأيام)',
      'retention-3m': 'الثنائيات المستمرة بعد 3 أشهر (%)',
      'retention-6m': 'الثنائيات المستمرة بعد 6 أشهر (%)',
      'retention-12m': 'الثنائيات المستمرة بعد 12 شهرًا (%)',
      'event-attendance': 'الأشخاص في الأنشطة الجماعية',
      'supports-used': 'الأشخاص الذين استفادوا من دعم (رعاية الأطفال، النقل، الترجمة)',
    },
  },
  fa: {
    title: (org) => `${org}: اثر ما`,
    intro:
      'ارقام برنامه‌های منتورینگ ما، ماه به ماه، برای همهٔ برنامه‌ها با هم. این ارقام گروه‌هایی از مردم را می‌شمارند، هرگز یک نفر را.',
    suppressed: (k) =>
      `رقمی که کمتر از ${k} نفر را بشمارد نشان داده نمی‌شود، و نه هیچ رقمی که بتوان آن را از رویش حساب کرد.`,
    month: 'ماه',
    value: 'رقم',
    hidden: 'نشان داده نمی‌شود (افراد بسیار کم)',
    language: 'زبان',
    nothing: 'برای این ماه‌ها هنوز چیزی منتشر نشده است.',
    measures: {
      applications: 'کسانی که درخواست دادند',
      waiting: 'تازه‌واردانی که در پایان ماه منتظر منتور هستند',
      'waiting-days': 'میانگین روزها از درخواست تا آغاز تاندم',
      'matches-active': 'تاندم‌های فعال',
      'matches-new': 'تاندم‌های تازه',
      'meetings-per-match': 'دیدارها برای هر تاندم در ماه',
      'goals-moved': 'هدف‌هایی که پیش رفتند',
      closures: 'تاندم‌هایی که پایان یافتند',
      'closure-rate': 'سهم تاندم‌هایی که پایان یافتند (٪)',
      'match-length-days': 'میانگین مدت تاندم‌هایی که پایان یافتند (روز)',
      'retention-3m': 'تاندم‌هایی که پس از ۳ ماه ادامه دارند (٪)',
      'retention-6m': 'تاندم‌هایی که پس از ۶ ماه ادامه دارند (٪)',
      'retention-12m': 'تاندم‌هایی که پس از ۱۲ ماه ادامه دارند (٪)',
      'event-attendance': 'افراد در فعالیت‌های گروهی',
      'supports-used': 'کسانی که از یک پشتیبانی استفاده کردند (مراقبت از کودک، رفت‌وآمد، ترجمه)',
    },
  },
}
