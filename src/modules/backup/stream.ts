// The backup file on disk: gzip-compressed JSON lines. The first line is the header; everything after
// it is the content, whose SHA-256 the header carries. The content is written to a temporary file
// first (its checksum is known only at the end) and the final file is gzip(header) followed by that
// already-compressed content: concatenated gzip members are one valid gzip stream.
import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { once } from 'node:events';

/** Writes lines through gzip to a file, counting and hashing the uncompressed bytes. */
export class LineWriter {
  private gzip = zlib.createGzip({ level: 6 });
  private out: fs.WriteStream;
  private hash = crypto.createHash('sha256');
  private failed: Error | undefined;
  bytes = 0;

  constructor(file: string) {
    this.out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
    this.gzip.pipe(this.out);
    const fail = (e: Error) => (this.failed ??= e);
    this.gzip.on('error', fail);
    this.out.on('error', fail);
  }

  /** Writes one line (a JSON value); waits when the disk is slower than the database. */
  async write(value: unknown): Promise<void> {
    if (this.failed) throw this.failed;
    const buf = Buffer.from(JSON.stringify(value) + '\n', 'utf8');
    this.hash.update(buf);
    this.bytes += buf.length;
    if (!this.gzip.write(buf)) await once(this.gzip, 'drain');
  }

  async finish(): Promise<{ sha256: string; bytes: number }> {
    this.gzip.end();
    if (!this.out.closed) await once(this.out, 'close');
    if (this.failed) throw this.failed;
    return { sha256: this.hash.digest('hex'), bytes: this.bytes };
  }

  destroy() {
    this.gzip.destroy();
    this.out.destroy();
  }
}

/** The decompressed bytes of a backup file, as a stream that fails on corrupt or truncated data. */
function decompressed(file: string): zlib.Gunzip {
  const src = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  src.on('error', (e) => gunzip.destroy(e));
  return src.pipe(gunzip);
}

/** Every line of the decompressed file, the header first. */
export async function* readLines(file: string): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  for await (const chunk of decompressed(file) as AsyncIterable<Buffer>) {
    let start = 0;
    let nl: number;
    while ((nl = chunk.indexOf(0x0a, start)) >= 0) {
      pending.push(chunk.subarray(start, nl));
      yield Buffer.concat(pending).toString('utf8');
      pending = [];
      start = nl + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length && Buffer.concat(pending).length) throw new Error('the file ends in the middle of a line');
}

/** The first line (the header) and the SHA-256 and size of everything after it. */
export async function digestContent(file: string): Promise<{ headerLine: string; sha256: string; bytes: number }> {
  const hash = crypto.createHash('sha256');
  const head: Buffer[] = [];
  let inHeader = true;
  let bytes = 0;
  for await (const chunk of decompressed(file) as AsyncIterable<Buffer>) {
    let body = chunk;
    if (inHeader) {
      const nl = chunk.indexOf(0x0a);
      if (nl < 0) {
        head.push(chunk);
        // a header is a few kilobytes per table; anything this long is not a Gapura backup
        if (head.reduce((n, b) => n + b.length, 0) > 64 * 1024 * 1024) throw new Error('no header line');
        continue;
      }
      head.push(chunk.subarray(0, nl));
      body = chunk.subarray(nl + 1);
      inHeader = false;
    }
    hash.update(body);
    bytes += body.length;
  }
  if (inHeader) throw new Error('no header line');
  return { headerLine: Buffer.concat(head).toString('utf8'), sha256: hash.digest('hex'), bytes };
}

/** gzip(header line) + the compressed content file, written beside `file` and renamed into place. */
export async function assemble(file: string, headerLine: string, contentGz: string): Promise<void> {
  const partial = `${file}.partial`;
  const out = fs.createWriteStream(partial, { flags: 'wx', mode: 0o600 });
  try {
    out.write(zlib.gzipSync(Buffer.from(headerLine + '\n', 'utf8')));
    for await (const chunk of fs.createReadStream(contentGz)) {
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const fd = fs.openSync(partial, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(partial, file);
  } catch (e) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw e;
  }
}
