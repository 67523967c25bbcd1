import type { ComponentChildren, ComponentType } from 'preact'
import { useI18n } from '../../i18n/context'
import { PageFrame } from '../../kit/page-frame'
import { fresh, ok, params } from '../../lib/client'
import type { PlainKey } from '../../lib/labels'
import { boardPath, orgPath, programPath, programsPath } from '../../lib/paths'
import type { OrgData } from '../org/org'
import { useOrgLoad } from '../org/org-context'
import { canManagePrograms } from '../org/roles'
import { getProgram, type Program } from './program'
import { ProgramLabelsProvider } from './vocabulary'

export interface ProgramData<T = null> extends OrgData {
  program: Program
  /** What the page loaded beside the program (`load`): a participant, a match. */
  record: T
}

/** How far the breadcrumbs go: the programs list, the program, or its match board. */
type Trail = 'programs' | 'program' | 'board'

const nothing = async () => null

/**
 * The frame of every coordinator page about one program: the organization from the layout, the program
 * and the page's own record (`load`, in parallel), the title, breadcrumbs, loading and error states;
 * `children` render for those who may manage programs.
 */
export function ProgramPage<T = null>(props: {
  program: string
  /** The heading, and the document title while loading. */
  title: string
  /** The document title once loaded; default "{title} · {program}". */
  docTitle?: (data: ProgramData<T>) => string
  /** The loaded page writes its own `<h1>`. */
  ownHeading?: boolean
  trail?: Trail
  load?: (slug: string, signal: AbortSignal) => Promise<T>
  /** What the record is (a participant id): a new one loads afresh. */
  loadKey?: string
  notFound?: string
  children: (data: ProgramData<T>, reload: () => void) => ComponentChildren
}) {
  const { t } = useI18n()
  const loadRecord = props.load ?? (nothing as () => Promise<T>)
  const { org, state, reload } = useOrgLoad(`${props.program}/${props.loadKey ?? ''}`, (slug, signal) =>
    Promise.all([getProgram(slug, props.program, signal), loadRecord(slug, signal)]),
  )
  const slug = org.slug
  const trail = props.trail ?? 'program'
  const data = (loaded: Extract<typeof state, { kind: 'ok' }>['data']): ProgramData<T> => {
    const [o, [program, record]] = loaded
    return { ...o, program, record }
  }
  return (
    <PageFrame
      state={state}
      title={props.title}
      docTitle={(loaded) => {
        const d = data(loaded)
        return props.docTitle?.(d) ?? `${props.title} · ${d.program.name}`
      }}
      ownHeading={props.ownHeading}
      crumbs={([o, [program]]) => [
        { href: orgPath(slug), label: o.organization.name },
        { href: programsPath(slug), label: t('programs.title') },
        ...(trail === 'programs' ? [] : [{ href: programPath(slug, program.id), label: program.name }]),
        ...(trail === 'board' ? [{ href: boardPath(slug, program.id), label: t('board.title') }] : []),
      ]}
      notFound={props.notFound ?? t('program.notFound')}
      allowed={([o]) => canManagePrograms(o.role)}
    >
      {(loaded) => {
        const d = data(loaded)
        return (
          <ProgramLabelsProvider value={d.program.labels}>{props.children(d, reload)}</ProgramLabelsProvider>
        )
      }}
    </PageFrame>
  )
}

/**
 * `load` and `loadKey` of a page about one record of the program (a participant, a concern): `route.$get` with the
 * organization, the program and the record's `param`, never from the cache; another record loads afresh.
 */
export function programRecord<P extends Record<string, string> & { org: string; program: string }, R>(
  route: { $get: (args: { param: P }, options: ReturnType<typeof fresh>) => Promise<R> },
  param: Omit<P, 'org'>,
) {
  return {
    load: (slug: string, signal: AbortSignal) =>
      ok(route.$get({ param: params({ ...param, org: slug } as P) }, fresh(signal))),
    loadKey: Object.values(param).join('/'),
  }
}

/**
 * A page that is one panel about the program in the plain frame (title, breadcrumbs to the program):
 * `export default programPanelPage('board.title', Board)`.
 */
export function programPanelPage(title: PlainKey, Panel: ComponentType<{ data: ProgramData }>) {
  return function ProgramPanelPage(props: { program: string }) {
    const { t } = useI18n()
    return (
      <ProgramPage program={props.program} title={t(title)}>
        {(data) => <Panel data={data} />}
      </ProgramPage>
    )
  }
}
