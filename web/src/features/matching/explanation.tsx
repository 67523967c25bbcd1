import { useI18n } from '../../i18n/context'
import { useVocabulary } from '../programs/vocabulary'
import { criterionName, explainItem } from './explain'
import type { Proposal } from './matching'

/** "Why this pair?": points per criterion and each explanation item in words. */
export function Explanation(props: { proposal: Proposal }) {
  const { t, locale, formatNumber } = useI18n()
  const { interest } = useVocabulary()
  return (
    <details class="explanation" data-testid="proposal-why">
      <summary>{t('board.why')}</summary>
      <ul class="explanation__list" data-testid="proposal-explanation">
        {props.proposal.explanation.map((item) => (
          <li
            key={`${item.criterion}:${item.messageKey}`}
            data-testid="explanation-item"
            data-criterion={item.criterion}
            data-key={item.messageKey}
          >
            <span class="explanation__criterion">{criterionName(t, item.criterion)}</span>
            {item.criterion !== 'constraint' && (
              <span class="badge explanation__points">
                {t('board.points', { points: formatNumber(item.points, { maximumFractionDigits: 1 }) })}
              </span>
            )}
            <span class="explanation__text">{explainItem(t, locale, item, interest)}</span>
          </li>
        ))}
      </ul>
    </details>
  )
}
