import { LocationProvider, Route, Router } from 'preact-iso/router'
import { Layout } from './components/layout'
import { PageErrorBoundary } from './components/page-error'
import { I18nProvider } from './i18n/context'
import type { Catalog } from './i18n/types'
import { lazyPage } from './lazy-page'
import { Home } from './pages/home'

// The home page ships in the initial bundle; every other page is its own chunk, fetched on first visit.
const About = lazyPage(() => import('./pages/about'))
const NotFound = lazyPage(() => import('./pages/not-found'))

/** After client-side navigation, move focus to <main> so keyboard and screen-reader users land on the new page. */
function focusMain() {
  document.getElementById('main')?.focus({ preventScroll: true })
}

export function App(props: { locale: string; catalog: Catalog }) {
  return (
    <I18nProvider locale={props.locale} catalog={props.catalog}>
      <LocationProvider>
        <Layout>
          <PageErrorBoundary>
            <Router onRouteChange={focusMain}>
              <Route path="/" component={Home} />
              <Route path="/about" component={About} />
              <Route default component={NotFound} />
            </Router>
          </PageErrorBoundary>
        </Layout>
      </LocationProvider>
    </I18nProvider>
  )
}
