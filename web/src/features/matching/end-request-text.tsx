import { useI18n } from '../../i18n/context'
import { endReasonLabel } from '../../lib/labels'
import type { EndRequest, Side } from './matching'

/** "The newcomer asked on 3 May to end it: moved away." */
export function EndRequestText(props: { side: Side; request: EndRequest }) {
  const { t, formatDate } = useI18n()
  return (
    <>
      {t(props.side === 'mentee' ? 'match.requestBy.mentee' : 'match.requestBy.mentor', {
        date: formatDate(new Date(props.request.at), { dateStyle: 'medium' }),
        reason: endReasonLabel(t, props.request.reason),
      })}
    </>
  )
}
