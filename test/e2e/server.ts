// Starting the real Gapura server as a child process, exactly as `npm start` does, on a free port of
// 127.0.0.1 with its own data folder. Used by the browser tests and by bench/home.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** everything the server printed on stdout so far (demo credentials are printed at first start) */
  stdout(): string;
  stderr(): string;
  stop(): Promise<void>;
}

/** A throwaway database on the PostgreSQL server named by `adminUrl` (like test/helpers.ts). */
export async function createThrowawayDatabase(adminUrl: string, prefix = 'gapura_e2e') {
  const pg = (await import('pg')).default;
  const name = `${prefix}_${crypto.randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface StartOptions {
  /** extra environment (e.g. DATABASE_URL); GAPURA_ENV defaults to development so demo data loads */
  env?: Record<string, string>;
  /** the module to run instead of src/main.ts (bench/bare-server.ts) */
  entry?: string;
  timeoutMs?: number;
  /** a data folder prepared beforehand (bench/session.ts); removed on stop like a fresh one */
  dataDir?: string;
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', opts.entry ?? 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      GAPURA_ENV: 'development',
      GAPURA_DATA_DIR: dataDir,
      GAPURA_BASE_URL: `http://127.0.0.1:${port}`,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  let exitCode = null as number | null; // set by the exit handler (a plain `= null` narrows it to null for good)
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exitCode = code ?? (signal ? 128 : -1);
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const server: RunningServer = {
    url,
    port,
    dataDir,
    child,
    stdout: () => out,
    stderr: () => err,
    async stop() {
      if (exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };

  const until = Date.now() + (opts.timeoutMs ?? 120_000);
  while (Date.now() < until) {
    if (exitCode !== null) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`server exited with status ${exitCode} before it was healthy:\n${err || out}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return server;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  await server.stop();
  throw new Error(`server did not become healthy within ${(opts.timeoutMs ?? 120_000) / 1000} s:\n${err || out}`);
}

export interface DemoStaff {
  role: string;
  email: string;
  password: string;
  /** base32 authenticator secret, spaces removed (admins only) */
  totpSecret?: string;
}

/** The demo staff accounts the server prints once at first start (src/modules/staff/demo.ts). */
export function parseDemoStaff(stdout: string): DemoStaff[] {
  const people: DemoStaff[] = [];
  for (const line of stdout.split('\n')) {
    const m = line.match(/^Staff \(([a-z_]+),.*\):\s+(\S+@\S+)\s+password:\s+(\S+)/);
    if (m) {
      people.push({ role: m[1], email: m[2], password: m[3] });
      continue;
    }
    const s = line.match(/^\s+authenticator secret:\s+([A-Z2-7 ]+)\s*$/);
    if (s && people.length) people[people.length - 1].totpSecret = s[1].replace(/\s+/g, '');
  }
  return people;
}
