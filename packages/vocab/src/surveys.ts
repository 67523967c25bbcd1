/**
 * Surveys (issue 13, decision 035): the kinds, audiences and question types, and the shipped templates as data.
 * Question codes are stable: a baseline and an exit question with the same code ask the same thing, so indicators
 * compare them by code. Every text is written in the six languages of the service; a missing one falls back to the
 * program's default language, then to English.
 */

export const SURVEY_LANGUAGES = ['en', 'ar', 'uk', 'fa', 'es', 'de'] as const
export type SurveyLanguage = (typeof SURVEY_LANGUAGES)[number]

export const SURVEY_KINDS = ['baseline', 'midpoint', 'exit', 'pulse'] as const
export type SurveyKind = (typeof SURVEY_KINDS)[number]

/** Who a survey asks: the newcomers (mentees) or the mentors of a program's tandems. */
export const SURVEY_AUDIENCES = ['mentees', 'mentors'] as const
export type SurveyAudience = (typeof SURVEY_AUDIENCES)[number]

/** Likert 1–5 (strongly disagree … strongly agree), one option, several options, a whole number, a short text. */
export const QUESTION_TYPES = ['likert', 'single', 'multiple', 'number', 'text'] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]

export const LIKERT_POINTS = [1, 2, 3, 4, 5] as const
/** Longest short-text answer, in characters. */
export const SURVEY_TEXT_MAX = 500
/** Most questions in one survey, options in one question. */
export const SURVEY_MAX_QUESTIONS = 40
export const SURVEY_MAX_OPTIONS = 12
/** An invitation link works this many days; one reminder goes out this many days after it, when unanswered. */
export const SURVEY_INVITATION_VALID_DAYS = 30
export const SURVEY_REMINDER_AFTER_DAYS = 4

/** A text in some of the six languages (English is expected; the builder shows which are missing). */
export type Translations = Partial<Record<SurveyLanguage, string>>

export interface SurveyOption {
  code: string
  label: Translations
}

export interface SurveyQuestion {
  /** Stable across templates and kinds: `confidence.everyday` at baseline pairs with it at exit. */
  code: string
  type: QuestionType
  text: Translations
  required: boolean
  /** For `single` and `multiple`. */
  options?: SurveyOption[]
  /** For `number`: the smallest and largest whole number accepted. */
  min?: number
  max?: number
}

/** One text in `locale`, else in the fallback language, else in English, else in any language it has. */
export function translated(text: Translations, locale: string, fallback = 'en'): string {
  const pick = (l: string) => text[l as SurveyLanguage]?.trim()
  return pick(locale) || pick(fallback) || pick('en') || Object.values(text).find((s) => s?.trim()) || ''
}

/** Which texts of a survey lack which languages: `{ path: 'questions.2.options.1', missing: ['fa'] }`. */
export function missingTranslations(
  survey: { title: Translations; questions: readonly SurveyQuestion[] },
  languages: readonly SurveyLanguage[] = SURVEY_LANGUAGES,
): { path: string; missing: SurveyLanguage[] }[] {
  const out: { path: string; missing: SurveyLanguage[] }[] = []
  const check = (path: string, text: Translations) => {
    const missing = languages.filter((l) => !text[l]?.trim())
    if (missing.length > 0) out.push({ path, missing })
  }
  check('title', survey.title)
  survey.questions.forEach((q, i) => {
    check(`questions.${i}.text`, q.text)
    q.options?.forEach((o, j) => {
      check(`questions.${i}.options.${j}.label`, o.label)
    })
  })
  return out
}

/** en, ar, uk, fa, es, de. */
const t = (en: string, ar: string, uk: string, fa: string, es: string, de: string): Translations => ({
  en,
  ar,
  uk,
  fa,
  es,
  de,
})
const option = (code: string, label: Translations): SurveyOption => ({ code, label })

// ——— Questions for newcomers (mentees). The same codes at baseline, midpoint and exit. ———

const confidenceEveryday: SurveyQuestion = {
  code: 'confidence.everyday',
  type: 'likert',
  required: true,
  text: /* @__PURE__ */ t(
    'I feel confident handling everyday tasks on my own (shopping, transport, appointments).',
    'أشعر بالثقة في إنجاز مهامي اليومية بنفسي (التسوّق، المواصلات، المواعيد).',
    'Я впевнено даю раду повсякденним справам самостійно (покупки, транспорт, візити до установ).',
    'در انجام کارهای روزمره به‌تنهایی (خرید، رفت‌وآمد، وقت‌های اداری) احساس اطمینان می‌کنم.',
    'Me siento capaz de resolver por mi cuenta las tareas del día a día (compras, transporte, citas).',
    'Ich traue mir zu, Alltägliches selbst zu erledigen (Einkaufen, Bus und Bahn, Termine).',
  ),
}

const confidenceServices: SurveyQuestion = {
  code: 'confidence.services',
  type: 'likert',
  required: true,
  text: /* @__PURE__ */ t(
    'I know where to go for help with housing, health care or official documents.',
    'أعرف إلى أين أتوجّه لطلب المساعدة في السكن أو الرعاية الصحية أو الأوراق الرسمية.',
    'Я знаю, куди звернутися по допомогу з житлом, медициною чи офіційними документами.',
    'می‌دانم برای کمک در مورد مسکن، درمان یا مدارک رسمی به کجا مراجعه کنم.',
    'Sé adónde acudir para pedir ayuda con la vivienda, la atención sanitaria o los documentos oficiales.',
    'Ich weiß, wo ich Hilfe bei Wohnung, Gesundheit oder Behördenpapieren bekomme.',
  ),
}

const languageUse: SurveyQuestion = {
  code: 'language.use',
  type: 'single',
  required: true,
  text: /* @__PURE__ */ t(
    'How often do you speak the local language outside of classes?',
    'كم مرة تتحدث اللغة المحلية خارج دروس اللغة؟',
    'Як часто ви розмовляєте місцевою мовою поза заняттями?',
    'چند وقت یک‌بار بیرون از کلاس به زبان محلی صحبت می‌کنید؟',
    '¿Con qué frecuencia habla el idioma local fuera de las clases?',
    'Wie oft sprechen Sie die Landessprache außerhalb des Unterrichts?',
  ),
  options: [
    /* @__PURE__ */ option(
      'daily',
      /* @__PURE__ */ t('Every day', 'كل يوم', 'Щодня', 'هر روز', 'Todos los días', 'Jeden Tag'),
    ),
    /* @__PURE__ */ option(
      'weekly',
      /* @__PURE__ */ t(
        'A few times a week',
        'بضع مرات في الأسبوع',
        'Кілька разів на тиждень',
        'چند بار در هفته',
        'Varias veces por semana',
        'Ein paar Mal pro Woche',
      ),
    ),
    /* @__PURE__ */ option(
      'rarely',
      /* @__PURE__ */ t('Rarely', 'نادراً', 'Рідко', 'به‌ندرت', 'Pocas veces', 'Selten'),
    ),
    /* @__PURE__ */ option('never', /* @__PURE__ */ t('Never', 'أبداً', 'Ніколи', 'هرگز', 'Nunca', 'Nie')),
  ],
}

const languageConfidence: SurveyQuestion = {
  code: 'language.confidence',
  type: 'likert',
  required: true,
  text: /* @__PURE__ */ t(
    'I can make myself understood in the local language in everyday situations.',
    'أستطيع أن أُفهِم الآخرين باللغة المحلية في المواقف اليومية.',
    'Я можу порозумітися місцевою мовою в повсякденних ситуаціях.',
    'در موقعیت‌های روزمره می‌توانم منظورم را به زبان محلی برسانم.',
    'Puedo hacerme entender en el idioma local en situaciones cotidianas.',
    'Ich kann mich im Alltag in der Landessprache verständlich machen.',
  ),
}

const workStatus: SurveyQuestion = {
  code: 'work.status',
  type: 'single',
  required: true,
  text: /* @__PURE__ */ t(
    'What is your work situation at the moment?',
    'ما هو وضعك المهني حالياً؟',
    'Яка у вас зараз ситуація з роботою?',
    'در حال حاضر وضعیت کاری شما چیست؟',
    '¿Cuál es su situación laboral en este momento?',
    'Wie ist Ihre berufliche Situation im Moment?',
  ),
  options: [
    /* @__PURE__ */ option(
      'employed-full',
      /* @__PURE__ */ t(
        'Working full time',
        'أعمل بدوام كامل',
        'Працюю повний день',
        'تمام‌وقت کار می‌کنم',
        'Trabajo a jornada completa',
        'Ich arbeite Vollzeit',
      ),
    ),
    /* @__PURE__ */ option(
      'employed-part',
      /* @__PURE__ */ t(
        'Working part time or in a mini-job',
        'أعمل بدوام جزئي أو في عمل صغير',
        'Працюю неповний день або на підробітку',
        'پاره‌وقت یا در کاری کوچک کار می‌کنم',
        'Trabajo a tiempo parcial o en un minijob',
        'Ich arbeite Teilzeit oder im Minijob',
      ),
    ),
    /* @__PURE__ */ option(
      'self-employed',
      /* @__PURE__ */ t(
        'Self-employed',
        'أعمل لحسابي الخاص',
        'Працюю на себе',
        'خوداشتغال هستم',
        'Trabajo por cuenta propia',
        'Ich bin selbstständig',
      ),
    ),
    /* @__PURE__ */ option(
      'training',
      /* @__PURE__ */ t(
        'In vocational training or an apprenticeship',
        'في تدريب مهني أو تلمذة مهنية',
        'Навчаюся професії або проходжу виробниче навчання',
        'در دوره آموزش فنی‌وحرفه‌ای یا کارآموزی هستم',
        'En formación profesional o de aprendiz',
        'In Ausbildung',
      ),
    ),
    /* @__PURE__ */ option(
      'looking',
      /* @__PURE__ */ t(
        'Looking for work',
        'أبحث عن عمل',
        'Шукаю роботу',
        'دنبال کار هستم',
        'Buscando trabajo',
        'Ich suche Arbeit',
      ),
    ),
    /* @__PURE__ */ option(
      'not-allowed',
      /* @__PURE__ */ t(
        'Not yet allowed to work',
        'لا يُسمح لي بالعمل بعد',
        'Ще не маю права працювати',
        'هنوز اجازه کار ندارم',
        'Todavía no tengo permiso para trabajar',
        'Ich darf noch nicht arbeiten',
      ),
    ),
    /* @__PURE__ */ option(
      'not-looking',
      /* @__PURE__ */ t(
        'Not looking for work now (e.g. caring for family, studying)',
        'لا أبحث عن عمل حالياً (مثلاً لرعاية الأسرة أو للدراسة)',
        'Зараз не шукаю роботу (наприклад, доглядаю за родиною, навчаюся)',
        'فعلاً دنبال کار نیستم (مثلاً مراقبت از خانواده، تحصیل)',
        'Ahora no busco trabajo (p. ej., cuido de la familia, estudio)',
        'Ich suche gerade keine Arbeit (z. B. Familie, Studium)',
      ),
    ),
  ],
}

const workProspects: SurveyQuestion = {
  code: 'work.prospects',
  type: 'likert',
  required: true,
  text: /* @__PURE__ */ t(
    'I am hopeful that I will find work that fits my skills and experience.',
    'لديّ أمل في أن أجد عملاً يناسب مهاراتي وخبرتي.',
    'Я маю надію знайти роботу, яка відповідає моїм навичкам і досвіду.',
    'امیدوارم کاری پیدا کنم که با مهارت‌ها و تجربه‌ام جور باشد.',
    'Tengo esperanza de encontrar un trabajo acorde con mis capacidades y experiencia.',
    'Ich bin zuversichtlich, Arbeit zu finden, die zu meinen Fähigkeiten und Erfahrungen passt.',
  ),
}

const educationOwn: SurveyQuestion = {
  code: 'education.own',
  type: 'single',
  required: true,
  text: /* @__PURE__ */ t(
    'Are you currently taking part in education or training?',
    'هل تشارك حالياً في تعليم أو تدريب؟',
    'Чи навчаєтеся ви зараз?',
    'آیا در حال حاضر در دوره آموزشی یا تحصیلی شرکت دارید؟',
    '¿Participa actualmente en algún curso o formación?',
    'Nehmen Sie zurzeit an einem Kurs, einer Schule oder Ausbildung teil?',
  ),
  options: [
    /* @__PURE__ */ option(
      'language-course',
      /* @__PURE__ */ t(
        'A language course',
        'دورة لغة',
        'Мовні курси',
        'کلاس زبان',
        'Un curso de idioma',
        'Einen Sprachkurs',
      ),
    ),
    /* @__PURE__ */ option(
      'school-or-university',
      /* @__PURE__ */ t(
        'School, college or university',
        'مدرسة أو معهد أو جامعة',
        'Школа, коледж або університет',
        'مدرسه، کالج یا دانشگاه',
        'Escuela, instituto o universidad',
        'Schule, Hochschule oder Universität',
      ),
    ),
    /* @__PURE__ */ option(
      'vocational',
      /* @__PURE__ */ t(
        'Vocational training or a job course',
        'تدريب مهني أو دورة للعمل',
        'Професійне навчання або курси для роботи',
        'آموزش فنی‌وحرفه‌ای یا دوره شغلی',
        'Formación profesional o un curso para el empleo',
        'Berufliche Weiterbildung oder eine Maßnahme',
      ),
    ),
    /* @__PURE__ */ option(
      'none',
      /* @__PURE__ */ t(
        'None at the moment',
        'لا شيء حالياً',
        'Наразі ні',
        'فعلاً هیچ‌کدام',
        'Ninguno por ahora',
        'Zurzeit nichts',
      ),
    ),
  ],
}

const educationChildren: SurveyQuestion = {
  code: 'education.children',
  type: 'single',
  required: true,
  text: /* @__PURE__ */ t(
    'If you have children of school age: how regularly do they go to school or nursery?',
    'إن كان لديك أطفال في سن المدرسة: ما مدى انتظامهم في الذهاب إلى المدرسة أو الروضة؟',
    'Якщо у вас є діти шкільного віку: наскільки регулярно вони ходять до школи чи садочка?',
    'اگر فرزند در سن مدرسه دارید: چقدر مرتب به مدرسه یا مهدکودک می‌روند؟',
    'Si tiene hijos en edad escolar: ¿con qué regularidad van a la escuela o a la guardería?',
    'Wenn Sie Kinder im Schulalter haben: Wie regelmäßig gehen sie zur Schule oder Kita?',
  ),
  options: [
    /* @__PURE__ */ option(
      'every-day',
      /* @__PURE__ */ t(
        'Every school day',
        'كل يوم دراسي',
        'Щодня, коли є уроки',
        'هر روز مدرسه',
        'Todos los días de clase',
        'An jedem Schultag',
      ),
    ),
    /* @__PURE__ */ option(
      'most-days',
      /* @__PURE__ */ t(
        'Most days',
        'معظم الأيام',
        'Більшість днів',
        'بیشتر روزها',
        'La mayoría de los días',
        'An den meisten Tagen',
      ),
    ),
    /* @__PURE__ */ option(
      'sometimes',
      /* @__PURE__ */ t('Sometimes', 'أحياناً', 'Іноді', 'گاهی', 'A veces', 'Manchmal'),
    ),
    /* @__PURE__ */ option(
      'no-place',
      /* @__PURE__ */ t(
        'They do not have a place at a school or nursery yet',
        'ليس لديهم مكان في مدرسة أو روضة بعد',
        'Вони ще не мають місця в школі чи садочку',
        'هنوز در مدرسه یا مهدکودک جا ندارند',
        'Todavía no tienen plaza en una escuela o guardería',
        'Sie haben noch keinen Schul- oder Kitaplatz',
      ),
    ),
    /* @__PURE__ */ option(
      'no-children',
      /* @__PURE__ */ t(
        'I have no children of school age',
        'ليس لديّ أطفال في سن المدرسة',
        'У мене немає дітей шкільного віку',
        'فرزند در سن مدرسه ندارم',
        'No tengo hijos en edad escolar',
        'Ich habe keine Kinder im Schulalter',
      ),
    ),
  ],
}

const belonging: SurveyQuestion = {
  code: 'belonging',
  type: 'likert',
  required: true,
  text: /* @__PURE__ */ t(
    'I feel that I belong here, in my neighbourhood and town.',
    'أشعر أنني أنتمي إلى هذا المكان، إلى حيّي ومدينتي.',
    'Я відчуваю, що я тут свій / своя — у моєму районі й місті.',
    'احساس می‌کنم به اینجا، به محله و شهرم تعلق دارم.',
    'Siento que pertenezco a este lugar, a mi barrio y a mi ciudad.',
    'Ich fühle mich hier zugehörig, in meinem Viertel und meiner Stadt.',
  ),
}

const socialTies: SurveyQuestion = {
  code: 'ties.count',
  type: 'number',
  required: false,
  min: 0,
  max: 50,
  text: /* @__PURE__ */ t(
    'How many people here, outside your family, could you ask for help?',
    'كم شخصاً هنا، من خارج عائلتك، يمكنك أن تطلب منه المساعدة؟',
    'Скільки людей тут, окрім родини, ви могли б попросити про допомогу?',
    'از چند نفر اینجا، بیرون از خانواده‌تان، می‌توانید کمک بخواهید؟',
    '¿A cuántas personas de aquí, fuera de su familia, podría pedir ayuda?',
    'Wie viele Menschen hier, außerhalb Ihrer Familie, könnten Sie um Hilfe bitten?',
  ),
}

const civic: SurveyQuestion = {
  code: 'civic.participation',
  type: 'multiple',
  required: false,
  text: /* @__PURE__ */ t(
    'In the last three months, have you taken part in any of these?',
    'خلال الأشهر الثلاثة الماضية، هل شاركت في أيّ مما يلي؟',
    'Чи брали ви за останні три місяці участь у чомусь із цього?',
    'در سه ماه گذشته در هیچ‌کدام از این‌ها شرکت کرده‌اید؟',
    'En los últimos tres meses, ¿ha participado en alguna de estas actividades?',
    'Haben Sie in den letzten drei Monaten an etwas davon teilgenommen?',
  ),
  options: [
    /* @__PURE__ */ option(
      'community-event',
      /* @__PURE__ */ t(
        'A neighbourhood or community event',
        'فعالية في الحي أو المجتمع',
        'Захід у районі чи громаді',
        'برنامه‌ای در محله یا اجتماع',
        'Un evento del barrio o de la comunidad',
        'Eine Veranstaltung im Viertel oder in der Gemeinde',
      ),
    ),
    /* @__PURE__ */ option(
      'volunteering',
      /* @__PURE__ */ t(
        'Volunteering',
        'عمل تطوعي',
        'Волонтерство',
        'کار داوطلبانه',
        'Voluntariado',
        'Ehrenamt',
      ),
    ),
    /* @__PURE__ */ option(
      'club',
      /* @__PURE__ */ t(
        'A club, sports team or association',
        'نادٍ أو فريق رياضي أو جمعية',
        'Клуб, спортивна команда або об’єднання',
        'باشگاه، تیم ورزشی یا انجمن',
        'Un club, equipo deportivo o asociación',
        'Einen Verein oder eine Sportgruppe',
      ),
    ),
    /* @__PURE__ */ option(
      'school-meeting',
      /* @__PURE__ */ t(
        'A parents’ meeting at a school or nursery',
        'اجتماع أولياء الأمور في مدرسة أو روضة',
        'Батьківські збори в школі чи садочку',
        'جلسه اولیا در مدرسه یا مهدکودک',
        'Una reunión de padres en la escuela o guardería',
        'Einen Elternabend in Schule oder Kita',
      ),
    ),
    /* @__PURE__ */ option(
      'public-meeting',
      /* @__PURE__ */ t(
        'A public or residents’ meeting',
        'اجتماع عام أو اجتماع للسكان',
        'Громадські збори або збори мешканців',
        'جلسه عمومی یا جلسه ساکنان',
        'Una reunión pública o vecinal',
        'Eine öffentliche Versammlung oder Bewohnerversammlung',
      ),
    ),
    /* @__PURE__ */ option(
      'none',
      /* @__PURE__ */ t(
        'None of these',
        'لا شيء من ذلك',
        'Нічого з цього',
        'هیچ‌کدام',
        'Ninguna',
        'Nichts davon',
      ),
    ),
  ],
}

const barriers: SurveyQuestion = {
  code: 'barriers',
  type: 'multiple',
  required: false,
  text: /* @__PURE__ */ t(
    'What makes it hard for you to use services or take part in activities?',
    'ما الذي يصعّب عليك الاستفادة من الخدمات أو المشاركة في الأنشطة؟',
    'Що заважає вам користуватися послугами чи брати участь у заходах?',
    'چه چیزی استفاده از خدمات یا شرکت در فعالیت‌ها را برایتان سخت می‌کند؟',
    '¿Qué le dificulta usar servicios o participar en actividades?',
    'Was erschwert es Ihnen, Angebote zu nutzen oder bei Aktivitäten mitzumachen?',
  ),
  options: [
    /* @__PURE__ */ option(
      'language',
      /* @__PURE__ */ t('Language', 'اللغة', 'Мова', 'زبان', 'El idioma', 'Die Sprache'),
    ),
    /* @__PURE__ */ option(
      'transport',
      /* @__PURE__ */ t(
        'Getting there',
        'صعوبة الوصول',
        'Як туди дістатися',
        'رفت‌وآمد',
        'Llegar hasta allí',
        'Der Weg dorthin',
      ),
    ),
    /* @__PURE__ */ option(
      'child-care',
      /* @__PURE__ */ t(
        'Child care',
        'رعاية الأطفال',
        'Догляд за дітьми',
        'نگهداری از کودکان',
        'El cuidado de los niños',
        'Kinderbetreuung',
      ),
    ),
    /* @__PURE__ */ option(
      'cost',
      /* @__PURE__ */ t('Cost', 'التكلفة', 'Вартість', 'هزینه', 'El coste', 'Die Kosten'),
    ),
    /* @__PURE__ */ option(
      'documents',
      /* @__PURE__ */ t(
        'Papers or residence status',
        'الأوراق أو وضع الإقامة',
        'Документи або статус перебування',
        'مدارک یا وضعیت اقامت',
        'Los papeles o la situación de residencia',
        'Papiere oder Aufenthaltsstatus',
      ),
    ),
    /* @__PURE__ */ option(
      'information',
      /* @__PURE__ */ t(
        'Not knowing what exists or where to go',
        'عدم معرفة ما هو متاح أو إلى أين أذهب',
        'Не знаю, що є і куди звертатися',
        'نمی‌دانم چه چیزهایی هست یا کجا بروم',
        'No saber qué hay ni adónde ir',
        'Ich weiß nicht, was es gibt oder wohin ich gehen kann',
      ),
    ),
    /* @__PURE__ */ option(
      'discrimination',
      /* @__PURE__ */ t(
        'Being treated unfairly',
        'المعاملة غير العادلة',
        'Несправедливе ставлення',
        'رفتار ناعادلانه',
        'Un trato injusto',
        'Ungerechte Behandlung',
      ),
    ),
    /* @__PURE__ */ option(
      'none',
      /* @__PURE__ */ t('Nothing', 'لا شيء', 'Нічого', 'هیچ چیز', 'Nada', 'Nichts'),
    ),
  ],
}

const mentorHelped: SurveyQuestion = {
  code: 'program.helped',
  type: 'likert',
  required: true,
  text: /* @__PURE__ */ t(
    'Meeting my mentor has made a real difference for me.',
    'لقاءاتي مع مرشدي أحدثت فرقاً حقيقياً في حياتي.',
    'Зустрічі з моїм наставником / наставницею справді змінили щось для мене.',
    'دیدار با منتورم برایم تفاوت واقعی ایجاد کرده است.',
    'Reunirme con mi mentor o mentora ha supuesto una diferencia real para mí.',
    'Die Treffen mit meiner Mentorin oder meinem Mentor haben für mich wirklich etwas verändert.',
  ),
}

const comment = (code: string): SurveyQuestion => ({
  code,
  type: 'text',
  required: false,
  text: /* @__PURE__ */ t(
    'Is there anything else you would like to tell us? (Please do not write names.)',
    'هل هناك أي شيء آخر تودّ أن تخبرنا به؟ (يُرجى عدم كتابة أسماء.)',
    'Чи хочете ви ще щось нам сказати? (Будь ласка, не пишіть імен.)',
    'چیز دیگری هست که بخواهید به ما بگویید؟ (لطفاً نام کسی را ننویسید.)',
    '¿Hay algo más que quiera contarnos? (Por favor, no escriba nombres.)',
    'Möchten Sie uns noch etwas sagen? (Bitte schreiben Sie keine Namen.)',
  ),
})

const newcomerCore = [
  confidenceEveryday,
  confidenceServices,
  languageUse,
  languageConfidence,
  workStatus,
  workProspects,
  educationOwn,
  educationChildren,
  belonging,
  socialTies,
  civic,
  barriers,
]

// ——— The mentor version (at the end of a tandem). ———

const mentorQuestions: SurveyQuestion[] = [
  {
    code: 'mentor.learned',
    type: 'multiple',
    required: false,
    text: /* @__PURE__ */ t(
      'What did you learn as a mentor?',
      'ماذا تعلّمت بصفتك مرشداً؟',
      'Чого ви навчилися як наставник / наставниця?',
      'به‌عنوان منتور چه چیزهایی یاد گرفتید؟',
      '¿Qué ha aprendido como mentor o mentora?',
      'Was haben Sie als Mentorin oder Mentor gelernt?',
    ),
    options: [
      /* @__PURE__ */ option(
        'cultures',
        /* @__PURE__ */ t(
          'About other cultures and ways of life',
          'عن ثقافات وأساليب حياة أخرى',
          'Про інші культури та способи життя',
          'درباره فرهنگ‌ها و شیوه‌های زندگی دیگر',
          'Sobre otras culturas y formas de vida',
          'Über andere Kulturen und Lebensweisen',
        ),
      ),
      /* @__PURE__ */ option(
        'systems',
        /* @__PURE__ */ t(
          'How services and authorities work for newcomers',
          'كيف تعمل الخدمات والجهات الرسمية بالنسبة للقادمين الجدد',
          'Як працюють служби та установи для новоприбулих',
          'اینکه خدمات و ادارات برای تازه‌واردان چگونه کار می‌کنند',
          'Cómo funcionan los servicios y la administración para las personas recién llegadas',
          'Wie Behörden und Angebote für Neuankommende funktionieren',
        ),
      ),
      /* @__PURE__ */ option(
        'listening',
        /* @__PURE__ */ t(
          'Patience and listening',
          'الصبر والإصغاء',
          'Терпіння та вміння слухати',
          'صبر و گوش دادن',
          'Paciencia y escucha',
          'Geduld und Zuhören',
        ),
      ),
      /* @__PURE__ */ option(
        'own-town',
        /* @__PURE__ */ t(
          'New things about my own town',
          'أشياء جديدة عن مدينتي',
          'Щось нове про своє місто',
          'چیزهای تازه‌ای درباره شهر خودم',
          'Cosas nuevas sobre mi propia ciudad',
          'Neues über meine eigene Stadt',
        ),
      ),
      /* @__PURE__ */ option(
        'language',
        /* @__PURE__ */ t(
          'Words of another language',
          'كلمات من لغة أخرى',
          'Слова іншої мови',
          'واژه‌هایی از یک زبان دیگر',
          'Palabras de otro idioma',
          'Wörter einer anderen Sprache',
        ),
      ),
    ],
  },
  {
    code: 'mentor.prepared',
    type: 'likert',
    required: true,
    text: /* @__PURE__ */ t(
      'I felt well prepared for my role as a mentor.',
      'شعرت بأنني مستعد جيداً لدوري كمرشد.',
      'Я почувався / почувалася добре підготовленим / підготовленою до ролі наставника.',
      'احساس می‌کردم برای نقش منتوری به‌خوبی آماده‌ام.',
      'Me sentí bien preparado o preparada para mi papel de mentor.',
      'Ich habe mich auf meine Rolle als Mentorin oder Mentor gut vorbereitet gefühlt.',
    ),
  },
  {
    code: 'mentor.again',
    type: 'single',
    required: true,
    text: /* @__PURE__ */ t(
      'Would you be a mentor again?',
      'هل تودّ أن تكون مرشداً مرة أخرى؟',
      'Чи стали б ви наставником / наставницею знову?',
      'آیا دوباره منتور می‌شوید؟',
      '¿Volvería a ser mentor o mentora?',
      'Würden Sie wieder Mentorin oder Mentor werden?',
    ),
    options: [
      /* @__PURE__ */ option('yes', /* @__PURE__ */ t('Yes', 'نعم', 'Так', 'بله', 'Sí', 'Ja')),
      /* @__PURE__ */ option(
        'maybe',
        /* @__PURE__ */ t('Maybe', 'ربما', 'Можливо', 'شاید', 'Quizás', 'Vielleicht'),
      ),
      /* @__PURE__ */ option('no', /* @__PURE__ */ t('No', 'لا', 'Ні', 'نه', 'No', 'Nein')),
    ],
  },
  {
    code: 'mentor.support',
    type: 'multiple',
    required: false,
    text: /* @__PURE__ */ t(
      'What support would have helped you?',
      'ما الدعم الذي كان سيساعدك؟',
      'Яка підтримка вам би допомогла?',
      'چه پشتیبانی‌ای به شما کمک می‌کرد؟',
      '¿Qué apoyo le habría ayudado?',
      'Welche Unterstützung hätte Ihnen geholfen?',
    ),
    options: [
      /* @__PURE__ */ option(
        'training',
        /* @__PURE__ */ t(
          'More training',
          'تدريب أكثر',
          'Більше навчання',
          'آموزش بیشتر',
          'Más formación',
          'Mehr Schulung',
        ),
      ),
      /* @__PURE__ */ option(
        'supervision',
        /* @__PURE__ */ t(
          'Regular talks with a coordinator',
          'أحاديث منتظمة مع منسّق',
          'Регулярні розмови з координатором',
          'گفت‌وگوی منظم با هماهنگ‌کننده',
          'Conversaciones periódicas con la coordinación',
          'Regelmäßige Gespräche mit der Koordination',
        ),
      ),
      /* @__PURE__ */ option(
        'interpreting',
        /* @__PURE__ */ t(
          'Interpreting',
          'الترجمة الفورية',
          'Усний переклад',
          'ترجمه شفاهی',
          'Interpretación',
          'Dolmetschen',
        ),
      ),
      /* @__PURE__ */ option(
        'peers',
        /* @__PURE__ */ t(
          'Meeting other mentors',
          'لقاء مرشدين آخرين',
          'Зустрічі з іншими наставниками',
          'دیدار با منتورهای دیگر',
          'Encuentros con otros mentores',
          'Austausch mit anderen Mentorinnen und Mentoren',
        ),
      ),
      /* @__PURE__ */ option(
        'legal-info',
        /* @__PURE__ */ t(
          'Information on asylum and residence rules',
          'معلومات عن قواعد اللجوء والإقامة',
          'Інформація про правила притулку й перебування',
          'اطلاعات درباره قوانین پناهندگی و اقامت',
          'Información sobre las normas de asilo y residencia',
          'Informationen zu Asyl- und Aufenthaltsrecht',
        ),
      ),
      /* @__PURE__ */ option(
        'none',
        /* @__PURE__ */ t(
          'I had what I needed',
          'كان لديّ ما أحتاجه',
          'Мені всього вистачало',
          'هرچه لازم داشتم داشتم',
          'Tuve lo que necesitaba',
          'Ich hatte, was ich brauchte',
        ),
      ),
    ],
  },
  /* @__PURE__ */ comment('mentor.comment'),
]

export const SURVEY_TEMPLATE_CODES = [
  'newcomer-baseline',
  'newcomer-midpoint',
  'newcomer-exit',
  'mentor-exit',
] as const
export type SurveyTemplateCode = (typeof SURVEY_TEMPLATE_CODES)[number]

export interface SurveyTemplate {
  code: SurveyTemplateCode
  kind: SurveyKind
  audience: SurveyAudience
  anonymous: boolean
  title: Translations
  questions: SurveyQuestion[]
}

/** The shipped templates: anonymous by default; a coordinator adds one to a program and may then change it. */
export const SURVEY_TEMPLATES: Record<SurveyTemplateCode, SurveyTemplate> = {
  'newcomer-baseline': {
    code: 'newcomer-baseline',
    kind: 'baseline',
    audience: 'mentees',
    anonymous: true,
    title: /* @__PURE__ */ t(
      'Getting started: how are things for you?',
      'في البداية: كيف تسير أمورك؟',
      'На початку: як у вас справи?',
      'در آغاز: اوضاع شما چطور است؟',
      'Para empezar: ¿cómo le va?',
      'Zum Start: Wie geht es Ihnen hier?',
    ),
    questions: /* @__PURE__ */ newcomerCore.concat([/* @__PURE__ */ comment('comment')]),
  },
  'newcomer-midpoint': {
    code: 'newcomer-midpoint',
    kind: 'midpoint',
    audience: 'mentees',
    anonymous: true,
    title: /* @__PURE__ */ t(
      'Halfway: how are things going?',
      'في منتصف الطريق: كيف تسير الأمور؟',
      'Половина шляху: як справи?',
      'نیمه راه: اوضاع چطور پیش می‌رود؟',
      'A mitad de camino: ¿cómo van las cosas?',
      'Halbzeit: Wie läuft es?',
    ),
    questions: /* @__PURE__ */ newcomerCore.concat([mentorHelped, /* @__PURE__ */ comment('comment')]),
  },
  'newcomer-exit': {
    code: 'newcomer-exit',
    kind: 'exit',
    audience: 'mentees',
    anonymous: true,
    title: /* @__PURE__ */ t(
      'At the end: what has changed for you?',
      'في النهاية: ما الذي تغيّر بالنسبة لك؟',
      'Наприкінці: що змінилося для вас?',
      'در پایان: چه چیزی برای شما تغییر کرده است؟',
      'Al final: ¿qué ha cambiado para usted?',
      'Zum Abschluss: Was hat sich für Sie verändert?',
    ),
    questions: /* @__PURE__ */ newcomerCore.concat([mentorHelped, /* @__PURE__ */ comment('comment')]),
  },
  'mentor-exit': {
    code: 'mentor-exit',
    kind: 'exit',
    audience: 'mentors',
    anonymous: true,
    title: /* @__PURE__ */ t(
      'Looking back on your tandem',
      'نظرة إلى الوراء على شراكتك',
      'Погляд назад на ваш тандем',
      'نگاهی به گذشته‌ی همراهی‌تان',
      'Mirando atrás en su tándem',
      'Rückblick auf Ihr Tandem',
    ),
    questions: mentorQuestions,
  },
}
