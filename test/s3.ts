// A real S3-compatible server on 127.0.0.1 (a random port) for tests: s3rver from npm, which speaks
// the S3 REST API (PUT/GET/DELETE object, ListObjectsV2) over a temporary folder. It checks that the
// access key exists but, in its version 3, does not verify Signature V4 itself (ADR 016).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';

export interface TestS3 {
  /** FILES_S3_URL for this server and bucket */
  url: (bucket: string, prefix?: string) => string;
  close(): Promise<void>;
}

export async function startS3(buckets: string[]): Promise<TestS3> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: buckets.map((name) => ({ name })) });
  const { port } = (await server.run()) as { port: number };
  return {
    // s3rver's built-in account: access key and secret are both S3RVER
    url: (bucket, prefix) => `s3://S3RVER:S3RVER@127.0.0.1:${port}/${bucket}${prefix ? `/${prefix}` : ''}?path_style=true&tls=false`,
    async close() {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
