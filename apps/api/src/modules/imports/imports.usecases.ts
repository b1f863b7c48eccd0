import ExcelJS from 'exceljs';
import type { RequestContext } from '../../app/actor.js';
import { audited, recordAudit } from '../../app/audit.js';
import type { IdentityCipher } from '../../app/crypto.js';
import type { Database } from '../../app/db/database.js';
import { errors, type Lang } from '../../app/errors.js';
import { authorize } from '../../app/policy.js';
import { commitRows } from './imports.commit.js';
import { CATEGORY_VALUES, HOUSE_USE_VALUES, LAYOUTS, UNIT_KIND_VALUES, type ImportKind } from './imports.layouts.js';
import { resolveMessyAddresses } from './imports.match.js';
import { parseSheet } from './imports.parse.js';
import { createImportsRepository } from './imports.repository.js';
import { duplicateIdErrors, loadAddressIndex, loadRentalAddressIds, validateRow, type RowError, type ValidationContext } from './imports.validate.js';

const PREVIEW_ERRORS = 200;

/** Today in Beijing, as the date a station would write. */
function beijingToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function presentError(kind: ImportKind, rowNumber: number, e: RowError, lang: Lang) {
  const header = LAYOUTS[kind].columns.find((c) => c.key === e.column)?.header ?? e.column;
  return { row: rowNumber, column: e.column, header, rule: e.rule, message: e.message[lang] };
}

export function createImportsUseCases(deps: { db: Database; identity: IdentityCipher }) {
  const { db, identity } = deps;
  const repo = createImportsRepository(db);

  async function requireImport(ctx: RequestContext, id: number) {
    authorize(ctx.actor, 'imports.run');
    const found = await repo.find(ctx.actor, id);
    if (!found) throw errors.notFound();
    return found;
  }

  async function validationContext(ctx: RequestContext, kind: ImportKind): Promise<ValidationContext> {
    return {
      kind,
      addresses: await loadAddressIndex(db, ctx.actor),
      today: beijingToday(),
      ...(kind === 'rentals' ? { rentalAddressIds: await loadRentalAddressIds(db, ctx.actor) } : {}),
    };
  }

  function requireOpen(status: string) {
    if (status !== 'previewed') throw errors.conflict('imports.closed', { zh: '该导入已提交或已放弃', en: 'This import was already committed or discarded' });
  }

  async function summary(ctx: RequestContext, id: number) {
    const imp = await requireImport(ctx, id);
    const errorRows = await repo.listRows(id, { errorsOnly: true, offset: 0, limit: PREVIEW_ERRORS });
    return {
      import: { id: imp.id, kind: imp.kind, fileName: imp.file_name, status: imp.status, totalRows: imp.total_rows, errorRows: imp.error_rows, createdAt: imp.created_at.toISOString() },
      columns: LAYOUTS[imp.kind].columns.map((c) => ({ key: c.key, header: c.header, required: !!c.required })),
      errors: errorRows.flatMap((r) => r.errors.map((e) => presentError(imp.kind, r.row_number, e, ctx.lang))),
    };
  }

  return {
    summary,

    /** Reads the spreadsheet and checks every row; nothing is written to the registers yet. */
    async preview(ctx: RequestContext, input: { kind: ImportKind; fileName: string; data: Buffer }) {
      authorize(ctx.actor, 'imports.run');
      if (ctx.actor.kind !== 'user') throw errors.forbidden();
      const layout = LAYOUTS[input.kind];
      const sheet = await parseSheet(input.data, input.fileName, layout.columns);
      if (sheet.rows.length === 0) throw errors.field('file', 'empty', { zh: '表格中没有数据行', en: 'the sheet has no data rows' });
      if (sheet.rows.length > 200_000) throw errors.field('file', 'too_many_rows', { zh: '一次最多导入 200,000 行', en: 'at most 200,000 rows per import' });
      const vctx = await validationContext(ctx, input.kind);
      const checked = sheet.rows.map((r) => ({ ...r, ...validateRow(r.data, vctx) }));
      await resolveMessyAddresses(db, ctx.actor, checked, (data) => validateRow(data, vctx));
      const dupes = duplicateIdErrors(input.kind, checked);
      for (const r of checked) {
        const d = dupes.get(r.rowNumber);
        if (d) r.errors.push(d);
      }
      const errorRows = checked.filter((r) => r.errors.length).length;
      const actor = ctx.actor;
      const id = await audited(db, ctx, async (trx, audit) => {
        const r = createImportsRepository(trx);
        const newId = await r.insertImport({ kind: input.kind, fileName: input.fileName, jurisdictionId: actor.jurisdictionId, createdBy: actor.userId, totalRows: checked.length, errorRows });
        await r.insertRows(newId, checked.map((c) => ({ rowNumber: c.rowNumber, data: c.data, errors: c.errors })));
        audit({ action: 'import.previewed', entityType: 'import', entityId: newId, jurisdictionId: actor.jurisdictionId, change: { kind: input.kind, file: input.fileName, rows: checked.length, errorRows, unknownHeaders: sheet.unknownHeaders } });
        return newId;
      });
      return summary(ctx, id);
    },

    async rows(ctx: RequestContext, id: number, options: { errorsOnly: boolean; page: number; pageSize: number }) {
      const imp = await requireImport(ctx, id);
      const rows = await repo.listRows(id, { errorsOnly: options.errorsOnly, offset: (options.page - 1) * options.pageSize, limit: options.pageSize });
      return rows.map((r) => ({ row: r.row_number, data: r.data, errors: r.errors.map((e) => presentError(imp.kind, r.row_number, e, ctx.lang)) }));
    },

    /** The user corrects a row in the preview; it is checked again at once. */
    async fixRow(ctx: RequestContext, id: number, rowNumber: number, data: Record<string, string>) {
      const imp = await requireImport(ctx, id);
      requireOpen(imp.status);
      const row = await repo.findRow(id, rowNumber);
      if (!row) throw errors.notFound();
      const keys = new Set(LAYOUTS[imp.kind].columns.map((c) => c.key));
      const merged = { ...row.data };
      for (const [k, v] of Object.entries(data)) if (keys.has(k)) merged[k] = String(v).trim();
      const vctx = await validationContext(ctx, imp.kind);
      const { errors: rowErrors, resolved } = validateRow(merged, vctx);
      await resolveMessyAddresses(db, ctx.actor, [{ data: merged, errors: rowErrors, resolved }], (d) => validateRow(d, vctx));
      const idKey = imp.kind === 'people' ? 'idNumber' : imp.kind === 'rentals' ? 'tenantIdNumber' : null;
      if (idKey && typeof resolved[idKey] === 'string') {
        const other = await repo.otherRowWithValue(id, rowNumber, idKey, resolved[idKey]);
        if (other !== null) rowErrors.push({ column: idKey, rule: 'duplicate_in_file', message: { zh: `与第 ${other} 行的身份证号重复`, en: `repeats the identity number of row ${other}` } });
      }
      await audited(db, ctx, async (trx, audit) => {
        const r = createImportsRepository(trx);
        await r.updateRow(id, rowNumber, merged, rowErrors);
        await r.refreshErrorCount(id);
        audit({ action: 'import.row_fixed', entityType: 'import', entityId: id, jurisdictionId: imp.jurisdiction_id, change: { row: rowNumber, errors: rowErrors.length } });
      });
      return { row: rowNumber, data: merged, errors: rowErrors.map((e) => presentError(imp.kind, rowNumber, e, ctx.lang)) };
    },

    /** All rows or none: any error left, or any failure while writing, leaves the registers untouched. */
    async commit(ctx: RequestContext, id: number) {
      const imp = await requireImport(ctx, id);
      requireOpen(imp.status);
      const actor = ctx.actor;
      if (actor.kind !== 'user') throw errors.forbidden();
      const all = await repo.allRows(id);
      const vctx = await validationContext(ctx, imp.kind);
      const checked = all.map((r) => ({ rowNumber: r.row_number, data: r.data, ...validateRow(r.data, vctx) }));
      await resolveMessyAddresses(db, ctx.actor, checked, (data) => validateRow(data, vctx));
      const dupes = duplicateIdErrors(imp.kind, checked);
      for (const r of checked) {
        const d = dupes.get(r.rowNumber);
        if (d) r.errors.push(d);
      }
      const bad = checked.filter((r) => r.errors.length);
      if (bad.length) {
        await repo.setErrors(id, new Map(checked.map((r) => [r.rowNumber, r.errors])));
        await repo.refreshErrorCount(id);
        throw errors.conflict('imports.has_errors', { zh: `仍有 ${bad.length} 行有错误，请修正后再提交`, en: `${bad.length} rows still have errors; fix them before committing` });
      }
      const started = Date.now();
      const counts = await audited(db, ctx, async (trx, audit) => {
        const result = await commitRows(trx, identity, imp.kind, checked.map((c) => c.resolved), actor.userId, vctx.today);
        await createImportsRepository(trx).setStatus(id, 'committed');
        audit({ action: 'import.committed', entityType: 'import', entityId: id, jurisdictionId: imp.jurisdiction_id, change: { kind: imp.kind, rows: checked.length, ...result } });
        return result;
      });
      return { ...counts, rows: checked.length, seconds: (Date.now() - started) / 1000 };
    },

    async discard(ctx: RequestContext, id: number) {
      const imp = await requireImport(ctx, id);
      requireOpen(imp.status);
      await createImportsRepository(db).setStatus(id, 'discarded');
      await recordAudit(db, ctx, [{ action: 'import.discarded', entityType: 'import', entityId: id, jurisdictionId: imp.jurisdiction_id }]);
    },

    /** A blank ledger in the expected layout, with the allowed values on a second sheet. */
    async template(ctx: RequestContext, kind: ImportKind) {
      authorize(ctx.actor, 'imports.run');
      const layout = LAYOUTS[kind];
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(layout.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = layout.columns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, width: c.width ?? 14 }));
      ws.getRow(1).font = { bold: true };
      const help = wb.addWorksheet('填写说明');
      help.addRow(['带 * 的列必填。地址请填写标准地址（社区/村起，如：东湖新村社区东湖新村小区3号楼2单元502室）。']);
      const values: Record<string, string[]> = { 人员类别: Object.keys(CATEGORY_VALUES), 房屋用途: Object.keys(HOUSE_USE_VALUES), 单位类别: Object.keys(UNIT_KIND_VALUES), 重点单位: ['是', '否'], 日期: ['2025-03-01'] };
      for (const [k, v] of Object.entries(values)) help.addRow([k, v.join('、')]);
      return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `${layout.title.zh}模板.xlsx` };
    },
  };
}
