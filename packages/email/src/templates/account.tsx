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
