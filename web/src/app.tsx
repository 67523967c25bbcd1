import { LocationProvider, Route, Router } from 'preact-iso/router'
import { SessionProvider } from './features/auth/session'
import { Home } from './features/shell/home'
import { focusMain, Layout } from './features/shell/layout'
import { PageErrorBoundary } from './features/shell/page-error'
import { I18nProvider } from './i18n/context'
import type { Catalog } from './i18n/types'
import { lazyPage } from './lazy-page'

// The home page ships in the initial bundle; every other page is its own chunk, fetched on first visit.
const About = lazyPage(() => import('./features/shell/about'))
const NotFound = lazyPage(() => import('./features/shell/not-found'))
const DevMailbox = lazyPage(() => import('./features/shell/dev-mailbox'))
const Signup = lazyPage(() => import('./features/auth/signup'))
const SignIn = lazyPage(() => import('./features/auth/sign-in'))
const SignInVerify = lazyPage(() => import('./features/auth/sign-in-verify'))
const AcceptInvitation = lazyPage(() => import('./features/auth/accept-invitation'))
const Intake = lazyPage(() => import('./features/intake/intake-page'))
const Unsubscribe = lazyPage(() => import('./features/email/unsubscribe-page'))
const CheckIn = lazyPage(() => import('./features/check-in/check-in-page'))
const EventInvitation = lazyPage(() => import('./features/events/event-invitation-page'))
const Survey = lazyPage(() => import('./features/surveys/survey-page'))
const Digest = lazyPage(() => import('./features/partners/digest-page'))
// Everything under /orgs/{org}: the organization layout loads the organization once and routes the rest.
const OrgLayout = lazyPage(() => import('./features/org/org-layout'))

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
                <Route path="/orgs/:org" component={OrgLayout} />
                <Route path="/orgs/:org/*" component={OrgLayout} />
                <Route path="/apply/:org/:program" component={Intake} />
                <Route path="/unsubscribe" component={Unsubscribe} />
                <Route path="/check-in" component={CheckIn} />
                <Route path="/event-invitation" component={EventInvitation} />
                <Route path="/survey" component={Survey} />
                <Route path="/digest" component={Digest} />
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
