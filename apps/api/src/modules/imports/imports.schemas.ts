import { z } from 'zod';
import { IMPORT_KINDS } from './imports.layouts.js';

export const importKind = z.enum(IMPORT_KINDS as ['people', 'houses', 'units', 'rentals']);

const presentedError = z.object({ row: z.number(), column: z.string(), header: z.string(), rule: z.string(), message: z.string() });

export const importSummarySchema = z.object({
  import: z.object({
    id: z.number(),
    kind: importKind,
    fileName: z.string(),
    status: z.enum(['previewed', 'committed', 'discarded']),
    totalRows: z.number(),
    errorRows: z.number(),
    createdAt: z.string(),
  }),
  columns: z.array(z.object({ key: z.string(), header: z.string(), required: z.boolean() })),
  errors: z.array(presentedError),
});

export const importRowSchema = z.object({ row: z.number(), data: z.record(z.string(), z.string()), errors: z.array(presentedError) });

export const rowsQuery = z.object({
  errorsOnly: z.enum(['true', 'false', '1', '0']).optional().transform((v) => v === 'true' || v === '1'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const fixRowBody = z.object({ data: z.record(z.string(), z.string().max(500)) });
export const rowParams = z.object({ id: z.coerce.number().int().positive(), row: z.coerce.number().int().min(2) });
export const commitResultSchema = z.object({ rows: z.number(), created: z.number(), updated: z.number(), seconds: z.number() }).catchall(z.number());
