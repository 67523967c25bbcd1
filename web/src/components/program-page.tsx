import type { ComponentChildren } from 'preact'
import { useI18n, useTitle } from '../i18n/context'
import { canManagePrograms, loadOrgProgram, type OrgProgram, programPath, programsPath } from '../programs'
import { orgPath } from '../session'
import { Breadcrumbs } from './breadcrumbs'
import { LoadError, Loading, useLoad } from './load'

/**
 * The frame of a coordinator page about one program: loads the organization and program, sets the title,
 * shows breadcrumbs, loading and error states, and renders `children` for those who may manage programs.
 */
export function ProgramPage(props: {
  org: string
  program: string
  title: string
  children: (data: OrgProgram) => ComponentChildren
}) {
  const { t } = useI18n()
  const key = `${props.org}/${props.program}`
  const { state } = useLoad(key, (signal) => loadOrgProgram(props.org, props.program, signal))
  useTitle(state.kind === 'ok' ? `${props.title} · ${state.data.program.name}` : props.title)

  return (
    <div class="page">
      {state.kind === 'ok' && (
        <Breadcrumbs
          items={[
            { href: orgPath(props.org), label: state.data.organization.name },
            { href: programsPath(props.org), label: t('programs.title') },
            { href: programPath(props.org, props.program), label: state.data.program.name },
          ]}
        />
      )}
      <h1>{props.title}</h1>
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && <LoadError error={state.error} notFound={t('program.notFound')} />}
      {state.kind === 'ok' &&
        (canManagePrograms(state.data.role) ? (
          props.children(state.data)
        ) : (
          <p class="alert alert--error">{t('load.forbidden')}</p>
        ))}
    </div>
  )
}
