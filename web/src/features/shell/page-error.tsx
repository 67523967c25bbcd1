import { Component, type ComponentChildren } from 'preact'
import { useLocation } from 'preact-iso/router'
import { useI18n } from '../../i18n/context'

/** A failed page: an alert and a reload button (a reload fetches fresh chunks after a deploy). */
export function PageError(props: { reason: 'load' | 'crash' }) {
  const { t } = useI18n()
  return (
    <div class="page" role="alert">
      <p>{t(props.reason === 'load' ? 'page.loadError' : 'page.crash')}</p>
      <button type="button" class="button" onClick={() => location.reload()}>
        {t('page.reload')}
      </button>
    </div>
  )
}

/**
 * Catches render errors below it so a bug in one page does not blank the whole shell; navigating to
 * another path renders the router again. (Suspended lazy routes are handled by preact-iso's Router.)
 */
class Boundary extends Component<{ path: string; children: ComponentChildren }, { failedAt: string | null }> {
  override state = { failedAt: null as string | null }

  override componentDidCatch(error: unknown) {
    console.error(error)
    this.setState({ failedAt: this.props.path })
  }

  render() {
    return this.state.failedAt === this.props.path ? <PageError reason="crash" /> : this.props.children
  }
}

export function PageErrorBoundary(props: { children: ComponentChildren }) {
  return <Boundary path={useLocation().path}>{props.children}</Boundary>
}
