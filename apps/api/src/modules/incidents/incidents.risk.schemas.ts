import { z } from 'zod';
import { RISK_TERM_KINDS, riskSettingsSchema } from './incidents.risk.rules.js';

export const riskFactorSchema = z.object({ key: z.string(), points: z.number(), detail: z.string() });

export const riskTermSchema = z.object({
  term: z.string().trim().min(1).max(20),
  kind: z.enum(RISK_TERM_KINDS),
  points: z.number().int().min(1).max(50),
});

/** The whole configuration: weights and threshold, and the word list (replaced as a whole). */
export const riskConfigBody = z.object({ settings: riskSettingsSchema, terms: z.array(riskTermSchema).max(1000) });
export type RiskConfigInput = z.infer<typeof riskConfigBody>;

export const riskConfigSchema = riskConfigBody.extend({ updatedAt: z.string().nullable() });
export type RiskConfigDto = z.infer<typeof riskConfigSchema>;

export const rescoreSchema = z.object({
  riskScore: z.number(),
  riskFactors: z.array(riskFactorSchema),
  level: z.enum(['red', 'orange', 'yellow', 'blue']).nullable(),
  warningId: z.number().nullable(),
});
