import type { ComponentChildren } from 'preact'
import { useI18n } from '../../i18n/context'
import { dayDate, todayIso } from '../../lib/dates'
import { ApprovalForm, SafetyForm } from './approval'
import { BackgroundCheckForm } from './background-check-form'
import { ReferencesForm } from './references-form'
import { checklist } from './screening'
import { TrainingForm } from './training-form'
import type { ScreeningProps } from './use-screening-save'

/** One item of the checklist, with a tick and "Done:"/"To do:" for screen readers. */
function Check(props: { done: boolean; testid: string; children: ComponentChildren }) {
  const { t } = useI18n()
  return (
    <li
      class={`check ${props.done ? 'check--done' : ''}`}
      data-testid={props.testid}
      data-done={String(props.done)}
    >
      <span class="check__mark" aria-hidden="true">
        {props.done ? '✓' : '○'}
      </span>
      <span class="visually-hidden">{props.done ? t('screening.done') : t('screening.todo')}</span>
      <div class="check__body">{props.children}</div>
    </li>
  )
}

/** A mentor's screening: references, background check, training, safety guidelines, approval. */
export function ScreeningSection(props: ScreeningProps) {
  const { t, formatDate } = useI18n()
  const { screening } = props
  const done = checklist(screening)
  const day = (iso: string) => formatDate(dayDate(iso), { dateStyle: 'medium' })

  return (
    <section class="section" aria-labelledby="screening-heading" data-testid="screening">
      <h2 id="screening-heading">{t('screening.heading')}</h2>
      {screening.matchable ? (
        <p class="alert alert--ok alert--spaced" data-testid="screening-state" data-state="matchable">
          {t('screening.matchable')}
        </p>
      ) : (
        <p class="alert alert--spaced" data-testid="screening-state" data-state="incomplete">
          {t('screening.incomplete')}
        </p>
      )}
      {screening.expired && (
        <p class="alert alert--error alert--spaced" data-testid="screening-expired">
          {t('screening.expired', { date: day(screening.checkExpiresOn ?? todayIso()) })}
        </p>
      )}
      {screening.expiringSoon && screening.checkExpiresOn && (
        <p class="alert alert--warning alert--spaced" data-testid="screening-expiring">
          {t('screening.expiringSoon', { date: day(screening.checkExpiresOn) })}
        </p>
      )}
      <ol class="checklist">
        <Check done={done.references} testid="check-references">
          <h3>{t('screening.references')}</h3>
          <p class="field__hint">{t('screening.referencesHint')}</p>
          <ReferencesForm {...props} />
        </Check>
        <Check done={done.check} testid="check-background">
          <h3>{t('screening.check')}</h3>
          <BackgroundCheckForm {...props} />
        </Check>
        <Check done={done.training} testid="check-training">
          <h3>{t('screening.training')}</h3>
          <TrainingForm {...props} />
        </Check>
        <Check done={done.safety} testid="check-safety">
          <h3>{t('screening.safety')}</h3>
          <SafetyForm {...props} done={done.safety} />
        </Check>
        <Check done={done.approval} testid="check-approval">
          <h3>{t('screening.approval')}</h3>
          <ApprovalForm {...props} />
        </Check>
      </ol>
    </section>
  )
}
