import { useI18n, useTitle } from '../../i18n/context'
import { directionOf, LOCALES, languageName } from '../../i18n/i18n'
import { ServiceStatus } from './service-status'

/** Lazy-loaded route (see app.tsx): what Tandem is, its languages, and the service's health. */
export default function About() {
  const { t } = useI18n()
  useTitle(t('nav.about'))
  return (
    <div class="page">
      <h1>{t('about.title')}</h1>
      <p class="lead">{t('about.body')}</p>
      <p>{t('about.languages', { count: LOCALES.length })}</p>
      {/* Each name in its own language and direction, isolated inside an item that follows the page's. */}
      <ul class="languages">
        {LOCALES.map((code) => (
          <li key={code}>
            <span lang={code} dir={directionOf(code)}>
              {languageName(code)}
            </span>
          </li>
        ))}
      </ul>
      <ServiceStatus />
    </div>
  )
}
