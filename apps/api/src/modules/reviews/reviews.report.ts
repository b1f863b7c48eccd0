import type { Change } from '@fengqiao/shared';
import { shanghaiDay } from '../followups/followups.days.js';
import type { ReviewContent } from './reviews.types.js';

// The review as a printable report: headings, paragraphs and tables, rendered to PDF and DOCX by
// reviews.documents.ts. The words are the page's (Chinese, as the bureau files it).

export type ReportBlock = { kind: 'title'; text: string } | { kind: 'center'; text: string } | { kind: 'heading'; text: string } | { kind: 'para'; text: string } | { kind: 'table'; header: string[]; rows: string[][]; widths: number[] };

export interface Report {
  title: string;
  subject: string;
  blocks: ReportBlock[];
}

export const KIND_ZH: Record<string, string> = {
  criminal: '刑事',
  public_order: '治安',
  traffic: '交通',
  fire: '火灾',
  help: '求助',
  dispute: '纠纷',
  report: '举报',
  complaint: '投诉',
  other: '其他',
};
const LEVEL_ZH: Record<string, string> = { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色' };
const STATUS_ZH: Record<string, string> = { open: '待签收', acknowledged: '已签收', planned: '已制定方案', closed: '已关闭' };
const FOLLOWUP_ZH: Record<string, string> = { phone: '电话回访', field: '实地走访', community: '社区回访' };

/** "+25.0%", "-8.4%", "0.0%", or "新增" / "—" when there is no base. */
export function changeText(c: Change): string {
  if (c.ratio === null) return c.current > 0 ? '新增' : '—';
  const p = Math.round(c.ratio * 1000) / 10;
  return `${p > 0 ? '+' : ''}${p.toFixed(1)}%`;
}

const dotted = (day: string) => day.replaceAll('-', '.');
const lastDay = (to: string) => new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const beijing = (iso: string) => {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
};
const paramText = (p: Record<string, number>) => {
  const e = Object.entries(p);
  return e.length ? `（参数 ${e.map(([k, v]) => `${k}=${v}`).join('，')}）` : '';
};
export const weekLabel = (w: { from: string; to: string }) => `${dotted(w.from)}–${dotted(lastDay(w.to))}`;

export function reviewReport(c: ReviewContent): Report {
  const title = `${c.jurisdiction.name}每周研判（${weekLabel(c.week)}）`;
  const b: ReportBlock[] = [
    { kind: 'title', text: `${c.jurisdiction.name}每周研判` },
    { kind: 'center', text: `研判周：${weekLabel(c.week)}（周一至周日，北京时间）` },
    { kind: 'heading', text: '一、警情总体情况' },
    {
      kind: 'para',
      text: `上周共接报警情 ${c.totals.current} 起，前一周 ${c.totals.previousWeek} 起，环比 ${changeText(c.totals.wow)}；去年同期 ${c.totals.lastYear} 起，同比 ${changeText(c.totals.yoy)}。同比基期为 364 天前的同一周（${weekLabel(c.lastYearWeek)}，周一对周一），环比基期为前一周（${weekLabel(c.previousWeek)}）。`,
    },
    {
      kind: 'table',
      header: ['类别', '上周', '前一周', '环比', '去年同期', '同比'],
      widths: [2, 1, 1, 1, 1, 1],
      rows: [...c.byKind, { kind: 'total', ...c.totals }].map((r) => [r.kind === 'total' ? '合计' : (KIND_ZH[r.kind] ?? r.kind), String(r.current), String(r.previousWeek), changeText(r.wow), String(r.lastYear), changeText(r.yoy)]),
    },
    { kind: 'heading', text: '二、上升的警情类别' },
  ];
  if (c.risingCategories.length === 0) b.push({ kind: 'para', text: '无环比上升的类别。' });
  else b.push({ kind: 'table', header: ['类别', '上周', '前一周', '环比', '同比'], widths: [3, 1, 1, 1, 1], rows: c.risingCategories.map((r) => [r.name, String(r.current), String(r.previousWeek), changeText(r.wow), changeText(r.yoy)]) });

  b.push({ kind: 'heading', text: '三、重复警情与预警' });
  if (c.clusters.length === 0) b.push({ kind: 'para', text: '本周无活跃的重复警情。' });
  else b.push({ kind: 'table', header: ['关联', '辖区', '本周', '累计', '等级'], widths: [3, 2, 1, 1, 1], rows: c.clusters.map((x) => [x.label, x.jurisdictionName, String(x.incidentsInWeek), String(x.incidentCount), x.level ? LEVEL_ZH[x.level]! : '—']) });
  if (c.warnings.length === 0) b.push({ kind: 'para', text: '无未关闭的预警。' });
  else
    b.push({
      kind: 'table',
      header: ['预警', '原因', '责任人', '期限', '状态', '方案'],
      widths: [1.3, 3.5, 1.2, 1.4, 1.3, 1],
      rows: c.warnings.map((w) => [`${LEVEL_ZH[w.level]} #${w.id}`, w.reason, w.ownerName ?? '—', `${w.deadline}${w.overdue ? ' 已逾期' : ''}`, STATUS_ZH[w.status] ?? w.status, w.hasPlan ? '已录入' : '未录入']),
    });

  b.push({ kind: 'heading', text: '四、投诉与举报' });
  if (c.complaintsAndReports.length === 0) b.push({ kind: 'para', text: '上周无投诉、举报。' });
  else b.push({ kind: 'table', header: ['时间', '类别', '摘要', '辖区'], widths: [1.6, 1.4, 4, 1.4], rows: c.complaintsAndReports.map((i) => [i.receivedAt, `${KIND_ZH[i.kind]}·${i.categoryName}`, i.summary, i.jurisdictionName]) });

  b.push({ kind: 'heading', text: '五、超期事项' });
  b.push({ kind: 'para', text: `移交逾期 ${c.overdue.transfers.length} 件，纠纷阶段超期 ${c.overdue.cases.length} 件，回访逾期 ${c.overdue.followups.length} 件（截至 ${beijing(c.asOf)}）。` });
  if (c.overdue.transfers.length) b.push({ kind: 'table', header: ['文号', '案件', '接收单位', '情况', '期限'], widths: [2, 2, 2, 1.4, 1.8], rows: c.overdue.transfers.map((t) => [t.docNo, t.caseNo, t.departmentName, t.state === 'unacknowledged' ? '逾期未签收' : '逾期未办结', t.deadline]) });
  if (c.overdue.cases.length) b.push({ kind: 'table', header: ['案件', '名称', '阶段', '阶段期限', '承办人'], widths: [2, 3, 1.4, 1.8, 1.2], rows: c.overdue.cases.map((k) => [k.caseNo, k.title, k.stageName, k.stageDueAt, k.officerName ?? '—']) });
  if (c.overdue.followups.length) b.push({ kind: 'table', header: ['案件', '回访方式', '应回访日', '回访人'], widths: [2, 1.5, 1.5, 1.5], rows: c.overdue.followups.map((f) => [f.caseNo, FOLLOWUP_ZH[f.kind] ?? f.kind, f.dueOn, f.assigneeName ?? '—']) });

  const h = c.hotspots;
  b.push({ kind: 'heading', text: '六、下周预测热点' });
  b.push({ kind: 'para', text: `方法：${h.method}${paramText(h.params)}；网格 ${h.cellM} 米；训练期 ${shanghaiDay(new Date(h.trainStart))} 至 ${lastDay(shanghaiDay(new Date(h.trainEnd)))}，有坐标的警情 ${h.eventCount} 起；预测期 ${shanghaiDay(new Date(h.targetStart))} 至 ${lastDay(shanghaiDay(new Date(h.targetEnd)))}。预测依据历史接报警情，警力投放会影响今后的接报数，请结合实际研判。` });
  if (h.cells.length) b.push({ kind: 'table', header: ['名次', '网格中心（纬度, 经度）', '风险值'], widths: [1, 3, 1.5], rows: h.cells.map((x) => [String(x.rank), `${x.lat.toFixed(5)}, ${x.lon.toFixed(5)}`, String(Math.round(x.risk * 100) / 100)]) });

  b.push({ kind: 'heading', text: '七、工作建议' });
  if (c.suggestions.length === 0) b.push({ kind: 'para', text: '本周无规则触发的建议。' });
  c.suggestions.forEach((s, i) => b.push({ kind: 'para', text: `${i + 1}. ${s.title}：${s.detail}` }));
  return { title, subject: '每周研判', blocks: b };
}
