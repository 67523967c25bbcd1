import { useI18n } from '../../i18n/context'
import { languageName } from '../../i18n/i18n'
import { FactList } from '../../kit/fact-list'
import { roleLabel } from '../../lib/labels'
import {
  auditPath,
  emailPreferencesPath,
  emailsPath,
  eventsPath,
  membersPath,
  orgPath,
  partnersPath,
  portalPath,
  programsPath,
  reportsPath,
} from '../../lib/paths'
import { OrgDataPanel } from '../data-protection/org-data-panel'
import { EmailHealth } from '../emails/email-health'
import { EndRequests } from '../matching/end-requests'
import { ExpiringChecks } from '../screening/expiring-checks'
import { Attention } from './attention'
import { FirstStepsChecklist } from './first-steps'
import type { Organization } from './org'
import { OrgContact } from './org-contact'
import { OrgPage } from './org-page'
import {
  canManagePrograms,
  canReadAudit,
  canReadEmails,
  canReadReports,
  canSeeMembers,
  canSeePartners,
  isParticipant,
  type Role,
} from './roles'

/** `/orgs/{org}`: the organization's home for its members. */
export default function OrgHome() {
  const { t } = useI18n()
  return (
    <OrgPage title={t('org.title')} docTitle={(org) => org.organization.name} ownHeading>
      {({ organization, role, reload }) => (
        <>
          <h1 data-testid="org-name">{organization.name}</h1>
          <p class="lead">
            {t('org.yourRole')}{' '}
            <strong data-testid="org-role" data-role={role}>
              {roleLabel(t, role)}
            </strong>
          </p>

          {isParticipant(role) && (
            <p>
              <a class="button" href={portalPath(organization.slug)} data-testid="portal-link">
                {t('org.myMentoring')}
              </a>
            </p>
          )}

          {canManagePrograms(role) && <FirstStepsChecklist slug={organization.slug} />}
          <Sections slug={organization.slug} role={role} />

          {canManagePrograms(role) && <EndRequests slug={organization.slug} />}
          {canManagePrograms(role) && <Attention slug={organization.slug} />}
          {canManagePrograms(role) && <ExpiringChecks slug={organization.slug} />}
          {canReadEmails(role) && <EmailHealth slug={organization.slug} />}
          <OrgDetails organization={organization} />
          {!isParticipant(role) && (
            <OrgContact organization={organization} role={role} onSaved={() => reload(true)} />
          )}
          <OrgDataPanel organization={organization} role={role} />
        </>
      )}
    </OrgPage>
  )
}

/** Links to the parts of the organization the caller's role may see. */
function Sections(props: { slug: string; role: Role }) {
  const { t } = useI18n()
  const links = [
    canManagePrograms(props.role) &&
      ([programsPath(props.slug), 'programs-link', t('org.programs')] as const),
    canManagePrograms(props.role) && ([eventsPath(props.slug), 'events-link', t('org.events')] as const),
    canSeePartners(props.role) && ([partnersPath(props.slug), 'partners-link', t('org.partners')] as const),
    canSeeMembers(props.role) && ([membersPath(props.slug), 'members-link', t('org.members')] as const),
    canReadEmails(props.role) && ([emailsPath(props.slug), 'emails-link', t('org.emails')] as const),
    canReadReports(props.role) && ([reportsPath(props.slug), 'reports-link', t('reports.link')] as const),
    canReadAudit(props.role) && ([auditPath(props.slug), 'audit-link', t('org.auditLog')] as const),
    [emailPreferencesPath(props.slug), 'email-preferences-link', t('org.emailPreferences')] as const,
  ].filter((link) => link !== false)
  if (links.length === 0) return null
  return (
    <nav class="card section" aria-label={t('org.sections')}>
      <ul class="link-list">
        {links.map(([href, testid, label]) => (
          <li key={testid}>
            <a href={href} data-testid={testid}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}

function OrgDetails(props: { organization: Organization }) {
  const { t, locale } = useI18n()
  const { organization } = props
  let country = organization.country
  try {
    country = new Intl.DisplayNames([locale], { type: 'region' }).of(organization.country) ?? country
  } catch {
    // Unknown code or no Intl.DisplayNames: show the code.
  }
  const kinds = { city: t('signup.kindCity'), ngo: t('signup.kindNgo'), other: t('signup.kindOther') }
  return (
    <section class="section" aria-labelledby="org-details">
      <h2 id="org-details">{t('org.details')}</h2>
      <FactList
        facts={[
          { label: t('org.kind'), value: kinds[organization.kind] ?? kinds.other },
          { label: t('org.country'), value: country },
          { label: t('org.timezone'), value: <bdi>{organization.timezone}</bdi> },
          { label: t('org.language'), value: languageName(organization.defaultLocale) },
          { label: t('org.address'), value: <bdi dir="ltr">{orgPath(organization.slug)}</bdi> },
        ]}
      />
    </section>
  )
}
