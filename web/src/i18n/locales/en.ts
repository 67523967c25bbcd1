import type { Message } from '../types'

/**
 * English: the source catalog. Its keys are the message keys of the whole app and its `{param}`
 * names type the params of `t()`. Every other language file is checked against it.
 * Keep keys grouped by screen; plural messages are objects keyed by Intl.PluralRules categories.
 */
export default {
  'app.name': 'Tandem',
  'app.tagline': 'Integration mentoring: newcomers and residents, side by side',
  'app.footer': 'Tandem: integration mentoring programs for cities and NGOs.',
  'a11y.skipToContent': 'Skip to main content',

  'nav.label': 'Main',
  'nav.home': 'Home',
  'nav.about': 'About',
  'locale.label': 'Language',

  'home.title': 'Welcome to Tandem',
  'home.intro':
    'Tandem helps cities and community organizations run mentoring programs that pair people who have just arrived with people who know the place well.',

  'health.heading': 'Service status',
  'health.loading': 'Checking the service…',
  'health.ok': 'The service is working normally.',
  'health.degraded': 'The service is running, but the database is not responding.',
  'health.unreachable': 'The service cannot be reached. Check your internet connection.',
  'health.failed': 'The service answered with an error (status {status}).',
  'health.database': 'Database',
  'health.dbOk': 'Responding',
  'health.dbError': 'Not responding',
  'health.version': 'Version',
  'health.responseTime': 'Response time',
  'health.checkedAt': 'Last checked',
  'health.retry': 'Check again',

  'about.title': 'About Tandem',
  'about.body':
    'Tandem is a shared service for integration mentoring programs run by cities and NGOs. Each program pairs newcomers, such as refugees and migrants, with established residents who help them find their way.',
  'about.languages': {
    one: 'Tandem is available in {count} language:',
    other: 'Tandem is available in {count} languages:',
  },

  'notFound.title': 'Page not found',
  'notFound.body': 'There is no page at this address:',
  'notFound.home': 'Go to the home page',

  'page.loadError': 'This page could not be loaded. Check your connection and try again.',
  'page.crash': 'Something went wrong on this page.',
  'page.reload': 'Reload',
} as const satisfies Record<string, Message>
