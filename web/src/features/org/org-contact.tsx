import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { FactList } from '../../kit/fact-list'
import { FormFooter } from '../../kit/form'
import { ContactFields } from '../../kit/inputs'
import { Notice } from '../../kit/notice'
import { useForm } from '../../kit/use-form'
import { ok, params } from '../../lib/client'
import { type Organization, orgRoute } from './org'
import { canManageOrg, type Role } from './roles'

/**
 * How applicants reach the organization: the application form's thank-you page and the flyers show it. Everyone
 * sees it; owners and admins change it.
 */
export function OrgContact(props: { organization: Organization; role: Role; onSaved: () => void }) {
  const { t } = useI18n()
  const { organization } = props
  const [notice, setNotice] = useState('')
  const { formRef, values, field, submit } = useForm(
    { contactEmail: organization.contactEmail ?? '', contactPhone: organization.contactPhone ?? '' },
    ['contactEmail', 'contactPhone'],
  )
  const onSubmit = (event: Event) => {
    event.preventDefault()
    setNotice('')
    submit.run(async () => {
      await ok(
        orgRoute.$patch({
          param: params({ org: organization.slug }),
          json: { contactEmail: values.contactEmail.trim(), contactPhone: values.contactPhone.trim() },
        }),
      )
      setNotice(t('org.contactSaved'))
      props.onSaved()
    })
  }
  return (
    <section class="section" aria-labelledby="org-contact-heading" data-testid="org-contact">
      <h2 id="org-contact-heading">{t('org.contact')}</h2>
      <p>{t('org.contactHint')}</p>
      <Notice testid="org-contact-notice">{notice}</Notice>
      {canManageOrg(props.role) ? (
        <form ref={formRef} class="form card" onSubmit={onSubmit} data-testid="org-contact-form">
          <ContactFields
            idPrefix="org-contact"
            labels={[t('org.contactEmail'), t('org.contactPhone')]}
            hint={t('org.contactOptional')}
            own
            email={field('contactEmail')}
            phone={field('contactPhone')}
          />
          <FormFooter
            submit={submit}
            labels={[t('org.contactSave'), t('org.contactSaving')]}
            testid="org-contact-save"
          />
        </form>
      ) : organization.contactEmail || organization.contactPhone ? (
        <FactList
          facts={[
            {
              label: t('org.contactEmail'),
              value: organization.contactEmail && <bdi dir="ltr">{organization.contactEmail}</bdi>,
            },
            {
              label: t('org.contactPhone'),
              value: organization.contactPhone && <bdi dir="ltr">{organization.contactPhone}</bdi>,
            },
          ]}
        />
      ) : (
        <p class="muted">{t('org.contactNone')}</p>
      )}
    </section>
  )
}
