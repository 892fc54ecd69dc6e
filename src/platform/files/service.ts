// Storing checked uploads and reading them back. Objects are written before the row that names them
// is inserted (in the caller's transaction): a committed row always has its bytes, and a rolled-back
// one leaves only an unreferenced object behind (harmless; see ADR 016).
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../http/context.ts';
import type { Executor } from '../db/index.ts';
import { fileStore } from './store.ts';
import { isIssued, type Upload } from './upload.ts';
import { report } from './probe.ts';
import type { FileRow, FileVariant } from './schema.ts';

export interface StoredFile {
  id: string;
  module: string;
  kind: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
  width?: number;
  height?: number;
  /** 'thumb' for images */
  variants: string[];
}

/** File ids are random (not a sequence): one cannot walk through other people's files by counting. */
export function newFileId(): string {
  return randomBytes(16).toString('base64url');
}

export const FILE_ID = /^[A-Za-z0-9_-]{22}$/;

export async function saveFiles(
  app: AppContext,
  exec: Executor,
  uploads: Upload[],
  by: { uploadedBy?: number | null; unitId?: number | null } = {},
): Promise<StoredFile[]> {
  const store = fileStore(app.config);
  const out: StoredFile[] = [];
  for (const u of uploads) {
    if (!isIssued(u)) throw new Error('saveFiles takes only uploads returned by parseUpload (authorized and checked)');
    const id = newFileId();
    const dir = `${u.module}/${u.kind}/${id}`;
    const mainKey = `${dir}/${u.category === 'pdf' ? 'original' : 'display'}.${u.main.ext}`;
    await store.put(mainKey, u.main.bytes, u.main.type);
    const variants: Record<string, FileVariant> = {};
    if (u.thumb) {
      const key = `${dir}/thumb.${u.thumb.ext}`;
      await store.put(key, u.thumb.bytes, u.thumb.type);
      variants.thumb = { key, type: u.thumb.type, size: u.thumb.bytes.length, sha256: u.thumb.sha256, width: u.thumb.width, height: u.thumb.height };
    }
    await exec
      .insertInto('files')
      .values({
        id,
        module: u.module,
        kind: u.kind,
        name: u.name,
        type: u.main.type,
        size: u.main.bytes.length,
        sha256: u.main.sha256,
        source_size: u.source.size,
        source_sha256: u.source.sha256,
        storage_key: mainKey,
        variants: JSON.stringify(variants),
        width: u.main.width ?? null,
        height: u.main.height ?? null,
        uploaded_by: by.uploadedBy ?? null,
        unit_id: by.unitId ?? null,
      })
      .execute();
    report({ op: 'store', method: '', path: '', action: '', allowed: true, module: u.module, kind: u.kind });
    out.push({
      id, module: u.module, kind: u.kind, name: u.name, type: u.main.type, size: u.main.bytes.length, sha256: u.main.sha256,
      width: u.main.width, height: u.main.height, variants: Object.keys(variants),
    });
  }
  return out;
}

export async function findFile(exec: Executor, id: string): Promise<FileRow | undefined> {
  if (!FILE_ID.test(id)) return undefined;
  return exec.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Deletes rows; returns their object keys, to remove with removeObjects() once the transaction has committed. */
export async function deleteFiles(exec: Executor, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await exec.deleteFrom('files').where('id', 'in', ids).returning(['storage_key', 'variants']).execute();
  return rows.flatMap((r) => [r.storage_key, ...Object.values(r.variants).map((v) => v.key)]);
}

export async function removeObjects(app: AppContext, keys: string[]): Promise<void> {
  const store = fileStore(app.config);
  for (const k of keys) await store.delete(k);
}
