import { useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { useI18n } from '../../i18n/context'
import { currentOrgSlug, orgPath } from '../../lib/paths'
import { useSession } from '../auth/session'

/**
 * The header's account area. Signed in: the person's name, an organization switcher and "Sign out".
 * Signed out: "Sign in" and "Sign up" links. Nothing while the first `/me` is on its way.
 */
export function Account() {
  const { t } = useI18n()
  const session = useSession()
  const { path, route } = useLocation()
  const [signingOut, setSigningOut] = useState(false)
  const [failed, setFailed] = useState(false)

  if (session.status === 'loading') return <div class="account" aria-hidden="true" />

  if (!session.me) {
    return (
      <div class="account">
        <a class="account__link" href="/sign-in" data-testid="sign-in-link">
          {t('account.signIn')}
        </a>
        <a class="account__link account__link--strong" href="/signup" data-testid="sign-up-link">
          {t('account.signUp')}
        </a>
      </div>
    )
  }

  const { user, memberships } = session.me
  const current = currentOrgSlug(path)
  const isMember = memberships.some((m) => m.organization.slug === current)

  const signOut = async () => {
    setSigningOut(true)
    setFailed(false)
    try {
      await session.signOut()
      route('/')
    } catch {
      setFailed(true)
    } finally {
      setSigningOut(false)
    }
  }

  return (
    <div class="account">
      <span class="account__user" data-testid="session-user">
        <span class="visually-hidden">{t('account.signedInAs')} </span>
        <bdi>{user.name || user.email}</bdi>
      </span>
      {memberships.length > 0 && (
        <>
          <label for="org-switcher" class="visually-hidden">
            {t('account.organization')}
          </label>
          <select
            id="org-switcher"
            class="account__orgs"
            data-testid="org-switcher"
            value={isMember ? current : ''}
            onChange={(event) => {
              const slug = event.currentTarget.value
              if (slug) route(orgPath(slug))
            }}
          >
            {!isMember && (
              <option value="" disabled>
                {t('account.chooseOrganization')}
              </option>
            )}
            {memberships.map((m) => (
              <option key={m.organization.slug} value={m.organization.slug}>
                {m.organization.name}
              </option>
            ))}
          </select>
        </>
      )}
      <button
        type="button"
        class="account__button"
        data-testid="sign-out"
        disabled={signingOut}
        aria-busy={signingOut ? 'true' : undefined}
        onClick={signOut}
      >
        {signingOut ? t('account.signingOut') : t('account.signOut')}
      </button>
      {failed && (
        <span class="account__error" role="alert">
          {t('account.signOutFailed')}
        </span>
      )}
    </div>
  )
}
