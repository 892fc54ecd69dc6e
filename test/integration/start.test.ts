// The README's first command, as a new user runs it: a real process, a real data folder.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return { child, exited, output: () => out, errors: () => err };
}

async function waitHealthy(port: number, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return await res.json();
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become healthy');
}

describe('starting Gapura', () => {
  it('refuses to start in production without secrets and says which setting is missing', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-prod-'));
    dirs.push(dataDir);
    const p = start({ GAPURA_ENV: 'production', GAPURA_DATA_DIR: dataDir });
    const code = await p.exited;
    expect(code).not.toBe(0);
    expect(p.errors()).toContain('GAPURA_SECRET is missing');
    expect(p.errors()).toContain('GAPURA_BASE_URL is missing');
  });

  it('serves on the embedded database and keeps data across a restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-start-'));
    dirs.push(dataDir);
    const port = await freePort();
    const env = { GAPURA_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
    const first = start(env);
    expect(await waitHealthy(port)).toEqual({ status: 'ok', database: 'pglite' });
    // the start line names the address it listens on (HOST=127.0.0.1), not localhost
    expect(first.output()).toContain(`"url":"http://127.0.0.1:${port}"`);
    const home = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    expect(home).toContain('<html lang="id">');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(true);

    const second = start(env);
    await waitHealthy(port);
    // the second start finds its migrations applied: nothing to do
    expect(second.output()).not.toContain('migrations applied');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
