import { ROLES } from '@fengqiao/shared';
import { z } from 'zod';

export const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  departmentId: z.number().nullable(),
  departmentName: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserDto = z.infer<typeof userSchema>;

export const listUsersQuery = z.object({
  q: z.string().trim().max(50).optional(),
  role: z.enum(ROLES).optional(),
  jurisdictionId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

const phone = z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, { message: 'phone' }).nullable().optional();
export const createUserBody = z.object({
  username: z.string().trim().regex(/^[A-Za-z0-9._-]{3,32}$/, { message: 'username' }),
  displayName: z.string().trim().min(1).max(50),
  role: z.enum(ROLES),
  jurisdictionId: z.number().int().positive(),
  departmentId: z.number().int().positive().nullable().optional(),
  phone,
  password: z.string().min(10).max(200),
});
export const updateUserBody = z.object({
  displayName: z.string().trim().min(1).max(50).optional(),
  role: z.enum(ROLES).optional(),
  jurisdictionId: z.number().int().positive().optional(),
  departmentId: z.number().int().positive().nullable().optional(),
  phone,
  active: z.boolean().optional(),
});
export const resetPasswordBody = z.object({ password: z.string().min(10).max(200) });
