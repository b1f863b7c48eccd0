import type { RequestContext } from '../../app/actor.js';
import { audited } from '../../app/audit.js';
import type { Database } from '../../app/db/database.js';
import { workbook, type SheetColumn } from '../../app/excel.js';
import { authorize } from '../../app/policy.js';
import type { StatsPresenter } from './stats.presenter.js';
import type { Figures, Overview, StatsQuery } from './stats.schemas.js';

type Row = { name: string; figures: Figures };

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
/** 同比 as the bureau writes it: "下降8.4%"; no base → "—" (新增 when there is something now). */
export function changeText(c: { current: number; ratio: number | null; direction: string }): string {
  if (c.ratio === null) return c.current > 0 ? '新增' : '—';
  const p = `${Math.abs(c.ratio * 100).toFixed(1)}%`;
  return c.direction === 'up' ? `上升${p}` : c.direction === 'down' ? `下降${p}` : '持平';
}

/** A figure with its 同比 (the same dates a year earlier) and 环比 (the period before): base value and change, as on the page. */
const metric = (header: string, key: keyof Figures['metrics']): SheetColumn<Row>[] => [
  { header, width: 12, value: (r) => r.figures.metrics[key].value },
  { header: `${header}去年同期`, width: 12, value: (r) => r.figures.metrics[key].yoy.previous },
  { header: `${header}同比`, width: 12, value: (r) => changeText(r.figures.metrics[key].yoy) },
  { header: `${header}上期`, width: 12, value: (r) => r.figures.metrics[key].mom.previous },
  { header: `${header}环比`, width: 12, value: (r) => changeText(r.figures.metrics[key].mom) },
];

const COLUMNS: SheetColumn<Row>[] = [
  { header: '单位', width: 22, value: (r) => r.name },
  ...metric('有效警情', 'valid'),
  ...metric('刑事警情', 'criminal'),
  { header: '刑事占比', width: 10, value: (r) => pct(r.figures.rates.criminalShare.value) },
  ...metric('治安警情', 'publicOrder'),
  { header: '治安占比', width: 10, value: (r) => pct(r.figures.rates.publicOrderShare.value) },
  ...metric('求助警情', 'help'),
  { header: '求助占比', width: 10, value: (r) => pct(r.figures.rates.helpShare.value) },
  ...metric('立案', 'filed'),
  ...metric('破案', 'solved'),
  ...metric('摸排矛盾纠纷', 'disputesScreened'),
  ...metric('化解', 'disputesResolved'),
  { header: '化解率', width: 10, value: (r) => pct(r.figures.rates.resolutionRate.value) },
  ...metric('到场警情', 'arrived'),
  ...metric('1-3-5达标', 'compliant'),
  { header: '1-3-5达标率', width: 12, value: (r) => pct(r.figures.rates.complianceRate.value) },
];

/** The statistics table as a workbook (audited: stats.exported). */
export function createStatsExport(deps: { db: Database; presenter: StatsPresenter }) {
  const { db, presenter } = deps;
  return async function exportXlsx(ctx: RequestContext, q: StatsQuery): Promise<{ buffer: Buffer; filename: string }> {
    authorize(ctx.actor, 'stats.export');
    const o: Overview = await presenter.overview(ctx, q);
    const rows: Row[] = [...o.rows.map((r) => ({ name: r.direct ? `${r.name}（本级）` : r.name, figures: r.figures })), { name: `合计（${o.node.name}）`, figures: o.total }];
    const last = new Date(Date.parse(`${o.period.current.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const buffer = await workbook('统计', COLUMNS, rows);
    await audited(db, ctx, async (_trx, audit) => {
      audit({ action: 'stats.exported', entityType: 'jurisdiction', entityId: o.node.id, jurisdictionId: o.node.id, change: { period: o.period.kind, from: o.period.current.from, to: last, rows: rows.length } });
    });
    return { buffer, filename: `统计分析_${o.node.name}_${o.period.current.from}_${last}.xlsx` };
  };
}
