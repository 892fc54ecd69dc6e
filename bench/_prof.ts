import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { prepareSignedIn } from './session.ts';
import { createThrowawayDatabase } from '../test/e2e/server.ts';
const kind = process.argv[2] ?? 'pg';
const port = 3999;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prof-'));
const env: Record<string,string> = { GAPURA_ENV: 'production', GAPURA_DEMO: 'false', GAPURA_SECRET: crypto.randomBytes(32).toString('hex'), GAPURA_BASE_URL: `http://127.0.0.1:${port}`, GAPURA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), PATH: process.env.PATH! };
let db;
if (kind === 'pg') { db = await createThrowawayDatabase('postgres://postgres@127.0.0.1:5433/postgres', 'prof'); env.DATABASE_URL = db.url; }
const { cookie } = await prepareSignedIn(env);
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof/out', '--import', 'tsx', 'src/main.ts'], { cwd: '/work/main', env, stdio: 'inherit' });
for (let i = 0; i < 200; i++) { try { const r = await fetch(`http://127.0.0.1:${port}/healthz`); if (r.ok) break; } catch {} await new Promise(r => setTimeout(r, 200)); }
const r = await autocannon({ url: `http://127.0.0.1:${port}${process.argv[3] ?? '/'}`, connections: 10, duration: 8, headers: { cookie, accept: 'text/html', 'accept-encoding': 'br, gzip' } });
console.log('rps', r.requests.average, 'non2xx', r.non2xx);
child.kill('SIGINT');
await new Promise(r => child.on('exit', r));
await db?.drop();
