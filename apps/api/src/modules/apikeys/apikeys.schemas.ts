import { z } from 'zod';

export const apiKeySchema = z.object({
  id: z.number(),
  name: z.string(),
  channel: z.string(),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyDto = z.infer<typeof apiKeySchema>;

export const createApiKeyBody = z.object({
  name: z.string().trim().min(1).max(100),
  channel: z.string().trim().min(1).max(20),
  jurisdictionId: z.number().int().positive(),
});
export const createdApiKeySchema = z.object({ apiKey: apiKeySchema, secret: z.string() });
export const channelSchema = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() });
