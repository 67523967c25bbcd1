import { useI18n } from '../../i18n/context'
import { contactChannelLabel } from '../../lib/labels'

/** What a list row or a profile knows about reaching a person. */
export interface Reachable {
  email: string | null
  phone: string | null
  contactPreference: string | null
}

/** A phone number as a `tel:` link target: digits and a leading +. */
export const telHref = (phone: string) => `tel:${phone.replace(/[^+0-9]/g, '')}`

/**
 * How to reach a person, for the participants list: the way they prefer (phone call, SMS, WhatsApp, email), then
 * their phone number and email address as links. Someone without either shows a dash.
 */
export function ContactCell(props: { person: Reachable }) {
  const { t } = useI18n()
  const { email, phone, contactPreference } = props.person
  if (!email && !phone) return <span class="muted">–</span>
  return (
    <span class="contact" data-testid="participant-contact">
      {contactPreference && (
        <span class="contact__preferred" data-testid="participant-contact-preference">
          {t('participants.prefers', { channel: contactChannelLabel(t, contactPreference) })}
        </span>
      )}
      {phone && (
        <a href={telHref(phone)}>
          <bdi dir="ltr">{phone}</bdi>
        </a>
      )}
      {email && (
        <a href={`mailto:${email}`}>
          <bdi dir="ltr">{email}</bdi>
        </a>
      )}
    </span>
  )
}
