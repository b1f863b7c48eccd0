import { parseArgs } from 'node:util';
import { loadConfig } from '../app/config.js';
import { readBackupHeader, restoreDatabase } from '../app/db/backup.js';
import { openDatabase } from '../app/db/open.js';
import { createLogger } from '../app/logger.js';
import { resolveUserPath } from './args.js';
import { formatBytes, printChecksums, printTable, runCli } from './backup.js';

// npm run restore -- FILE [--force] [--verify]: replaces the database (embedded or DATABASE_URL) with FILE.

const USAGE = 'usage: npm run restore -- FILE [--force] [--verify]';

await runCli('restore', async (signal, setDb) => {
  const { values, positionals } = parseArgs({
    options: { force: { type: 'boolean', default: false }, verify: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const [source] = positionals;
  if (!source || positionals.length > 1) throw new Error(USAGE);
  const file = resolveUserPath(source);
  const header = await readBackupHeader(file);
  console.log(`restoring ${file} (made ${header.createdAt}, migration ${header.migrations.at(-1) ?? '-'}, ${header.tables.length} tables)`);
  const config = loadConfig();
  const opened = await openDatabase(config, createLogger(config.logLevel));
  setDb(opened);
  const result = await restoreDatabase(opened.url, file, { force: values.force, verify: values.verify, signal, onTable: printTable });
  const rate = result.seconds > 0 ? Math.round(result.rows / result.seconds) : result.rows;
  const bytes = result.tables.reduce((sum, t) => sum + t.bytes, 0);
  console.log(
    `restored ${result.tables.length} tables, ${result.rows.toLocaleString('en')} rows (${formatBytes(bytes)} of data) in ${result.seconds.toFixed(1)} s (${rate.toLocaleString('en')} rows/s)`,
  );
  if (result.upgradedWith.length > 0) console.log(`then migrated to this build: ${result.upgradedWith.join(', ')}`);
  if (result.checksums) printChecksums(result.checksums);
});
