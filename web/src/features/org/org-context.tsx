import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import { useLoad } from '../../kit/load'
import { bothLoaded, type Loaded } from '../../lib/loaded'
import type { OrgData } from './org'

/** The organization of the pages under `/orgs/{org}`, loaded once by the organization layout. */
export interface OrgContextValue {
  slug: string
  state: Loaded<OrgData>
  /** Asks for the organization again (e.g. after the caller's own role changed). */
  reload: () => void
}

export const OrgContext = createContext<OrgContextValue | null>(null)

export function useOrg(): OrgContextValue {
  const org = useContext(OrgContext)
  if (!org) throw new Error('useOrg() is for the pages under the organization layout')
  return org
}

/**
 * A page's own data beside the organization: loaded in parallel, shown together. `reload()` asks for
 * the page's data again (the organization stays).
 */
export function useOrgLoad<T>(key: string, load: (slug: string, signal: AbortSignal) => Promise<T>) {
  const org = useOrg()
  const page = useLoad(`${org.slug}/${key}`, (signal) => load(org.slug, signal))
  const state = bothLoaded(org.state, page.state)
  return { org, state, reload: page.reload }
}
