import type { ComponentChildren } from 'preact'
import { useI18n } from '../i18n/context'
import type { MessageKey } from '../i18n/types'
import { Button } from './button'
import { LoadError, Loading } from './load'
import type { PagesState } from './use-pages'

/** A list's name `n`, whose catalog texts are `n.empty`, `n.shown` (a count) and `n.older`. */
type ListName = {
  [K in MessageKey]: K extends `${infer N}.older`
    ? `${N}.empty` | `${N}.shown` extends MessageKey
      ? N
      : never
    : never
}[MessageKey]

/**
 * A list read page by page with `usePages`, newest first: loading, the empty text, how many are shown, the
 * items (`children`), a load error, and a button for older ones. Its `name` names its texts (`{name}.empty`,
 * `{name}.shown`, `{name}.older`) and test ids (`{name}-empty`, `{name}-count`, `{name}-older`).
 */
export function PagedList<T>(props: {
  pages: { state: PagesState<T>; loadMore: () => void }
  name: ListName
  children: (items: T[]) => ComponentChildren
}) {
  const { t } = useI18n()
  const { state, loadMore } = props.pages
  const { name } = props
  return (
    <>
      {state.status === 'loading' && <Loading />}
      {state.status !== 'loading' && state.status !== 'error' && state.items.length === 0 && (
        <p data-testid={`${name}-empty`}>{t(`${name}.empty`)}</p>
      )}
      {state.items.length > 0 && (
        <>
          <p class="muted" role="status" data-testid={`${name}-count`}>
            {t(`${name}.shown`, { count: state.items.length })}
          </p>
          {props.children(state.items)}
        </>
      )}
      {state.status === 'error' && <LoadError error={state.error} />}
      {state.nextCursor && state.status !== 'loading' && (
        <p>
          <Button onClick={loadMore} busy={state.status === 'more'} testid={`${name}-older`}>
            {state.status === 'more' ? t('common.loading') : t(`${name}.older`)}
          </Button>
        </p>
      )}
    </>
  )
}
