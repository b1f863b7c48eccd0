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
  'address.created': { zh: '新增标准地址', en: 'Address created' },
  'address.updated': { zh: '修改标准地址', en: 'Address updated' },
  'address.archived': { zh: '注销标准地址', en: 'Address archived' },
  'person.created': { zh: '登记人员', en: 'Person registered' },
  'person.updated': { zh: '修改人员信息', en: 'Person updated' },
  'person.identity_viewed': { zh: '查看完整身份证号', en: 'Identity number viewed' },
  'person.address_changed': { zh: '人员地址变更', en: 'Person address changed' },
  'house.created': { zh: '登记房屋', en: 'House registered' },
  'house.updated': { zh: '修改房屋信息', en: 'House updated' },
  'unit.created': { zh: '登记单位', en: 'Unit registered' },
  'unit.updated': { zh: '修改单位信息', en: 'Unit updated' },
  'unit.archived': { zh: '注销单位', en: 'Unit archived' },
  'rental.registered': { zh: '登记出租房屋', en: 'Rental house registered' },
  'rental.updated': { zh: '修改出租房屋', en: 'Rental house updated' },
  'tenancy.checked_in': { zh: '承租人入住登记', en: 'Tenant checked in' },
  'tenancy.checked_out': { zh: '承租人退租注销', en: 'Tenant checked out' },
  'tenancy.verified': { zh: '民警核实', en: 'Tenancy verified' },
  'agreement.recorded': { zh: '登记治安责任书', en: 'Responsibility agreement recorded' },
  'file.downloaded': { zh: '下载附件', en: 'File downloaded' },
  'import.previewed': { zh: '导入预览', en: 'Import previewed' },
  'import.row_fixed': { zh: '修正导入行', en: 'Import row fixed' },
  'import.committed': { zh: '确认导入', en: 'Import committed' },
  'import.discarded': { zh: '放弃导入', en: 'Import discarded' },
  'people.exported': { zh: '导出人员', en: 'People exported' },
  'houses.exported': { zh: '导出房屋', en: 'Houses exported' },
  'units.exported': { zh: '导出单位', en: 'Units exported' },
  'rentals.exported': { zh: '导出出租房屋', en: 'Rentals exported' },
  'incidents.exported': { zh: '导出警情', en: 'Incidents exported' },
  'saved_filter.created': { zh: '保存筛选条件', en: 'Saved filter created' },
  'saved_filter.deleted': { zh: '删除筛选条件', en: 'Saved filter deleted' },
  'incident.created': { zh: '接报警情', en: 'Incident received' },
  'incident.party_added': { zh: '添加警情当事人', en: 'Incident party added' },
  'incident.party_removed': { zh: '移除警情当事人', en: 'Incident party removed' },
  'incident.address_corrected': { zh: '校正警情地址', en: 'Incident address corrected' },
  'incident.status_changed': { zh: '警情状态变更', en: 'Incident status changed' },
  'incident.outcome_recorded': { zh: '录入处置结果', en: 'Incident outcome recorded' },
  'category.created': { zh: '新增警情类别', en: 'Incident category created' },
  'category.updated': { zh: '修改警情类别', en: 'Incident category updated' },
  'warning.raised': { zh: '发出预警', en: 'Warning raised' },
  'warning.acknowledged': { zh: '签收预警', en: 'Warning acknowledged' },
  'warning.planned': { zh: '录入一事一策', en: 'Warning plan recorded' },
  'warning.closed': { zh: '关闭预警', en: 'Warning closed' },
  'risk.settings_updated': { zh: '修改民转刑风险评分规则', en: 'Escalation-risk settings updated' },
  'incident.rescored': { zh: '重新计算民转刑风险', en: 'Escalation risk rescored' },
};

/** Entity types the foundation API records; later capabilities add theirs. */
export const ENTITY_TYPE_LABELS: Record<string, { zh: string; en: string }> = {
  user: { zh: '用户', en: 'User' },
  jurisdiction: { zh: '辖区', en: 'Jurisdiction' },
  department: { zh: '责任单位', en: 'Department' },
  api_key: { zh: '接口密钥', en: 'API key' },
  incident: { zh: '警情', en: 'Incident' },
  incident_category: { zh: '警情类别', en: 'Incident category' },
  warning: { zh: '预警', en: 'Warning' },
  audit_event: { zh: '审计日志', en: 'Audit log' },
};

export function auditActionLabel(action: string, lang: 'zh' | 'en'): string {
  const labels = AUDIT_ACTION_LABELS as Record<string, { zh: string; en: string } | undefined>;
  return labels[action]?.[lang] ?? action;
}

export function entityTypeLabel(entityType: string, lang: 'zh' | 'en'): string {
  return ENTITY_TYPE_LABELS[entityType]?.[lang] ?? entityType;
}
