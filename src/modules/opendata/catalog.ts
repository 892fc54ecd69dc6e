// The catalog: every dataset that any installed module declares in its manifest `exports`, with the
// metadata CKAN, DCAT and the /data pages need. Nothing here knows a dataset by name: a module that
// adds an export appears on the next refresh. Rows come from datasetRows() (platform/figures.ts),
// which checks every row against the declared fields, so only declared (public) columns leave.
//
// Last modified: a dataset declares no date of its own, so it is the latest value of its datetime
// columns (e.g. contacts' reviewed_at); a dataset without one is "modified" when the catalog was
// built (it is generated live). Ids are UUID v5 of the region's code and the dataset's name, so they
// never change between starts or servers, and two cities harvested into Satu Data do not collide.
import { createHash } from 'node:crypto';
import type { AppContext } from '../../platform/http/context.ts';
import type { DatasetField } from '../../platform/module.ts';
import { datasetRows, listDatasets } from '../../platform/figures.ts';
import { translator } from '../../platform/i18n/index.ts';

/** Gapura's own namespace for UUID v5 ids (random, fixed forever). */
const NAMESPACE = '3f6c1d52-8b0e-4d7a-9a51-6c2e8f4b7d10';

export function uuidV5(name: string, namespace = NAMESPACE): string {
  const ns = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** CKAN names: 2–100 characters, lower case letters, digits, '-' and '_'. 'contacts.emergency_contacts'
 *  becomes 'contacts-emergency_contacts'. */
export function ckanName(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100).padEnd(2, '_');
}

export interface Organization { id: string; name: string; code: string; title: string; kind: string; created: Date }
export interface Group { id: string; name: string; module: string; title: string }
export interface Dataset {
  /** the manifest's name, e.g. 'contacts.emergency_contacts' */
  key: string;
  id: string;
  name: string;
  module: string;
  title: { id: string; en: string };
  description: { id: string; en: string };
  fields: DatasetField[];
  organization: Organization;
  group: Group;
  created: Date;
  modified: Date;
  rowCount: number;
}
export interface Catalog { datasets: Dataset[]; organizations: Organization[]; groups: Group[]; builtAt: Date }

const TTL_MS = 60_000;
const built = new WeakMap<AppContext, { at: number; catalog: Promise<Catalog> }>();

/** The catalog, rebuilt at most once a minute per process (on the clock tests move). */
export function catalog(ctx: AppContext): Promise<Catalog> {
  const now = ctx.clock.now().getTime();
  const hit = built.get(ctx);
  if (hit && now - hit.at < TTL_MS && now >= hit.at) return hit.catalog;
  const p = build(ctx);
  built.set(ctx, { at: now, catalog: p });
  p.catch(() => built.delete(ctx));
  return p;
}

async function build(ctx: AppContext): Promise<Catalog> {
  const now = ctx.clock.now();
  const region = await ctx.region();
  const units = await ctx.db.selectFrom('units').select(['code', 'name', 'kind', 'created_at', 'parent_id']).where('active', '=', true).execute();
  const root = units.find((u) => u.kind === 'region' && u.parent_id === null) ?? units.find((u) => u.kind === 'region');
  const byCode = new Map(units.map((u) => [u.code, u]));
  const orgs = new Map<string, Organization>();
  const groups = new Map<string, Group>();
  const tId = translator('id');
  const tEn = translator('en');
  const datasets: Dataset[] = [];
  for (const d of listDatasets(ctx)) {
    const code = typeof d.owner === 'function' ? await d.owner(ctx) : (d.owner ?? root?.code ?? region.code);
    const unit = byCode.get(code) ?? root;
    const orgCode = unit?.code ?? region.code;
    let org = orgs.get(orgCode);
    if (!org) {
      org = {
        id: uuidV5(`${region.code}/organization/${orgCode}`), name: ckanName(`${unit?.kind ?? 'region'}-${orgCode}`), code: orgCode,
        title: unit?.name ?? region.name, kind: unit?.kind ?? 'region', created: unit ? new Date(unit.created_at) : now,
      };
      orgs.set(orgCode, org);
    }
    let group = groups.get(d.module);
    if (!group) {
      const m = ctx.modules.find((x) => x.id === d.module);
      const label = m?.nav?.portal?.[0]?.label;
      group = { id: uuidV5(`${region.code}/group/${d.module}`), name: ckanName(d.module), module: d.module, title: label ? tId(label) : d.module };
      groups.set(d.module, group);
    }
    let rows: Record<string, unknown>[] = [];
    try {
      rows = await datasetRows(ctx, d.name);
    } catch (e) {
      // one module's broken export must not take the whole catalog down; its download answers 500
      ctx.log.error('opendata: dataset rows failed', { dataset: d.name, error: String(e) });
    }
    const datetimes = d.fields.filter((f) => f.type === 'datetime').map((f) => f.name);
    let latest = 0;
    for (const r of rows) for (const f of datetimes) if (typeof r[f] === 'string') latest = Math.max(latest, Date.parse(r[f]));
    const modified = latest > 0 ? new Date(latest) : now;
    datasets.push({
      key: d.name, id: uuidV5(`${region.code}/dataset/${d.name}`), name: ckanName(d.name), module: d.module,
      title: { id: tId(d.title), en: tEn(d.title) },
      description: { id: d.description ? tId(d.description) : '', en: d.description ? tEn(d.description) : '' },
      fields: d.fields, organization: org, group,
      // the earliest a dataset can have existed is when its publisher did
      created: new Date(Math.min(org.created.getTime(), modified.getTime())), modified, rowCount: rows.length,
    });
  }
  return { datasets, organizations: [...orgs.values()], groups: [...groups.values()], builtAt: now };
}

/** A dataset by CKAN id or name, or by its manifest name. */
export function findDataset(cat: Catalog, idOrName: string): Dataset | undefined {
  return cat.datasets.find((d) => d.id === idOrName || d.name === idOrName || d.key === idOrName);
}
