import type { Role } from '@tandem/vocab'
import { useI18n } from '../../i18n/context'
import { languageName } from '../../i18n/i18n'
import { FormFooter } from '../../kit/form'
import { CodeSelect, EmailField } from '../../kit/inputs'
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
  const { formRef, values, set, field, submit } = useForm(
    {
      email: '',
      role: (roles.length === 1 ? (roles[0] ?? '') : '') as Role | '',
      locale: orgLanguage(props.defaultLocale),
    },
    ['email', 'role', 'locale'],
  )

  const onSubmit = (event: Event) => {
    event.preventDefault()
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
    <section class="section" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('invite.heading')}</h2>
      <p>{t('invite.intro')}</p>
      <form ref={formRef} class="form card" onSubmit={onSubmit} data-testid="invite-form">
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
        <FormFooter
          submit={submit}
          labels={[t('invite.submit'), t('invite.sending')]}
          testid="invite-submit"
        />
      </form>
    </section>
  )
}
