import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { FormAlert } from '../../kit/form'
import { Load, useLoad } from '../../kit/load'
import { Notice } from '../../kit/notice'
import { useRemoval } from '../../kit/use-removal'
import { fresh, ok, params } from '../../lib/client'
import { dayDate } from '../../lib/dates'
import type { TandemPanel } from '../../lib/tandem'
import { useVocabulary } from '../programs/vocabulary'
import { MeetingForm } from './meeting-form'
import { MeetingTable } from './meeting-table'
import { type Meeting, meetingRoute, meetingsRoute } from './meetings'

/**
 * The match page's meetings: every meeting logged for the tandem (by a coordinator, in the portal or from a
 * check-in email), and for those who may manage matches a form to log one and a way to delete a mistaken entry.
 */
export function MeetingsPanel(props: TandemPanel) {
  const { t, formatDate } = useI18n()
  const vocabulary = useVocabulary()
  const param = params({ org: props.slug, program: props.programId, match: props.matchId })
  const { state, reload } = useLoad(`${props.programId}/${props.matchId}`, async (signal) => {
    const answer = await ok(meetingsRoute.$get({ param }, fresh(signal)))
    return answer.items
  })
  const { notice, setNotice, noticeRef, deleting, error, remove } = useRemoval(reload)
  const [editing, setEditing] = useState<Meeting | null>(null)
  const day = (date: string) => formatDate(dayDate(date), { dateStyle: 'medium', timeZone: 'UTC' })

  return (
    <section class="section meetings" aria-labelledby="meetings-heading" data-testid="meetings">
      <h2 id="meetings-heading">{t('meetings.heading')}</h2>
      <Notice testid="meetings-notice" focusRef={noticeRef}>
        {notice}
      </Notice>
      <FormAlert message={error} testid="meetings-error" />
      <Load state={state}>
        {(meetings) => (
          <MeetingTable
            meetings={meetings}
            empty={t('meetings.empty')}
            deleting={deleting}
            onEdit={props.canManage ? setEditing : undefined}
            onDelete={
              props.canManage
                ? (meeting, close) =>
                    remove(
                      meeting.id,
                      () => ok(meetingRoute.$delete({ param: { ...param, meeting: meeting.id } })),
                      t('meetings.deleted'),
                      close,
                    )
                : undefined
            }
          />
        )}
      </Load>
      {props.canManage && editing && (
        <MeetingForm
          key={editing.id}
          param={param}
          topics={props.goalAreas}
          topicLabel={vocabulary.goalArea}
          editing={{ meeting: editing, day: day(editing.date), onCancel: () => setEditing(null) }}
          onSaved={() => {
            setEditing(null)
            setNotice(t('meetings.edited'))
            reload()
          }}
        />
      )}
      {props.canManage && !props.ended && !editing && (
        <MeetingForm
          param={param}
          topics={props.goalAreas}
          topicLabel={vocabulary.goalArea}
          onSaved={() => {
            setNotice(t('meetings.saved'))
            reload()
          }}
        />
      )}
    </section>
  )
}
