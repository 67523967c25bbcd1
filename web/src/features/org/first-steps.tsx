import type { FirstStep } from '@tandem/vocab'
import { useI18n } from '../../i18n/context'
import { useLoad } from '../../kit/load'
import { type Answer, fresh, ok, params } from '../../lib/client'
import type { PlainKey } from '../../lib/labels'
import { boardPath, programPath, programsPath } from '../../lib/paths'
import { orgRoute } from './org'

const firstStepsRoute = orgRoute['first-steps']
type FirstSteps = Answer<typeof firstStepsRoute.$get>

const TEXT: Record<FirstStep, readonly [title: PlainKey, hint: PlainKey]> = {
  program: ['firstSteps.program', 'firstSteps.programHint'],
  form: ['firstSteps.form', 'firstSteps.formHint'],
  mentors: ['firstSteps.mentors', 'firstSteps.mentorsHint'],
  match: ['firstSteps.match', 'firstSteps.matchHint'],
}

/** Where each step is done; the steps after the first need a program (null before there is one). */
function hrefOf(step: FirstStep, slug: string, program: FirstSteps['program']): string | null {
  if (step === 'program') return programsPath(slug)
  if (!program) return null
  if (step === 'form') return programPath(slug, program.id, '/settings')
  if (step === 'mentors') return programPath(slug, program.id, '?role=mentor')
  return boardPath(slug, program.id)
}

/**
 * A new organization's first steps on its home page, for those who run programs: each ticked from the
 * organization's data, each linking to where it is done. Gone once every step is done (and while loading or
 * when it cannot load: the rest of the page matters more).
 */
export function FirstStepsChecklist(props: { slug: string }) {
  const { t, formatNumber } = useI18n()
  const { state } = useLoad(props.slug, (signal) =>
    ok(firstStepsRoute.$get({ param: params({ org: props.slug }) }, fresh(signal))),
  )
  if (state.kind !== 'ok') return null
  const { steps, program } = state.data
  const done = steps.filter((s) => s.done).length
  if (done === steps.length) return null
  return (
    <section class="card section first-steps" aria-labelledby="first-steps-heading" data-testid="first-steps">
      <h2 id="first-steps-heading">{t('firstSteps.heading')}</h2>
      <p class="muted" data-testid="first-steps-progress">
        {t('firstSteps.progress', { done: formatNumber(done), count: steps.length })}
      </p>
      <ol class="first-steps__list">
        {steps.map(({ step, done }, index) => {
          const [title, hint] = TEXT[step]
          const href = hrefOf(step, props.slug, program)
          return (
            <li
              key={step}
              class={`first-steps__item${done ? ' first-steps__item--done' : ''}`}
              data-testid="first-step"
              data-step={step}
              data-done={String(done)}
            >
              <span class="first-steps__mark" aria-hidden="true">
                {done ? '✓' : formatNumber(index + 1)}
              </span>
              <div>
                {href ? (
                  <a href={href} class="first-steps__title" data-testid="first-step-link">
                    {t(title)}
                  </a>
                ) : (
                  <span class="first-steps__title">{t(title)}</span>
                )}{' '}
                <span class="visually-hidden">({done ? t('firstSteps.done') : t('firstSteps.todo')})</span>
                <p class="first-steps__hint">{t(hint)}</p>
              </div>
            </li>
          )
        })}
      </ol>
    </section>
  )
}
