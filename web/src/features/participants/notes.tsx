import { useI18n } from '../../i18n/context'
import { ConfirmStep } from '../../kit/confirm-step'
import { FormFooter } from '../../kit/form'
import { TextArea } from '../../kit/inputs'
import { LoadError, Loading, useLoad } from '../../kit/load'
import { useAction } from '../../kit/use-action'
import { useForm } from '../../kit/use-form'
import { type Answer, fresh, ok, params } from '../../lib/client'
import { isolate } from '../../lib/text'
import { type ParticipantView, participantRoute } from './participant'

const notesRoute = participantRoute.notes
type Note = Answer<typeof notesRoute.$get>['items'][number]

/**
 * Coordinators' notes about the person: for the roles that manage participants only. The notes are sealed on
 * the server and each time they are shown the reading is logged; a note is deleted for good after a question.
 */
export function Notes(props: ParticipantView) {
  const { t } = useI18n()
  const { state, reload } = useLoad(props.data.record.id, (signal) =>
    ok(notesRoute.$get({ param: props.param }, fresh(signal))),
  )
  const { formRef, values, field, setValues, submit } = useForm({ text: '' }, ['text'])

  const onSubmit = (event: Event) => {
    event.preventDefault()
    submit.run(async () => {
      await ok(notesRoute.$post({ param: props.param, json: { text: values.text } }))
      setValues({ text: '' })
      props.notify(t('notes.added'))
      reload()
    })
  }

  return (
    <section class="section" aria-labelledby="notes-heading" data-testid="notes">
      <h2 id="notes-heading">{t('notes.heading')}</h2>
      <p class="muted">{t('notes.privacy')}</p>
      <form ref={formRef} class="form card" onSubmit={onSubmit} data-testid="note-form">
        <TextArea
          id="note-text"
          label={t('notes.new')}
          hint={t('notes.newHint')}
          required
          rows={3}
          maxLength={4000}
          {...field('text')}
        />
        <FormFooter submit={submit} labels={[t('notes.add'), t('notes.adding')]} testid="note-add" />
      </form>
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && <LoadError error={state.error} />}
      {state.kind === 'ok' &&
        (state.data.items.length === 0 ? (
          <p data-testid="notes-empty">{t('notes.none')}</p>
        ) : (
          <ol class="notes" data-testid="notes-list">
            {state.data.items.map((note) => (
              <NoteItem key={note.id} {...props} note={note} onDeleted={reload} />
            ))}
          </ol>
        ))}
    </section>
  )
}

function NoteItem(props: ParticipantView & { note: Note; onDeleted: () => void }) {
  const { t, formatDate } = useI18n()
  const { note } = props
  const action = useAction<'delete'>()
  const when = formatDate(new Date(note.createdAt), { dateStyle: 'medium', timeStyle: 'short' })
  const author = note.author.name ?? t('notes.formerMember')

  const remove = () =>
    action.run('delete', async () => {
      await ok(notesRoute[':note'].$delete({ param: params({ ...props.param, note: note.id }) }))
      props.notify(t('notes.deleted'))
      props.onDeleted()
    })

  return (
    <li class="note card" data-testid="note" data-id={note.id}>
      {note.text === null ? (
        <p class="muted" data-testid="note-unreadable">
          {t('notes.unreadable')}
        </p>
      ) : (
        <p class="note__text" data-testid="note-body">
          <bdi>{note.text}</bdi>
        </p>
      )}
      <p class="note__meta muted">{t('notes.byline', { name: isolate(author), date: when })}</p>
      {note.canDelete && (
        <ConfirmStep
          label={t('notes.delete')}
          ariaLabel={t('notes.deleteLabel', { date: when })}
          testid="note-delete"
          question={t('notes.deleteConfirm')}
          questionTestid="note-confirm"
          yes={t('notes.deleteYes')}
          no={t('notes.keep')}
          busy={action.busy !== null}
          onConfirm={remove}
        />
      )}
      {action.error && (
        <p class="field__error" role="alert" data-testid="note-error">
          {action.error}
        </p>
      )}
    </li>
  )
}
