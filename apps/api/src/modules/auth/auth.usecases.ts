import { ACTIONS } from '@fengqiao/shared';
import type { Actor, RequestContext } from '../../app/actor.js';
import { audited, recordAudit } from '../../app/audit.js';
import { SESSION_IDLE_MS } from '../../app/auth/authenticate.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../../app/auth/passwords.js';
import { randomToken, sessionIdFor } from '../../app/auth/tokens.js';
import type { Database } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { can } from '../../app/policy.js';
import { createAuthRepository } from './auth.repository.js';
import type { Me } from './auth.schemas.js';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string | null;
  requestId: string;
}

export function createAuthUseCases(deps: { db: Database; sessionSecret: string }) {
  const { db, sessionSecret } = deps;
  const repo = createAuthRepository(db);

  async function me(userId: number): Promise<Me> {
    const found = await repo.findMe(userId);
    if (!found) throw errors.unauthenticated();
    const { user, chain } = found;
    return {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      jurisdiction: { id: user.j_id, name: user.j_name, kind: user.j_kind, path: chain.map((c) => ({ id: c.id, name: c.name, kind: c.kind })) },
      department: user.d_id !== null && user.d_name !== null ? { id: user.d_id, name: user.d_name } : null,
      mustChangePassword: user.must_change_password,
    };
  }

  return {
    me,

    permissions(actor: Actor) {
      return ACTIONS.filter((action) => can(actor, action));
    },

    /** Wrong username and wrong password get the same answer in the same time. */
    async login(input: LoginInput): Promise<{ token: string; csrfToken: string; user: Me }> {
      const auditCtx = { actor: null, anonymousName: input.username.slice(0, 64), ip: input.ip, requestId: input.requestId };
      const user = await repo.findUserForLogin(input.username);
      if (!user || !user.active) {
        await burnPasswordCheck(input.password);
        await recordAudit(db, auditCtx, [{ action: 'auth.login_failed', entityType: 'user', change: { reason: 'credentials' } }]);
        throw errors.invalidCredentials();
      }
      if (user.locked_until && user.locked_until.getTime() > Date.now()) {
        await recordAudit(db, auditCtx, [{ action: 'auth.login_failed', entityType: 'user', entityId: user.id, jurisdictionId: user.jurisdiction_id, change: { reason: 'locked' } }]);
        throw errors.locked(Math.ceil((user.locked_until.getTime() - Date.now()) / 60_000));
      }
      if (!(await verifyPassword(user.password_hash, input.password))) {
        const locked = await repo.recordFailure(user.id, MAX_FAILURES, LOCK_MINUTES);
        await recordAudit(db, auditCtx, [
          { action: 'auth.login_failed', entityType: 'user', entityId: user.id, jurisdictionId: user.jurisdiction_id, change: { reason: 'credentials' } },
          ...(locked ? [{ action: 'auth.locked' as const, entityType: 'user', entityId: user.id, jurisdictionId: user.jurisdiction_id, change: { minutes: LOCK_MINUTES } }] : []),
        ]);
        throw errors.invalidCredentials();
      }
      const token = randomToken();
      const csrfToken = randomToken();
      const actor: Actor = {
        kind: 'user',
        userId: user.id,
        username: user.username,
        displayName: user.display_name,
        role: user.role,
        jurisdictionId: user.jurisdiction_id,
        jurisdictionPath: user.path,
        departmentId: user.department_id,
        sessionId: sessionIdFor(sessionSecret, token),
      };
      await audited(db, { actor, ip: input.ip, requestId: input.requestId }, async (trx, audit) => {
        const r = createAuthRepository(trx);
        await r.recordSuccess(user.id);
        await r.createSession({ id: actor.sessionId, userId: user.id, csrfToken, ip: input.ip, userAgent: input.userAgent, expiresAt: new Date(Date.now() + SESSION_IDLE_MS) });
        audit({ action: 'auth.login', entityType: 'user', entityId: user.id, jurisdictionId: user.jurisdiction_id });
      });
      return { token, csrfToken, user: await me(user.id) };
    },

    async logout(ctx: RequestContext): Promise<void> {
      const actor = ctx.actor;
      if (actor.kind !== 'user') return;
      await audited(db, ctx, async (trx, audit) => {
        await createAuthRepository(trx).deleteSession(actor.sessionId);
        audit({ action: 'auth.logout', entityType: 'user', entityId: actor.userId, jurisdictionId: actor.jurisdictionId });
      });
    },

    /** Other sessions of the user end; the current one stays signed in. */
    async changePassword(ctx: RequestContext, input: { currentPassword: string; newPassword: string }): Promise<void> {
      const actor = ctx.actor;
      if (actor.kind !== 'user') throw errors.forbidden();
      const found = await repo.findMe(actor.userId);
      if (!found) throw errors.unauthenticated();
      if (!(await verifyPassword(found.user.password_hash, input.currentPassword))) {
        throw errors.field('currentPassword', 'mismatch', { zh: '当前密码不正确', en: 'is not your current password' });
      }
      if (input.newPassword === input.currentPassword) {
        throw errors.field('newPassword', 'unchanged', { zh: '新密码不能与当前密码相同', en: 'must differ from the current password' });
      }
      if (input.newPassword.toLowerCase().includes(actor.username.toLowerCase())) {
        throw errors.field('newPassword', 'contains_username', { zh: '新密码不能包含用户名', en: 'must not contain the username' });
      }
      const hash = await hashPassword(input.newPassword);
      await audited(db, ctx, async (trx, audit) => {
        const r = createAuthRepository(trx);
        await r.setPassword(actor.userId, hash);
        await r.deleteOtherSessions(actor.userId, actor.sessionId);
        audit({ action: 'auth.password_changed', entityType: 'user', entityId: actor.userId, jurisdictionId: actor.jurisdictionId });
      });
    },
  };
}
