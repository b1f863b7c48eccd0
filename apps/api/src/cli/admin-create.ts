import { createInterface } from 'node:readline/promises';
import { sql } from 'kysely';
import { recordAudit } from '../app/audit.js';
import { hashPassword } from '../app/auth/passwords.js';
import { loadConfig } from '../app/config.js';
import { migrateToLatest } from '../app/db/migrate.js';
import { openDatabase } from '../app/db/open.js';
import { createLogger } from '../app/logger.js';
import { fail, flag } from './args.js';

/**
 * `npm run admin:create -- --username NAME [--name 姓名] [--bureau 县公安局名称]`: the first bureau
 * administrator of a production install. The password comes from FENGQIAO_ADMIN_PASSWORD or is asked for.
 */
const args = process.argv.slice(2);
const username = flag(args, 'username') ?? 'admin';
const displayName = flag(args, 'name') ?? '系统管理员';
const bureauName = flag(args, 'bureau') ?? '县公安局';
if (!/^[A-Za-z0-9._-]{3,32}$/.test(username)) fail('--username: 3 to 32 letters, digits, dot, dash or underscore');

async function askPassword(): Promise<string> {
  if (process.env.FENGQIAO_ADMIN_PASSWORD) return process.env.FENGQIAO_ADMIN_PASSWORD;
  if (!process.stdin.isTTY) fail('Set FENGQIAO_ADMIN_PASSWORD (no terminal to ask for a password).');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const password = await rl.question('Password for the administrator (at least 10 characters): ');
  rl.close();
  return password;
}

const password = await askPassword();
if (password.length < 10) fail('The password must have at least 10 characters.');
const config = loadConfig();
const database = await openDatabase(config, createLogger(process.env.LOG_LEVEL ?? 'warn'));
try {
  const { db } = database;
  await migrateToLatest(db);
  const taken = await db.selectFrom('users').select('id').where(sql<string>`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
  if (taken) {
    await database.close();
    fail(`The username "${username}" exists already.`);
  }
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    let bureau = await trx.selectFrom('jurisdictions').select(['id']).where('parent_id', 'is', null).where('archived_at', 'is', null).executeTakeFirst();
    if (!bureau) {
      const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('jurisdictions', 'id'))::int as id`.execute(trx);
      const id = rows[0]!.id;
      await trx.insertInto('jurisdictions').values({ id, parent_id: null, kind: 'bureau', name: bureauName, path: `/${id}/` } as never).execute();
      bureau = { id };
    }
    const user = await trx
      .insertInto('users')
      .values({ username, display_name: displayName, role: 'admin', jurisdiction_id: bureau.id, password_hash: hash, must_change_password: false })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: null, anonymousName: 'cli:admin:create', ip: null, requestId: null }, [
      { action: 'user.created', entityType: 'user', entityId: user.id, jurisdictionId: bureau.id, change: { username, role: 'admin' } },
    ]);
  });
  process.stdout.write(`Administrator "${username}" created. Sign in and build the organisation under 组织机构.\n`);
} finally {
  await database.close();
}
