import { useI18n, useTitle } from '../../i18n/context'
import { directionOf, LOCALES, languageName } from '../../i18n/i18n'

/** Lazy-loaded route (see app.tsx): the pattern for every page after the home page. */
export default function About() {
  const { t } = useI18n()
  useTitle(t('nav.about'))
  return (
    <div class="page">
      <h1>{t('about.title')}</h1>
      <p class="lead">{t('about.body')}</p>
      <p>{t('about.languages', { count: LOCALES.length })}</p>
      <ul class="languages">
        {LOCALES.map((code) => (
          <li key={code} lang={code} dir={directionOf(code)}>
            {languageName(code)}
          </li>
        ))}
      </ul>
    </div>
  )
}
