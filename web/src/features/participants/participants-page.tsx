import type { ParticipantSort } from '@tandem/vocab'
import { useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { useI18n } from '../../i18n/context'
import { Notice } from '../../kit/notice'
import { params } from '../../lib/client'
import { programStatusLabel } from '../../lib/labels'
import { concernsPath, eventsPath, formLinksPath, participantPath, programPath } from '../../lib/paths'
import { isolate } from '../../lib/text'
import { canManagePrograms, canSeeConcerns } from '../org/roles'
import { type ProgramData, ProgramPage } from '../programs/program-page'
import { EnrollForm } from './enroll-form'
import { type Filters, filterQuery, readFilters } from './filters'
import { FiltersForm } from './filters-form'
import { participantsRoute } from './participant'
import { ParticipantTable } from './participant-table'
import { readSort, withSort } from './sort'
import { useParticipantList } from './use-participant-list'

/** `/orgs/{org}/programs/{program}`: the program's participants with filters, search and export. */
export default function Participants(props: { program: string }) {
  const { t } = useI18n()
  return (
    <ProgramPage
      program={props.program}
      title={t('participants.title')}
      docTitle={(data) => data.program.name}
      ownHeading
      trail="programs"
    >
      {(data) => <ProgramParticipants data={data} />}
    </ProgramPage>
  )
}

function ProgramParticipants(props: { data: ProgramData }) {
  const { t } = useI18n()
  const { path, query, route } = useLocation()
  const { organization, program, role } = props.data
  const slug = organization.slug
  const filters = readFilters(query)
  const qs = filterQuery(filters)
  const sort = readSort(query.sort)
  const list = useParticipantList(slug, program.id, withSort(qs, sort))
  const [notice, setNotice] = useState<{ text: string; href: string } | null>(null)
  const canManage = canManagePrograms(role)

  // Filters and order live in the address (a reload or a shared link shows the same list).
  const setQuery = (next: string) => route(next ? `${path}?${next}` : path, true)
  const setFilters = (change: Partial<Filters>) =>
    setQuery(withSort(filterQuery({ ...readFilters(query), ...change }), readSort(query.sort)))
  const setSort = (next: ParticipantSort) => setQuery(withSort(filterQuery(readFilters(query)), next))

  const exportHref = `${participantsRoute.export.$path({ param: params({ org: slug, program: program.id }), query: {} })}${qs ? `?${qs}` : ''}`
  const link = (href: string, testid: string, label: string, secondary = true) => (
    <a class={`button button--link${secondary ? ' button--secondary' : ''}`} href={href} data-testid={testid}>
      {label}
    </a>
  )

  return (
    <>
      <h1>
        <bdi>{program.name}</bdi>
      </h1>
      <p class="lead">
        <span class={`badge badge--${program.status}`} data-testid="program-status">
          {programStatusLabel(t, program.status)}
        </span>{' '}
        {program.description && <bdi>{program.description}</bdi>}
      </p>
      <nav class="toolbar" aria-label={t('participants.actions')}>
        {link(programPath(slug, program.id, '/settings'), 'settings-link', t('programs.settings'))}
        {canManage &&
          link(
            programPath(slug, program.id, '/matching'),
            'matching-link',
            t('participants.matching'),
            false,
          )}
        {canManage && link(programPath(slug, program.id, '/import'), 'import-link', t('participants.import'))}
        {link(formLinksPath(slug, program.id), 'form-links-link', t('participants.formLinks'))}
        {canSeeConcerns(role) && link(concernsPath(slug, program.id), 'concerns-link', t('concerns.title'))}
        {link(eventsPath(slug, program.id), 'events-link', t('participants.events'))}
        {link(programPath(slug, program.id, '/surveys'), 'surveys-link', t('surveys.title'))}
        <a class="button button--link button--secondary" href={exportHref} download data-testid="export-link">
          {t('participants.export')}
        </a>
        <a
          class="button button--link button--secondary"
          href={`${exportHref}${qs ? '&' : '?'}delimiter=semicolon`}
          download
          data-testid="export-link-semicolon"
        >
          {t('participants.exportSemicolon')}
        </a>
      </nav>

      <Notice testid="participants-notice">
        {notice && (
          <>
            {notice.text} <a href={notice.href}>{t('participants.openProfile')}</a>
          </>
        )}
      </Notice>

      <FiltersForm languages={program.languages} filters={filters} onChange={setFilters} />

      <section class="section" aria-labelledby="participants-heading">
        <h2 id="participants-heading">{t('participants.title')}</h2>
        <ParticipantTable
          slug={slug}
          programId={program.id}
          list={list}
          filtered={qs !== ''}
          sort={sort}
          onSort={setSort}
        />
      </section>

      {canManage && (
        <EnrollForm
          data={props.data}
          onEnrolled={(name, id) => {
            setNotice({
              text: t('participants.added', { name: isolate(name) }),
              href: participantPath(slug, program.id, id),
            })
            list.reload()
          }}
        />
      )}
    </>
  )
}
