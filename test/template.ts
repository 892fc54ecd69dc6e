// What the template database (test/global-setup.ts) is built with, and when a test may start from it.
export const TEMPLATE_DUMP_ENV = 'GAPURA_TEST_PGLITE_TEMPLATE';
export const TEMPLATE_DB_ENV = 'GAPURA_TEST_PG_TEMPLATE';

export const templateEnv = (dataDir: string): Record<string, string> => ({
  GAPURA_ENV: 'test',
  GAPURA_DATA_DIR: dataDir,
  GAPURA_BASE_URL: 'http://localhost:3000',
});

/** settings that change what the seeds write (another region, demo data, another key for sealed columns) */
const SEED_SETTINGS = ['GAPURA_REGION', 'GAPURA_DEMO', 'GAPURA_ENV', 'GAPURA_SECRET', 'GAPURA_BASE_URL'];

export function templateEligible(opts: { env?: Record<string, string>; modules?: unknown; seed?: boolean }): boolean {
  if (opts.modules || opts.seed === false) return false;
  return !Object.keys(opts.env ?? {}).some((k) => SEED_SETTINGS.includes(k));
}
