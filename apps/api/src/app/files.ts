import crypto from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Queryable } from './db/database.js';
import { errors } from './errors.js';

/** What a file really is, read from its first bytes: the name and the declared type are not trusted. */
export type FileKind = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf' | 'video/mp4';

export function sniff(head: Buffer): FileKind | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.length >= 12 && head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (head.length >= 5 && head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (head.length >= 12 && head.subarray(4, 8).toString('latin1') === 'ftyp') return 'video/mp4';
  return null;
}

export interface FileStore {
  /** Checks the content against the allowed kinds and size, stores it once per checksum, records it. */
  put(db: Queryable, input: { data: Buffer; originalName: string; allowed: readonly FileKind[]; maxBytes: number; createdBy: number | null }): Promise<{ id: number; sha256: string; mime: FileKind; size: number }>;
  read(sha256: string): Promise<Buffer>;
}

const KIND_LABELS: Record<FileKind, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'application/pdf': 'PDF',
  'video/mp4': 'MP4',
};

export function createFileStore(root: string): FileStore {
  const where = (sha: string) => path.join(root, sha.slice(0, 2), sha);
  return {
    async put(db, input) {
      if (input.data.length === 0) throw errors.field('file', 'empty', { zh: '文件为空', en: 'the file is empty' });
      if (input.data.length > input.maxBytes) {
        const mb = Math.round(input.maxBytes / 1024 / 1024);
        throw errors.field('file', 'too_big', { zh: `文件不能超过 ${mb} MB`, en: `the file must be at most ${mb} MB` });
      }
      const mime = sniff(input.data.subarray(0, 16));
      if (!mime || !input.allowed.includes(mime)) {
        const allowed = input.allowed.map((k) => KIND_LABELS[k]).join('、');
        throw errors.field('file', 'file_type', { zh: `文件内容不是允许的类型（${allowed}）`, en: `the file's content is not an allowed type (${allowed})` });
      }
      const sha256 = crypto.createHash('sha256').update(input.data).digest('hex');
      const target = where(sha256);
      if (!existsSync(target)) {
        await fs.mkdir(path.dirname(target), { recursive: true });
        const tmp = `${target}.${process.pid}.tmp`;
        await fs.writeFile(tmp, input.data, { mode: 0o600 });
        await fs.rename(tmp, target);
      }
      const row = await db
        .insertInto('stored_files')
        .values({ sha256, mime, size_bytes: input.data.length, original_name: input.originalName.slice(0, 200), created_by: input.createdBy })
        .onConflict((oc) => oc.column('sha256').doUpdateSet({ sha256 }))
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, sha256, mime, size: input.data.length };
    },
    async read(sha256) {
      if (!/^[0-9a-f]{64}$/.test(sha256)) throw errors.notFound();
      const data = await fs.readFile(where(sha256));
      // A file changed on disk is refused rather than served.
      if (crypto.createHash('sha256').update(data).digest('hex') !== sha256) throw new Error(`stored file ${sha256} fails its checksum`);
      return data;
    },
  };
}
