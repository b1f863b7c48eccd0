import { z } from 'zod';
import type { Queryable } from '../../app/db/database.js';
import { readSetting } from '../../app/settings.js';
import type { ReviewContent, ReviewSuggestion } from './reviews.types.js';

/**
 * The thresholds of the suggested interventions of the Monday review (docs/analysis.md, "Monday
 * review"): data the bureau sets on its settings page (app_settings 'reviews.rules'), read when a
 * review is made. Each suggestion names the rule and the thresholds that made it; a chief can
 * check every one against the tables of the same review.
 */
export const reviewRulesSchema = z
  .object({
    /** 专项整治: a category up at least this share on the week before (0.3 = 30 %) … */
    campaignMinRise: z.number().min(0).max(10),
    /** … with at least this many incidents last week (a rise from 0 counts when this is reached). */
    campaignMinCount: z.number().int().min(1).max(10_000),
    /** 巡逻重点: the top predicted cells named. */
    patrolCells: z.number().int().min(1).max(20),
    /** 错时巡逻: the busiest hours of the last four weeks named. */
    busyHours: z.number().int().min(1).max(12),
  })
  .strict();
export type ReviewRules = z.infer<typeof reviewRulesSchema>;

export const DEFAULT_REVIEW_RULES: ReviewRules = { campaignMinRise: 0.3, campaignMinCount: 5, patrolCells: 3, busyHours: 3 };
export const REVIEW_RULES_KEY = 'reviews.rules';

/** The stored rules over the defaults (a value stored by an older release keeps what it has). */
export function readReviewRules(stored: unknown): ReviewRules {
  const merged = { ...DEFAULT_REVIEW_RULES, ...(stored && typeof stored === 'object' ? (stored as Partial<ReviewRules>) : {}) };
  const parsed = reviewRulesSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_REVIEW_RULES;
}

export async function loadReviewRules(db: Queryable): Promise<{ rules: ReviewRules; updatedAt: Date | null }> {
  const { value, updatedAt } = await readSetting(db, REVIEW_RULES_KEY);
  return { rules: readReviewRules(value), updatedAt };
}

const LEVEL_ZH = { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色' } as const;

const pct = (r: number) => `${Math.round(r * 1000) / 10}%`;
const hourBand = (h: number) => `${String(h).padStart(2, '0')}:00–${String((h + 1) % 24).padStart(2, '0')}:00`;

/** The hours of the day with the most incidents, most first (ties: earlier hour first); empty when there were none. */
export function busiestHours(hours: readonly number[], n: number): number[] {
  return hours
    .map((count, hour) => ({ hour, count }))
    .filter((h) => h.count > 0)
    .sort((a, b) => b.count - a.count || a.hour - b.hour)
    .slice(0, n)
    .map((h) => h.hour);
}

export function suggestInterventions(c: Omit<ReviewContent, 'suggestions'>, rules: ReviewRules = DEFAULT_REVIEW_RULES): ReviewSuggestion[] {
  const out: ReviewSuggestion[] = [];
  for (const cat of c.risingCategories) {
    const rose = cat.wow.ratio === null ? cat.current > 0 : cat.wow.ratio >= rules.campaignMinRise;
    if (!rose || cat.current < rules.campaignMinCount) continue;
    const how = cat.wow.ratio === null ? `上周 ${cat.current} 起，前一周无` : `上周 ${cat.current} 起，环比上升 ${pct(cat.wow.ratio)}`;
    out.push({ rule: 'campaign', title: `专项整治：${cat.name}`, detail: `${how}（规则：环比上升 ≥ ${pct(rules.campaignMinRise)} 且 ≥ ${rules.campaignMinCount} 起）。建议组织专项整治，查明集中的时段和地点。`, link: `/incidents?category=${encodeURIComponent(cat.code)}` });
  }
  const cells = c.hotspots.cells.slice(0, rules.patrolCells);
  if (cells.length > 0) {
    const where = cells.map((x) => `第${x.rank}位（${x.lat.toFixed(4)}, ${x.lon.toFixed(4)}）`).join('、');
    out.push({ rule: 'patrol_focus', title: '巡逻重点：预测热点网格', detail: `下周预测风险最高的 ${c.hotspots.cellM} 米网格：${where}（方法 ${c.hotspots.method}，训练数据 ${c.hotspots.eventCount} 起）。建议把巡逻路线和见警率向这些网格倾斜。`, link: '/hotspots' });
  }
  const hours = busiestHours(c.hours, rules.busyHours);
  if (hours.length > 0) {
    out.push({ rule: 'staggered_patrol', title: '错时巡逻：警情高发时段', detail: `近四周警情最集中的时段：${hours.map(hourBand).join('、')}。建议调整勤务，在这些时段错时加强巡逻。`, link: null });
  }
  for (const w of c.warnings) {
    if (w.hasPlan) continue;
    out.push({ rule: 'warning_plan', title: `一事一策：${LEVEL_ZH[w.level]}预警 #${w.id}`, detail: `${w.reason}。责任人 ${w.ownerName ?? '未指定'}，期限 ${w.deadline}，尚未录入工作方案。`, link: `/warnings/${w.id}` });
  }
  for (const t of c.overdue.transfers) {
    out.push({ rule: 'transfer_supervision', title: `督办：${t.docNo} ${t.departmentName}`, detail: `${t.caseNo} 的移交${t.state === 'unacknowledged' ? '逾期未签收' : '逾期未办结'}（期限 ${t.deadline.slice(0, 10)}），请跟踪督办。`, link: `/cases/${t.caseId}` });
  }
  for (const k of c.overdue.cases) {
    out.push({ rule: 'case_supervision', title: `督办：${k.caseNo} ${k.title}`, detail: `“${k.stageName}”阶段已超期（期限 ${k.stageDueAt.slice(0, 10)}），承办人 ${k.officerName ?? '未指定'}。`, link: `/cases/${k.id}` });
  }
  return out;
}
