import ExcelJS from 'exceljs';
import type { RequestContext } from '../../app/actor.js';
import { recordAudit } from '../../app/audit.js';
import type { Database } from '../../app/db/database.js';
import { beijing } from '../../app/excel.js';
import { createLedgerPresenter } from './ledger.presenter.js';
import type { LedgerDto, LedgerFigures, LedgerQuery } from './followups.schemas.js';

const FIGURE_HEADERS = ['登记（排查）', '办结', '化解', '移交', '复发', '月末在办', '化解率'];
const UNIT_HEADER: Record<string, string> = { station: '派出所', community: '社区/村', self: '单位' };
const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

function rate(f: LedgerFigures): string {
  return f.resolutionRate === null ? '—' : `${(f.resolutionRate * 100).toFixed(1)}%`;
}
function figures(f: LedgerFigures): (string | number)[] {
  return [f.registered, f.closed, f.resolved, f.transferred, f.relapsed, f.openAtMonthEnd, rate(f)];
}

/** '2026-11' → '2026年11月' */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

export function ledgerTitle(l: LedgerDto): string {
  return `${l.jurisdiction.name}矛盾纠纷排查化解月结台账（${monthLabel(l.month)}）`;
}

function titleRow(ws: ExcelJS.Worksheet, title: string, width: number): void {
  ws.mergeCells(1, 1, 1, width);
  const cell = ws.getCell(1, 1);
  cell.value = title;
  cell.font = { bold: true, size: 16 };
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
}

function table(ws: ExcelJS.Worksheet, headers: string[], rows: (string | number | null)[][], boldLast = false): void {
  const head = ws.addRow(headers);
  head.font = { bold: true };
  head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  head.eachCell((c) => {
    c.border = BORDER;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF8' } };
  });
  rows.forEach((values, i) => {
    const row = ws.addRow(values);
    row.alignment = { vertical: 'top', wrapText: true };
    row.eachCell({ includeEmpty: true }, (c) => (c.border = BORDER));
    if (boldLast && i === rows.length - 1) row.font = { bold: true };
  });
}

/** The 台账 workbook: 汇总 (title, by unit, by dispute type, definitions) and 明细 (one row per case). */
export async function ledgerWorkbook(l: LedgerDto, exportedBy: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Fengqiao 枫桥';
  wb.created = new Date();
  const title = ledgerTitle(l);

  const sum = wb.addWorksheet('汇总');
  sum.columns = [{ width: 22 }, ...FIGURE_HEADERS.map(() => ({ width: 12 }))];
  titleRow(sum, title, FIGURE_HEADERS.length + 1);
  sum.addRow([`统计月份：${monthLabel(l.month)}（北京时间）    导出时间：${beijing(new Date()) ?? ''}    导出人：${exportedBy}`]);
  sum.addRow([]);
  sum.addRow([`一、按${UNIT_HEADER[l.unitKind] ?? '单位'}`]).font = { bold: true };
  table(sum, [UNIT_HEADER[l.unitKind] ?? '单位', ...FIGURE_HEADERS], [...l.byUnit.map((u) => [u.name, ...figures(u)]), ['合计', ...figures(l.total)]], true);
  sum.addRow([]);
  sum.addRow(['二、按纠纷类型']).font = { bold: true };
  table(sum, ['纠纷类型', ...FIGURE_HEADERS], [...l.byType.map((t) => [t.name, ...figures(t)]), ['合计', ...figures(l.total)]], true);
  sum.addRow([]);
  sum.addRow(['口径说明']).font = { bold: true };
  for (const line of [
    '登记（排查）：本月新登记的矛盾纠纷；办结：本月办结的案件（同一案件本月多次办结按最后一次计）；',
    '化解：本月办结且办结结果为“化解”的案件；移交：本月发出“两书一函”移交的案件；复发：本月回访发现复发的案件；',
    '月末在办：月末时点尚未办结的案件；化解率 = 化解 ÷ 办结。时间均按北京时间自然月计算。',
  ]) {
    sum.addRow([line]);
  }

  const detail = wb.addWorksheet('明细', { views: [{ state: 'frozen', ySplit: 2 }] });
  const headers = ['序号', '编号', '登记日期', '纠纷类型', '当事人', '简要情况', '包案领导', '责任民警', '化解情况', '办结日期'];
  detail.columns = [6, 18, 12, 14, 20, 50, 10, 10, 16, 12].map((width) => ({ width }));
  titleRow(detail, title, headers.length);
  table(
    detail,
    headers,
    l.cases.map((c, i) => [i + 1, c.caseNo, c.registeredOn, c.disputeTypeName, c.parties.join('、'), c.summary ? `${c.title}：${c.summary}` : c.title, c.leaderName, c.officerName, c.statusName, c.closedOn]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function createLedgerExport(deps: { db: Database }) {
  const presenter = createLedgerPresenter(deps);
  return {
    /** The ledger as a 台账 workbook; audited (ledger.exported) with the month, unit and row count. */
    async exportXlsx(ctx: RequestContext, q: LedgerQuery): Promise<{ buffer: Buffer; filename: string }> {
      const l = await presenter.ledger(ctx, q);
      const who = ctx.actor.kind === 'user' ? ctx.actor.displayName : ctx.actor.name;
      const buffer = await ledgerWorkbook(l, who);
      await recordAudit(deps.db, ctx, [
        { action: 'ledger.exported', entityType: 'jurisdiction', entityId: l.jurisdiction.id, jurisdictionId: l.jurisdiction.id, change: { month: l.month, cases: l.cases.length } },
      ]);
      return { buffer, filename: `${ledgerTitle(l)}.xlsx` };
    },
  };
}
