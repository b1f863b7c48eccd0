import crypto from 'node:crypto';
import type { RequestContext } from '../../app/actor.js';
import { audited } from '../../app/audit.js';
import { forgetApiKeys } from '../../app/auth/authenticate.js';
import { randomToken, sha256 } from '../../app/auth/tokens.js';
import type { Database } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { authorize } from '../../app/policy.js';
import { createApiKeysRepository } from './apikeys.repository.js';
import type { ApiKeyDto } from './apikeys.schemas.js';

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof createApiKeysRepository>['find']>>>;
const present = (r: Row): ApiKeyDto => ({
  id: r.id,
  name: r.name,
  channel: r.channel,
  jurisdictionId: r.jurisdiction_id,
  jurisdictionName: r.jurisdiction_name,
  prefix: r.prefix,
  createdAt: r.created_at.toISOString(),
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

const ALPHANUMERIC = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export function createApiKeysUseCases(deps: { db: Database }) {
  const { db } = deps;
  const repo = createApiKeysRepository(db);
  return {
    async channels() {
      return (await repo.channels()).map((c) => ({ code: c.code, nameZh: c.name_zh, nameEn: c.name_en }));
    },
    async list(ctx: RequestContext) {
      authorize(ctx.actor, 'apikeys.manage');
      return (await repo.list(ctx.actor)).map(present);
    },
    /** The whole key is shown once; only its hash is kept. */
    async create(ctx: RequestContext, input: { name: string; channel: string; jurisdictionId: number }) {
      authorize(ctx.actor, 'apikeys.manage');
      if (!(await repo.findChannel(input.channel))) throw errors.field('channel', 'invalid_value', { zh: '接报渠道不存在', en: 'unknown channel' });
      if (!(await repo.findJurisdiction(ctx.actor, input.jurisdictionId))) throw errors.field('jurisdictionId', 'not_found', { zh: '所属单位不存在或无权访问', en: 'jurisdiction not found' });
      const prefix = Array.from(crypto.randomBytes(8), (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');
      const secret = `fqk_${prefix}_${randomToken(32)}`;
      const id = await audited(db, ctx, async (trx, audit) => {
        const newId = await createApiKeysRepository(trx).insert({ ...input, prefix, keyHash: sha256(secret), createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null });
        audit({ action: 'apikey.created', entityType: 'api_key', entityId: newId, jurisdictionId: input.jurisdictionId, change: { name: input.name, channel: input.channel, prefix } });
        return newId;
      });
      return { apiKey: present((await repo.find(ctx.actor, id))!), secret };
    },
    async revoke(ctx: RequestContext, id: number) {
      authorize(ctx.actor, 'apikeys.manage');
      const key = await repo.find(ctx.actor, id);
      if (!key) throw errors.notFound();
      await audited(db, ctx, async (trx, audit) => {
        await createApiKeysRepository(trx).revoke(id);
        audit({ action: 'apikey.revoked', entityType: 'api_key', entityId: id, jurisdictionId: key.jurisdiction_id });
      });
      // The key stops here at once (other processes within API_KEY_TRUST_MS).
      forgetApiKeys(db);
    },
  };
}
