import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { LoadList, useLoad } from '../../kit/load'
import { Notice } from '../../kit/notice'
import { fresh, ok, params } from '../../lib/client'
import { GoalItem, RevisitForm } from '../goals/goal-parts'
import { myGoalsRoute } from '../goals/goals'
import { useVocabulary } from '../programs/vocabulary'
import type { MyTandem } from './portal'

/**
 * A tandem's goals in the portal: what the pair works on, and "Record progress" (a note and a new status) for the
 * mentor and the newcomer themselves. Both of them and the coordinators read the notes; the page says so.
 */
export function MyGoals(props: MyTandem) {
  const { t } = useI18n()
  const vocabulary = useVocabulary(props.labels)
  const param = params({ org: props.slug, match: props.match })
  const { state, reload } = useLoad(`my-goals/${props.slug}/${props.match}`, async (signal) => {
    const answer = await ok(myGoalsRoute.$get({ param }, fresh(signal)))
    return answer.items
  })
  const [notice, setNotice] = useState('')
  const [version, setVersion] = useState(0)
  const headingId = `my-goals-${props.match}`
  return (
    <section class="my-goals" aria-labelledby={headingId} data-testid="my-goals">
      <h3 id={headingId}>{t('portal.goals')}</h3>
      <p class="muted">{t('goals.visible')}</p>
      <Notice testid="my-goals-notice">{notice}</Notice>
      <LoadList state={state} empty={t('portal.goalsEmpty')} emptyTestid="my-goals-empty" muted>
        {(goals) => (
          <ul class="goal-list">
            {goals.map((goal) => (
              <GoalItem key={`${goal.id}-${version}`} goal={goal} areaLabel={vocabulary.goalArea}>
                {props.open && (
                  <RevisitForm
                    goal={goal}
                    areas={props.goalAreas}
                    areaLabel={vocabulary.goalArea}
                    save={(json) =>
                      ok(myGoalsRoute[':goal'].revisits.$post({ param: { ...param, goal: goal.id }, json }))
                    }
                    onSaved={() => {
                      setNotice(t('goals.revisitSaved'))
                      setVersion((n) => n + 1)
                      reload()
                    }}
                  />
                )}
              </GoalItem>
            ))}
          </ul>
        )}
      </LoadList>
    </section>
  )
}
