import { sql } from 'kysely';
import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import { scopePrefix } from '../../app/policy.js';
import type { ImportKind } from './imports.layouts.js';
import type { RowError } from './imports.validate.js';

export function createImportsRepository(db: Queryable) {
  return {
    async insertImport(values: { kind: ImportKind; fileName: string; jurisdictionId: number; createdBy: number; totalRows: number; errorRows: number }) {
      const row = await db
        .insertInto('imports')
        .values({ kind: values.kind, file_name: values.fileName, jurisdiction_id: values.jurisdictionId, created_by: values.createdBy, total_rows: values.totalRows, error_rows: values.errorRows })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async insertRows(importId: number, rows: { rowNumber: number; data: Record<string, string>; errors: RowError[] }[]) {
      for (let i = 0; i < rows.length; i += 5000) {
        const chunk = rows.slice(i, i + 5000);
        await sql`insert into import_rows (import_id, row_number, data, errors)
          select ${importId}, * from unnest(${chunk.map((r) => r.rowNumber)}::int[], ${chunk.map((r) => JSON.stringify(r.data))}::jsonb[], ${chunk.map((r) => JSON.stringify(r.errors))}::jsonb[])`.execute(db);
      }
    },

    /** Imports are visible to the users of the unit that made them and above. */
    find(actor: Actor, id: number) {
      return db
        .selectFrom('imports as i')
        .innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id')
        .selectAll('i')
        .where('i.id', '=', id)
        .where('j.path', 'like', scopePrefix(actor))
        .executeTakeFirst();
    },

    listRows(importId: number, options: { errorsOnly: boolean; offset: number; limit: number }) {
      let q = db.selectFrom('import_rows').select(['row_number', 'data', 'errors']).where('import_id', '=', importId);
      if (options.errorsOnly) q = q.where(sql<boolean>`jsonb_array_length(errors) > 0`);
      return q.orderBy('row_number').offset(options.offset).limit(options.limit).execute();
    },

    allRows(importId: number) {
      return db.selectFrom('import_rows').select(['row_number', 'data', 'errors']).where('import_id', '=', importId).orderBy('row_number').execute();
    },

    findRow(importId: number, rowNumber: number) {
      return db.selectFrom('import_rows').select(['row_number', 'data', 'errors']).where('import_id', '=', importId).where('row_number', '=', rowNumber).executeTakeFirst();
    },

    updateRow(importId: number, rowNumber: number, data: Record<string, string>, errors: RowError[]) {
      return db.updateTable('import_rows').set({ data: JSON.stringify(data), errors: JSON.stringify(errors) }).where('import_id', '=', importId).where('row_number', '=', rowNumber).execute();
    },

    async setErrors(importId: number, errorsByRow: Map<number, RowError[]>) {
      const numbers = [...errorsByRow.keys()];
      await sql`update import_rows r set errors = u.errors from unnest(${numbers}::int[], ${numbers.map((n) => JSON.stringify(errorsByRow.get(n)))}::jsonb[]) as u(row_number, errors)
        where r.import_id = ${importId} and r.row_number = u.row_number`.execute(db);
    },

    async refreshErrorCount(importId: number) {
      await sql`update imports set error_rows = (select count(*) from import_rows where import_id = ${importId} and jsonb_array_length(errors) > 0) where id = ${importId}`.execute(db);
    },

    setStatus(importId: number, status: 'committed' | 'discarded') {
      return db.updateTable('imports').set({ status, ...(status === 'committed' ? { committed_at: new Date() } : {}) }).where('id', '=', importId).execute();
    },

    async otherRowWithValue(importId: number, rowNumber: number, key: string, value: string) {
      const row = await db
        .selectFrom('import_rows')
        .select('row_number')
        .where('import_id', '=', importId)
        .where('row_number', '<>', rowNumber)
        .where(sql<string>`upper(data->>${key})`, '=', value.toUpperCase())
        .orderBy('row_number')
        .executeTakeFirst();
      return row?.row_number ?? null;
    },
  };
}
