import type { Lang } from '../../app/i18n/messages';

/** Words of the bureau's settings page, Chinese first. */
const TEXT = {
  title: { zh: '业务规则设置', en: 'Rules and settings' },
  intro: { zh: '以下规则是数据：修改后立即对新的警情、纠纷和回访生效，无需升级系统。每次保存都记入审计日志。', en: 'These rules are data: a change applies to the next incident, case or visit at once, without a release. Every save is audited.' },
  tabCategories: { zh: '警情类别', en: 'Incident categories' },
  tabRepeat: { zh: '重复警情预警', en: 'Repeat-incident warnings' },
  tabRisk: { zh: '民转刑风险', en: 'Escalation risk' },
  tabReview: { zh: '研判建议', en: 'Review suggestions' },
  tabDeadlines: { zh: '纠纷办理期限', en: 'Case deadlines' },
  tabCalendar: { zh: '工作日历', en: 'Working-day calendar' },
  tabFollowups: { zh: '回访计划', en: 'Follow-up plan' },
  save: { zh: '保存', en: 'Save' },
  saved: { zh: '已保存', en: 'Saved' },
  add: { zh: '新增', en: 'Add' },
  remove: { zh: '删除', en: 'Remove' },
  cancel: { zh: '取消', en: 'Cancel' },
  reload: { zh: '重新加载', en: 'Reload' },
  loadFailed: { zh: '加载失败', en: 'Could not load' },
  name: { zh: '名称', en: 'Name' },
  active: { zh: '启用', en: 'Active' },
  linkBy: { zh: '关联方式', en: 'Linked by' },
  windowDays: { zh: '时间窗口（天）', en: 'Window (days)' },
  threshold: { zh: '次数', en: 'Count' },
  level: { zh: '预警等级', en: 'Grade' },
  repeatHint: { zh: '同一关联对象在时间窗口内的警情次数达到“次数”时，发出相应等级的预警；次数更多的规则等级不能更低。', en: 'When the incidents sharing a link within the window reach the count, a warning of that grade is raised; a higher count may not have a lower grade.' },
  code: { zh: '编码', en: 'Code' },
  nameZh: { zh: '中文名称', en: 'Chinese name' },
  nameEn: { zh: '英文名称', en: 'English name' },
  kind: { zh: '大类', en: 'Kind' },
  source: { zh: '来源', en: 'Source' },
  addChild: { zh: '新增子类', en: 'Add subcategory' },
  rename: { zh: '改名', en: 'Rename' },
  categoryHint: { zh: '110 警情类型与 GA 240.1 案件类别随系统提供；可新增本地子类、改名或停用（停用的类别不能再用于新警情，历史警情不变）。', en: 'The 110 alarm types and GA 240.1 case categories ship with the system; add local subcategories, rename or deactivate them (a deactivated category cannot be used for new incidents; past incidents keep it).' },
  riskThreshold: { zh: '预警阈值（分）', en: 'Warning threshold (points)' },
  riskOrange: { zh: '橙色（分）', en: 'Orange from (points)' },
  riskRed: { zh: '红色（分）', en: 'Red from (points)' },
  reviewHint: { zh: '每周研判按下列规则给出建议措施；修改后从下一份研判起生效，已生成的研判不变。', en: 'The weekly review suggests interventions by these rules; a change applies from the next review on, reviews already made stay as they are.' },
  reviewCampaignRise: { zh: '专项整治：类别环比上升至少', en: 'Targeted campaign: a category up on the week before by at least' },
  reviewCampaignCount: { zh: '且上周至少（起）', en: 'and last week at least (incidents)' },
  reviewPatrolCells: { zh: '巡逻重点：列出预测热点网格数', en: 'Patrol focus: predicted cells named' },
  reviewBusyHours: { zh: '错时巡逻：列出高发时段数', en: 'Staggered patrols: busiest hours named' },
  reviewDefaults: { zh: '恢复默认值', en: 'Restore defaults' },
  riskHint: { zh: '纠纷类警情的民转刑风险分超过阈值时向所长发出预警。下列词语在分词后整词匹配，分值计入相应因素。', en: 'A dispute incident whose escalation score passes the threshold warns the station chief. The words below are matched as whole words after segmentation; their points count towards their factor.' },
  term: { zh: '词语', en: 'Word' },
  termKind: { zh: '因素', en: 'Factor' },
  points: { zh: '分值', en: 'Points' },
  stage: { zh: '阶段', en: 'Stage' },
  fromStage: { zh: '由此阶段进入时', en: 'When entered from' },
  anyStage: { zh: '任何阶段', en: 'Any stage' },
  days: { zh: '期限（天）', en: 'Limit (days)' },
  workingDays: { zh: '按工作日', en: 'Working days' },
  deadlineHint: { zh: '“由此阶段进入时”一行优先于通用行：例如不需要评估、由登记直接进入调解的治安调解为 3 个工作日。修改只影响之后进入该阶段的案件。', en: 'A row for a specific previous stage wins over the general one: e.g. police mediation entered straight from registration has 3 working days. A change applies to stages entered afterwards.' },
  year: { zh: '年份', en: 'Year' },
  day: { zh: '日期', en: 'Date' },
  workday: { zh: '上班', en: 'Working day' },
  holiday: { zh: '放假', en: 'Holiday' },
  note: { zh: '说明', en: 'Note' },
  calendarHint: { zh: '周一至周五默认为工作日，周末为休息日；在此登记法定节假日和调休上班日。', en: 'Weekdays are working days and weekends are not, unless listed here: public holidays and make-up working weekends (调休).' },
  followupHint: { zh: '案件办结后，按下列天数自动安排电话回访、实地走访和社区回访，分配给责任民警。', en: 'On closure, the phone callback, field visit and community revisit are scheduled this many days later for the responsible officer.' },
  phone: { zh: '电话回访', en: 'Phone callback' },
  field: { zh: '实地走访', en: 'Field visit' },
  community: { zh: '社区回访', en: 'Community revisit' },
  offsetDays: { zh: '办结后第几天', en: 'Days after closure' },
} satisfies Record<string, { zh: string; en: string }>;

export type SettingsTextKey = keyof typeof TEXT;

export function settingsText(lang: Lang, key: SettingsTextKey): string {
  return TEXT[key][lang];
}

export const LINK_LABELS = { address: { zh: '同一地址', en: 'Same address' }, phone: { zh: '同一电话', en: 'Same phone' }, party: { zh: '同一当事人', en: 'Same party' } } as const;
export const LEVEL_LABELS = { blue: { zh: '蓝色', en: 'Blue' }, yellow: { zh: '黄色', en: 'Yellow' }, orange: { zh: '橙色', en: 'Orange' }, red: { zh: '红色', en: 'Red' } } as const;
export const TERM_KIND_LABELS = { threat: { zh: '威胁言语', en: 'Threat' }, violence: { zh: '暴力行为', en: 'Violence' }, injury: { zh: '伤情', en: 'Injury' } } as const;
export const SOURCE_LABELS = { jcj110: { zh: '110警情类型', en: '110 alarm type' }, ga240: { zh: 'GA 240.1', en: 'GA 240.1' }, local: { zh: '本地', en: 'Local' } } as const;
