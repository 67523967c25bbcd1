import type { Role } from '@tandem/vocab'
import { useI18n } from '../../i18n/context'
import { languageName } from '../../i18n/i18n'
import { SubmitForm } from '../../kit/form'
import { CodeSelect, EmailField } from '../../kit/inputs'
import { Section } from '../../kit/section'
import { useForm } from '../../kit/use-form'
import { ok, params } from '../../lib/client'
import { roleLabel } from '../../lib/labels'
import { isolate } from '../../lib/text'
import { ORG_LANGUAGES, orgLanguage, orgRoute } from '../org/org'
import { grantableRoles } from '../org/roles'
import type { MembersView } from './members'

/** Invite someone by email, with a role the caller may grant and the language of the email. */
export function InviteForm(props: MembersView) {
  const { t } = useI18n()
  const roles = grantableRoles(props.role)
  const form = useForm(
    {
      email: '',
      role: (roles.length === 1 ? (roles[0] ?? '') : '') as Role | '',
      locale: orgLanguage(props.defaultLocale),
    },
    ['email', 'role', 'locale'],
  )
  const { values, set, field, submit } = form

  const onSubmit = () => {
    const email = values.email.trim()
    const { role, locale } = values
    if (!role) return // the select is required: the browser asks for it first
    submit.run(async () => {
      await ok(
        orgRoute.invitations.$post({ param: params({ org: props.slug }), json: { email, role, locale } }),
      )
      set('email', '')
      props.notify(t('invite.sent', { email: isolate(email) }))
      props.reload()
    })
  }

  return (
    <Section id="invite-heading" heading={t('invite.heading')} intro={t('invite.intro')}>
      <SubmitForm
        form={form}
        class="form card"
        name="invite"
        onSubmit={onSubmit}
        labels={[t('invite.submit'), t('invite.sending')]}
      >
        <EmailField
          id="invite-email"
          label={t('invite.email')}
          required
          autocomplete="off"
          {...field('email')}
        />
        <CodeSelect
          id="invite-role"
          label={t('invite.role')}
          required
          empty={{ label: t('form.choose'), disabled: true }}
          options={roles}
          labelOf={(option) => roleLabel(t, option)}
          {...field('role')}
        />
        <CodeSelect
          id="invite-language"
          label={t('invite.language')}
          options={ORG_LANGUAGES}
          labelOf={languageName}
          lang
          {...field('locale')}
        />
      </SubmitForm>
    </Section>
  )
}
