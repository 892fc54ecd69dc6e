// `npm run test:e2e`: the browser tests when Debian's Chromium is installed; otherwise say clearly
// that they were skipped (and how to get them) and succeed, so `npm test` works on a bare machine.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const CHROMIUM = '/usr/bin/chromium'; // Debian's package; browser.ts launches the same file
const ROOT = path.resolve(import.meta.dirname, '../..');

if (!fs.existsSync(CHROMIUM)) {
  process.stdout.write(`\nBrowser tests SKIPPED: ${CHROMIUM} not found (apt-get install chromium)\n\n`);
  process.exit(0);
}
const vitest = `${ROOT}/node_modules/vitest/vitest.mjs`;
const r = spawnSync(process.execPath, [vitest, 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
process.exit(r.status ?? 1);
