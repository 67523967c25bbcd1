import type { ComponentChildren } from 'preact'
import { useI18n, useTitle } from '../i18n/context'
import type { Loaded } from '../lib/loaded'
import { Breadcrumbs, type Crumb } from './breadcrumbs'
import { LoadError, Loading } from './load'

/**
 * The frame of a page about loaded data: document title, breadcrumbs, the heading, loading and error
 * states, and a plain "not allowed" for those who may not see it.
 */
export function PageFrame<D>(props: {
  state: Loaded<D>
  /** The heading (and the document title until the data is there). */
  title: string
  /** The document title once loaded; default `title`. */
  docTitle?: (data: D) => string
  /** The loaded page writes its own `<h1>` (a name); `title` is the heading only while loading or failed. */
  ownHeading?: boolean
  crumbs?: (data: D) => readonly Crumb[]
  /** What a 404 means here ("This program does not exist or …"). */
  notFound?: string
  allowed?: (data: D) => boolean
  children: (data: D) => ComponentChildren
}) {
  const { t } = useI18n()
  const { state } = props
  const data = state.kind === 'ok' ? state.data : undefined
  useTitle(data !== undefined && props.docTitle ? props.docTitle(data) : props.title)
  return (
    <div class="page">
      {data !== undefined && props.crumbs && <Breadcrumbs items={props.crumbs(data)} />}
      {(!props.ownHeading || state.kind !== 'ok') && <h1>{props.title}</h1>}
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && <LoadError error={state.error} notFound={props.notFound} />}
      {state.kind === 'ok' &&
        (props.allowed && !props.allowed(state.data) ? (
          <p class="alert alert--error">{t('load.forbidden')}</p>
        ) : (
          props.children(state.data)
        ))}
    </div>
  )
}
