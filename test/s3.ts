// A real S3-compatible server on 127.0.0.1 (a random port) for tests: s3rver from npm, which speaks
// the S3 REST API (PUT/GET/DELETE object, ListObjectsV2) over a temporary folder. s3rver 3 checks
// that an access key exists but not Signature V4, so a small front on another port verifies every
// request's SigV4 signature (written here from AWS's specification, independently of the client)
// and passes the good ones on: a wrong secret or a badly signed request is refused as S3 would.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';

export interface TestS3 {
  /** FILES_S3_URL for this server and bucket */
  url: (bucket: string, prefix?: string) => string;
  /** requests refused for their signature so far */
  refused: number;
  close(): Promise<void>;
}

// s3rver's built-in account
const ACCESS = 'S3RVER';
const SECRET = 'S3RVER';

export async function startS3(buckets: string[]): Promise<TestS3> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: buckets.map((name) => ({ name })) });
  const { port: backend } = (await server.run()) as { port: number };
  const state = { refused: 0 };
  const front = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const problem = checkSigV4(req, body);
      if (problem) {
        state.refused++;
        res.writeHead(403, { 'content-type': 'application/xml' });
        const code = problem === 'unknown access key' ? 'InvalidAccessKeyId' : 'SignatureDoesNotMatch';
        res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${problem}</Message></Error>`);
        return;
      }
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'connection').map(([k, v]) => [k, String(v)]));
      fetch(`http://127.0.0.1:${backend}${req.url}`, { method: req.method, headers, body: ['GET', 'HEAD'].includes(req.method!) ? undefined : body })
        .then(async (r) => {
          res.writeHead(r.status, Object.fromEntries([...r.headers].filter(([k]) => !['content-length', 'transfer-encoding', 'connection'].includes(k))));
          res.end(Buffer.from(await r.arrayBuffer()));
        })
        .catch(() => {
          res.writeHead(502);
          res.end();
        });
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const port = (front.address() as import('node:net').AddressInfo).port;
  return {
    url: (bucket, prefix) => `s3://${ACCESS}:${SECRET}@127.0.0.1:${port}/${bucket}${prefix ? `/${prefix}` : ''}?path_style=true&tls=false`,
    get refused() {
      return state.refused;
    },
    async close() {
      await new Promise<void>((resolve) => front.close(() => resolve()));
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
const hmac = (key: crypto.BinaryLike, data: string) => crypto.createHmac('sha256', key).update(data).digest();
const hex = (data: crypto.BinaryLike) => crypto.createHash('sha256').update(data).digest('hex');

/** AWS Signature Version 4 (header form) for service s3; undefined when the signature is right. */
function checkSigV4(req: http.IncomingMessage, body: Buffer): string | undefined {
  const auth = req.headers.authorization ?? '';
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return 'not a SigV4 Authorization header';
  const [, access, date, region, signed, signature] = m;
  if (access !== ACCESS) return 'unknown access key';
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (!amzDate.startsWith(date)) return 'x-amz-date does not match the credential scope';
  const payload = String(req.headers['x-amz-content-sha256'] ?? '');
  if (payload !== 'UNSIGNED-PAYLOAD' && payload !== hex(body)) return 'x-amz-content-sha256 does not match the body';
  const url = new URL(req.url!, 'http://x');
  const query = [...url.searchParams].map(([k, v]) => [enc(k), enc(v)]).sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join('&');
  const names = signed.split(';');
  if (!names.includes('host')) return 'host is not signed';
  const headerLines = names.map((n) => `${n}:${String(req.headers[n] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonical = [req.method, url.pathname, query, headerLines, signed, payload].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${SECRET}`, date), region), 's3'), 'aws4_request');
  return crypto.createHmac('sha256', key).update(toSign).digest('hex') === signature ? undefined : 'signature does not match';
}
