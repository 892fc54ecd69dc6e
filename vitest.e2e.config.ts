// Browser tests (test/e2e): each file starts the real server and Debian's Chromium. Run with
// `npm run test:e2e`, which skips them, saying so, when /usr/bin/chromium is missing.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 180_000, // a crawl of every back-office page on a loaded 2-core runner
    hookTimeout: 180_000,
    pool: 'forks',
    // a server and a browser per file: two files at a time fill CI's two cores
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
