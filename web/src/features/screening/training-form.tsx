import { useRef, useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { FormAlert } from '../../kit/form'
import { TextField } from '../../kit/inputs'
import { dayDate, todayIso } from '../../lib/dates'
import { useVocabulary } from '../programs/vocabulary'
import { type ScreeningProps, useScreeningSave } from './use-screening-save'

/** Each training module of the program, with the day the mentor completed it. */
export function TrainingForm(props: ScreeningProps) {
  const { t, formatDate } = useI18n()
  const vocabulary = useVocabulary()
  const { trainingModules } = props.data.program
  const formRef = useRef<HTMLDivElement>(null)
  const [dates, setDates] = useState<Record<string, string>>({})
  const { submit, save } = useScreeningSave(
    props,
    ['trainingCompleted', ...trainingModules.map((m) => `trainingCompleted.${m.id}`)],
    formRef,
  )

  if (trainingModules.length === 0) return <p>{t('screening.noTraining')}</p>
  return (
    <div ref={formRef}>
      <ul class="module-list">
        {trainingModules.map((m) => {
          const done = props.screening.trainingCompleted[m.id]
          const date = dates[m.id] ?? todayIso()
          return (
            <li
              key={m.id}
              class="item-row"
              data-testid="training-row"
              data-module={m.id}
              data-done={String(Boolean(done))}
            >
              <strong>
                <bdi>{vocabulary.module(m)}</bdi>
              </strong>
              {done ? (
                <p>
                  {t('screening.trainingDone', { date: formatDate(dayDate(done), { dateStyle: 'medium' }) })}
                </p>
              ) : (
                props.canManage && (
                  <form
                    class="inline-form"
                    onSubmit={(event) => {
                      event.preventDefault()
                      save({ trainingCompleted: { [m.id]: date } }, t('screening.saved'))
                    }}
                  >
                    <TextField
                      id={`training-${m.id}-date`}
                      testid="training-date"
                      label={t('screening.trainingDate')}
                      error={submit.fields[`trainingCompleted.${m.id}`]}
                      type="date"
                      required
                      max={todayIso()}
                      value={date}
                      onValue={(day) => setDates((current) => ({ ...current, [m.id]: day }))}
                    />
                    <button
                      type="submit"
                      class="button button--small"
                      data-testid="training-complete"
                      disabled={submit.busy}
                      aria-label={t('screening.trainingCompleteNamed', { module: vocabulary.module(m) })}
                    >
                      {t('screening.trainingComplete')}
                    </button>
                  </form>
                )
              )}
            </li>
          )
        })}
      </ul>
      <FormAlert message={submit.message ?? submit.fields.trainingCompleted ?? null} />
    </div>
  )
}
