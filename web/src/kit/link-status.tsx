import type { ComponentChildren } from 'preact'
import { useI18n } from '../i18n/context'
import type { TokenLink } from './use-token-link'

/**
 * What a page behind an email link shows while its link is not ready: the failure in plain words (after `failed`,
 * if given) or that it is loading (`loading`, else the common word). `data-testid` is `{testid}-status`, its
 * `data-state` `error` or `loading`. Renders nothing once the link is ready.
 */
export function LinkStatus(props: {
  link: TokenLink<unknown>
  testid: string
  failed?: string
  loading?: string
}) {
  const { t } = useI18n()
  const { link, testid } = props
  if (link.state === 'error') {
    return (
      <p class="alert alert--error" role="alert" data-testid={`${testid}-status`} data-state="error">
        {props.failed ? `${props.failed} ` : ''}
        {link.message}
      </p>
    )
  }
  if (link.state === 'checking') {
    return (
      <p role="status" data-testid={`${testid}-status`} data-state="loading">
        {props.loading ?? t('common.loading')}
      </p>
    )
  }
  return null
}

/**
 * Why a link no longer takes an answer (`used`: answered already, an outcome; anything else: a warning), as an
 * alert with `data-testid` `{testid}-closed` and `data-state` the reason.
 */
export function LinkClosed(props: { state: string; testid: string; children: ComponentChildren }) {
  return (
    <p
      class={`alert ${props.state === 'used' ? 'alert--ok' : 'alert--warning'}`}
      role="alert"
      data-testid={`${props.testid}-closed`}
      data-state={props.state}
    >
      {props.children}
    </p>
  )
}
