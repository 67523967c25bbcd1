import { apiGet } from '../api'
import { EndRequests } from '../components/end-requests'
import { ExpiringChecks } from '../components/expiring-checks'
import { LoadError, Loading, useLoad } from '../components/load'
import { useI18n, useTitle } from '../i18n/context'
import { languageName } from '../i18n/i18n'
import { canSeeMembers, type OrganizationWithRole, orgApi, roleLabel } from '../org'
import { canManagePrograms, programsPath } from '../programs'
import { orgPath, portalPath } from '../session'

/** `/orgs/{org}`: the organization's home for its members. */
export default function OrgHome(props: { org: string }) {
  const { t, locale } = useI18n()
  const slug = props.org
  const { state } = useLoad(slug, (signal) => apiGet<OrganizationWithRole>(orgApi(slug), { signal }))
  useTitle(state.kind === 'ok' ? state.data.organization.name : t('org.title'))

  if (state.kind === 'loading') {
    return (
      <div class="page">
        <Loading />
      </div>
    )
  }
  if (state.kind === 'error') {
    return (
      <div class="page">
        <h1>{t('org.title')}</h1>
        <LoadError error={state.error} notFound={t('org.notFound')} />
      </div>
    )
  }

  const { organization, role } = state.data
  let country = organization.country
  try {
    country = new Intl.DisplayNames([locale], { type: 'region' }).of(organization.country) ?? country
  } catch {
    // Unknown code or no Intl.DisplayNames: show the code.
  }
  const kind =
    organization.kind === 'city'
      ? t('signup.kindCity')
      : organization.kind === 'ngo'
        ? t('signup.kindNgo')
        : t('signup.kindOther')

  return (
    <div class="page">
      <h1 data-testid="org-name">{organization.name}</h1>
      <p class="lead">
        {t('org.yourRole')}{' '}
        <strong data-testid="org-role" data-role={role}>
          {roleLabel(t, role)}
        </strong>
      </p>

      {(role === 'mentor' || role === 'mentee') && (
        <p>
          <a class="button" href={portalPath(organization.slug)} data-testid="portal-link">
            {t('org.myMentoring')}
          </a>
        </p>
      )}

      {(canSeeMembers(role) || canManagePrograms(role)) && (
        <nav class="card section" aria-label={t('org.sections')}>
          <ul class="link-list">
            {canManagePrograms(role) && (
              <li>
                <a href={programsPath(organization.slug)} data-testid="programs-link">
                  {t('org.programs')}
                </a>
              </li>
            )}
            {canSeeMembers(role) && (
              <li>
                <a href={`${orgPath(organization.slug)}/members`} data-testid="members-link">
                  {t('org.members')}
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}

      {canManagePrograms(role) && <EndRequests slug={organization.slug} />}
      {canManagePrograms(role) && <ExpiringChecks slug={organization.slug} />}

      <section class="section" aria-labelledby="org-details">
        <h2 id="org-details">{t('org.details')}</h2>
        <dl class="facts">
          <div>
            <dt>{t('org.kind')}</dt>
            <dd>{kind}</dd>
          </div>
          <div>
            <dt>{t('org.country')}</dt>
            <dd>{country}</dd>
          </div>
          <div>
            <dt>{t('org.timezone')}</dt>
            <dd>
              <bdi>{organization.timezone}</bdi>
            </dd>
          </div>
          <div>
            <dt>{t('org.language')}</dt>
            <dd>{languageName(organization.defaultLocale)}</dd>
          </div>
          <div>
            <dt>{t('org.address')}</dt>
            <dd>
              <bdi dir="ltr">{orgPath(organization.slug)}</bdi>
            </dd>
          </div>
        </dl>
      </section>
    </div>
  )
}
