import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** Appends a dated result to bench/results/<name>.md at the repository root. */
export function recordResult(repoRoot: string, name: string, lines: string[]): string {
  const dir = path.join(repoRoot, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.md`);
  const header = fs.existsSync(file) ? '' : `# ${name}\n\nEach run appends a section. Reproduce with \`npm run bench:${name}\`.\n`;
  fs.appendFileSync(file, `${header}\n## ${new Date().toISOString()} — ${machineLine()}\n\n${lines.join('\n')}\n`);
  return file;
}
