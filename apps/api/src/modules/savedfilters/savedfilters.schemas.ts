import { z } from 'zod';

/** A list page's key, e.g. 'incidents' (the saved_filters.page check). */
export const pageName = z.string().trim().regex(/^[a-z_]{1,40}$/);

/** Most bytes of a saved query (its JSON text). */
export const SAVED_QUERY_MAX_BYTES = 2048;
/** Most saved filters one user keeps on one page. */
export const SAVED_FILTERS_PER_PAGE = 50;

const queryValue = z.union([z.string().max(500), z.number(), z.boolean(), z.null(), z.array(z.union([z.string().max(200), z.number()])).max(50)]);

export const listSavedFiltersQuery = z.object({ page: pageName });

export const createSavedFilterBody = z.object({
  page: pageName,
  name: z.string().trim().min(1).max(50),
  /** The list's query-string parameters as an object: { q: '噪音', status: 'received' }. */
  query: z.record(z.string().min(1).max(40), queryValue),
});
export type CreateSavedFilterInput = z.infer<typeof createSavedFilterBody>;

export const savedFilterSchema = z.object({
  id: z.number(),
  page: z.string(),
  name: z.string(),
  query: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type SavedFilterDto = z.infer<typeof savedFilterSchema>;
