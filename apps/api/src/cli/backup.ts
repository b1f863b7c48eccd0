import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../app/config.js';
import { backupDatabase, type Checksums, type TableCount } from '../app/db/backup.js';
import { migrateToLatest } from '../app/db/migrate.js';
import { openDatabase, type OpenedDatabase } from '../app/db/open.js';
import { createLogger } from '../app/logger.js';
import { resolveUserPath } from './args.js';

// npm run backup -- FILE [--verify]: writes the whole database (embedded or DATABASE_URL) to FILE.

const USAGE = 'usage: npm run backup -- FILE [--verify]';

export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${n.toFixed(i === 0 ? 0 : 1)} ${units[i] ?? 'B'}`;
}

export function printTable(t: TableCount): void {
  console.log(`  ${t.name.padEnd(28)} ${t.rows.toLocaleString('en').padStart(12)} rows  ${formatBytes(t.bytes).padStart(9)}`);
}

export function printChecksums(checksums: Checksums): void {
  console.log('checksums (rows, md5):');
  for (const [name, c] of Object.entries(checksums)) console.log(`  ${name.padEnd(28)} ${c.rows.toLocaleString('en').padStart(12)}  ${c.md5}`);
}

/** Runs a CLI body: one-line error and exit 1 (stack only at LOG_LEVEL=debug), 130 on Ctrl-C; the database is always closed. */
export async function runCli(name: string, body: (signal: AbortSignal, setDb: (db: OpenedDatabase) => void) => Promise<void>): Promise<void> {
  const controller = new AbortController();
  let opened: OpenedDatabase | null = null;
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    console.error(`${name}: interrupted, cleaning up (Ctrl-C again to quit at once)`);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  let code = 0;
  try {
    await body(controller.signal, (db) => (opened = db));
  } catch (err) {
    code = controller.signal.aborted ? 130 : 1;
    const message = err instanceof Error ? err.message : String(err);
    console.error(`${name} failed: ${controller.signal.aborted ? 'interrupted' : message.split('\n')[0]}`);
    if (process.env.LOG_LEVEL === 'debug' && err instanceof Error) console.error(err.stack);
  } finally {
    await (opened as OpenedDatabase | null)?.close().catch(() => undefined);
    process.off('SIGINT', onSigint);
  }
  process.exit(code);
}

async function main(): Promise<void> {
  await runCli('backup', async (signal, setDb) => {
    const { values, positionals } = parseArgs({ options: { verify: { type: 'boolean', default: false } }, allowPositionals: true });
    const [target] = positionals;
    if (!target || positionals.length > 1) throw new Error(USAGE);
    const file = resolveUserPath(target);
    const config = loadConfig();
    const opened = await openDatabase(config, createLogger(config.logLevel));
    setDb(opened);
    // A fresh data folder has no schema yet; a backup is always at this build's migration level.
    await migrateToLatest(opened.db);
    console.log(`backing up ${opened.embedded ? `the embedded database in ${config.dataDir}` : 'DATABASE_URL'} to ${file}`);
    const result = await backupDatabase(opened.url, file, { verify: values.verify, signal, onTable: printTable });
    const rate = result.seconds > 0 ? Math.round(result.rows / result.seconds) : result.rows;
    console.log(
      `wrote ${result.tables.length} tables, ${result.rows.toLocaleString('en')} rows, ${formatBytes(result.fileBytes)} in ${result.seconds.toFixed(1)} s (${rate.toLocaleString('en')} rows/s)`,
    );
    if (result.checksums) printChecksums(result.checksums);
  });
}

// restore.ts borrows the helpers above; only run when started as the program itself.
if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) await main();
