/** The permission table lives in @tandem/vocab, shared with the web client; the Worker's names for it: */
export {
  can,
  GRANTABLE_ROLES as grantableRoles,
  PERMISSIONS as permissions,
  type Permission,
} from '@tandem/vocab'
