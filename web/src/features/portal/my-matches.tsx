import { useRef, useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { LoadList, useLoad } from '../../kit/load'
import { Notice } from '../../kit/notice'
import { fresh, ok, params } from '../../lib/client'
import { MyConcerns } from '../concerns/my-concerns'
import { OrgPage } from '../org/org-page'
import { isParticipant } from '../org/roles'
import { MatchCard } from './match-card'
import { MyEvents } from './my-events'
import { NextUp } from './next-up'
import { myMatchesRoute } from './portal'

/**
 * `/orgs/{org}/my`: the participant portal. A mentor or newcomer sees their tandems and can ask to end one; a
 * coordinator confirms. Built for a small phone screen and right-to-left languages: one column of cards.
 */
export default function MyMatches() {
  const { t } = useI18n()
  return (
    <OrgPage title={t('portal.title')} docTitle={() => t('portal.title')}>
      {({ organization, role }) => (
        <>
          <p class="lead">{t('portal.intro', { org: organization.name })}</p>
          {isParticipant(role) ? (
            <>
              <NextUp slug={organization.slug} timeZone={organization.timezone} />
              <MyMatchList slug={organization.slug} />
              <MyEvents slug={organization.slug} timeZone={organization.timezone} />
            </>
          ) : (
            <p data-testid="portal-not-participant">{t('portal.onlyParticipants')}</p>
          )}
        </>
      )}
    </OrgPage>
  )
}

function MyMatchList(props: { slug: string }) {
  const { t } = useI18n()
  const { state, reload } = useLoad(props.slug, async (signal) => {
    const mine = await ok(myMatchesRoute.$get({ param: params({ org: props.slug }) }, fresh(signal)))
    return mine.items
  })
  const [notice, setNotice] = useState('')
  const [concerns, setConcerns] = useState(0)
  // After a send or take-back the card is rebuilt: keep keyboard and screen-reader users at the message.
  const noticeRef = useRef<HTMLParagraphElement>(null)
  return (
    <>
      <Notice testid="portal-notice" focusRef={noticeRef}>
        {notice}
      </Notice>
      <LoadList state={state} empty={t('portal.empty')} emptyTestid="portal-empty">
        {(items) =>
          items.map((m) => (
            <MatchCard
              key={`${m.id}:${m.myEndRequest?.at ?? ''}:${m.status}`}
              slug={props.slug}
              match={m}
              onChanged={(message) => {
                setNotice(message)
                reload()
                requestAnimationFrame(() => noticeRef.current?.focus())
              }}
              onConcern={() => setConcerns((n) => n + 1)}
            />
          ))
        }
      </LoadList>
      <MyConcerns slug={props.slug} version={concerns} />
    </>
  )
}
