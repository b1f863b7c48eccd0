import { z } from 'zod';
import { reviewRulesSchema } from './reviews.rules.js';
import { reviewContentSchema } from './reviews.types.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const listReviewsQuery = z.object({ jurisdictionId: z.coerce.number().int().positive().optional() });
export type ListReviewsQuery = z.infer<typeof listReviewsQuery>;

export const generateReviewBody = z.object({
  jurisdictionId: z.number().int().positive(),
  /** the Monday of a finished week; default the last full week */
  weekStart: day.optional(),
});
export type GenerateReviewBody = z.infer<typeof generateReviewBody>;

const unitSchema = z.object({ id: z.number(), name: z.string(), kind: z.string() });

export const reviewSummarySchema = z.object({
  id: z.number(),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  weekStart: z.string(),
  generatedAt: z.string(),
  generatedByName: z.string().nullable(),
  total: z.number(),
  wowRatio: z.number().nullable(),
  yoyRatio: z.number().nullable(),
});

export const reviewListSchema = z.object({
  units: z.array(unitSchema),
  items: z.array(reviewSummarySchema),
  abilities: z.object({ generate: z.boolean() }),
});

export const reviewSchema = reviewSummarySchema.omit({ total: true, wowRatio: true, yoyRatio: true }).extend({ content: reviewContentSchema });
export type ReviewDto = z.infer<typeof reviewSchema>;

export const reviewRulesConfigSchema = z.object({ rules: reviewRulesSchema, defaults: reviewRulesSchema, updatedAt: z.string().nullable() });
export type ReviewRulesConfigDto = z.infer<typeof reviewRulesConfigSchema>;
