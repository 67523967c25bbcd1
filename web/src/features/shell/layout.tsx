import type { ComponentChildren } from 'preact'
import { useLocation } from 'preact-iso/router'
import { useI18n } from '../../i18n/context'
import { currentOrgSlug, programsPath } from '../../lib/paths'
import { useSession } from '../auth/session'
import { canManagePrograms } from '../org/roles'
import { Account } from './account'
import { LocaleSwitcher } from './locale-switcher'

/** After client-side navigation, move focus to <main> so keyboard and screen-reader users land on the new page. */
export function focusMain() {
  document.getElementById('main')?.focus({ preventScroll: true })
}

function NavLink(props: { href: string; children: ComponentChildren; section?: boolean; testid?: string }) {
  const { path } = useLocation()
  const current =
    path === props.href ? 'page' : props.section && path.startsWith(`${props.href}/`) ? 'true' : undefined
  return (
    <a href={props.href} aria-current={current} data-testid={props.testid}>
      {props.children}
    </a>
  )
}

/** "Programs" of the organization in the path, for those who run them there. */
function ProgramsNavLink() {
  const { t } = useI18n()
  const { path } = useLocation()
  const { me } = useSession()
  const slug = currentOrgSlug(path)
  const membership = slug ? me?.memberships.find((m) => m.organization.slug === slug) : undefined
  if (!slug || !membership || !canManagePrograms(membership.role)) return null
  return (
    <li>
      <NavLink href={programsPath(slug)} section testid="nav-programs">
        {t('nav.programs')}
      </NavLink>
    </li>
  )
}

/** The public application form (`/apply/…`) has its own language buttons and is for people who have no account. */
export const isPublicForm = (path: string) => path.startsWith('/apply/')

/**
 * Landmarks: banner (header: brand, nav, account area, language), main (#main, target of the skip link), contentinfo
 * (footer). On the public application form the header shows only the brand: no menu, and no "Sign in" or "Sign up"
 * for someone who came to apply.
 */
export function Layout(props: { children: ComponentChildren }) {
  const { t } = useI18n()
  const { path } = useLocation()
  const publicForm = isPublicForm(path)
  const brand = (
    <>
      <svg class="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <circle cx="12" cy="16" r="6" />
        <circle cx="20" cy="16" r="6" />
      </svg>
      <span class="brand__name">{t('app.name')}</span>
    </>
  )
  return (
    <>
      <a class="skip-link" href="#main">
        {t('a11y.skipToContent')}
      </a>
      <header class="site-header" data-testid="site-header">
        <div class="site-header__inner">
          {publicForm ? (
            <span class="brand">{brand}</span>
          ) : (
            <a class="brand" href="/">
              {brand}
            </a>
          )}
          {!publicForm && (
            <>
              <nav class="site-nav" aria-label={t('nav.label')}>
                <ul>
                  <li>
                    <NavLink href="/">{t('nav.home')}</NavLink>
                  </li>
                  <ProgramsNavLink />
                  <li>
                    <NavLink href="/about">{t('nav.about')}</NavLink>
                  </li>
                </ul>
              </nav>
              <Account />
              <LocaleSwitcher />
            </>
          )}
        </div>
      </header>
      <main id="main" class="site-main" tabIndex={-1}>
        {props.children}
      </main>
      <footer class="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  )
}
