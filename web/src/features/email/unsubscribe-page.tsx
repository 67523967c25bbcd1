import { useState } from 'preact/hooks'
import { useI18n, useTitle } from '../../i18n/context'
import { FormAlert, SubmitButton, useSubmit } from '../../kit/form'
import { LinkStatus } from '../../kit/link-status'
import { Notice } from '../../kit/notice'
import { useTokenLink } from '../../kit/use-token-link'
import { ok, v1 } from '../../lib/client'
import { isolate } from '../../lib/text'
import { emailKindKey } from './email-kinds'

/**
 * The link at the end of an optional email: `/unsubscribe?token=…`. Opening it changes nothing (mail scanners
 * open links): the page says which email from which organization will stop, and stops it when the person
 * presses the button (POST /api/v1/unsubscribe, the same route mail clients' one-click unsubscribe posts to).
 * No sign-in: the signed token names the person.
 */
export default function UnsubscribePage() {
  const { t } = useI18n()
  useTitle(t('unsubscribe.title'))
  const { token, link } = useTokenLink(
    (token) => ok(v1.unsubscribe.$get({ query: { token } })),
    t('unsubscribe.missing'),
  )
  const [done, setDone] = useState(false)
  const submit = useSubmit([])

  const body = () => {
    if (link.state !== 'ready') {
      return (
        <LinkStatus
          link={link}
          testid="unsubscribe"
          failed={t('unsubscribe.failed')}
          loading={t('unsubscribe.checking')}
        />
      )
    }
    const claim = link.data
    const org = isolate(claim.organization)
    const key = emailKindKey(claim.kind)
    const off = done || !claim.subscribed
    return (
      <>
        <p class="lead">{t('unsubscribe.what', { org })}</p>
        <p>
          <strong data-testid="unsubscribe-kind">{key ? t(key) : claim.kind}</strong>
        </p>
        {off ? (
          <Notice testid="unsubscribe-done">
            {done ? t('unsubscribe.done', { org }) : t('unsubscribe.already')}
          </Notice>
        ) : (
          <form
            class="form"
            data-testid="unsubscribe-form"
            onSubmit={(event) => {
              event.preventDefault()
              submit.run(async () => {
                await ok(v1.unsubscribe.$post({ query: { token } }))
                setDone(true)
              })
            }}
          >
            <FormAlert message={submit.message} />
            <SubmitButton
              busy={submit.busy}
              labels={[t('unsubscribe.confirm'), t('unsubscribe.working')]}
              testid="unsubscribe-confirm"
            />
          </form>
        )}
        <p class="aside">{t('unsubscribe.essential')}</p>
        <p class="aside">{t('unsubscribe.members', { org })}</p>
      </>
    )
  }

  return (
    <div class="page">
      <h1>{t('unsubscribe.title')}</h1>
      {body()}
    </div>
  )
}
