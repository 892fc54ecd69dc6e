// `node --import tsx bench/profile.ts [pg|pglite] [path]`: a CPU profile of one signed-in page.
// Starts Gapura (production settings, one prepared signed-in citizen, see bench/session.ts) under
// `node --cpu-prof`, loads the page for 8 s with autocannon from this process, stops the server and
// leaves the .cpuprofile in bench-profiles/ (open it in Chrome DevTools or speedscope). pg needs
// DATABASE_URL (a server where a throwaway database may be created). 127.0.0.1 only; stops by itself.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { prepareSignedIn } from './session.ts';
import { createThrowawayDatabase, freePort, ROOT } from '../test/e2e/server.ts';

const kind = process.argv[2] ?? 'pglite';
const page = process.argv[3] ?? '/';
const port = await freePort();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-profile-'));
const outDir = path.join(ROOT, 'bench-profiles');
const env: Record<string, string> = {
  GAPURA_ENV: 'production', GAPURA_DEMO: 'false', GAPURA_SECRET: crypto.randomBytes(32).toString('hex'),
  GAPURA_BASE_URL: `http://127.0.0.1:${port}`, GAPURA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), PATH: process.env.PATH ?? '',
};
let db: { drop(): Promise<void> } | undefined;
if (kind === 'pg') {
  if (!process.env.DATABASE_URL) throw new Error('pg needs DATABASE_URL');
  const d = await createThrowawayDatabase(process.env.DATABASE_URL, 'gapura_profile');
  db = d;
  env.DATABASE_URL = d.url;
}
const { cookie } = await prepareSignedIn(env);
const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${outDir}`, '--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: 'inherit' });
for (let i = 0; i < 300; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
  } catch { /* not listening yet */ }
  await new Promise((r) => setTimeout(r, 200));
}
const r = await autocannon({ url: `http://127.0.0.1:${port}${page}`, connections: 10, duration: 8, headers: { cookie, accept: 'text/html', 'accept-encoding': 'br, gzip' } });
process.stdout.write(`${page}: ${Math.round(r.requests.average)} req/s, ${r.non2xx} non-2xx; profile in ${outDir}\n`);
child.kill('SIGINT');
await new Promise((res) => child.on('exit', res));
await db?.drop();
fs.rmSync(dataDir, { recursive: true, force: true });
