/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { roleName } from '@tandem/i18n'
import { Button, type EmailLocale, emailHtml, fill, type RenderedEmail } from './layout'

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
