import { useLocation } from 'preact-iso/router'
import { useI18n, useTitle } from '../../i18n/context'
import { FormAlert, SubmitButton, useSubmit } from '../../kit/form'
import { ok, v1 } from '../../lib/client'
import { orgLandingPath } from './landing'
import { useSession } from './session'

/**
 * The link from an invitation email: `/invitations/accept?token=…`. Accepting is a deliberate click
 * (mail scanners open links too); it makes the person a member and signs them in.
 */
export default function AcceptInvitation() {
  const { t } = useI18n()
  useTitle(t('accept.title'))
  const { query, route } = useLocation()
  const session = useSession()
  const token = query.token?.trim() ?? ''
  const accept = useSubmit(['token'])

  const onSubmit = (event: Event) => {
    event.preventDefault()
    accept.run(async () => {
      const result = await ok(v1.invitations.accept.$post({ json: { token } }))
      await session.reload()
      // Mentors and newcomers land in their portal; everyone else on the organization's home.
      const role = result.memberships.find((m) => m.organization.slug === result.organization.slug)?.role
      route(orgLandingPath(result.organization.slug, role), true)
    })
  }

  const error = accept.fields.token ?? accept.message

  return (
    <div class="page">
      <h1>{t('accept.title')}</h1>
      {token ? (
        <>
          <p class="lead">{t('accept.intro')}</p>
          <form class="form" onSubmit={onSubmit}>
            <FormAlert message={error} />
            {error && <p>{t('accept.failedHelp')}</p>}
            <SubmitButton
              busy={accept.busy}
              labels={[t('accept.button'), t('accept.accepting')]}
              testid="accept-invitation"
            />
          </form>
        </>
      ) : (
        <p class="alert alert--error" role="alert" data-testid="form-error">
          {t('accept.missing')}
        </p>
      )}
    </div>
  )
}
