// The Open311 GeoReport v2 part of the complaints module, as the pieces its manifest (../module.ts)
// spreads in: migration, settings, errors and their format on /open311/v2, paths, permissions,
// strings, and the routes (the API and the back-office keys page).
import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext, Env } from '../../../platform/http/context.ts';
import { settingsOf } from '../../../platform/config.ts';
import type { ErrorFormat, ModulePaths } from '../../../platform/module.ts';
import * as keys from './migrations/001_open311_keys.ts';
import * as formKey from './migrations/002_form_key.ts';
import { OPEN311_PREFIX, open311ErrorFormat, open311Errors } from './errors.ts';
import { open311Locales } from './locales.ts';
import { open311Routes, type CreateFromOpen311 } from './routes.ts';
import { keysRoutes } from './keys-routes.tsx';
import { KEYS_PATH } from './views/keys.tsx';

export const open311Settings = {
  PENGADUAN_OPEN311_JURISDICTION: {
    default: '',
    description: 'The jurisdiction_id Open311 clients may send (another value answers 404); empty: the host name of GAPURA_BASE_URL.',
    schema: z.string().max(200).default(''),
  },
  PENGADUAN_OPEN311_CONTACT: {
    default: '',
    description: 'Contact shown in /open311/v2/discovery for client developers (an email address or page); empty: the base URL.',
    schema: z.string().max(300).default(''),
  },
  PENGADUAN_OPEN311_POSTS_PER_HOUR: {
    default: '100',
    description: 'Open311 POST requests one API key may make per hour before it is slowed down (1–100000).',
    schema: z.coerce.number().int().min(1).max(100000).default(100),
  },
  PENGADUAN_OPEN311_TIMEZONE: {
    default: 'Asia/Jakarta',
    description: 'Time zone of the datetimes Open311 answers (W3C with offset): Asia/Jakarta, Asia/Makassar or Asia/Jayapura.',
    schema: z.enum(['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura']).default('Asia/Jakarta'),
  },
};

export const open311 = {
  migrations: { '900_open311_keys': keys, '901_open311_form_key': formKey },
  settings: open311Settings,
  errors: open311Errors,
  errorFormats: [{ prefix: OPEN311_PREFIX, format: open311ErrorFormat }] satisfies ErrorFormat[],
  paths: { public: [OPEN311_PREFIX], machine: [OPEN311_PREFIX] } satisfies ModulePaths,
  permissions: {
    // GeoReport is public: reading is anyone's, posting needs an api_key (checked in the route)
    'pengaduan.open311': { public: true },
    'pengaduan.open311_keys': { roles: ['platform_admin'], anyUnit: true },
  },
  locales: open311Locales,
  nav: { href: KEYS_PATH, label: 'pengaduan.open311.nav', order: 95, action: 'pengaduan.open311_keys' },
  routes(app: Hono<Env>, ctx: AppContext, create: CreateFromOpen311): void {
    const s = settingsOf(ctx.config, open311Settings);
    const base = new URL(ctx.config.baseUrl);
    open311Routes(app, ctx, {
      jurisdiction: s.PENGADUAN_OPEN311_JURISDICTION || base.host,
      contact: s.PENGADUAN_OPEN311_CONTACT || base.origin,
      postsPerHour: s.PENGADUAN_OPEN311_POSTS_PER_HOUR,
      timeZone: s.PENGADUAN_OPEN311_TIMEZONE,
      create,
    });
    keysRoutes(app, ctx);
  },
};
