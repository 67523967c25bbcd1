import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { ConfirmStep } from '../../kit/confirm-step'
import { type Column, DataTable } from '../../kit/data-table'
import { dayDate } from '../../lib/dates'
import { meetingModeLabel, meetingSourceLabel, meetingStatusLabel } from '../../lib/labels'
import { listText } from '../../lib/text'
import { useVocabulary } from '../programs/vocabulary'
import { cameSides, type Meeting } from './meetings'

/**
 * A tandem's meetings, newest first: date, status, how, how long, topics, who came, how it went, where it was
 * logged and the coordinator's note (for those who may read it). With `onDelete`, each row can be deleted after
 * a confirmation (an entry made by mistake).
 */
export function MeetingTable(props: {
  meetings: readonly Meeting[]
  empty: string
  /** The names of the program's codes (the portal has no program page around it). */
  labels?: Parameters<typeof useVocabulary>[0]
  onDelete?: ((meeting: Meeting, close: () => void) => void) | undefined
  /** With `onEdit`, each row has a button that opens the entry for a correction. */
  onEdit?: ((meeting: Meeting) => void) | undefined
  deleting?: string | null
}) {
  const { t, locale, formatDate } = useI18n()
  const vocabulary = useVocabulary(props.labels)
  const day = (date: string) => formatDate(dayDate(date), { dateStyle: 'medium', timeZone: 'UTC' })
  const showNotes = props.meetings.some((m) => m.hasNote)
  const { onDelete, onEdit } = props

  const columns: (Column<Meeting> | false)[] = [
    { label: t('meetings.date'), cell: (m) => <span class="nowrap">{day(m.date)}</span> },
    {
      label: t('meetings.status'),
      cell: (m) => (
        <span class={`badge badge--meeting-${m.status}`} data-testid="meeting-status" data-status={m.status}>
          {meetingStatusLabel(t, m.status)}
        </span>
      ),
    },
    { label: t('meetings.mode'), cell: (m) => (m.mode ? meetingModeLabel(t, m.mode) : '') },
    {
      label: t('meetings.duration'),
      cell: (m) => (m.durationMinutes ? t('meetings.minutes', { minutes: m.durationMinutes }) : ''),
    },
    {
      label: t('meetings.topics'),
      cell: (m) => listText(locale, m.topics.map(vocabulary.goalArea)),
    },
    {
      label: t('meetings.came'),
      cell: (m) => {
        const sides = cameSides(m)
        if (!sides) return ''
        if (sides.length === 0) return t('meetings.cameNobody')
        return listText(
          locale,
          sides.map((side) => (side === 'mentor' ? t('meetings.cameMentor') : t('meetings.cameMentee'))),
        )
      },
    },
    {
      label: t('meetings.ratings'),
      cell: (m) =>
        listText(
          locale,
          [
            m.mentorRating !== null && t('meetings.ratingMentor', { rating: m.mentorRating }),
            m.menteeRating !== null && t('meetings.ratingMentee', { rating: m.menteeRating }),
          ].filter((text): text is string => !!text),
        ),
    },
    {
      label: t('meetings.source'),
      cell: (m) => <span data-testid="meeting-source">{meetingSourceLabel(t, m.source)}</span>,
    },
    showNotes && {
      label: t('meetings.note'),
      cell: (m) =>
        m.note ? (
          <bdi data-testid="meeting-note">{m.note}</bdi>
        ) : m.hasNote ? (
          <span class="muted">{t('meetings.noteUnavailable')}</span>
        ) : (
          ''
        ),
    },
    (!!onDelete || !!onEdit) && {
      label: t('meetings.actions'),
      hideLabel: true,
      cell: (m) => (
        <div class="actions">
          {onEdit && (
            <Button
              small
              testid="meeting-edit-open"
              label={t('meetings.editLabel', { date: day(m.date) })}
              onClick={() => onEdit(m)}
            >
              {t('meetings.edit')}
            </Button>
          )}
          {onDelete && (
            <ConfirmStep
              label={t('meetings.delete')}
              ariaLabel={t('meetings.deleteLabel', { date: day(m.date) })}
              testid="meeting-delete"
              question={t('meetings.deleteQuestion', { date: day(m.date) })}
              yes={t('meetings.deleteYes')}
              no={t('common.cancel')}
              busy={props.deleting === m.id}
              onConfirm={(close) => onDelete(m, close)}
            />
          )}
        </div>
      ),
    },
  ]

  return (
    <DataTable
      rows={props.meetings}
      columns={columns}
      rowKey={(m) => m.id}
      rowTestid="meeting-row"
      rowData={(m) => ({ 'data-source': m.source, 'data-status': m.status })}
      testid="meetings-table"
      empty={
        <p class="muted" data-testid="meetings-empty">
          {props.empty}
        </p>
      }
    />
  )
}
