import { ACTIONS, JURISDICTION_KINDS, ROLES } from '@fengqiao/shared';
import { z } from 'zod';

export const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(10).max(200),
});

const jurisdictionRef = z.object({ id: z.number(), name: z.string(), kind: z.enum(JURISDICTION_KINDS) });

export const meSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  jurisdiction: jurisdictionRef.extend({ path: z.array(jurisdictionRef) }),
  department: z.object({ id: z.number(), name: z.string() }).nullable(),
  mustChangePassword: z.boolean(),
});
export type Me = z.infer<typeof meSchema>;

export const loginResponse = z.object({ user: meSchema, csrfToken: z.string() });
export const meResponse = z.object({
  user: meSchema,
  csrfToken: z.string().nullable(),
  permissions: z.array(z.enum(ACTIONS)),
});
export const apiKeyMeResponse = z.object({
  apiKey: z.object({ id: z.number(), name: z.string(), channel: z.string(), jurisdictionId: z.number() }),
});
