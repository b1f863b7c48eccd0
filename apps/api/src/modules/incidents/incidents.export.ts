import ExcelJS from 'exceljs';
import type { RequestContext } from '../../app/actor.js';
import { recordAudit } from '../../app/audit.js';
import type { Database } from '../../app/db/database.js';
import type { IncidentOutcome, IncidentStatus } from '../../app/db/schema.js';
import { AppError } from '../../app/errors.js';
import { beijing, type SheetColumn } from '../../app/excel.js';
import { authorize, scopePrefix } from '../../app/policy.js';
import { incidentFilter, resolveIncidentFilter, type ResolvedIncidentFilter } from './incidents.filters.js';
import type { IncidentFilterQuery } from './incidents.schemas.js';

/** Most rows one export writes; a larger result is refused with a request to narrow the filter. */
export const EXPORT_MAX_ROWS = 50_000;
const PAGE = 5_000;

const STATUS_ZH: Record<IncidentStatus, string> = { received: '已接警', dispatched: '已派警', arrived: '已到场', handled: '已处置', closed: '已结案' };
const OUTCOME_ZH: Record<IncidentOutcome, string> = {
  administrative_case: '行政案件',
  criminal_case: '刑事案件',
  dispute_case: '转纠纷调处',
  help_given: '已提供帮助',
  no_action: '无需处理',
};

// What a filter looks like in the file's notes, by query name.
const FILTER_ZH: Record<keyof IncidentFilterQuery, string> = {
  q: '关键词',
  from: '接警时间起',
  to: '接警时间止',
  channel: '渠道',
  kind: '性质',
  categoryCode: '类别',
  stationId: '派出所',
  jurisdictionId: '辖区',
  status: '状态',
  outcome: '处置结果',
  addressId: '标准地址',
  callerPhone: '报警电话',
  hasWarning: '有预警',
  disputeType: '纠纷类型',
  riskDomain: '风险领域',
};

function exportQuery(db: Database, ctx: RequestContext, r: ResolvedIncidentFilter) {
  return db
    .selectFrom('incidents as i')
    .innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id')
    .where('j.path', 'like', scopePrefix(ctx.actor))
    .where(incidentFilter(r));
}

async function fetchRows(db: Database, ctx: RequestContext, r: ResolvedIncidentFilter) {
  const rows = [];
  // Keyset pages keep each round trip small; the count was checked against the cap before.
  let after: { receivedAt: Date; id: number } | null = null;
  while (rows.length < EXPORT_MAX_ROWS) {
    const cursor: { receivedAt: Date; id: number } | null = after;
    const page = await exportQuery(db, ctx, r)
      .innerJoin('incident_categories as c', 'c.code', 'i.category_code')
      .leftJoin('channels as ch', 'ch.code', 'i.channel')
      .leftJoin('addresses as a', 'a.id', 'i.address_id')
      .select([
        'i.id',
        'i.received_at',
        'i.channel',
        'ch.name_zh as channel_name',
        'c.name_zh as category_name',
        'i.summary',
        'i.narrative',
        'i.address_text',
        'a.full_name as address_name',
        'i.caller_name',
        'i.caller_phone',
        'i.status',
        'i.outcome',
        'i.case_number',
        'i.case_solved_at',
        'i.arrived_at',
        'i.closed_at',
        'j.name as jurisdiction_name',
      ])
      .$if(cursor !== null, (qb) => qb.where((eb) => eb(eb.refTuple('i.received_at', 'i.id'), '<', eb.tuple(cursor!.receivedAt, cursor!.id))))
      .orderBy('i.received_at', 'desc')
      .orderBy('i.id', 'desc')
      .limit(Math.min(PAGE, EXPORT_MAX_ROWS - rows.length))
      .execute();
    rows.push(...page);
    const last = page.at(-1);
    if (!last || page.length < PAGE) break;
    after = { receivedAt: last.received_at, id: last.id };
  }
  return rows;
}
type ExportRow = Awaited<ReturnType<typeof fetchRows>>[number];

const COLUMNS: SheetColumn<ExportRow>[] = [
  { header: '编号', width: 10, value: (r) => r.id },
  { header: '接警时间', width: 20, value: (r) => beijing(r.received_at) },
  { header: '渠道', width: 12, value: (r) => r.channel_name ?? r.channel },
  { header: '类别', width: 16, value: (r) => r.category_name },
  { header: '摘要', width: 30, value: (r) => r.summary },
  { header: '地址', width: 30, value: (r) => r.address_text },
  { header: '标准地址', width: 36, value: (r) => r.address_name },
  { header: '报警人', width: 10, value: (r) => r.caller_name },
  { header: '电话', width: 15, value: (r) => r.caller_phone },
  { header: '状态', width: 8, value: (r) => STATUS_ZH[r.status] },
  { header: '处置结果', width: 12, value: (r) => (r.outcome ? OUTCOME_ZH[r.outcome] : null) },
  { header: '案件编号', width: 18, value: (r) => r.case_number },
  { header: '破案时间', width: 20, value: (r) => beijing(r.case_solved_at) },
  { header: '到场时间', width: 20, value: (r) => beijing(r.arrived_at) },
  { header: '结案时间', width: 20, value: (r) => beijing(r.closed_at) },
  { header: '所属单位', width: 18, value: (r) => r.jurisdiction_name },
  { header: '简要案情', width: 60, value: (r) => r.narrative },
];

function describeFilter(f: IncidentFilterQuery): string {
  const parts = (Object.keys(FILTER_ZH) as (keyof IncidentFilterQuery)[]).filter((k) => f[k] !== undefined && f[k] !== '').map((k) => `${FILTER_ZH[k]}=${String(f[k])}`);
  return parts.length > 0 ? parts.join('；') : '无（辖区内全部警情）';
}

/** The ledger sheet (bold, frozen header, as app/excel.ts draws it) and a notes sheet saying what was exported. */
async function ledger(rows: ExportRow[], notes: [string, string][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Fengqiao 枫桥';
  wb.created = new Date();
  const ws = wb.addWorksheet('警情台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(COLUMNS.map((c) => c.value(row)));
  const about = wb.addWorksheet('说明');
  about.columns = [{ width: 14 }, { width: 80 }];
  for (const note of notes) about.addRow(note);
  about.getColumn(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function createIncidentExport(deps: { db: Database }) {
  const { db } = deps;

  return {
    /** The incident ledger of a filter within the actor's scope, as .xlsx; audited with the filter and the row count. */
    async exportXlsx(ctx: RequestContext, f: IncidentFilterQuery): Promise<Buffer> {
      authorize(ctx.actor, 'incidents.export');
      const resolved = await resolveIncidentFilter(db, ctx.actor, f);
      const { n } = await exportQuery(db, ctx, resolved)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      const total = Number(n);
      if (total > EXPORT_MAX_ROWS) {
        throw new AppError('incidents.export_too_large', 400, {
          zh: `符合条件的警情有 ${total} 条，单次最多导出 ${EXPORT_MAX_ROWS} 条：请缩小时间范围或增加筛选条件（如派出所、类别、状态）`,
          en: `${total} incidents match; one export holds at most ${EXPORT_MAX_ROWS}: narrow the dates or add filters (station, category, status)`,
        });
      }
      const rows = await fetchRows(db, ctx, resolved);
      const who = ctx.actor.kind === 'user' ? ctx.actor.displayName : ctx.actor.name;
      const buffer = await ledger(rows, [
        ['导出时间', beijing(new Date()) ?? ''],
        ['导出人', who],
        ['筛选条件', describeFilter(f)],
        ['行数', String(rows.length)],
        ['说明', `仅含导出人辖区内的警情；单次导出上限 ${EXPORT_MAX_ROWS} 行，超出时请缩小筛选范围。本文件含报警人个人信息，请按规定保管。`],
      ]);
      await recordAudit(db, ctx, [{ action: 'incidents.exported', entityType: 'incident', jurisdictionId: ctx.actor.jurisdictionId, change: { rows: rows.length, filter: f } }]);
      return buffer;
    },
  };
}
