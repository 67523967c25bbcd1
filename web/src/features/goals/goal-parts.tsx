import { GOAL_RECORDERS, GOAL_STATUSES } from '@tandem/vocab'
import type { ComponentChildren } from 'preact'
import { useI18n } from '../../i18n/context'
import { RadioGroup } from '../../kit/choices'
import { FactList } from '../../kit/fact-list'
import { SubmitForm } from '../../kit/form'
import { CodeSelect, TextArea } from '../../kit/inputs'
import { Disclosure } from '../../kit/section'
import { useForm } from '../../kit/use-form'
import { dayDate } from '../../lib/dates'
import { goalStatusLabel, prefixed } from '../../lib/labels'
import { type Goal, type GoalRevisit, revisitBody, revisitOf } from './goals'

/** A goal as one item: its title, then area, status, target date and next revisit; `children` are its actions. */
export function GoalItem(props: {
  goal: Goal
  areaLabel: (code: string) => string
  children?: ComponentChildren
}) {
  const { t, formatDate } = useI18n()
  const day = (d: string) => formatDate(dayDate(d), { dateStyle: 'medium', timeZone: 'UTC' })
  const g = props.goal
  return (
    <li class="goal" data-testid="goal" data-status={g.status} data-area={g.area}>
      <h4 class="goal__title">
        <bdi>{g.title}</bdi>
      </h4>
      <FactList
        class="facts--goal"
        facts={[
          { label: t('goals.area'), value: props.areaLabel(g.area), testid: 'goal-area' },
          { label: t('goals.status'), value: goalStatusLabel(t, g.status), testid: 'goal-status' },
          g.targetDate && { label: t('goals.target'), value: day(g.targetDate) },
          { label: t('goals.nextRevisit'), value: day(g.nextRevisitOn) },
        ]}
      />
      {props.children}
    </li>
  )
}

/** A goal's revisits, newest first: who, when, what moved, and the note. */
export function RevisitList(props: {
  revisits: readonly GoalRevisit[]
  areaLabel: (code: string) => string
}) {
  const { t, formatDate } = useI18n()
  if (props.revisits.length === 0) return <p class="muted">{t('goals.historyEmpty')}</p>
  return (
    <ol class="goal-history" data-testid="goal-history">
      {props.revisits.map((r) => (
        <li key={r.id} data-testid="goal-revisit">
          <p>
            <strong>{formatDate(new Date(r.createdAt), { dateStyle: 'medium' })}</strong>
            {' · '}
            {recorderLabel(t, r.recordedBy)}
          </p>
          {r.areaBefore !== r.areaAfter && (
            <p data-testid="goal-revisit-moved">
              {t('goals.moved', { from: props.areaLabel(r.areaBefore), to: props.areaLabel(r.areaAfter) })}
            </p>
          )}
          {r.statusBefore !== r.statusAfter && (
            <p>
              {t('goals.statusChanged', {
                from: goalStatusLabel(t, r.statusBefore),
                to: goalStatusLabel(t, r.statusAfter),
              })}
            </p>
          )}
          {r.note && (
            <p>
              <bdi>{r.note}</bdi>
            </p>
          )}
        </li>
      ))}
    </ol>
  )
}

const PATHS = ['note', 'status', 'area'] as const
const recorderLabel = prefixed('goals.by', GOAL_RECORDERS)

/**
 * "Record progress": a note, the status it leaves the goal in and (where the program's goal areas are known) the
 * area it moves to. `save` sends the body; the form closes and clears after.
 */
export function RevisitForm(props: {
  goal: Goal
  /** The program's goal areas, or none (the portal): the area then stays. */
  areas: readonly string[]
  areaLabel: (code: string) => string
  save: (body: ReturnType<typeof revisitBody>) => Promise<unknown>
  onSaved: () => void
}) {
  const { t } = useI18n()
  const form = useForm(() => revisitOf(props.goal), PATHS)
  const { values, field, setValues, submit } = form
  const id = (name: string) => `goal-${props.goal.id}-${name}`
  const onSubmit = () => {
    submit.run(async () => {
      await props.save(revisitBody(values, props.goal))
      setValues(revisitOf(props.goal))
      props.onSaved()
    })
  }
  return (
    <Disclosure
      testid="goal-revisit-open"
      summary={t('goals.revisit')}
      label={t('goals.revisitLabel', { title: props.goal.title })}
    >
      <SubmitForm
        form={form}
        name="goal-revisit"
        onSubmit={onSubmit}
        labels={[t('goals.revisitSave'), t('common.saving')]}
      >
        <TextArea
          id={id('note')}
          testid="goal-revisit-note"
          label={t('goals.revisitNote')}
          hint={t('goals.visible')}
          rows={3}
          maxLength={1000}
          {...field('note')}
        />
        <RadioGroup
          id={id('status')}
          legend={t('goals.status')}
          class="choices--inline"
          options={GOAL_STATUSES}
          labelOf={(status) => goalStatusLabel(t, status)}
          testid={(status) => `goal-revisit-status-${status}`}
          {...field('status')}
        />
        {props.areas.length > 0 && (
          <CodeSelect
            id={id('area')}
            testid="goal-revisit-area"
            label={t('goals.revisitArea')}
            options={props.areas}
            labelOf={props.areaLabel}
            {...field('area')}
          />
        )}
      </SubmitForm>
    </Disclosure>
  )
}
