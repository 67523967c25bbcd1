/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** Emails to people signing in or joining an organization: a link as a button. */
import { roleName, TERMS } from '@tandem/i18n'
import { Button, type EmailLocale, emailHtml, fill, Paragraphs, type RenderedEmail } from './layout'

const signInText: Record<
  EmailLocale,
  { subject: string; intro: string; code: string; expiry: string; ignore: string }
> = {
  en: {
    subject: 'Your Tandem sign-in code: {code}',
    intro: 'Use this link to sign in to Tandem:',
    code: 'Or enter this code: {code}',
    expiry: 'The link and the code work once and expire in {minutes} minutes.',
    ignore: 'If you did not ask to sign in, you can ignore this email.',
  },
  ar: {
    subject: 'رمز الدخول إلى Tandem: {code}',
    intro: 'استخدم هذا الرابط لتسجيل الدخول إلى Tandem:',
    code: 'أو أدخل هذا الرمز: {code}',
    expiry: 'يعمل الرابط والرمز مرة واحدة وينتهيان بعد {minutes} دقيقة.',
    ignore: 'إذا لم تطلب تسجيل الدخول، يمكنك تجاهل هذه الرسالة.',
  },
  de: {
    subject: 'Ihr Anmeldecode für Tandem: {code}',
    intro: 'Mit diesem Link melden Sie sich bei Tandem an:',
    code: 'Oder geben Sie diesen Code ein: {code}',
    expiry: 'Link und Code gelten einmal und laufen in {minutes} Minuten ab.',
    ignore: 'Wenn Sie sich nicht anmelden wollten, können Sie diese E-Mail ignorieren.',
  },
  uk: {
    subject: 'Ваш код входу до Tandem: {code}',
    intro: 'Скористайтеся цим посиланням, щоб увійти до Tandem:',
    code: 'Або введіть цей код: {code}',
    expiry: 'Посилання та код діють один раз і спливають через {minutes} хвилин.',
    ignore: 'Якщо ви не намагалися увійти, просто проігноруйте цей лист.',
  },
  fa: {
    subject: 'کد ورود شما به Tandem: {code}',
    intro: 'با این پیوند وارد Tandem شوید:',
    code: 'یا این کد را وارد کنید: {code}',
    expiry: 'پیوند و کد فقط یک بار کار می‌کنند و پس از {minutes} دقیقه باطل می‌شوند.',
    ignore: 'اگر درخواست ورود نداده‌اید، این ایمیل را نادیده بگیرید.',
  },
  es: {
    subject: 'Tu código para entrar en Tandem: {code}',
    intro: 'Usa este enlace para entrar en Tandem:',
    code: 'O escribe este código: {code}',
    expiry: 'El enlace y el código sirven una sola vez y caducan en {minutes} minutos.',
    ignore: 'Si no pediste entrar, puedes ignorar este correo.',
  },
}

/** The sign-in link and code (the button says "Sign in" in the shared terms). */
export function signInEmail(
  locale: EmailLocale,
  params: { link: string; code: string; minutes: number },
): RenderedEmail {
  const t = signInText[locale]
  const p = { code: params.code, minutes: String(params.minutes) }
  const after = [fill(t.code, p), fill(t.expiry, p), t.ignore]
  return {
    subject: fill(t.subject, p),
    text: [t.intro, params.link, '', ...after].join('\n'),
    html: emailHtml(
      locale,
      <>
        <p>{t.intro}</p>
        <Button href={params.link} label={TERMS[locale].signIn} />
        <Paragraphs lines={after} />
      </>,
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

/** An invitation to join an organization with a role (named as in the shared terms). */
export function invitationEmail(
  locale: EmailLocale,
  params: { link: string; org: string; inviter: string; role: string; days: number },
): RenderedEmail {
  const t = invitationText[locale]
  const p = {
    org: params.org,
    inviter: params.inviter,
    role: roleName(locale, params.role),
    days: String(params.days),
  }
  const intro = fill(t.intro, p)
  const expiry = fill(t.expiry, p)
  return {
    subject: fill(t.subject, p),
    text: [intro, params.link, '', expiry].join('\n'),
    html: emailHtml(
      locale,
      <>
        <p>{intro}</p>
        <Button href={params.link} label={t.button} />
        <p>{expiry}</p>
      </>,
    ),
  }
}

const ownerConfirmationText: Record<
  EmailLocale,
  { subject: string; intro: string; button: string; expiry: string; ignore: string }
> = {
  en: {
    subject: 'Confirm your new organization {org} on Tandem',
    intro:
      '{org} was just created on Tandem with this email address as its owner. You already have a Tandem account, so please confirm that this was you.',
    button: 'Confirm',
    expiry: 'The link expires in {days} days.',
    ignore: 'If you did not create {org}, ignore this email: you will not become its owner.',
  },
  ar: {
    subject: 'أكّد منظمتك الجديدة {org} على Tandem',
    intro:
      'أُنشئت منظمة {org} للتو على Tandem، وعنوان بريدك هذا هو عنوان مالكها. لديك حساب على Tandem بالفعل، لذا يرجى تأكيد أنك من قام بذلك.',
    button: 'تأكيد',
    expiry: 'ينتهي الرابط بعد {days} يومًا.',
    ignore: 'إذا لم تُنشئ {org}، تجاهل هذه الرسالة: لن تصبح مالكها.',
  },
  de: {
    subject: 'Bestätigen Sie Ihre neue Organisation {org} auf Tandem',
    intro:
      '{org} wurde gerade auf Tandem angelegt, mit dieser E-Mail-Adresse als Inhaberin oder Inhaber. Sie haben bereits ein Tandem-Konto; bitte bestätigen Sie, dass Sie das waren.',
    button: 'Bestätigen',
    expiry: 'Der Link läuft in {days} Tagen ab.',
    ignore:
      'Wenn Sie {org} nicht angelegt haben, ignorieren Sie diese E-Mail: Sie werden dann nicht als Inhaberin oder Inhaber eingetragen.',
  },
  uk: {
    subject: 'Підтвердіть вашу нову організацію {org} у Tandem',
    intro:
      'Організацію {org} щойно створено в Tandem, і її власником указано цю адресу. У вас уже є обліковий запис Tandem, тож підтвердьте, будь ласка, що це були ви.',
    button: 'Підтвердити',
    expiry: 'Посилання спливає через {days} днів.',
    ignore: 'Якщо ви не створювали {org}, просто проігноруйте цей лист: ви не станете її власником.',
  },
  fa: {
    subject: 'سازمان جدید خود، {org}، را در Tandem تأیید کنید',
    intro:
      '{org} همین حالا در Tandem ساخته شد و این نشانی ایمیل به عنوان مالک آن ثبت شده است. شما از قبل حساب Tandem دارید؛ لطفاً تأیید کنید که این کار را خودتان انجام داده‌اید.',
    button: 'تأیید',
    expiry: 'این پیوند پس از {days} روز باطل می‌شود.',
    ignore: 'اگر {org} را شما نساخته‌اید، این ایمیل را نادیده بگیرید: مالک آن نخواهید شد.',
  },
  es: {
    subject: 'Confirma tu nueva organización {org} en Tandem',
    intro:
      'Se acaba de crear {org} en Tandem con esta dirección de correo como propietaria. Ya tienes una cuenta en Tandem, así que confirma que fuiste tú.',
    button: 'Confirmar',
    expiry: 'El enlace caduca en {days} días.',
    ignore: 'Si no creaste {org}, ignora este correo: no pasarás a ser su propietario.',
  },
}

/**
 * To an address that already has an account, when an organization was signed up with it: its owner becomes the
 * owner only after confirming (the link leads to the invitation page, which asks for that account's session).
 */
export function ownerConfirmationEmail(
  locale: EmailLocale,
  params: { link: string; org: string; days: number },
): RenderedEmail {
  const t = ownerConfirmationText[locale]
  const p = { org: params.org, days: String(params.days) }
  const intro = fill(t.intro, p)
  const after = [fill(t.expiry, p), fill(t.ignore, p)]
  return {
    subject: fill(t.subject, p),
    text: [intro, params.link, '', ...after].join('\n'),
    html: emailHtml(
      locale,
      <>
        <p>{intro}</p>
        <Button href={params.link} label={t.button} />
        <Paragraphs lines={after} />
      </>,
    ),
  }
}
