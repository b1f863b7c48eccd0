/** The closed list of audit event kinds. Every write, identity read and export records one. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'auth.logout',
  'auth.password_changed',
  'jurisdiction.created',
  'jurisdiction.updated',
  'jurisdiction.archived',
  'department.created',
  'department.updated',
  'department.archived',
  'user.created',
  'user.updated',
  'user.password_reset',
  'user.unlocked',
  'apikey.created',
  'apikey.revoked',
  'audit.exported',
  'users.exported',
  'system.restored',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
