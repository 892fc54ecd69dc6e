// The time as the modules see it: deadlines, freshness ("belum diperbarui sejak …"), overdue lists.
// Production reads the system clock. Tests move time without waiting: in-process tests call
// `ctx.clock.set(...)` / `advance(ms)`; browser tests start the server with GAPURA_CLOCK_FILE and
// write an offset into that file (read at most every 100 ms). Sessions, rate limits and job leases keep
// using the real time (Date.now()): moving the clock must not sign people out or unlock limits.
import fs from 'node:fs';

export interface Clock {
  now(): Date;
  /** tests: freeze the clock at an instant (undefined: back to real time plus the offset) */
  set(at: Date | undefined): void;
  /** tests: move the clock forward (or back, negative ms) */
  advance(ms: number): void;
}

/**
 * `file` (GAPURA_CLOCK_FILE, refused in production): its content is either a number of milliseconds
 * to add to the real time ("864000000" = ten days on) or an ISO instant to freeze at. A missing or
 * empty file means the real time.
 */
export function createClock(opts: { file?: string } = {}): Clock {
  let offset = 0;
  let frozen: Date | undefined;
  let fileRead = 0;
  let fileValue: { offset: number } | { at: Date } | undefined;

  const readFile = () => {
    if (!opts.file) return undefined;
    if (Date.now() - fileRead < 100) return fileValue;
    fileRead = Date.now();
    let text = '';
    try {
      text = fs.readFileSync(opts.file, 'utf8').trim();
    } catch {
      text = '';
    }
    if (!text) fileValue = undefined;
    else if (/^[+-]?\d+$/.test(text)) fileValue = { offset: Number(text) };
    else {
      const at = new Date(text);
      fileValue = Number.isNaN(at.getTime()) ? undefined : { at };
    }
    return fileValue;
  };

  return {
    now() {
      if (frozen) return new Date(frozen.getTime() + offset);
      const f = readFile();
      if (f && 'at' in f) return new Date(f.at.getTime() + offset);
      return new Date(Date.now() + offset + (f?.offset ?? 0));
    },
    set(at) {
      frozen = at;
      offset = 0;
    },
    advance(ms) {
      offset += ms;
    },
  };
}

/** Write the offset a server started with GAPURA_CLOCK_FILE reads (browser tests). */
export function writeClockFile(file: string, value: number | Date): void {
  fs.writeFileSync(file, typeof value === 'number' ? String(Math.round(value)) : value.toISOString());
}
