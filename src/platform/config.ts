// Every setting Gapura reads, validated once at boot: the platform's here (SETTINGS), each module's
// from its manifest (`settings`, validated by loadModuleSettings() when the modules load). The
// README's configuration table lists both; readme.test.ts keeps them in step.
import path from 'node:path';
import { z } from 'zod';
import { parseS3Url, type S3Location } from './files/s3-url.ts';
import { parseTrustProxy, type TrustProxy } from './http/client-ip.ts';
import type { GapuraModule, SettingSpec } from './module.ts';

/** the environment the config was read from, for the modules' settings (a symbol: never serialised) */
const ENV = Symbol('env');

export const DEV_SECRET = 'gapura-development-secret-do-not-use-in-production';

/** name → [default shown in docs, description]; the single source for the README table. */
export const SETTINGS: Record<string, [string, string]> = {
  GAPURA_ENV: ['development', 'development | production | test. Production loads no demo data and requires real secrets.'],
  PORT: ['3000', 'HTTP port.'],
  HOST: ['0.0.0.0', 'Interface to listen on.'],
  GAPURA_DATA_DIR: ['./data', 'Folder for the embedded database (pglite/) and attachments (files/, unless FILES_S3_URL is set).'],
  DATABASE_URL: ['(unset: embedded PGlite)', 'postgres://user:pass@host:5432/db to use PostgreSQL instead of PGlite.'],
  DATABASE_POOL_SIZE: ['10', 'PostgreSQL connection pool size per process.'],
  GAPURA_SECRET: ['(development default)', 'At least 32 random characters; signs CSRF tokens and one-time codes. Required in production.'],
  GAPURA_BASE_URL: ['http://localhost:3000', 'Public URL of this instance (links in emails, OIDC redirect). Required in production.'],
  GAPURA_REGION: ['palembang', 'Region pack loaded on first start (folder under region-packs/).'],
  GAPURA_DEMO: ['true outside production', 'Load demo accounts on first start and print their credentials once.'],
  SMTP_URL: ['(unset: keep mail in the outbox)', 'smtp://user:pass@host:587 to send email.'],
  SMTP_FROM: ['Gapura <no-reply@localhost>', 'Sender address of outgoing mail.'],
  SMS_WEBHOOK_URL: ['(unset: keep SMS in the outbox)', 'https:// URL of the SMS or WhatsApp gateway: each message is POSTed as JSON {id, channel, to, text}; any 2xx means accepted.'],
  SMS_WEBHOOK_TOKEN: ['', 'Sent as "Authorization: Bearer <token>" to SMS_WEBHOOK_URL.'],
  FILES_S3_URL: ['(unset: attachments in GAPURA_DATA_DIR/files)', 's3://ACCESS_KEY:SECRET_KEY@host[:port]/bucket[/prefix]?region=…&path_style=true&tls=false to keep attachments in an S3-compatible store (ADR 016).'],
  OIDC_ISSUER: ['(unset: OIDC off)', "The city identity provider's issuer URL for staff sign-in."],
  OIDC_CLIENT_ID: ['', 'OIDC client id (required with OIDC_ISSUER).'],
  OIDC_CLIENT_SECRET: ['', 'OIDC client secret (required with OIDC_ISSUER).'],
  GAPURA_TRUST_PROXY: ['false', 'Proxies in front of Gapura whose X-Forwarded-For entries are believed: false, true (= 1), the number of proxy hops (2 for CDN + load balancer), or their addresses as a comma-separated list of IPs / CIDR ranges (10.0.0.0/8,fd00::/8). The client address is the nearest one left of those proxies, never the client-written leftmost entry.'],
  GAPURA_CLOCK_FILE: ['(unset: system clock)', 'Tests only, refused in production: a file holding milliseconds to add to the clock, or an ISO instant to freeze it at (deadlines and freshness read it; see platform/clock.ts).'],
  DOCUMENTS_P12_PATH: ['(unset: a development certificate in GAPURA_DATA_DIR/documents)', 'PKCS#12 (.p12/.pfx) file whose key signs issued documents (docs/documents.md). Unset: a self-signed development certificate is generated and every document and /cek page says "sertifikat pengembangan".'],
  DOCUMENTS_P12_PASSWORD: ['', 'Password of DOCUMENTS_P12_PATH.'],
  GAPURA_WORKER: ['true', 'Run the job worker in this process (set false on web-only copies).'],
  LOG_LEVEL: ['info', 'debug | info | warn | error.'],
};

const bool = (dflt: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? dflt : ['true', '1', 'yes'].includes(v)));

export type Config = ReturnType<typeof loadConfig>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const mode = z.enum(['development', 'production', 'test']).catch('development').parse(env.GAPURA_ENV ?? 'development');
  const production = mode === 'production';
  const schema = z.object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    GAPURA_DATA_DIR: z.string().default('./data'),
    DATABASE_URL: z.url().optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    GAPURA_SECRET: z.string().optional(),
    GAPURA_BASE_URL: z.url().optional(),
    GAPURA_REGION: z.string().regex(/^[a-z0-9-]+$/).default('palembang'),
    GAPURA_DEMO: bool(!production),
    SMTP_URL: z.url().optional(),
    SMTP_FROM: z.string().default('Gapura <no-reply@localhost>'),
    SMS_WEBHOOK_URL: z.url().optional(),
    SMS_WEBHOOK_TOKEN: z.string().optional(),
    FILES_S3_URL: z.string().optional(),
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    GAPURA_TRUST_PROXY: z.string().optional(),
    GAPURA_CLOCK_FILE: z.string().optional(),
    DOCUMENTS_P12_PATH: z.string().optional(),
    DOCUMENTS_P12_PASSWORD: z.string().optional(),
    GAPURA_WORKER: bool(true),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  });
  const clean = Object.fromEntries(Object.keys(SETTINGS).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = schema.safeParse(clean);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const s = parsed.data;
  const problems: string[] = [];
  const trustProxy = parseTrustProxy(s.GAPURA_TRUST_PROXY);
  if (typeof trustProxy === 'string') problems.push(trustProxy);
  if (production) {
    if (!s.GAPURA_SECRET) problems.push('GAPURA_SECRET is missing: set it to at least 32 random characters (e.g. `openssl rand -hex 32`).');
    else if (s.GAPURA_SECRET === DEV_SECRET) problems.push('GAPURA_SECRET is the development default: set your own random value.');
    if (!s.GAPURA_BASE_URL) problems.push('GAPURA_BASE_URL is missing: set the public https:// URL of this instance.');
    if (s.GAPURA_DEMO) problems.push('GAPURA_DEMO must not be true in production.');
    if (s.GAPURA_CLOCK_FILE) problems.push('GAPURA_CLOCK_FILE is for tests: unset it in production.');
  }
  if (s.GAPURA_SECRET && s.GAPURA_SECRET.length < 32 && s.GAPURA_SECRET !== DEV_SECRET)
    problems.push('GAPURA_SECRET is too short: use at least 32 characters.');
  if (s.OIDC_ISSUER && (!s.OIDC_CLIENT_ID || !s.OIDC_CLIENT_SECRET))
    problems.push('OIDC_ISSUER is set but OIDC_CLIENT_ID or OIDC_CLIENT_SECRET is missing.');
  let filesS3: S3Location | undefined;
  if (s.FILES_S3_URL) {
    try {
      filesS3 = parseS3Url(s.FILES_S3_URL);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  if (problems.length) throw new ConfigError(`Gapura cannot start:\n  ${problems.join('\n  ')}`);

  const dataDir = path.resolve(s.GAPURA_DATA_DIR);
  const baseUrl = (s.GAPURA_BASE_URL ?? `http://localhost:${s.PORT}`).replace(/\/$/, '');
  return {
    [ENV]: env,
    /** the modules' settings by name, parsed (read them with settingsOf()) */
    settings: {} as Record<string, unknown>,
    mode,
    production,
    port: s.PORT,
    host: s.HOST,
    dataDir,
    filesDir: path.join(dataDir, 'files'),
    /** attachments in an S3-compatible bucket instead of filesDir */
    filesS3,
    databaseUrl: s.DATABASE_URL,
    poolSize: s.DATABASE_POOL_SIZE,
    secret: s.GAPURA_SECRET ?? DEV_SECRET,
    baseUrl,
    region: s.GAPURA_REGION,
    demo: s.GAPURA_DEMO,
    smtpUrl: s.SMTP_URL,
    smtpFrom: s.SMTP_FROM,
    smsWebhook: s.SMS_WEBHOOK_URL ? { url: s.SMS_WEBHOOK_URL, token: s.SMS_WEBHOOK_TOKEN } : undefined,
    oidc: s.OIDC_ISSUER ? { issuer: s.OIDC_ISSUER, clientId: s.OIDC_CLIENT_ID!, clientSecret: s.OIDC_CLIENT_SECRET! } : undefined,
    trustProxy: trustProxy as TrustProxy,
    /** the PKCS#12 file that signs issued documents (platform/documents/signer.ts) */
    documents: { p12Path: s.DOCUMENTS_P12_PATH ? path.resolve(s.DOCUMENTS_P12_PATH) : undefined, p12Password: s.DOCUMENTS_P12_PASSWORD ?? '' },
    worker: s.GAPURA_WORKER,
    clockFile: s.GAPURA_CLOCK_FILE,
    logLevel: s.LOG_LEVEL,
  };
}

/** Parse every module's settings from the environment the config came from; a bad value stops the
 *  start naming the setting, as a bad platform setting does. */
export function loadModuleSettings(config: Config, modules: GapuraModule[]): void {
  const env = config[ENV] ?? process.env;
  const problems: string[] = [];
  for (const m of modules)
    for (const [name, spec] of Object.entries(m.settings ?? {})) {
      const raw = env[name] === '' ? undefined : env[name];
      const r = spec.schema.safeParse(raw);
      if (r.success) config.settings[name] = r.data;
      else problems.push(`  ${name}: ${r.error.issues.map((i) => i.message).join('; ')} (module ${m.id}: ${spec.description})`);
    }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
}

/** A module's settings, typed by its own declaration: `settingsOf(ctx.config, settings).PARKS_LIMIT`. */
export function settingsOf<S extends Record<string, SettingSpec>>(config: Config, specs: S): { [K in keyof S]: z.output<S[K]['schema']> } {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(specs)) {
    if (!(name in config.settings)) throw new Error(`setting ${name} was not loaded: is its module in this build?`);
    out[name] = config.settings[name];
  }
  return out as { [K in keyof S]: z.output<S[K]['schema']> };
}
