import { LocationProvider, Route, Router } from 'preact-iso/router'
import { Layout } from './components/layout'
import { PageErrorBoundary } from './components/page-error'
import { I18nProvider } from './i18n/context'
import type { Catalog } from './i18n/types'
import { lazyPage } from './lazy-page'
import { Home } from './pages/home'
import { SessionProvider } from './session'

// The home page ships in the initial bundle; every other page is its own chunk, fetched on first visit.
const About = lazyPage(() => import('./pages/about'))
const NotFound = lazyPage(() => import('./pages/not-found'))
const Signup = lazyPage(() => import('./pages/signup'))
const SignIn = lazyPage(() => import('./pages/sign-in'))
const SignInVerify = lazyPage(() => import('./pages/sign-in-verify'))
const AcceptInvitation = lazyPage(() => import('./pages/accept-invitation'))
const OrgHome = lazyPage(() => import('./pages/org-home'))
const Members = lazyPage(() => import('./pages/members'))
const DevMailbox = lazyPage(() => import('./pages/dev-mailbox'))
const Programs = lazyPage(() => import('./pages/programs'))
const ProgramSettings = lazyPage(() => import('./pages/program-settings'))
const Participants = lazyPage(() => import('./pages/participants'))
const ParticipantPage = lazyPage(() => import('./pages/participant'))
const ImportWizard = lazyPage(() => import('./pages/import'))
const Intake = lazyPage(() => import('./pages/intake'))
const MatchBoard = lazyPage(() => import('./pages/matching'))
const MatchPage = lazyPage(() => import('./pages/match'))
const MyMatches = lazyPage(() => import('./pages/my-matches'))

/** After client-side navigation, move focus to <main> so keyboard and screen-reader users land on the new page. */
function focusMain() {
  document.getElementById('main')?.focus({ preventScroll: true })
}

export function App(props: { locale: string; catalog: Catalog }) {
  return (
    <I18nProvider locale={props.locale} catalog={props.catalog}>
      <SessionProvider>
        <LocationProvider>
          <Layout>
            <PageErrorBoundary>
              <Router onRouteChange={focusMain}>
                <Route path="/" component={Home} />
                <Route path="/about" component={About} />
                <Route path="/signup" component={Signup} />
                <Route path="/sign-in" component={SignIn} />
                <Route path="/sign-in/verify" component={SignInVerify} />
                <Route path="/invitations/accept" component={AcceptInvitation} />
                <Route path="/orgs/:org" component={OrgHome} />
                <Route path="/orgs/:org/members" component={Members} />
                <Route path="/orgs/:org/my" component={MyMatches} />
                <Route path="/orgs/:org/programs" component={Programs} />
                <Route path="/orgs/:org/programs/:program" component={Participants} />
                <Route path="/orgs/:org/programs/:program/settings" component={ProgramSettings} />
                <Route path="/orgs/:org/programs/:program/import" component={ImportWizard} />
                <Route
                  path="/orgs/:org/programs/:program/participants/:participant"
                  component={ParticipantPage}
                />
                <Route path="/orgs/:org/programs/:program/matching" component={MatchBoard} />
                <Route path="/orgs/:org/programs/:program/matches/:match" component={MatchPage} />
                <Route path="/apply/:org/:program" component={Intake} />
                <Route path="/dev/mailbox" component={DevMailbox} />
                <Route default component={NotFound} />
              </Router>
            </PageErrorBoundary>
          </Layout>
        </LocationProvider>
      </SessionProvider>
    </I18nProvider>
  )
}
