import { defineConfig } from 'vitest/config';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'hono/jsx' },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/integration/**/*.test.ts'],
    // one migrated, seeded template database per run, which each test file's database copies
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000, // a ceiling for a hung test, not a speed check (bench/ measures speed)
    hookTimeout: 60_000,
    pool: 'forks',
    // PGlite instances are heavy; two workers match CI's two cores
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
