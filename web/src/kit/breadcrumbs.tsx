import { useI18n } from '../i18n/context'

export interface Crumb {
  href: string
  label: string
}

/** The way back up: organization › programs › program. The last item is the current page's parent. */
export function Breadcrumbs(props: { items: readonly Crumb[] }) {
  const { t } = useI18n()
  if (props.items.length === 0) return null
  return (
    <nav class="breadcrumb" aria-label={t('nav.breadcrumb')}>
      <ol>
        {props.items.map((item) => (
          <li key={item.href}>
            <a href={item.href}>
              <bdi>{item.label}</bdi>
            </a>
          </li>
        ))}
      </ol>
    </nav>
  )
}
