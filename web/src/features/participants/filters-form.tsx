import { PARTICIPANT_STATUSES } from '@tandem/vocab'
import { useEffect, useRef, useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Checkboxes } from '../../kit/choices'
import { CodeSelect, TextField } from '../../kit/inputs'
import { needLabel, participantRoleLabel, statusLabel } from '../../lib/labels'
import { languageLabel } from '../../lib/text'
import { type Filters, NO_FILTERS, toggleStatus } from './filters'

const DEBOUNCE_MS = 300

/** The list's filters; typing in the search or neighborhood box asks the API only after a short pause. */
export function FiltersForm(props: {
  languages: readonly string[]
  filters: Filters
  onChange: (change: Partial<Filters>) => void
}) {
  const { t, locale } = useI18n()
  const { filters, onChange } = props
  const [q, setQ] = useState(filters.q)
  const [neighborhood, setNeighborhood] = useState(filters.neighborhood)
  const statuses = filters.status ? filters.status.split(',') : []
  const languages =
    props.languages.includes(filters.language) || !filters.language
      ? props.languages
      : [filters.language, ...props.languages]

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
      <TextField
        id="filter-q"
        label={t('participants.search')}
        hint={t('participants.searchHint')}
        type="search"
        maxLength={100}
        value={q}
        onValue={setQ}
      />
      <CodeSelect
        id="filter-role"
        label={t('participants.role')}
        empty={{ label: t('participants.anyRole') }}
        options={['mentor', 'mentee'] as const}
        labelOf={(role) => participantRoleLabel(t, role)}
        value={filters.role}
        onValue={(role) => onChange({ role })}
      />
      <CodeSelect
        id="filter-language"
        label={t('participants.language')}
        empty={{ label: t('participants.anyLanguage') }}
        options={languages}
        labelOf={(code) => languageLabel(locale, code)}
        value={filters.language}
        onValue={(language) => onChange({ language })}
      />
      <TextField
        id="filter-neighborhood"
        label={t('participants.neighborhood')}
        maxLength={80}
        value={neighborhood}
        onValue={setNeighborhood}
      />
      <CodeSelect
        id="filter-need"
        label={t('participants.need')}
        empty={{ label: t('participants.anyNeed') }}
        codes={needLabel}
        value={filters.need}
        onValue={(need) => onChange({ need })}
      />
      <Checkboxes
        id="filter-status"
        legend={t('participants.status')}
        class="choices--inline"
        name="status"
        options={PARTICIPANT_STATUSES}
        labelOf={(status) => statusLabel(t, status)}
        testid={(status) => `filter-status-${status}`}
        checked={(status) => statuses.includes(status)}
        onToggle={(status, on) => onChange({ status: toggleStatus(filters.status, status, on) })}
      />
      <p class="filters__actions">
        <button
          type="button"
          class="link-button"
          data-testid="filters-clear"
          onClick={() => {
            setQ('')
            setNeighborhood('')
            onChange(NO_FILTERS)
          }}
        >
          {t('participants.clearFilters')}
        </button>
      </p>
    </form>
  )
}
