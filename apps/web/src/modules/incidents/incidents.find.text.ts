import { fillParams, type Lang } from '../../app/i18n/messages';

/** Words of the incident search, saved filters, export and the linked repeats and warnings; Chinese first. */
const TEXT = {
  search: { zh: '搜索', en: 'Search' },
  searchPlaceholder: { zh: '警情内容、报警电话或地址', en: 'Words of the report, a caller phone or an address' },
  station: { zh: '派出所/辖区', en: 'Station / area' },
  status: { zh: '状态', en: 'Status' },
  outcome: { zh: '处置结果', en: 'Outcome' },
  hasWarning: { zh: '预警', en: 'Warning' },
  withWarning: { zh: '有未关闭预警', en: 'With a live warning' },
  withoutWarning: { zh: '无未关闭预警', en: 'Without a live warning' },
  clearFilters: { zh: '清除筛选', en: 'Clear filters' },
  moreFilters: { zh: '更多筛选', en: 'More filters' },
  fromDay: { zh: '自', en: 'From' },
  toDay: { zh: '至', en: 'To' },
  savedFilters: { zh: '常用筛选', en: 'Saved filters' },
  saveFilter: { zh: '保存当前筛选', en: 'Save current filters' },
  saveFilterTitle: { zh: '保存筛选条件', en: 'Save filters' },
  filterName: { zh: '名称', en: 'Name' },
  filterNamePlaceholder: { zh: '如：本周未结纠纷', en: 'e.g. open disputes this week' },
  filterNameRequired: { zh: '请填写名称', en: 'Name is required' },
  saved: { zh: '筛选条件已保存', en: 'Filters saved' },
  deleteFilter: { zh: '删除', en: 'Delete' },
  deleteFilterConfirm: { zh: '删除常用筛选“{name}”？', en: 'Delete the saved filter “{name}”?' },
  deleted: { zh: '已删除', en: 'Deleted' },
  noSavedFilters: { zh: '还没有保存的筛选条件', en: 'No saved filters yet' },
  export: { zh: '导出 Excel', en: 'Export to Excel' },
  exported: { zh: '已导出', en: 'Exported' },
  exportHint: { zh: '按当前筛选条件导出（单次最多 50,000 条）', en: 'Exports the current filters (at most 50,000 rows)' },
  copyLink: { zh: '复制链接', en: 'Copy link' },
  linkCopied: { zh: '链接已复制，打开即为当前筛选', en: 'Link copied: it opens these filters' },
  cancel: { zh: '取消', en: 'Cancel' },
  ok: { zh: '确定', en: 'OK' },
  // Linked repeats and warnings on the incident page.
  linksTitle: { zh: '关联警情与预警', en: 'Linked incidents and warnings' },
  noLinks: { zh: '暂无重复警情关联或预警', en: 'No repeat links or warnings' },
  clusterBy: { zh: '关联依据', en: 'Linked by' },
  clusterCount: { zh: '共 {count} 起', en: '{count} incidents' },
  clusterSpan: { zh: '{first} 至 {last}', en: '{first} to {last}' },
  clusterMore: { zh: '另有 {count} 起未列出', en: '{count} more not listed' },
  clusterOthersHidden: { zh: '其余警情不在您的辖区内', en: 'The others lie outside your jurisdiction' },
  warnings: { zh: '预警', en: 'Warnings' },
  deadline: { zh: '期限 {date}', en: 'due {date}' },
  owner: { zh: '责任人 {name}', en: 'owner {name}' },
  openWarning: { zh: '查看预警', en: 'Open warning' },
  linksError: { zh: '关联信息加载失败', en: 'Could not load the links' },
} as const;

export type FindTextKey = keyof typeof TEXT;

export function findText(lang: Lang, key: FindTextKey, params: Record<string, string | number> = {}): string {
  return fillParams(TEXT[key][lang], params);
}

export const OUTCOME_FILTERS = ['administrative_case', 'criminal_case', 'dispute_case', 'help_given', 'no_action', 'none'] as const;
export type OutcomeFilter = (typeof OUTCOME_FILTERS)[number];

export const OUTCOME_FILTER_LABELS: Record<OutcomeFilter, { zh: string; en: string }> = {
  administrative_case: { zh: '行政案件', en: 'Administrative case' },
  criminal_case: { zh: '刑事案件', en: 'Criminal case' },
  dispute_case: { zh: '转纠纷调处', en: 'Dispute case' },
  help_given: { zh: '已提供帮助', en: 'Help given' },
  no_action: { zh: '无需处理', en: 'No further action' },
  none: { zh: '未录入结果', en: 'No outcome yet' },
};

export const LINK_BY_LABELS: Record<'address' | 'phone' | 'party', { zh: string; en: string }> = {
  address: { zh: '同一地址', en: 'Same address' },
  phone: { zh: '同一报警电话', en: 'Same caller phone' },
  party: { zh: '同一当事人', en: 'Same party' },
};

export type WarningLevel = 'red' | 'orange' | 'yellow' | 'blue';
export const WARNING_LEVEL_LABELS: Record<WarningLevel, { zh: string; en: string }> = {
  red: { zh: '红色预警', en: 'Red' },
  orange: { zh: '橙色预警', en: 'Orange' },
  yellow: { zh: '黄色预警', en: 'Yellow' },
  blue: { zh: '蓝色预警', en: 'Blue' },
};
export const WARNING_LEVEL_COLORS: Record<WarningLevel, string> = { red: 'red', orange: 'orange', yellow: 'gold', blue: 'blue' };

export type WarningStatus = 'open' | 'acknowledged' | 'planned' | 'closed';
export const WARNING_STATUS_LABELS: Record<WarningStatus, { zh: string; en: string }> = {
  open: { zh: '待签收', en: 'Open' },
  acknowledged: { zh: '已签收', en: 'Acknowledged' },
  planned: { zh: '已制定措施', en: 'Plan recorded' },
  closed: { zh: '已关闭', en: 'Closed' },
};

export const WARNING_SOURCE_LABELS: Record<'repeat' | 'escalation', { zh: string; en: string }> = {
  repeat: { zh: '重复警情', en: 'Repeat incidents' },
  escalation: { zh: '民转刑风险', en: 'Escalation risk' },
};
