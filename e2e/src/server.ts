import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const mainJs = path.join(repoRoot, 'apps/api/dist/main.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** A data folder inside a fresh 0700 directory, as a checkout under /root would have. */
export function lockedDataDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fq-e2e-${label}-`));
  fs.chmodSync(dir, 0o700);
  return path.join(dir, 'data');
}

export interface RunningApp {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts the built product exactly as `npm start` does after its build step. */
export async function startApp(options: { dataDir: string; port?: number; env?: Record<string, string> }): Promise<RunningApp> {
  if (!fs.existsSync(mainJs)) throw new Error(`${mainJs} is missing: build first (npm run build)`);
  const port = options.port ?? (await freePort());
  let out = '';
  const child = spawn(process.execPath, [mainJs], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', FENGQIAO_DATA_DIR: options.dataDir, LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}):\n${out}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      // Stop it the way Ctrl-C does, so its embedded PostgreSQL does not outlive the test run.
      child.kill('SIGINT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      throw new Error(`the app did not answer /api/health in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, baseUrl, output: () => out, exited };
}
