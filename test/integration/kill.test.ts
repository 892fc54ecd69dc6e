// THE KILL TESTS: a process commits a notification (or publishes an event) and is SIGKILLed the same
// instant, before any worker ran. Another process opens the same database and its worker delivers
// the message once, through a real SMTP server (or the event to every subscriber). On PGlite the
// child writes to a data folder on disk (and the parent finds the database recovered); with
// DATABASE_URL, both use a throwaway PostgreSQL database.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { throwawayDatabaseUrl } from '../helpers.ts';
import { startSmtp } from '../smtp.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createContext } from '../../src/platform/boot.ts';
import { createLogger } from '../../src/platform/log.ts';
import { modules } from '../../src/modules/index.ts';
import { deliveries, eventModules } from '../fixtures/event-modules.ts';
import { runDueJobs } from '../../src/platform/jobs/worker.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function runChild(env: Record<string, string>, args: string[]): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/commit-then-die.ts', ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // the test stops by itself even if the child hangs
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** A data folder and (with DATABASE_URL) a PostgreSQL database of its own, removed afterwards. */
async function freshEnv(): Promise<Record<string, string>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-kill-'));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const pg = await throwawayDatabaseUrl();
  if (pg) cleanups.push(() => pg.drop());
  return { GAPURA_ENV: 'test', GAPURA_DATA_DIR: dataDir, DATABASE_URL: pg?.url ?? '' };
}

describe('a notification committed just before the process is killed', () => {
  it('is delivered exactly once by the next process, its code sealed until then', { timeout: 120_000 }, async () => {
    const env = await freshEnv();
    const smtp = await startSmtp();
    cleanups.push(() => smtp.close());

    const child = await runChild(env, ['message', 'warga@example.test', '482913']);
    expect(child.stdout).toBe('committed\n');
    expect(child.signal).toBe('SIGKILL');

    const ctx = await createContext(loadConfig({ ...env, SMTP_URL: smtp.url, SMTP_FROM: 'Pemkot <noreply@example.test>' }), modules, {
      seed: false,
      log: createLogger('error', () => {}),
    });
    cleanups.push(() => ctx.database.close());
    const before = await ctx.db.selectFrom('messages').selectAll().execute();
    expect(before).toHaveLength(1);
    // the stored copy never held the code: only the delivery job's sealed copy does
    expect(before[0]).toMatchObject({ status: 'queued', recipient: 'warga@example.test', subject: 'Kode verifikasi ••••••', body: 'Kode verifikasi Anda: ••••••' });
    const queued = await ctx.db.selectFrom('jobs').selectAll().execute();
    expect(JSON.stringify([before, queued])).not.toContain('482913');

    expect(await runDueJobs(ctx)).toBe(1);
    expect(await runDueJobs(ctx)).toBe(0);
    const after = await ctx.db.selectFrom('messages').selectAll().executeTakeFirstOrThrow();
    expect(after.status).toBe('sent');
    expect(after.sent_at).not.toBeNull();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].to).toEqual(['warga@example.test']);
    expect(smtp.received[0].from).toBe('noreply@example.test');
    expect(smtp.received[0].raw).toContain('Subject: Kode verifikasi 482913');
    expect(smtp.received[0].raw).toContain('Kode verifikasi Anda: 482913');
    const jobs = await ctx.db.selectFrom('jobs').selectAll().execute();
    expect(jobs).toHaveLength(1);
    expect(jobs[0].done_at).not.toBeNull();
    // delivered: the sealed copy is gone too
    expect(jobs[0].payload).toEqual({ messageId: after.id });
    expect(after.subject).toBe('Kode verifikasi ••••••');
  });
});

describe('an event published just before the process is killed', () => {
  it('reaches every subscriber once in the next process', { timeout: 120_000 }, async () => {
    const env = await freshEnv();
    const child = await runChild(env, ['event', '7301']);
    expect(child.stdout).toBe('committed\n');
    expect(child.signal).toBe('SIGKILL');

    const ctx = await createContext(loadConfig(env), [...modules, ...eventModules], { seed: false, log: createLogger('error', () => {}) });
    cleanups.push(() => ctx.database.close());
    const jobs = await ctx.db.selectFrom('jobs').select(['name', 'done_at']).orderBy('name').execute();
    expect(jobs).toEqual([
      { name: 'on:evsuba:evpub.parcel.sent', done_at: null },
      { name: 'on:evsubb:evpub.parcel.sent', done_at: null },
    ]);
    expect(await runDueJobs(ctx)).toBe(2);
    expect(await runDueJobs(ctx)).toBe(0);
    expect(deliveries.map((d) => d.module).sort()).toEqual(['evsuba', 'evsubb']);
    for (const d of deliveries) expect(d.payload).toEqual({ parcelId: 7301, to: 'Kelurahan 20 Ilir D-I' });
    expect(deliveries[0].event.id).toBe(deliveries[1].event.id);
  });
});
