import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClock, writeClockFile } from './clock.ts';

describe('clock', () => {
  it('is the real time by default', () => {
    const c = createClock();
    expect(Math.abs(c.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('freezes and advances for in-process tests', () => {
    const c = createClock();
    c.set(new Date('2026-12-02T01:00:00Z'));
    expect(c.now().toISOString()).toBe('2026-12-02T01:00:00.000Z');
    c.advance(86_400_000);
    expect(c.now().toISOString()).toBe('2026-12-03T01:00:00.000Z');
    c.set(undefined);
    expect(Math.abs(c.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('reads an offset or an instant from GAPURA_CLOCK_FILE', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clock-')), 'clock');
    const c = createClock({ file });
    expect(Math.abs(c.now().getTime() - Date.now())).toBeLessThan(1000); // missing file: real time
    writeClockFile(file, 10 * 86_400_000);
    await new Promise((r) => setTimeout(r, 120));
    expect(c.now().getTime() - Date.now()).toBeGreaterThan(10 * 86_400_000 - 1000);
    writeClockFile(file, new Date('2027-01-04T02:00:00Z'));
    await new Promise((r) => setTimeout(r, 120));
    expect(c.now().toISOString()).toBe('2027-01-04T02:00:00.000Z');
    fs.writeFileSync(file, 'not a time');
    await new Promise((r) => setTimeout(r, 120));
    expect(Math.abs(c.now().getTime() - Date.now())).toBeLessThan(1000);
  });
});
