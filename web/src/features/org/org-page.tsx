import type { ComponentChildren } from 'preact'
import { useI18n } from '../../i18n/context'
import { PageFrame } from '../../kit/page-frame'
import { orgPath } from '../../lib/paths'
import type { OrgData } from './org'
import { useOrgLoad } from './org-context'

export interface OrgPageData<T> extends OrgData {
  /** The page's own data (`load`). */
  data: T
  /** Loads the page's data again; `all` also the organization (the caller's role may have changed). */
  reload: (all?: boolean) => void
}

const nothing = async () => null

/**
 * The frame of a page of the organization: the organization from the layout, the page's own data
 * (`load`, in parallel), the title, an optional breadcrumb back to the organization, loading and errors, and
 * "not allowed" for a role that may not see it (`allowed`).
 */
export function OrgPage<T = null>(props: {
  title: string
  /** The document title once loaded; default "{title} · {organization}". */
  docTitle?: (org: OrgData) => string
  ownHeading?: boolean
  crumbs?: boolean
  load?: (slug: string, signal: AbortSignal) => Promise<T>
  loadKey?: string
  notFound?: string
  /** Whether this member may see the page (by role); others read a plain "not allowed". */
  allowed?: (org: OrgData) => boolean
  children: (page: OrgPageData<T>) => ComponentChildren
}) {
  const { t } = useI18n()
  const load = props.load ?? (nothing as () => Promise<T>)
  const { allowed } = props
  const { org, state, reload } = useOrgLoad(props.loadKey ?? '', load)
  const reloadAll = (all?: boolean) => {
    if (all) org.reload()
    reload()
  }
  return (
    <PageFrame
      state={state}
      title={props.title}
      docTitle={([o]) => props.docTitle?.(o) ?? `${props.title} · ${o.organization.name}`}
      ownHeading={props.ownHeading}
      crumbs={props.crumbs ? ([o]) => [{ href: orgPath(org.slug), label: o.organization.name }] : undefined}
      notFound={props.notFound ?? t('org.notFound')}
      allowed={allowed && (([o]) => allowed(o))}
    >
      {([o, data]) => props.children({ ...o, data, reload: reloadAll })}
    </PageFrame>
  )
}
