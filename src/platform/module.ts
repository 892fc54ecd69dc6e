// The contract every module follows. A module declares everything it brings in one manifest —
// routes, API, permissions, jobs, migrations, strings, navigation, CLI commands, seeds — and the
// platform wires it in. Adding a module means writing its folder and listing it in modules/index.ts.
import type { Migration } from 'kysely';
import type { Hono } from 'hono';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppContext, Env } from './http/context.ts';
import type { Dict, Locale } from './i18n/index.ts';
import type { PermissionRule } from './access/can.ts';
import type { JobHandler } from './jobs/queue.ts';
import type { TemplateSet } from './notify/templates.ts';
import type { EventName, Subscriptions } from './events/index.ts';
import type { Executor } from './db/index.ts';

export interface NavItem {
  href: string;
  /** i18n key of the label */
  label: string;
  order: number;
  /** staff menu: the action a person must be allowed to see it */
  action?: string;
}

export interface CliCommand {
  usage: string;
  run(args: string[], ctx: AppContext): Promise<number>;
  /** 'bare': open the database only, no migrations or seeds (e.g. backup/restore must not write
   *  seed data first); 'none': no context at all. Default: migrate and seed. */
  boot?: 'none' | 'bare';
}

export interface SearchHit {
  title: string;
  href: string;
  snippet?: string;
  /** i18n key naming what kind of thing this is, e.g. 'units.kind.kelurahan' */
  kind: string;
  /** lower comes first: 0 for pages (platform/search/pages.ts), 1 (the default) for records */
  rank?: number;
}

export interface GapuraModule {
  id: string;
  migrations?: Record<string, Migration>;
  locales?: { id: Dict; en: Dict };
  permissions?: Record<string, PermissionRule>;
  nav?: { portal?: NavItem[]; staff?: NavItem[] };
  /** HTML pages: portal and /petugas */
  routes?: (app: Hono<Env>, ctx: AppContext) => void;
  /** JSON endpoints under /api, documented in /openapi.json */
  api?: (api: OpenAPIHono<Env>, ctx: AppContext) => void;
  jobs?: Record<string, JobHandler>;
  /** the events this module publishes with publish() (platform/events): each named '<id>.<what>', its
   *  payload type declared once by extending EventPayloads from this module's folder */
  events?: readonly EventName[];
  /** subscriptions: event name → handler, run after the publishing transaction committed, at least
   *  once, as a durable job of this module's own (a failure retries this subscriber only) */
  on?: Subscriptions;
  cli?: Record<string, CliCommand>;
  /** contributes results to the site search (/cari): every match (the portal counts and pages
   *  them), its pages through platform/search/pages.ts */
  search?: (q: string, ctx: AppContext, locale: Locale) => Promise<SearchHit[]>;
  /** public information pages this module offers, listed on /informasi (the menu entry appears
   *  only when at least one module contributes) */
  information?: { order: number; title: string; body: string; href: string }[];
  /** cards on the home page, in order; `offer` (i18n key, a short phrase such as "cari alamat kantor")
   *  joins the home page's promise, and /daftar's too when the card needs an `account` */
  home?: { order: number; title: string; body: string; href: string; offer?: string; account?: boolean }[];
  /** message templates (email/SMS) in both languages, used with sendMessage(); `secret` names the
   *  parameters (one-time codes) that are never stored readable */
  templates?: Record<string, TemplateSet>;
  /** the citizen's personal data this module holds (UU 27/2022 PDP): export and erase */
  personalData?: {
    export(tx: Executor, userId: number): Promise<Record<string, unknown>>;
    erase(tx: Executor, userId: number): Promise<void>;
  };
  /** runs on every start after migrations; must be idempotent */
  seed?: (ctx: AppContext) => Promise<void>;
  /** demo data, only when GAPURA_DEMO is on; returns lines to print once */
  demo?: (ctx: AppContext) => Promise<string[]>;
  /** uploads this module accepts (platform/files, ADR 016), per kind: the largest file in bytes, how
   *  many files one upload may carry, and what content is accepted (detected from the bytes) */
  files?: Record<string, { maxBytes: number; maxCount: number; accept: ('image' | 'pdf')[] }>;
}

export function defineModule(m: GapuraModule): GapuraModule {
  return m;
}
