import type { Role } from '@tandem/vocab'
import { useState } from 'preact/hooks'
import { useLocation } from 'preact-iso/router'
import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { ConfirmStep } from '../../kit/confirm-step'
import { DataTable } from '../../kit/data-table'
import { CodeOptions, pickCode } from '../../kit/inputs'
import { useAction } from '../../kit/use-action'
import { ok, params } from '../../lib/client'
import { roleLabel } from '../../lib/labels'
import { isolate } from '../../lib/text'
import { useSession } from '../auth/session'
import { orgRoute } from '../org/org'
import { canManageMembers, grantableRoles } from '../org/roles'
import type { Member, MembersView } from './members'

export function MembersSection(props: MembersView) {
  const { t } = useI18n()
  const manage = canManageMembers(props.role)
  return (
    <section class="section" aria-labelledby="members-heading">
      <h2 id="members-heading">{t('members.heading', { count: props.members.length })}</h2>
      <DataTable
        testid="members-table"
        rows={props.members}
        rowKey={(member) => member.id}
        empty={<p>{t('members.empty')}</p>}
        columns={[
          { label: t('members.name') },
          { label: t('members.email') },
          { label: t('members.role') },
          manage && { label: t('members.actions') },
        ]}
        row={(member) => (
          // A new role from the server starts the row afresh (select, confirm step).
          <MemberRow key={`${member.id}:${member.role}`} {...props} member={member} manage={manage} />
        )}
      />
    </section>
  )
}

function MemberRow(props: MembersView & { member: Member; manage: boolean }) {
  const { t } = useI18n()
  const session = useSession()
  const { route } = useLocation()
  const { member, manage } = props
  const [role, setRole] = useState<Role>(member.role)
  const action = useAction<'save' | 'remove'>(() => setRole(member.role))
  const busy = action.busy !== null
  const isSelf = session.me?.user.id === member.userId
  const grantable = grantableRoles(props.role)
  // An admin may not change or remove an owner; the API has the last word (e.g. the last owner).
  const canEdit = manage && grantable.includes(member.role)
  const options = grantable.includes(member.role) ? grantable : [member.role, ...grantable]
  const name = member.name || member.email
  const endpoint = orgRoute.members[':member']
  const param = params({ org: props.slug, member: member.id })

  const saveRole = () =>
    action.run('save', async () => {
      const updated = await ok(endpoint.$patch({ param, json: { role } }))
      props.notify(
        t('members.roleChanged', { name: isolate(name), role: roleLabel(t, updated.role ?? role) }),
      )
      if (isSelf) await session.reload()
      props.reload(isSelf)
    })

  const remove = (close: () => void) =>
    action.run('remove', async () => {
      await ok(endpoint.$delete({ param }))
      close()
      props.notify(t('members.removed', { name: isolate(name) }))
      if (isSelf) {
        await session.reload()
        route('/')
      } else {
        props.reload()
      }
    })

  return (
    <tr data-testid="member-row" data-email={member.email} data-role={member.role}>
      <td data-label={t('members.name')}>
        <bdi>{name}</bdi>
        {isSelf && <span class="muted"> {t('members.you')}</span>}
      </td>
      <td data-label={t('members.email')}>
        <bdi dir="ltr">{member.email}</bdi>
      </td>
      <td data-label={t('members.role')}>
        {canEdit ? (
          <div class="inline-form">
            <select
              aria-label={t('members.roleFor', { name })}
              data-testid="member-role-select"
              value={role}
              disabled={busy}
              onChange={(event) => setRole(pickCode(options, event.currentTarget.value) || member.role)}
            >
              <CodeOptions options={options} labelOf={(option) => roleLabel(t, option)} />
            </select>
            {role !== member.role && (
              <Button variant="primary" small testid="member-role-save" disabled={busy} onClick={saveRole}>
                {busy ? t('members.saving') : t('members.save')}
              </Button>
            )}
          </div>
        ) : (
          roleLabel(t, member.role)
        )}
      </td>
      {manage && (
        <td data-label={t('members.actions')}>
          {canEdit && (
            <ConfirmStep
              label={t('members.remove')}
              ariaLabel={t('members.removeName', { name })}
              testid="member-remove"
              question={t('members.removeConfirm', {
                name: isolate(name),
                org: isolate(props.organizationName),
              })}
              yes={t('members.removeYes')}
              no={t('common.cancel')}
              busy={busy}
              onConfirm={remove}
            />
          )}
          {action.error && (
            <p class="field__error" role="alert" data-testid="member-error">
              {action.error}
            </p>
          )}
        </td>
      )}
    </tr>
  )
}
