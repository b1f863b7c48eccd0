import type { RequestContext } from '../../app/actor.js';
import { recordAudit } from '../../app/audit.js';
import type { Database } from '../../app/db/database.js';
import { AppError } from '../../app/errors.js';
import { beijing, workbook, type SheetColumn } from '../../app/excel.js';
import { authorize, scopePrefix } from '../../app/policy.js';
import { caseFilter, overdueSql, resolveCaseFilter } from './cases.repository.js';
import type { CaseFilterQuery } from './cases.schemas.js';

export const CASES_EXPORT_MAX_ROWS = 20_000;

const SIDE_ZH = { applicant: '申请方', respondent: '被申请方', other: '其他' } as const;
const SOURCE_ZH = { incident: '警情', cluster: '重复警情', tip: '线索', visit: '走访', direct: '直接登记' } as const;

/**
 * The case ledger (矛盾纠纷台账) of a list filter as .xlsx: the parties by name and side only — no
 * identity numbers, which belong to the B file.
 */
export function createCasesExport(deps: { db: Database }) {
  const { db } = deps;

  return {
    async exportXlsx(ctx: RequestContext, f: CaseFilterQuery): Promise<Buffer> {
      authorize(ctx.actor, 'cases.ledger');
      const resolved = await resolveCaseFilter(db, ctx.actor, f);
      const rows = await db
        .selectFrom('dispute_cases as c')
        .innerJoin('jurisdictions as j', 'j.id', 'c.jurisdiction_id')
        .innerJoin('mediation_dispute_types as dt', 'dt.code', 'c.dispute_type')
        .innerJoin('case_stages as s', 's.code', 'c.stage')
        .leftJoin('case_resolutions as r', 'r.code', 'c.resolution')
        .leftJoin('risk_domains as rd', 'rd.code', 'c.risk_domain')
        .leftJoin('users as ou', 'ou.id', 'c.officer_user_id')
        .leftJoin('users as lu', 'lu.id', 'c.leader_user_id')
        .where('j.path', 'like', scopePrefix(ctx.actor))
        .where(caseFilter(resolved))
        .select([
          'c.id',
          'c.case_no',
          'c.title',
          'c.source',
          'dt.name_zh as dispute_type',
          'rd.name_zh as risk_domain',
          's.name_zh as stage',
          'r.name_zh as resolution',
          'ou.display_name as officer',
          'lu.display_name as leader',
          'j.name as jurisdiction',
          'c.created_at',
          'c.stage_due_at',
          overdueSql.as('overdue'),
          'c.closed_at',
          'c.result',
        ])
        .orderBy('c.created_at', 'desc')
        .limit(CASES_EXPORT_MAX_ROWS + 1)
        .execute();
      if (rows.length > CASES_EXPORT_MAX_ROWS) {
        throw new AppError('cases.export_too_large', 400, {
          zh: `单次最多导出 ${CASES_EXPORT_MAX_ROWS} 件，请缩小筛选范围`,
          en: `One export holds at most ${CASES_EXPORT_MAX_ROWS} cases: narrow the filter`,
        });
      }
      const parties = rows.length
        ? await db.selectFrom('case_parties').select(['case_id', 'name', 'side', 'claims']).where('case_id', 'in', rows.map((r) => r.id)).orderBy('id').execute()
        : [];
      const byCase = new Map<number, typeof parties>();
      for (const p of parties) byCase.set(p.case_id, [...(byCase.get(p.case_id) ?? []), p]);
      type Row = (typeof rows)[number];
      const columns: SheetColumn<Row>[] = [
        { header: '编号', width: 18, value: (r) => r.case_no },
        { header: '纠纷名称', width: 30, value: (r) => r.title },
        { header: '来源', width: 10, value: (r) => SOURCE_ZH[r.source] },
        { header: '纠纷类型', width: 16, value: (r) => r.dispute_type },
        { header: '风险领域', width: 12, value: (r) => r.risk_domain },
        { header: '当事人', width: 36, value: (r) => (byCase.get(r.id) ?? []).map((p) => `${p.name}（${SIDE_ZH[p.side]}）`).join('；') },
        { header: '诉求', width: 40, value: (r) => (byCase.get(r.id) ?? []).filter((p) => p.claims).map((p) => `${p.name}：${p.claims}`).join('；') },
        { header: '阶段', width: 12, value: (r) => r.stage },
        { header: '办结结果', width: 14, value: (r) => r.resolution },
        { header: '责任民警', width: 10, value: (r) => r.officer },
        { header: '包案领导', width: 10, value: (r) => r.leader },
        { header: '所属单位', width: 18, value: (r) => r.jurisdiction },
        { header: '登记时间', width: 20, value: (r) => beijing(r.created_at) },
        { header: '阶段期限', width: 20, value: (r) => beijing(r.stage_due_at) },
        { header: '超期', width: 6, value: (r) => (r.overdue ? '是' : '') },
        { header: '办结时间', width: 20, value: (r) => beijing(r.closed_at) },
        { header: '结果说明', width: 40, value: (r) => r.result },
      ];
      const buffer = await workbook('矛盾纠纷台账', columns, rows);
      await recordAudit(db, ctx, [{ action: 'cases.exported', entityType: 'dispute_case', jurisdictionId: ctx.actor.jurisdictionId, change: { rows: rows.length, filter: f } }]);
      return buffer;
    },
  };
}
