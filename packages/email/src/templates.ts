/**
 * Localized transactional email. Each template returns subject, text and HTML; HTML is escaped
 * and marked with the language and direction, so Arabic and Dari read right to left.
 */
export const emailLocales = ['en', 'ar', 'de', 'uk', 'fa', 'es'] as const
export type EmailLocale = (typeof emailLocales)[number]

const rtl = new Set<EmailLocale>(['ar', 'fa'])

export function emailLocale(preferred: string | null | undefined, fallback = 'en'): EmailLocale {
  for (const candidate of [preferred, fallback]) {
    const base = candidate?.toLowerCase().split('-')[0]
    if (base && (emailLocales as readonly string[]).includes(base)) return base as EmailLocale
  }
  return 'en'
}

export interface RenderedEmail {
  subject: string
  text: string
  html: string
}

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => params[key] ?? `{${key}}`)
}

function layout(locale: EmailLocale, paragraphs: string[], link: { href: string; label: string }): string {
  const dir = rtl.has(locale) ? 'rtl' : 'ltr'
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')
  return `<!doctype html><html lang="${locale}" dir="${dir}"><body style="font-family:system-ui,sans-serif;line-height:1.5">${body}<p><a href="${escapeHtml(link.href)}" style="display:inline-block;padding:.6em 1.2em;background:#1d4ed8;color:#fff;border-radius:.4em;text-decoration:none">${escapeHtml(link.label)}</a></p></body></html>`
}

const roleNames: Record<EmailLocale, Record<string, string>> = {
  en: {
    owner: 'owner',
    admin: 'administrator',
    coordinator: 'coordinator',
    mentor: 'mentor',
    mentee: 'mentee',
    partner: 'partner',
  },
  ar: {
    owner: 'مالك',
    admin: 'مسؤول',
    coordinator: 'منسق',
    mentor: 'مرشد',
    mentee: 'مستفيد',
    partner: 'شريك',
  },
  de: {
    owner: 'Inhaber*in',
    admin: 'Administrator*in',
    coordinator: 'Koordinator*in',
    mentor: 'Mentor*in',
    mentee: 'Mentee',
    partner: 'Partner*in',
  },
  uk: {
    owner: 'власник',
    admin: 'адміністратор',
    coordinator: 'координатор',
    mentor: 'наставник',
    mentee: 'підопічний',
    partner: 'партнер',
  },
  fa: {
    owner: 'مالک',
    admin: 'مدیر',
    coordinator: 'هماهنگ‌کننده',
    mentor: 'راهنما',
    mentee: 'همراه‌جو',
    partner: 'همکار',
  },
  es: {
    owner: 'propietario',
    admin: 'administrador',
    coordinator: 'coordinador',
    mentor: 'mentor',
    mentee: 'mentoreado',
    partner: 'socio',
  },
}

const signInText: Record<
  EmailLocale,
  { subject: string; intro: string; code: string; expiry: string; ignore: string; button: string }
> = {
  en: {
    subject: 'Your Tandem sign-in code: {code}',
    intro: 'Use this link to sign in to Tandem:',
    code: 'Or enter this code: {code}',
    expiry: 'The link and the code work once and expire in {minutes} minutes.',
    ignore: 'If you did not ask to sign in, you can ignore this email.',
    button: 'Sign in',
  },
  ar: {
    subject: 'رمز الدخول إلى Tandem: {code}',
    intro: 'استخدم هذا الرابط لتسجيل الدخول إلى Tandem:',
    code: 'أو أدخل هذا الرمز: {code}',
    expiry: 'يعمل الرابط والرمز مرة واحدة وينتهيان بعد {minutes} دقيقة.',
    ignore: 'إذا لم تطلب تسجيل الدخول، يمكنك تجاهل هذه الرسالة.',
    button: 'تسجيل الدخول',
  },
  de: {
    subject: 'Ihr Anmeldecode für Tandem: {code}',
    intro: 'Mit diesem Link melden Sie sich bei Tandem an:',
    code: 'Oder geben Sie diesen Code ein: {code}',
    expiry: 'Link und Code gelten einmal und laufen in {minutes} Minuten ab.',
    ignore: 'Wenn Sie sich nicht anmelden wollten, können Sie diese E-Mail ignorieren.',
    button: 'Anmelden',
  },
  uk: {
    subject: 'Ваш код входу до Tandem: {code}',
    intro: 'Скористайтеся цим посиланням, щоб увійти до Tandem:',
    code: 'Або введіть цей код: {code}',
    expiry: 'Посилання та код діють один раз і спливають через {minutes} хвилин.',
    ignore: 'Якщо ви не намагалися увійти, просто проігноруйте цей лист.',
    button: 'Увійти',
  },
  fa: {
    subject: 'کد ورود شما به Tandem: {code}',
    intro: 'با این پیوند وارد Tandem شوید:',
    code: 'یا این کد را وارد کنید: {code}',
    expiry: 'پیوند و کد فقط یک بار کار می‌کنند و پس از {minutes} دقیقه باطل می‌شوند.',
    ignore: 'اگر درخواست ورود نداده‌اید، این ایمیل را نادیده بگیرید.',
    button: 'ورود',
  },
  es: {
    subject: 'Tu código para entrar en Tandem: {code}',
    intro: 'Usa este enlace para entrar en Tandem:',
    code: 'O escribe este código: {code}',
    expiry: 'El enlace y el código sirven una sola vez y caducan en {minutes} minutos.',
    ignore: 'Si no pediste entrar, puedes ignorar este correo.',
    button: 'Entrar',
  },
}

export function signInEmail(
  locale: EmailLocale,
  params: { link: string; code: string; minutes: number },
): RenderedEmail {
  const t = signInText[locale]
  const p = { code: params.code, minutes: String(params.minutes) }
  const lines = [t.intro, fill(t.code, p), fill(t.expiry, p), t.ignore]
  return {
    subject: fill(t.subject, p),
    text: [t.intro, params.link, '', ...lines.slice(1)].join('\n'),
    html: layout(locale, [t.intro], { href: params.link, label: t.button }).replace(
      '</body>',
      `${lines
        .slice(1)
        .map((l) => `<p>${escapeHtml(l)}</p>`)
        .join('')}</body>`,
    ),
  }
}

const invitationText: Record<
  EmailLocale,
  { subject: string; intro: string; expiry: string; button: string }
> = {
  en: {
    subject: 'You are invited to {org} on Tandem',
    intro: '{inviter} invites you to join {org} on Tandem as {role}.',
    expiry: 'The invitation expires in {days} days.',
    button: 'Accept the invitation',
  },
  ar: {
    subject: 'دعوة للانضمام إلى {org} على Tandem',
    intro: 'يدعوك {inviter} للانضمام إلى {org} على Tandem بصفة {role}.',
    expiry: 'تنتهي الدعوة بعد {days} يومًا.',
    button: 'قبول الدعوة',
  },
  de: {
    subject: 'Einladung zu {org} auf Tandem',
    intro: '{inviter} lädt Sie ein, {org} auf Tandem als {role} beizutreten.',
    expiry: 'Die Einladung läuft in {days} Tagen ab.',
    button: 'Einladung annehmen',
  },
  uk: {
    subject: 'Запрошення до {org} у Tandem',
    intro: '{inviter} запрошує вас приєднатися до {org} у Tandem як {role}.',
    expiry: 'Запрошення спливає через {days} днів.',
    button: 'Прийняти запрошення',
  },
  fa: {
    subject: 'دعوت به {org} در Tandem',
    intro: '{inviter} شما را دعوت می‌کند تا به عنوان {role} به {org} در Tandem بپیوندید.',
    expiry: 'این دعوت پس از {days} روز باطل می‌شود.',
    button: 'پذیرفتن دعوت',
  },
  es: {
    subject: 'Te invitan a {org} en Tandem',
    intro: '{inviter} te invita a unirte a {org} en Tandem como {role}.',
    expiry: 'La invitación caduca en {days} días.',
    button: 'Aceptar la invitación',
  },
}

export function invitationEmail(
  locale: EmailLocale,
  params: { link: string; org: string; inviter: string; role: string; days: number },
): RenderedEmail {
  const t = invitationText[locale]
  const p = {
    org: params.org,
    inviter: params.inviter,
    role: roleNames[locale][params.role] ?? params.role,
    days: String(params.days),
  }
  const intro = fill(t.intro, p)
  const expiry = fill(t.expiry, p)
  return {
    subject: fill(t.subject, p),
    text: [intro, params.link, '', expiry].join('\n'),
    html: layout(locale, [intro], { href: params.link, label: t.button }).replace(
      '</body>',
      `<p>${escapeHtml(expiry)}</p></body>`,
    ),
  }
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
  params: { name: string; program: string; expiresOn: string },
): RenderedEmail {
  const t = renewalText[locale]
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${params.expiresOn}T00:00:00Z`),
  )
  const p = { name: params.name, program: params.program, date }
  const body = fill(t.body, p)
  const dir = rtl.has(locale) ? 'rtl' : 'ltr'
  return {
    subject: fill(t.subject, p),
    text: [body, '', t.action].join('\n'),
    html: `<!doctype html><html lang="${locale}" dir="${dir}"><body style="font-family:system-ui,sans-serif;line-height:1.5"><p>${escapeHtml(body)}</p><p>${escapeHtml(t.action)}</p></body></html>`,
  }
}

const intakeConfirmationText: Record<
  EmailLocale,
  { subject: string; thanks: string; next: string; nothing: string; ignore: string }
> = {
  en: {
    subject: 'We got your form for {program}',
    thanks: 'Thank you. {org} got your form for {program}.',
    next: 'Someone from {org} will contact you soon.',
    nothing: 'You do not need to do anything now.',
    ignore: 'If you did not fill in this form, you can ignore this email.',
  },
  ar: {
    subject: 'وصلتنا استمارتك لبرنامج {program}',
    thanks: 'شكرًا لك. وصلت استمارتك لبرنامج {program} إلى {org}.',
    next: 'سيتواصل معك شخص من {org} قريبًا.',
    nothing: 'لا تحتاج إلى فعل أي شيء الآن.',
    ignore: 'إذا لم تملأ هذه الاستمارة، يمكنك تجاهل هذه الرسالة.',
  },
  de: {
    subject: 'Wir haben Ihr Formular für {program} bekommen',
    thanks: 'Danke. {org} hat Ihr Formular für {program} bekommen.',
    next: 'Jemand von {org} meldet sich bald bei Ihnen.',
    nothing: 'Sie müssen jetzt nichts tun.',
    ignore: 'Wenn Sie dieses Formular nicht ausgefüllt haben, können Sie diese E-Mail ignorieren.',
  },
  uk: {
    subject: 'Ми отримали вашу форму для {program}',
    thanks: 'Дякуємо. Вашу форму для {program} отримала команда {org}.',
    next: 'Незабаром з вами зв’яжеться хтось із {org}.',
    nothing: 'Зараз вам не потрібно нічого робити.',
    ignore: 'Якщо ви не заповнювали цю форму, просто проігноруйте цей лист.',
  },
  fa: {
    subject: 'فرم شما برای {program} به دست ما رسید',
    thanks: 'متشکریم. فرم شما برای {program} به {org} رسید.',
    next: 'به‌زودی کسی از {org} با شما تماس می‌گیرد.',
    nothing: 'الان لازم نیست کاری انجام دهید.',
    ignore: 'اگر این فرم را پر نکرده‌اید، این ایمیل را نادیده بگیرید.',
  },
  es: {
    subject: 'Recibimos tu formulario para {program}',
    thanks: 'Gracias. {org} recibió tu formulario para {program}.',
    next: 'Pronto alguien de {org} se pondrá en contacto contigo.',
    nothing: 'Ahora no tienes que hacer nada.',
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
  const lines = [fill(t.thanks, p), fill(t.next, p), t.nothing, t.ignore]
  const dir = rtl.has(locale) ? 'rtl' : 'ltr'
  return {
    subject: fill(t.subject, p),
    text: lines.join('\n\n'),
    html: `<!doctype html><html lang="${locale}" dir="${dir}"><body style="font-family:system-ui,sans-serif;line-height:1.5">${lines
      .map((l) => `<p>${escapeHtml(l)}</p>`)
      .join('')}</body></html>`,
  }
}

const introductionText: Record<
  EmailLocale,
  { subject: string; greeting: string; toMentee: string; toMentor: string; next: string; nothing: string }
> = {
  en: {
    subject: 'Your tandem partner in {program}',
    greeting: 'Hello {name},',
    toMentee: 'Good news: in {program} we have found a mentor for you: {partner}.',
    toMentor: 'Good news: in {program} you will mentor {partner}, who is new in town.',
    next: 'A coordinator from {org} will be in touch soon to introduce you to each other and plan your first meeting.',
    nothing: 'You do not need to do anything now.',
  },
  ar: {
    subject: 'شريكك في برنامج {program}',
    greeting: 'مرحبًا {name}،',
    toMentee: 'خبر سار: في برنامج {program} وجدنا لك مرشدًا: {partner}.',
    toMentor: 'خبر سار: في برنامج {program} ستكون مرشدًا لشخص وصل حديثًا: {partner}.',
    next: 'سيتواصل معك منسق من {org} قريبًا ليعرّفكما ببعضكما ويخطط معكما للقاء الأول.',
    nothing: 'لا تحتاج إلى فعل أي شيء الآن.',
  },
  de: {
    subject: 'Ihr Tandem in {program}',
    greeting: 'Hallo {name},',
    toMentee:
      'gute Nachricht: In {program} haben wir eine Mentorin oder einen Mentor für Sie gefunden: {partner}.',
    toMentor:
      'gute Nachricht: In {program} begleiten Sie ab jetzt eine Person, die neu in der Stadt ist: {partner}.',
    next: 'Die Koordination von {org} meldet sich bald bei Ihnen, stellt Sie einander vor und plant mit Ihnen das erste Treffen.',
    nothing: 'Sie müssen jetzt nichts tun.',
  },
  uk: {
    subject: 'Ваша пара в програмі {program}',
    greeting: 'Вітаємо, {name}!',
    toMentee: 'Гарна новина: у програмі {program} для вас знайшли наставника. Ваша пара — {partner}.',
    toMentor:
      'Гарна новина: у програмі {program} ви станете наставником для людини, яка нещодавно приїхала. Ваша пара — {partner}.',
    next: 'Незабаром координатор із {org} зв’яжеться з вами, щоб познайомити вас і спланувати першу зустріч.',
    nothing: 'Зараз вам не потрібно нічого робити.',
  },
  fa: {
    subject: 'همراه شما در {program}',
    greeting: 'سلام {name}،',
    toMentee: 'خبر خوب: در {program} یک راهنما برای شما پیدا کردیم: {partner}.',
    toMentor: 'خبر خوب: در {program} شما راهنمای کسی می‌شوید که تازه به این شهر آمده است: {partner}.',
    next: 'به‌زودی یک هماهنگ‌کننده از {org} با شما تماس می‌گیرد تا شما را به هم معرفی کند و اولین دیدار را برنامه‌ریزی کند.',
    nothing: 'الان لازم نیست کاری انجام دهید.',
  },
  es: {
    subject: 'Tu pareja de tándem en {program}',
    greeting: 'Hola, {name}:',
    toMentee: 'Buenas noticias: en {program} encontramos a una persona mentora para ti: {partner}.',
    toMentor:
      'Buenas noticias: en {program} vas a acompañar como mentor o mentora a una persona recién llegada: {partner}.',
    next: 'Pronto alguien de la coordinación de {org} se pondrá en contacto contigo para que se conozcan y planificar el primer encuentro.',
    nothing: 'Ahora no tienes que hacer nada.',
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
    t.nothing,
  ]
  const dir = rtl.has(locale) ? 'rtl' : 'ltr'
  return {
    subject: fill(t.subject, p),
    text: lines.join('\n\n'),
    html: `<!doctype html><html lang="${locale}" dir="${dir}"><body style="font-family:system-ui,sans-serif;line-height:1.5">${lines
      .map((l) => `<p>${escapeHtml(l)}</p>`)
      .join('')}</body></html>`,
  }
}

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
  const body = fill(t.body, params)
  const action = fill(t.action, params)
  const dir = rtl.has(locale) ? 'rtl' : 'ltr'
  return {
    subject: fill(t.subject, params),
    text: [body, '', action].join('\n'),
    html: `<!doctype html><html lang="${locale}" dir="${dir}"><body style="font-family:system-ui,sans-serif;line-height:1.5"><p>${escapeHtml(body)}</p><p>${escapeHtml(action)}</p></body></html>`,
  }
}
