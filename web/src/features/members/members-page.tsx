import { useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Notice } from '../../kit/notice'
import { ok, params } from '../../lib/client'
import { orgRoute } from '../org/org'
import { OrgPage } from '../org/org-page'
import { grantableRoles } from '../org/roles'
import { InvitationsSection } from './invitations'
import { InviteForm } from './invite-form'
import { MembersSection } from './member-row'
import type { MembersView } from './members'

async function loadAll(slug: string, signal: AbortSignal) {
  const param = params({ org: slug })
  const [members, invitations] = await Promise.all([
    ok(orgRoute.members.$get({ param }, { init: { signal } })),
    ok(orgRoute.invitations.$get({ param }, { init: { signal } })),
  ])
  return { members: members.items, invitations: invitations.items }
}

/** `/orgs/{org}/members`: members, invitations and the invite form. */
export default function Members() {
  const { t } = useI18n()
  const [notice, setNotice] = useState('')
  return (
    <OrgPage title={t('members.title')} crumbs load={loadAll}>
      {({ organization, role, data, reload }) => {
        const view: MembersView = {
          slug: organization.slug,
          organizationName: organization.name,
          defaultLocale: organization.defaultLocale,
          role,
          ...data,
          reload,
          notify: setNotice,
        }
        return (
          <>
            {/* One polite live region for every success message on the page. */}
            <Notice testid="members-notice">{notice}</Notice>
            <MembersSection {...view} />
            <InvitationsSection {...view} />
            {grantableRoles(role).length > 0 && <InviteForm {...view} />}
          </>
        )
      }}
    </OrgPage>
  )
}
