// Where the bytes of uploads live: a local folder (config.filesDir, outside the web root: nothing
// serves it directly) or an S3-compatible bucket (FILES_S3_URL). Both hold write-once objects under
// '/'-separated keys such as 'complaints/photo/<id>/display.jpg'; the `files` table says which key
// belongs to what. The backup module reads and writes objects through this interface too.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AwsClient } from 'aws4fetch';
import type { Config } from '../config.ts';
import type { S3Location } from './s3-url.ts';

export interface FileStore {
  readonly kind: 'local' | 's3';
  /** for messages: the folder, or s3://host/bucket/prefix (never the credentials) */
  readonly description: string;
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** the object's bytes, or null when there is none */
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
  /** every key, sorted */
  list(): Promise<string[]>;
}

/** A key is relative, '/'-separated, without empty, '.' or '..' segments: it can never leave the store. */
export function checkKey(key: string): string {
  if (!key || key.length > 512 || !/^[A-Za-z0-9._/-]+$/.test(key) || key.split('/').some((p) => p === '' || p === '.' || p === '..'))
    throw new Error(`unsafe file key ${JSON.stringify(key)}`);
  return key;
}

export class LocalStore implements FileStore {
  readonly kind = 'local' as const;
  readonly description: string;
  /** partial writes go beside the folder, so neither a reader nor a backup ever sees half a file */
  private readonly incoming: string;
  constructor(private readonly dir: string) {
    this.description = dir;
    this.incoming = `${dir}.incoming`;
  }

  private file(key: string) {
    return path.join(this.dir, ...checkKey(key).split('/'));
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const dest = this.file(key);
    await fs.promises.mkdir(path.dirname(dest), { recursive: true });
    await fs.promises.mkdir(this.incoming, { recursive: true });
    const tmp = path.join(this.incoming, `${crypto.randomUUID()}.part`);
    try {
      await fs.promises.writeFile(tmp, bytes, { mode: 0o600, flag: 'wx' });
      await fs.promises.rename(tmp, dest);
    } finally {
      await fs.promises.rm(tmp, { force: true });
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await fs.promises.readFile(this.file(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.file(key), { force: true });
  }

  async list(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (rel: string) => {
      let entries: fs.Dirent[];
      try {
        entries = await fs.promises.readdir(path.join(this.dir, rel), { withFileTypes: true });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw e;
      }
      for (const e of entries) {
        const r = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) await walk(r);
        else if (e.isFile()) out.push(r);
      }
    };
    await walk('');
    return out.sort();
  }
}

/** An S3-compatible bucket over plain HTTP requests signed with AWS Signature V4 (aws4fetch). */
export class S3Store implements FileStore {
  readonly kind = 's3' as const;
  readonly description: string;
  private readonly aws: AwsClient;
  constructor(private readonly loc: S3Location) {
    this.description = `s3://${loc.host}/${loc.bucket}/${loc.prefix}`;
    this.aws = new AwsClient({ accessKeyId: loc.accessKeyId, secretAccessKey: loc.secretAccessKey, service: 's3', region: loc.region });
  }

  /** the bucket's base URL, ending in '/' */
  private base(): string {
    const { origin, host, bucket, pathStyle } = this.loc;
    if (pathStyle) return `${origin}/${bucket}/`;
    return `${origin.replace(host, `${bucket}.${host}`)}/`;
  }

  private url(key: string): string {
    const full = this.loc.prefix + checkKey(key);
    return this.base() + full.split('/').map(encodeURIComponent).join('/');
  }

  private async send(url: string, init: RequestInit & { what: string }): Promise<Response> {
    let res: Response;
    try {
      res = await this.aws.fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    } catch (e) {
      throw new Error(`file store ${this.description}: ${init.what} failed: ${(e as Error).message}`);
    }
    return res;
  }

  private async fail(res: Response, what: string): Promise<never> {
    const body = (await res.text().catch(() => '')).slice(0, 300);
    const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? '';
    throw new Error(`file store ${this.description}: ${what} answered ${res.status} ${code}`.trim());
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const res = await this.send(this.url(key), {
      method: 'PUT',
      body: bytes as unknown as BodyInit,
      headers: { 'content-type': contentType, 'content-length': String(bytes.byteLength) },
      what: 'upload',
    });
    if (!res.ok) await this.fail(res, 'upload');
    await res.body?.cancel();
  }

  async get(key: string): Promise<Buffer | null> {
    const res = await this.send(this.url(key), { method: 'GET', what: 'download' });
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok) await this.fail(res, 'download');
    return Buffer.from(await res.arrayBuffer());
  }

  async delete(key: string): Promise<void> {
    const res = await this.send(this.url(key), { method: 'DELETE', what: 'delete' });
    if (!res.ok && res.status !== 404) await this.fail(res, 'delete');
    await res.body?.cancel();
  }

  async list(): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const q = new URLSearchParams({ 'list-type': '2', 'max-keys': '1000' });
      if (this.loc.prefix) q.set('prefix', this.loc.prefix);
      if (token) q.set('continuation-token', token);
      const res = await this.send(`${this.base()}?${q}`, { method: 'GET', what: 'listing' });
      if (!res.ok) await this.fail(res, 'listing');
      const xml = await res.text();
      for (const m of xml.matchAll(/<Key>([^<]*)<\/Key>/g)) keys.push(unescapeXml(m[1]).slice(this.loc.prefix.length));
      token = /<IsTruncated>true<\/IsTruncated>/.test(xml) ? unescapeXml(/<NextContinuationToken>([^<]*)</.exec(xml)?.[1] ?? '') : undefined;
    } while (token);
    return keys.sort();
  }
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()];
    return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

const stores = new WeakMap<Config, FileStore>();

/** The store this configuration names (one per configuration object: tests run several side by side). */
export function fileStore(config: Config): FileStore {
  let s = stores.get(config);
  if (!s) {
    s = config.filesS3 ? new S3Store(config.filesS3) : new LocalStore(config.filesDir);
    stores.set(config, s);
  }
  return s;
}
