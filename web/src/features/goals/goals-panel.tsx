import { GOAL_REVISIT_DAYS } from '@tandem/vocab'
import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { ConfirmStep } from '../../kit/confirm-step'
import { FormAlert, SubmitForm } from '../../kit/form'
import { CodeSelect, NumberField, TextField } from '../../kit/inputs'
import { Load, LoadList, useLoad } from '../../kit/load'
import { Notice } from '../../kit/notice'
import { Disclosure } from '../../kit/section'
import { useForm } from '../../kit/use-form'
import { useRemoval } from '../../kit/use-removal'
import { fresh, ok, params } from '../../lib/client'
import type { TandemPanel } from '../../lib/tandem'
import { useVocabulary } from '../programs/vocabulary'
import { GoalItem, RevisitForm, RevisitList } from './goal-parts'
import { emptyGoal, type Goal, type GoalDetail, goalBody, goalRoute, goalsRoute } from './goals'

type Param = { org: string; program: string; match: string }

/**
 * The match page's goals: each goal with its area, status, target date and next revisit; its history on demand;
 * and, for those who may manage matches, "Record progress" (a note, a new status, a move to another goal area),
 * "Add a goal" and deleting a mistaken one after a confirm step.
 */
export function GoalsPanel(props: TandemPanel) {
  const { t } = useI18n()
  const vocabulary = useVocabulary()
  const param = params({ org: props.slug, program: props.programId, match: props.matchId })
  const { state, reload } = useLoad(`goals/${props.programId}/${props.matchId}`, async (signal) => {
    const answer = await ok(goalsRoute.$get({ param }, fresh(signal)))
    return answer.items
  })
  const { notice, setNotice, noticeRef, deleting, error, remove } = useRemoval(reload)
  const [version, setVersion] = useState(0)
  const editable = props.canManage && !props.ended
  const saved = (message: string) => {
    setNotice(message)
    setVersion((n) => n + 1)
    reload()
  }

  return (
    <section class="section goals" aria-labelledby="goals-heading" data-testid="goals">
      <h2 id="goals-heading">{t('goals.heading')}</h2>
      <p class="muted">{t('goals.visible')}</p>
      <Notice testid="goals-notice" focusRef={noticeRef}>
        {notice}
      </Notice>
      <FormAlert message={error} testid="goals-error" />
      <LoadList state={state} empty={t('goals.empty')} emptyTestid="goals-empty" muted>
        {(goals) => (
          <ul class="goal-list">
            {goals.map((goal) => (
              <GoalItem key={`${goal.id}-${version}`} goal={goal} areaLabel={vocabulary.goalArea}>
                <GoalHistory param={param} goal={goal} areaLabel={vocabulary.goalArea} version={version} />
                {editable && (
                  <RevisitForm
                    goal={goal}
                    areas={props.goalAreas}
                    areaLabel={vocabulary.goalArea}
                    save={(json) =>
                      ok(goalRoute.revisits.$post({ param: { ...param, goal: goal.id }, json }))
                    }
                    onSaved={() => saved(t('goals.revisitSaved'))}
                  />
                )}
                {editable && (
                  <div class="actions">
                    <ConfirmStep
                      label={t('goals.delete')}
                      ariaLabel={t('goals.deleteLabel', { title: goal.title })}
                      testid="goal-delete"
                      question={t('goals.deleteQuestion', { title: goal.title })}
                      yes={t('goals.deleteYes')}
                      no={t('common.cancel')}
                      busy={deleting === goal.id}
                      onConfirm={(close) =>
                        remove(
                          goal.id,
                          () => ok(goalRoute.$delete({ param: { ...param, goal: goal.id } })),
                          t('goals.deleted'),
                          close,
                        )
                      }
                    />
                  </div>
                )}
              </GoalItem>
            ))}
          </ul>
        )}
      </LoadList>
      {editable &&
        (props.goalAreas.length > 0 ? (
          <AddGoal param={param} areas={props.goalAreas} onSaved={() => saved(t('goals.saved'))} />
        ) : (
          <p class="muted" data-testid="goals-no-areas">
            {t('goals.noAreas')}
          </p>
        ))}
    </section>
  )
}

/** A goal's history, loaded when opened. */
function GoalHistory(props: {
  param: Param
  goal: Goal
  areaLabel: (code: string) => string
  version: number
}) {
  const { t } = useI18n()
  const [open, setOpen] = useState(false)
  return (
    <details
      class="disclosure"
      data-testid="goal-history-open"
      onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}
    >
      <summary aria-label={t('goals.historyLabel', { title: props.goal.title })}>
        {t('goals.history')}
      </summary>
      {open && <HistoryLoader {...props} />}
    </details>
  )
}

function HistoryLoader(props: {
  param: Param
  goal: Goal
  areaLabel: (code: string) => string
  version: number
}) {
  const { state } = useLoad(`goal/${props.goal.id}/${props.version}`, async (signal) =>
    ok(goalRoute.$get({ param: { ...props.param, goal: props.goal.id } }, fresh(signal))),
  )
  return (
    <Load state={state}>
      {(detail: GoalDetail) => <RevisitList revisits={detail.revisits} areaLabel={props.areaLabel} />}
    </Load>
  )
}

const PATHS = ['area', 'title', 'targetDate', 'revisitDays'] as const

function AddGoal(props: { param: Param; areas: readonly string[]; onSaved: () => void }) {
  const { t } = useI18n()
  const vocabulary = useVocabulary()
  const first = props.areas[0] ?? ''
  const form = useForm(() => emptyGoal(first), PATHS)
  const { values, field, setValues, submit } = form
  const onSubmit = () => {
    submit.run(async () => {
      await ok(goalsRoute.$post({ param: props.param, json: goalBody(values) }))
      setValues(emptyGoal(first))
      props.onSaved()
    })
  }
  return (
    <Disclosure testid="goal-add" summary={t('goals.add')}>
      <SubmitForm form={form} name="goal" onSubmit={onSubmit} labels={[t('goals.save'), t('common.saving')]}>
        <CodeSelect
          id="goal-area"
          label={t('goals.area')}
          options={props.areas}
          labelOf={vocabulary.goalArea}
          required
          {...field('area')}
        />
        <TextField id="goal-title" label={t('goals.title')} required maxLength={120} {...field('title')} />
        <TextField id="goal-target" type="date" label={t('goals.target')} {...field('targetDate')} />
        <NumberField
          id="goal-revisit-days"
          min={GOAL_REVISIT_DAYS.min}
          max={GOAL_REVISIT_DAYS.max}
          required={false}
          label={t('goals.revisitDays')}
          hint={t('goals.revisitDaysHint')}
          {...field('revisitDays')}
        />
      </SubmitForm>
    </Disclosure>
  )
}
