import * as v from 'valibot'
import { Id, OrgSlug } from '../../lib/schema'
import { RoleSchema } from '../orgs/schema'

export const MemberParam = v.object({ org: OrgSlug, member: Id })

export const MemberOut = v.object({
  id: v.string(),
  userId: v.string(),
  name: v.string(),
  email: v.string(),
  role: v.string(),
  createdAt: v.string(),
})

export const ChangeRoleBody = v.object({ role: RoleSchema })
