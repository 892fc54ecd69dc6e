// The contract every module follows. A module declares everything it brings in one manifest —
// routes, API, permissions, jobs, migrations, strings, navigation, CLI commands, seeds, errors,
// settings, roles, statistics, open-data exports, paths — and the platform wires it in. Adding a
// module means writing its folder and listing it in modules/index.ts. The manifest is checked when
// the modules load (platform/modules.ts): a clash or an unprefixed name stops the start.
import type { Migration } from 'kysely';
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppContext, Env } from './http/context.ts';
import type { Dict, Locale } from './i18n/index.ts';
import type { PermissionRule } from './access/can.ts';
import type { JobHandler } from './jobs/queue.ts';
import type { TemplateSet } from './notify/templates.ts';
import type { EventName, Subscriptions } from './events/index.ts';
import type { Executor } from './db/index.ts';
import type { AppError } from './http/errors.ts';
import type { FreshnessItem } from './freshness/index.ts';
import type { SearchItem } from './search/index.ts';

/** One page in /sitemap.xml: a path on this site and when it last changed (if known). */
export interface SitemapEntry {
  path: string;
  lastmod?: Date | null;
}

export interface NavItem {
  href: string;
  /** i18n key of the label */
  label: string;
  order: number;
  /** staff menu: the action a person must be allowed to see it */
  action?: string;
  /** shown only while this returns true, e.g. contentFlag().visible (platform/freshness): a section
   *  with no current content has no menu entry, never a blank page */
  when?: () => boolean;
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

/** An error code a module owns: the HTTP status it answers with and the i18n key of its message. */
export interface ErrorSpec {
  status: number;
  /** i18n key of the message shown to people */
  message: string;
}

/**
 * A path prefix whose errors a module formats itself (e.g. Open311's `[{"code","description"}]`,
 * CKAN's `{"success":false,"error":{…}}`). The formatter does its own content negotiation.
 */
export interface ErrorFormat {
  /** '/open311/v2': matches the prefix itself and everything below it */
  prefix: string;
  format(c: Context<Env>, err: AppError): Response | Promise<Response>;
}

/** One environment setting a module reads, validated at boot with the platform's own. */
export interface SettingSpec<S extends z.ZodType = z.ZodType> {
  /** the default as the README shows it ('20', '(unset: off)') */
  default: string;
  description: string;
  /** parses the raw value (a string, or undefined when unset or empty); give it its own .default() */
  schema: S;
}

/** A named figure a module computes per unit and period (the evaluation dashboards read these). */
export interface StatQuery {
  /** a unit and everything below it; undefined = the whole region */
  unitId?: number;
  /** period, inclusive start and exclusive end */
  from: Date;
  to: Date;
}
export type StatRow = { label: string; value: number };
export interface StatSpec {
  /** i18n key of the figure's name */
  label: string;
  /** a single number, or a breakdown (label → value), e.g. per category */
  compute(ctx: AppContext, q: StatQuery): Promise<number | StatRow[]>;
}

/** A column of an open-data dataset. */
export interface DatasetField {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime';
  /** i18n key */
  description?: string;
}
/** A dataset a module offers as open data (the open-data module publishes it as CSV and JSON). */
export interface DatasetSpec {
  /** i18n key of the title */
  title: string;
  /** i18n key */
  description?: string;
  fields: DatasetField[];
  /** code of the unit that publishes it (an organization in the CKAN API); a function for one that
   *  depends on the region pack. Default: the region itself. */
  owner?: string | ((ctx: AppContext) => string | Promise<string>);
  /** the rows, one object per row keyed by field name; only public data, never personal data */
  rows(ctx: AppContext): Promise<Record<string, unknown>[]>;
}

export interface ModulePaths {
  /** prefixes of pages anyone may open ('/kalender'); the access-matrix test visits each one */
  public?: string[];
  /** prefixes of pages that differ per person or carry secrets: never page-cached, sent with
   *  `cache-control: no-store`. Everything under the staff area (/petugas) is private already. */
  private?: string[];
  /** prefixes whose errors are JSON in the platform's {"error":{code,message,fields}} shape */
  json?: string[];
  /** prefixes of machine-client APIs with their own credentials (an api_key, not a cookie), like
   *  /api/: a request there WITHOUT a session needs no CSRF token (nothing ambient to abuse) */
  machine?: string[];
  /** the sign-in page a 401 sends a person to: one module declares each */
  signIn?: { citizen?: string; staff?: string };
  /** pages of the staff area open without a staff session (the sign-in steps themselves) */
  staffOpen?: RegExp[];
}

export interface GapuraModule {
  /** lower case letters, digits and _; every name the module declares starts with `<id>.` */
  id: string;
  /** ids of modules this one needs: they load (seed, migrate) before it, and its migrations may
   *  reference their tables. A missing or cyclic requirement stops the start. */
  requires?: string[];
  /** keyed by LOCAL names, '001_<what>', files in src/modules/<id>/migrations/; stored as
   *  '<id>/001_<what>' (collectMigrations) so two modules never clash */
  migrations?: Record<string, Migration>;
  locales?: { id: Dict; en: Dict };
  permissions?: Record<string, PermissionRule>;
  /** roles this module adds (name → i18n keys of its label and a one-line hint); names start with
   *  `<id>_`. Staff admins grant them like the platform's roles. */
  roles?: Record<string, { label: string; hint?: string }>;
  /** error codes this module throws (AppError), with status and message; codes start with `<id>.` */
  errors?: Record<string, ErrorSpec>;
  /** prefixes whose errors this module formats itself */
  errorFormats?: ErrorFormat[];
  /** environment settings; names start with the module id in upper case and '_' (CONTACTS_…) */
  settings?: Record<string, SettingSpec>;
  /** named figures per unit and period; names start with `<id>.` */
  stats?: Record<string, StatSpec>;
  /** open-data datasets; names start with `<id>.` */
  exports?: Record<string, DatasetSpec>;
  paths?: ModulePaths;
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
  /** every public thing the module keeps in the site search index (platform/search, ADR 026), for
   *  `gapura search reindex`; the module also calls indexItem()/removeItem() in each change */
  searchItems?: (ctx: AppContext) => Promise<SearchItem[]>;
  /** every public page the module has, for /sitemap.xml: paths ('/investasi/tepian-musi') with the
   *  date they last changed when known. Without it the sitemap lists the module's menu entries,
   *  information and home cards, and the urls of its searchItems. */
  sitemap?: (ctx: AppContext) => Promise<SitemapEntry[]>;
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
  /** the public information this module keeps current: owner unit, last update, cadence (platform/
   *  freshness). The freshness board and the owner's reminders read every module's items. */
  freshness?: (ctx: AppContext) => Promise<FreshnessItem[]>;
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
