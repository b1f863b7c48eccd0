import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { idCheckCharacter } from '@fengqiao/shared';
import ExcelJS from 'exceljs';
import { createIdentityCipher } from '../app/crypto.js';
import { createDatabase } from '../app/db/database.js';
import { startEmbeddedPostgres } from '../app/db/embedded.js';
import { createFileStore } from '../app/files.js';
import { migrateToLatest } from '../app/db/migrate.js';
import { createServer } from '../app/server.js';
import { seedOrganisation } from '../demo/organisation.js';
import { seedDepartments, seedUsers } from '../demo/people.js';
import { createRandom } from '../demo/random.js';
import { hashPassword } from '../app/auth/passwords.js';
import { machineLine, recordResult } from './machine.js';

/**
 * `npm run bench:import`: 100,000 rows of a population register (xlsx) imported through the
 * API — preview, then commit — into a fresh embedded database. Target: under 60 s in all.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const workDir = path.join(repoRoot, 'bench', 'tmp', 'import');
fs.rmSync(workDir, { recursive: true, force: true });
fs.mkdirSync(workDir, { recursive: true });

const pg = await startEmbeddedPostgres({ dir: path.join(workDir, 'pg') });
const { db } = createDatabase(pg.url);
try {
  await migrateToLatest(db);
  const identity = createIdentityCipher(Buffer.alloc(32, 7));
  // The organisation and users of the demo county; the address branch is built here so the bench
  // does not depend on the demo's address generator.
  await db.transaction().execute(async (trx) => {
    const ctx = { trx, rng: createRandom(1), scale: 1, passwordHash: await hashPassword('bench-password'), today: new Date(), identity, county: { bureau: undefined as never, stations: [], departments: [], users: [], dwellings: [] } };
    await seedOrganisation(ctx);
    await seedDepartments(ctx);
    await seedUsers(ctx);
  });
  const community = await db.selectFrom('jurisdictions').select('id').where('name', '=', '东湖新村社区').executeTakeFirstOrThrow();
  const rooms: string[] = [];
  const communityRow = await db.insertInto('addresses').values({ level: 'community', name: '东湖新村社区', full_name: '东湖新村社区', path: '/0/', jurisdiction_id: community.id }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('addresses').set({ path: `/${communityRow.id}/` }).where('id', '=', communityRow.id).execute();
  for (let c = 1; c <= 10; c++) {
    const compound = `东湖${c}区`;
    const comp = await db.insertInto('addresses').values({ parent_id: communityRow.id, level: 'compound', name: compound, full_name: `东湖新村社区${compound}`, path: `/${communityRow.id}/c${c}/`, jurisdiction_id: community.id }).returning('id').executeTakeFirstOrThrow();
    const values: { parent_id: number; level: 'room'; name: string; full_name: string; path: string; jurisdiction_id: number }[] = [];
    for (let b = 1; b <= 10; b++) {
      for (let u = 1; u <= 4; u++) {
        for (let f = 1; f <= 6; f++) {
          for (let r = 1; r <= 2; r++) {
            const name = `${b}号楼${u}单元${f}0${r}室`;
            rooms.push(`${compound}${name}`);
            // Rooms hang straight under the compound here: the importer matches on full names.
            values.push({ parent_id: comp.id, level: 'room', name, full_name: `东湖新村社区${compound}${name}`, path: `/${communityRow.id}/${comp.id}/${b}-${u}-${f}-${r}/`, jurisdiction_id: community.id });
          }
        }
      }
    }
    await db.insertInto('addresses').values(values).execute();
  }

  const rng = createRandom(42);
  const categories = ['户籍', '户籍', '户籍', '流动', '承租'];
  const file = path.join(workDir, 'people.xlsx');
  const started = Date.now();
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const sheet = writer.addWorksheet('实有人口');
  sheet.addRow(['姓名', '公民身份号码', '人员类别', '联系电话', '民族', '户籍地址', '现住址', '备注']).commit();
  for (let i = 0; i < ROWS; i++) {
    // Each block of 1,000 sequence numbers gets its own birth date, so every identity number is distinct.
    const birth = new Date(Date.UTC(1950, 0, 1) + Math.floor(i / 1000) * 97 * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const first17 = `140871${birth}${String(i % 1000).padStart(3, '0')}`;
    sheet.addRow([`居民${i}`, first17 + idCheckCharacter(first17), rng.pick(categories), `139${String(i).padStart(8, '0')}`, '汉族', '山西省运城市', rng.pick(rooms), '']).commit();
  }
  await writer.commit();
  const generated = (Date.now() - started) / 1000;

  const app = await createServer({ db, logger: false, identity, files: createFileStore(path.join(workDir, 'files')), options: { sessionSecret: 'bench-secret-bench-secret-bench-secret', cookieSecure: false, trustProxy: false, tileUrl: null, tileAttribution: null, webDist: null } });
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-officer', password: 'bench-password' } });
  const cookie = `fq_session=${login.cookies.find((c) => c.name === 'fq_session')!.value}`;
  const csrf = login.json<{ csrfToken: string }>().csrfToken;
  const data = fs.readFileSync(file);
  const boundary = '----fengqiao-bench';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\npeople\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="people.xlsx"\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const t0 = Date.now();
  const preview = await app.inject({ method: 'POST', url: '/api/imports', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie, 'x-csrf-token': csrf } });
  const previewSeconds = (Date.now() - t0) / 1000;
  if (preview.statusCode !== 201) throw new Error(`preview failed: ${preview.statusCode} ${preview.body.slice(0, 500)}`);
  const summary = preview.json<{ import: { id: number; totalRows: number; errorRows: number }; errors: unknown[] }>();
  if (summary.import.errorRows > 0) {
    const rows = await app.inject({ method: 'GET', url: `/api/imports/${summary.import.id}/rows?errorsOnly=true`, headers: { cookie } });
    throw new Error(`the generated file has errors: ${rows.body.slice(0, 600)}`);
  }
  const t1 = Date.now();
  const commit = await app.inject({ method: 'POST', url: `/api/imports/${summary.import.id}/commit`, headers: { cookie, 'x-csrf-token': csrf } });
  const commitSeconds = (Date.now() - t1) / 1000;
  if (commit.statusCode !== 200) throw new Error(`commit failed: ${commit.statusCode} ${commit.body.slice(0, 500)}`);
  const persons = await db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  await app.close();

  const total = previewSeconds + commitSeconds;
  const lines = [
    `- rows: ${ROWS.toLocaleString('en')} (xlsx ${(data.length / 1024 / 1024).toFixed(1)} MB, generated in ${generated.toFixed(1)} s)`,
    `- preview (upload, parse, validate, store rows): ${previewSeconds.toFixed(1)} s; errors found: ${summary.import.errorRows}`,
    `- commit (encrypt, insert persons and address history in one transaction): ${commitSeconds.toFixed(1)} s`,
    `- total: ${total.toFixed(1)} s = ${Math.round(ROWS / total).toLocaleString('en')} rows/s (target < 60 s: ${total < 60 ? 'met' : 'NOT met'})`,
    `- persons in the database afterwards: ${persons.n.toLocaleString('en')}`,
  ];
  process.stdout.write(`bench:import on ${machineLine()}\n${lines.join('\n')}\n`);
  const out = recordResult(repoRoot, 'import', lines);
  process.stdout.write(`recorded in ${path.relative(repoRoot, out)}\n`);
} finally {
  await db.destroy();
  await pg.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
}
