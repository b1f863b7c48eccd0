import type { AuditAction } from '@fengqiao/shared';

/** Typed by the shared list: a new audit action fails the typecheck until it has a label here. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, { zh: string; en: string }> = {
  'auth.login': { zh: '登录', en: 'Signed in' },
  'auth.login_failed': { zh: '登录失败', en: 'Sign-in failed' },
  'auth.locked': { zh: '账号锁定', en: 'Account locked' },
  'auth.logout': { zh: '退出登录', en: 'Signed out' },
  'auth.password_changed': { zh: '修改密码', en: 'Password changed' },
  'jurisdiction.created': { zh: '新增辖区', en: 'Jurisdiction created' },
  'jurisdiction.updated': { zh: '修改辖区', en: 'Jurisdiction updated' },
  'jurisdiction.archived': { zh: '归档辖区', en: 'Jurisdiction archived' },
  'department.created': { zh: '新增责任单位', en: 'Department created' },
  'department.updated': { zh: '修改责任单位', en: 'Department updated' },
  'department.archived': { zh: '归档责任单位', en: 'Department archived' },
  'user.created': { zh: '新建用户', en: 'User created' },
  'user.updated': { zh: '修改用户', en: 'User updated' },
  'user.password_reset': { zh: '重置密码', en: 'Password reset' },
  'user.unlocked': { zh: '解锁用户', en: 'User unlocked' },
  'apikey.created': { zh: '新建接口密钥', en: 'API key created' },
  'apikey.revoked': { zh: '吊销接口密钥', en: 'API key revoked' },
  'audit.exported': { zh: '导出审计日志', en: 'Audit log exported' },
  'users.exported': { zh: '导出用户名册', en: 'User roster exported' },
  'system.restored': { zh: '系统恢复', en: 'System restored' },
};

/** Entity types the foundation API records; later capabilities add theirs. */
export const ENTITY_TYPE_LABELS: Record<string, { zh: string; en: string }> = {
  user: { zh: '用户', en: 'User' },
  jurisdiction: { zh: '辖区', en: 'Jurisdiction' },
  department: { zh: '责任单位', en: 'Department' },
  api_key: { zh: '接口密钥', en: 'API key' },
  audit_event: { zh: '审计日志', en: 'Audit log' },
};

export function auditActionLabel(action: string, lang: 'zh' | 'en'): string {
  const labels = AUDIT_ACTION_LABELS as Record<string, { zh: string; en: string } | undefined>;
  return labels[action]?.[lang] ?? action;
}

export function entityTypeLabel(entityType: string, lang: 'zh' | 'en'): string {
  return ENTITY_TYPE_LABELS[entityType]?.[lang] ?? entityType;
}
