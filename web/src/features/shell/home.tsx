import { useI18n, useTitle } from '../../i18n/context'
import { isolate } from '../../lib/text'
import { orgLandingPath } from '../auth/landing'
import { type Me, useSession } from '../auth/session'

/**
 * `/`: for strangers, what Tandem is, with "Set up your organization" and "Sign in"; for someone signed in,
 * their organizations (a mentor's or newcomer's link goes to their portal).
 */
export function Home() {
  const { me, status } = useSession()
  useTitle()
  return me ? <YourOrganizations me={me} /> : <StartPage signedOut={status === 'signedOut'} />
}

const STEPS = [
  ['start.applyTitle', 'start.applyBody'],
  ['start.screenTitle', 'start.screenBody'],
  ['start.matchTitle', 'start.matchBody'],
  ['start.followTitle', 'start.followBody'],
] as const

function StartPage(props: { signedOut: boolean }) {
  const { t } = useI18n()
  return (
    <div class="page start" data-testid="start-page">
      <section class="start__hero" aria-labelledby="start-title">
        <h1 id="start-title">{t('home.title')}</h1>
        <p class="lead">{t('home.intro')}</p>
        {/* Not while the session is being asked for: someone signed in would see it flash. */}
        {props.signedOut && (
          <p class="actions">
            <a class="button button--link" href="/signup" data-testid="start-signup">
              {t('start.signUp')}
            </a>
            <a class="button button--link button--secondary" href="/sign-in" data-testid="start-sign-in">
              {t('start.signIn')}
            </a>
          </p>
        )}
      </section>

      <section class="section" aria-labelledby="start-how">
        <h2 id="start-how">{t('start.howHeading')}</h2>
        <ol class="start__steps">
          {STEPS.map(([title, body]) => (
            <li key={title} class="start__step">
              <h3>{t(title)}</h3>
              <p>{t(body)}</p>
            </li>
          ))}
        </ol>
      </section>

      <section class="card section" aria-labelledby="start-invited">
        <h2 id="start-invited">{t('start.invitedHeading')}</h2>
        <p>{t('start.invitedBody')}</p>
        <p class="muted">{t('start.privacy')}</p>
      </section>
    </div>
  )
}

/** Signed in: links to the person's organizations. */
function YourOrganizations(props: { me: Me }) {
  const { t } = useI18n()
  const { me } = props
  return (
    <div class="page">
      <h1>{me.user.name ? t('start.welcomeBack', { name: isolate(me.user.name) }) : t('home.title')}</h1>
      <section class="card section" aria-labelledby="orgs-heading" data-testid="home-orgs">
        <h2 id="orgs-heading">{t('home.yourOrgs')}</h2>
        {me.memberships.length === 0 ? (
          <p>{t('home.noOrgs')}</p>
        ) : (
          <ul class="link-list">
            {me.memberships.map((m) => (
              <li key={m.organization.slug}>
                <a href={orgLandingPath(m.organization.slug, m.role)}>
                  <bdi>{m.organization.name}</bdi>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <a href="/signup" data-testid="home-signup">
          {t('start.anotherOrg')}
        </a>
      </p>
    </div>
  )
}
