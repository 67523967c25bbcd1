import { useMemo } from 'preact/hooks'
import { Route, Router } from 'preact-iso/router'
import { useLoad } from '../../kit/load'
import { lazyPage } from '../../lazy-page'
import { focusMain } from '../shell/layout'
import { getOrg } from './org'
import { OrgContext } from './org-context'

// Each page of the organization is its own chunk, like the pages outside it.
const OrgHome = lazyPage(() => import('./org-home'))
const Members = lazyPage(() => import('../members/members-page'))
const AuditLog = lazyPage(() => import('../audit/audit-page'))
const Reports = lazyPage(() => import('../reports/reports-page'))
const Emails = lazyPage(() => import('../emails/emails-page'))
const MyMatches = lazyPage(() => import('../portal/my-matches'))
const Programs = lazyPage(() => import('../programs/programs-page'))
const ProgramSettings = lazyPage(() => import('../programs/settings-page'))
const Participants = lazyPage(() => import('../participants/participants-page'))
const ParticipantPage = lazyPage(() => import('../participants/participant-page'))
const ImportWizard = lazyPage(() => import('../import/import-page'))
const MatchBoard = lazyPage(() => import('../matching/board-page'))
const MatchPage = lazyPage(() => import('../matching/match-page'))
const FormLinks = lazyPage(() => import('../intake/form-links-page'))
const Concerns = lazyPage(() => import('../concerns/concerns-page'))
const Concern = lazyPage(() => import('../concerns/concern-page'))
const Flyer = lazyPage(() => import('../intake/flyer-page'))
const EmailPreferences = lazyPage(() => import('../email/preferences-page'))
const Events = lazyPage(() => import('../events/events-page'))
const EventPage = lazyPage(() => import('../events/event-page'))
const Surveys = lazyPage(() => import('../surveys/surveys-page'))
const SurveyResults = lazyPage(() => import('../surveys/survey-results-page'))
const Partners = lazyPage(() => import('../partners/partners-page'))
const NotFound = lazyPage(() => import('../shell/not-found'))

/**
 * `/orgs/{org}/…`: loads the organization (and the caller's role in it) once, gives it to every page
 * below through `useOrg()`, and routes the rest of the path. Moving between the organization's pages
 * keeps it; another organization loads afresh.
 */
export default function OrgLayout(props: { org: string }) {
  const slug = props.org
  const { state, reload } = useLoad(slug, (signal) => getOrg(slug, signal))
  const value = useMemo(() => ({ slug, state, reload }), [slug, state, reload])
  return (
    <OrgContext.Provider value={value}>
      <Router onRouteChange={focusMain}>
        <Route path="/" component={OrgHome} />
        <Route path="/members" component={Members} />
        <Route path="/audit" component={AuditLog} />
        <Route path="/reports" component={Reports} />
        <Route path="/emails" component={Emails} />
        <Route path="/my" component={MyMatches} />
        <Route path="/email-preferences" component={EmailPreferences} />
        <Route path="/events" component={Events} />
        <Route path="/events/:event" component={EventPage} />
        <Route path="/partners" component={Partners} />
        <Route path="/programs" component={Programs} />
        <Route path="/programs/:program" component={Participants} />
        <Route path="/programs/:program/settings" component={ProgramSettings} />
        <Route path="/programs/:program/import" component={ImportWizard} />
        <Route path="/programs/:program/participants/:participant" component={ParticipantPage} />
        <Route path="/programs/:program/matching" component={MatchBoard} />
        <Route path="/programs/:program/matches/:match" component={MatchPage} />
        <Route path="/programs/:program/concerns" component={Concerns} />
        <Route path="/programs/:program/concerns/:concern" component={Concern} />
        <Route path="/programs/:program/events" component={Events} />
        <Route path="/programs/:program/surveys" component={Surveys} />
        <Route path="/surveys/:survey" component={SurveyResults} />
        <Route path="/programs/:program/form" component={FormLinks} />
        <Route path="/programs/:program/form/print/:lang" component={Flyer} />
        <Route default component={NotFound} />
      </Router>
    </OrgContext.Provider>
  )
}
