import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { apiGet, apiSend } from '../api'
import { Breadcrumbs } from '../components/breadcrumbs'
import { Choice, ChoiceGroup } from '../components/fields'
import { Field, FormAlert, SubmitButton, useSubmit } from '../components/form'
import { LanguageList, type LanguageRow, skillsText } from '../components/language-list'
import { LoadError, Loading, useLoad } from '../components/load'
import { useI18n, useTitle } from '../i18n/context'
import { LOCALES } from '../i18n/i18n'
import { isolate } from '../org'
import {
  canManagePrograms,
  languageLabel,
  loadOrgProgram,
  NEEDS,
  needLabel,
  type OrgProgram,
  type ParticipantRole,
  type ParticipantStatus,
  type ParticipantSummary,
  participantPath,
  participantRoleLabel,
  programApi,
  programPath,
  programStatusLabel,
  programsPath,
  STATUSES,
  statusLabel,
} from '../programs'
import { orgPath } from '../session'

/** The list filters, as they appear in the page's query string (and in the API's). */
const FILTER_KEYS = ['role', 'status', 'language', 'neighborhood', 'need', 'q'] as const
type Filters = Record<(typeof FILTER_KEYS)[number], string>

const PAGE_SIZE = 50
const DEBOUNCE_MS = 300

function readFilters(query: Record<string, string>): Filters {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, (query[key] ?? '').trim()])) as Filters
}

/** `role=mentor&status=applied,ready`: only the filters that are set, in a stable order. */
function filterQuery(filters: Filters): string {
  const params = new URLSearchParams()
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key])
  return params.toString()
}

/** `/orgs/{org}/programs/{program}`: the program's participants with filters, search and export. */
export default function Participants(props: { org: string; program: string }) {
  const { t } = useI18n()
  const key = `${props.org}/${props.program}`
  const { state } = useLoad(key, (signal) => loadOrgProgram(props.org, props.program, signal))
  useTitle(state.kind === 'ok' ? state.data.program.name : t('participants.title'))

  return (
    <div class="page">
      {state.kind === 'ok' && (
        <Breadcrumbs
          items={[
            { href: orgPath(props.org), label: state.data.organization.name },
            { href: programsPath(props.org), label: t('programs.title') },
          ]}
        />
      )}
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && (
        <>
          <h1>{t('participants.title')}</h1>
          <LoadError error={state.error} notFound={t('program.notFound')} />
        </>
      )}
      {state.kind === 'ok' && <ProgramParticipants data={state.data} />}
    </div>
  )
}

interface ListState {
  items: ParticipantSummary[]
  nextCursor: string | null
  /** `loading`: the first page for these filters; `more`: the next page. */
  status: 'loading' | 'more' | 'ok' | 'error'
  error: unknown
}

/** The first page for the filters (again on `reload()`), and `loadMore()` for the next one. */
function useParticipantList(slug: string, program: string, filters: string) {
  const [state, setState] = useState<ListState>({
    items: [],
    nextCursor: null,
    status: 'loading',
    error: null,
  })
  const [attempt, setAttempt] = useState(0)
  const latest = useRef(0)
  const base = programApi(slug, program, '/participants')
  const url = (cursor?: string) => {
    const params = new URLSearchParams(filters)
    params.set('limit', String(PAGE_SIZE))
    if (cursor) params.set('cursor', cursor)
    return `${base}?${params}`
  }

  // `attempt` re-runs the request on reload().
  useEffect(() => {
    const request = ++latest.current
    const controller = new AbortController()
    setState((current) => ({ ...current, status: 'loading', error: null }))
    apiGet<{ items: ParticipantSummary[]; nextCursor: string | null }>(url(), {
      signal: controller.signal,
      cache: 'no-store',
    })
      .then((page) => {
        if (request === latest.current) setState({ ...page, status: 'ok', error: null })
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted && request === latest.current)
          setState((current) => ({ ...current, status: 'error', error }))
      })
    return () => controller.abort()
  }, [base, filters, attempt])

  const loadMore = () => {
    const cursor = state.nextCursor
    if (!cursor || state.status !== 'ok') return
    const request = latest.current
    setState((current) => ({ ...current, status: 'more' }))
    apiGet<{ items: ParticipantSummary[]; nextCursor: string | null }>(url(cursor), { cache: 'no-store' })
      .then((page) => {
        if (request === latest.current)
          setState((current) => ({
            items: [...current.items, ...page.items],
            nextCursor: page.nextCursor,
            status: 'ok',
            error: null,
          }))
      })
      .catch((error: unknown) => {
        if (request === latest.current) setState((current) => ({ ...current, status: 'error', error }))
      })
  }

  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { state, loadMore, reload }
}

function ProgramParticipants(props: { data: OrgProgram }) {
  const { t } = useI18n()
  const { path, query, route } = useLocation()
  const { organization, program, role } = props.data
  const slug = organization.slug
  const filters = readFilters(query)
  const qs = filterQuery(filters)
  const list = useParticipantList(slug, program.id, qs)
  const [notice, setNotice] = useState<{ text: string; href: string } | null>(null)
  const canManage = canManagePrograms(role)

  const setFilters = (change: Partial<Filters>) => {
    const next = filterQuery({ ...readFilters(query), ...change })
    route(next ? `${path}?${next}` : path, true)
  }

  const exportHref = `${programApi(slug, program.id, '/participants/export')}${qs ? `?${qs}` : ''}`

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
        <a
          class="button button--link button--secondary"
          href={programPath(slug, program.id, '/settings')}
          data-testid="settings-link"
        >
          {t('programs.settings')}
        </a>
        {canManage && (
          <a
            class="button button--link"
            href={programPath(slug, program.id, '/matching')}
            data-testid="matching-link"
          >
            {t('participants.matching')}
          </a>
        )}
        {canManage && (
          <a
            class="button button--link button--secondary"
            href={programPath(slug, program.id, '/import')}
            data-testid="import-link"
          >
            {t('participants.import')}
          </a>
        )}
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

      <p class="notice" role="status" data-testid="participants-notice">
        {notice && (
          <>
            {notice.text} <a href={notice.href}>{t('participants.openProfile')}</a>
          </>
        )}
      </p>

      <FiltersForm data={props.data} filters={filters} onChange={setFilters} />

      <section class="section" aria-labelledby="participants-heading">
        <h2 id="participants-heading">{t('participants.title')}</h2>
        <ParticipantTable slug={slug} programId={program.id} list={list} filtered={qs !== ''} />
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

function FiltersForm(props: {
  data: OrgProgram
  filters: Filters
  onChange: (change: Partial<Filters>) => void
}) {
  const { t, locale } = useI18n()
  const { filters, onChange } = props
  const [q, setQ] = useState(filters.q)
  const [neighborhood, setNeighborhood] = useState(filters.neighborhood)
  const statuses = filters.status ? filters.status.split(',') : []
  const languages =
    props.data.program.languages.includes(filters.language) || !filters.language
      ? props.data.program.languages
      : [filters.language, ...props.data.program.languages]

  // Typing in the search or neighborhood box asks the API only after a short pause.
  const onChangeRef = useRef(onChange)
  onChangeRef.current = onChange
  useEffect(() => {
    if (q.trim() === filters.q && neighborhood.trim() === filters.neighborhood) return
    const timer = setTimeout(
      () => onChangeRef.current({ q: q.trim(), neighborhood: neighborhood.trim() }),
      DEBOUNCE_MS,
    )
    return () => clearTimeout(timer)
  }, [q, neighborhood, filters.q, filters.neighborhood])

  const toggleStatus = (status: ParticipantStatus, checked: boolean) => {
    const next = checked ? [...statuses, status] : statuses.filter((s) => s !== status)
    onChange({ status: STATUSES.filter((s) => next.includes(s)).join(',') })
  }

  return (
    <form
      class="filters card"
      aria-label={t('participants.filters')}
      data-testid="participant-filters"
      onSubmit={(event) => {
        event.preventDefault()
        onChange({ q: q.trim(), neighborhood: neighborhood.trim() })
      }}
    >
      <Field id="filter-q" label={t('participants.search')} hint={t('participants.searchHint')}>
        {(control) => (
          <input
            {...control}
            data-testid="filter-q"
            type="search"
            maxLength={100}
            value={q}
            onInput={(event) => setQ(event.currentTarget.value)}
          />
        )}
      </Field>
      <Field id="filter-role" label={t('participants.role')}>
        {(control) => (
          <select
            {...control}
            data-testid="filter-role"
            value={filters.role}
            onChange={(event) => onChange({ role: event.currentTarget.value })}
          >
            <option value="">{t('participants.anyRole')}</option>
            <option value="mentor">{t('role.mentor')}</option>
            <option value="mentee">{t('role.mentee')}</option>
          </select>
        )}
      </Field>
      <Field id="filter-language" label={t('participants.language')}>
        {(control) => (
          <select
            {...control}
            data-testid="filter-language"
            value={filters.language}
            onChange={(event) => onChange({ language: event.currentTarget.value })}
          >
            <option value="">{t('participants.anyLanguage')}</option>
            {languages.map((code) => (
              <option key={code} value={code}>
                {languageLabel(locale, code)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="filter-neighborhood" label={t('participants.neighborhood')}>
        {(control) => (
          <input
            {...control}
            data-testid="filter-neighborhood"
            type="text"
            maxLength={80}
            value={neighborhood}
            onInput={(event) => setNeighborhood(event.currentTarget.value)}
          />
        )}
      </Field>
      <Field id="filter-need" label={t('participants.need')}>
        {(control) => (
          <select
            {...control}
            data-testid="filter-need"
            value={filters.need}
            onChange={(event) => onChange({ need: event.currentTarget.value })}
          >
            <option value="">{t('participants.anyNeed')}</option>
            {NEEDS.map((need) => (
              <option key={need} value={need}>
                {needLabel(t, need)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ChoiceGroup id="filter-status" legend={t('participants.status')} class="choices--inline">
        {STATUSES.map((status) => (
          <Choice
            key={status}
            name="status"
            value={status}
            testid={`filter-status-${status}`}
            checked={statuses.includes(status)}
            label={statusLabel(t, status)}
            onChange={(checked) => toggleStatus(status, checked)}
          />
        ))}
      </ChoiceGroup>
      <p class="filters__actions">
        <button
          type="button"
          class="link-button"
          data-testid="filters-clear"
          onClick={() => {
            setQ('')
            setNeighborhood('')
            onChange({ role: '', status: '', language: '', neighborhood: '', need: '', q: '' })
          }}
        >
          {t('participants.clearFilters')}
        </button>
      </p>
    </form>
  )
}

function ParticipantTable(props: {
  slug: string
  programId: string
  list: ReturnType<typeof useParticipantList>
  filtered: boolean
}) {
  const { t, locale } = useI18n()
  const { state, loadMore } = props.list
  const { items } = state

  if (state.status === 'loading' && items.length === 0) return <Loading />
  return (
    <div
      aria-busy={state.status === 'loading' ? 'true' : undefined}
      data-testid="participants-list"
      data-state={state.status}
    >
      <p role="status" class="muted" data-testid="participants-count">
        {state.status === 'loading'
          ? t('common.loading')
          : state.nextCursor
            ? t('participants.shownMore', { count: items.length })
            : t('participants.shown', { count: items.length })}
      </p>
      {state.status === 'error' && <LoadError error={state.error} />}
      {items.length === 0 && state.status === 'ok' ? (
        <p data-testid="participants-empty">
          {props.filtered ? t('participants.noMatch') : t('participants.empty')}
        </p>
      ) : (
        items.length > 0 && (
          <table class="table" data-testid="participants-table">
            <thead>
              <tr>
                <th scope="col">{t('members.name')}</th>
                <th scope="col">{t('participants.role')}</th>
                <th scope="col">{t('participants.status')}</th>
                <th scope="col">{t('participant.languages')}</th>
                <th scope="col">{t('participants.neighborhood')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr
                  key={p.id}
                  data-testid="participant-row"
                  data-id={p.id}
                  data-status={p.status}
                  data-role={p.role}
                >
                  <td data-label={t('members.name')}>
                    <a
                      href={participantPath(props.slug, props.programId, p.id)}
                      data-testid="participant-link"
                    >
                      <bdi>{p.displayName}</bdi>
                    </a>
                  </td>
                  <td data-label={t('participants.role')} class="nowrap">
                    {participantRoleLabel(t, p.role)}
                  </td>
                  <td data-label={t('participants.status')}>
                    <span class={`badge badge--${p.status}`}>{statusLabel(t, p.status)}</span>
                  </td>
                  <td data-label={t('participant.languages')}>{skillsText(p.languages, locale, t)}</td>
                  <td data-label={t('participants.neighborhood')}>
                    {p.neighborhood && <bdi>{p.neighborhood}</bdi>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      )}
      {state.nextCursor && (
        <p>
          <button
            type="button"
            class="button button--secondary"
            data-testid="load-more"
            disabled={state.status !== 'ok'}
            aria-busy={state.status === 'more' ? 'true' : undefined}
            onClick={loadMore}
          >
            {state.status === 'more' ? t('common.loading') : t('participants.loadMore')}
          </button>
        </p>
      )}
    </div>
  )
}

interface EnrollFormState {
  role: ParticipantRole
  displayName: string
  email: string
  phone: string
  preferredLocale: string
  languages: LanguageRow[]
  neighborhood: string
  capacity: string
}

const ENROLL_PATHS = [
  'role',
  'displayName',
  'email',
  'phone',
  'preferredLocale',
  'languages',
  'neighborhood',
  'capacity',
]

function EnrollForm(props: { data: OrgProgram; onEnrolled: (name: string, id: string) => void }) {
  const { t, locale } = useI18n()
  const { organization, program } = props.data
  const formRef = useRef<HTMLFormElement>(null)
  const [open, setOpen] = useState(false)
  const choices = [...new Set([...program.languages, ...LOCALES])]
  const empty = (): EnrollFormState => ({
    role: 'mentee',
    displayName: '',
    email: '',
    phone: '',
    preferredLocale: program.languages.includes(organization.defaultLocale)
      ? organization.defaultLocale
      : (program.languages[0] ?? 'en'),
    languages: [{ key: 0, code: program.languages[0] ?? '', level: 'native' }],
    neighborhood: '',
    capacity: '1',
  })
  const [form, setForm] = useState<EnrollFormState>(empty)
  const paths = [
    ...ENROLL_PATHS,
    ...form.languages.flatMap((_, i) => [`languages.${i}.code`, `languages.${i}.level`]),
  ]
  const submit = useSubmit(paths, { formRef })
  const set = <K extends keyof EnrollFormState>(key: K, value: EnrollFormState[K]) =>
    setForm((current) => ({ ...current, [key]: value }))

  if (!open) {
    return (
      <section class="section">
        <button type="button" class="button" data-testid="enroll-open" onClick={() => setOpen(true)}>
          {t('enroll.open')}
        </button>
      </section>
    )
  }

  const onSubmit = (event: Event) => {
    event.preventDefault()
    const name = form.displayName.trim()
    submit.run(async () => {
      const created = await apiSend<ParticipantSummary>(
        'POST',
        programApi(organization.slug, program.id, '/participants'),
        {
          role: form.role,
          displayName: name,
          email: form.email.trim() || null,
          phone: form.phone.trim() || null,
          preferredLocale: form.preferredLocale,
          languages: form.languages.map(({ code, level }) => ({ code, level })),
          neighborhood: form.neighborhood.trim() || null,
          ...(form.role === 'mentor' ? { capacity: Number(form.capacity) } : {}),
        },
      )
      setForm(empty())
      props.onEnrolled(name, created.id)
    })
  }

  return (
    <section class="section" aria-labelledby="enroll-heading">
      <h2 id="enroll-heading">{t('enroll.heading')}</h2>
      <form ref={formRef} class="form card" onSubmit={onSubmit} data-testid="enroll-form">
        <ChoiceGroup id="enroll-role" legend={t('enroll.role')} error={submit.fields.role}>
          {(['mentee', 'mentor'] as const).map((role) => (
            <Choice
              key={role}
              type="radio"
              name="enroll-role"
              value={role}
              testid={`enroll-role-${role}`}
              checked={form.role === role}
              label={participantRoleLabel(t, role)}
              onChange={(checked) => checked && set('role', role)}
            />
          ))}
        </ChoiceGroup>
        <Field id="enroll-name" label={t('enroll.name')} error={submit.fields.displayName}>
          {(control) => (
            <input
              {...control}
              data-testid="enroll-name"
              type="text"
              required
              maxLength={120}
              autocomplete="off"
              value={form.displayName}
              onInput={(event) => set('displayName', event.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="enroll-email"
          label={t('enroll.email')}
          hint={t('enroll.optional')}
          error={submit.fields.email}
        >
          {(control) => (
            <input
              {...control}
              data-testid="enroll-email"
              type="email"
              dir="ltr"
              maxLength={254}
              autocomplete="off"
              spellcheck={false}
              value={form.email}
              onInput={(event) => set('email', event.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="enroll-phone"
          label={t('enroll.phone')}
          hint={t('enroll.optional')}
          error={submit.fields.phone}
        >
          {(control) => (
            <input
              {...control}
              data-testid="enroll-phone"
              type="tel"
              dir="ltr"
              maxLength={40}
              autocomplete="off"
              value={form.phone}
              onInput={(event) => set('phone', event.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="enroll-locale"
          label={t('enroll.preferredLocale')}
          hint={t('enroll.preferredLocaleHint')}
          error={submit.fields.preferredLocale}
        >
          {(control) => (
            <select
              {...control}
              data-testid="enroll-locale"
              value={form.preferredLocale}
              onChange={(event) => set('preferredLocale', event.currentTarget.value)}
            >
              {choices.map((code) => (
                <option key={code} value={code}>
                  {languageLabel(locale, code)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <LanguageList
          idPrefix="enroll"
          rows={form.languages}
          choices={choices}
          errors={submit.fields}
          onChange={(rows) => set('languages', rows)}
        />
        <Field
          id="enroll-neighborhood"
          label={t('participants.neighborhood')}
          hint={t('enroll.optional')}
          error={submit.fields.neighborhood}
        >
          {(control) => (
            <input
              {...control}
              data-testid="enroll-neighborhood"
              type="text"
              maxLength={80}
              value={form.neighborhood}
              onInput={(event) => set('neighborhood', event.currentTarget.value)}
            />
          )}
        </Field>
        {form.role === 'mentor' && (
          <Field
            id="enroll-capacity"
            label={t('enroll.capacity')}
            hint={t('enroll.capacityHint')}
            error={submit.fields.capacity}
          >
            {(control) => (
              <select
                {...control}
                data-testid="enroll-capacity"
                value={form.capacity}
                onChange={(event) => set('capacity', event.currentTarget.value)}
              >
                {['1', '2', '3'].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <FormAlert message={submit.message} />
        <div class="actions">
          <SubmitButton
            busy={submit.busy}
            label={t('enroll.submit')}
            busyLabel={t('enroll.submitting')}
            testid="enroll-submit"
          />
          <button type="button" class="button button--secondary" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  )
}
