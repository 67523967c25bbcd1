import { useLocation } from 'preact-iso/router'
import { useI18n, useTitle } from '../../i18n/context'

/** The default route. Lazy-loaded: most visits never need it. */
export default function NotFound() {
  const { t } = useI18n()
  const { path } = useLocation()
  useTitle(t('notFound.title'))
  return (
    <div class="page">
      <h1>{t('notFound.title')}</h1>
      <p>
        {t('notFound.body')}{' '}
        <code dir="ltr" translate={false}>
          {path}
        </code>
      </p>
      <p>
        <a href="/">{t('notFound.home')}</a>
      </p>
    </div>
  )
}
