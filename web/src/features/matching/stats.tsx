import { useI18n } from '../../i18n/context'
import { FactList } from '../../kit/fact-list'
import type { RunStats } from './matching'

/** What the last run found, and how it compares with first come, first served. */
export function Stats(props: { stats: RunStats }) {
  const { t, formatNumber } = useI18n()
  const { stats } = props
  const more = stats.matched - stats.greedy.matched
  const average = stats.matched > 0 ? stats.total / stats.matched : 0
  return (
    <section class="section" aria-labelledby="board-stats-heading" data-testid="run-stats">
      <h2 id="board-stats-heading">{t('board.statsHeading')}</h2>
      <p class="alert alert--ok alert--spaced" data-testid="run-vs-greedy" data-more={more}>
        {more > 0
          ? t('board.moreThanGreedy', { count: more, greedy: stats.greedy.matched })
          : more === 0
            ? t('board.sameAsGreedy', { greedy: stats.greedy.matched })
            : `${t('board.greedyMatched')}: ${formatNumber(stats.greedy.matched)}`}
      </p>
      <FactList
        facts={[
          { label: t('board.mentees'), value: formatNumber(stats.mentees), testid: 'stat-mentees' },
          { label: t('board.mentors'), value: formatNumber(stats.mentors), testid: 'stat-mentors' },
          { label: t('board.feasible'), value: formatNumber(stats.feasiblePairs) },
          { label: t('board.matched'), value: formatNumber(stats.matched), testid: 'stat-matched' },
          {
            label: t('board.greedyMatched'),
            value: formatNumber(stats.greedy.matched),
            testid: 'stat-greedy',
          },
          {
            label: t('board.unmatchedCount'),
            value: formatNumber(stats.unmatched),
            testid: 'stat-unmatched',
          },
          { label: t('board.averageScore'), value: formatNumber(average, { maximumFractionDigits: 1 }) },
        ]}
      />
    </section>
  )
}
