// Loading a region pack (region-packs/<city>/: pack.json, units.json, logo.svg, holiday files) into
// the database. Everything happens in one transaction, and only differences are written: loading
// the same pack twice changes nothing (same rows, same updated_at) and reports zero changes.
// What the pack decides: the region row and its branding, and for every unit it lists: name, kind,
// parent, and any contact field it fills in. What it leaves alone: units it does not list (admins
// add their own), whether a unit is active, contact fields it leaves empty, holidays an admin edited.
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Insertable } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/index.ts';
import type { Branding, Database } from '../db/schema.ts';
import { canonicalJson, recordAudit, systemActor, type AuditActor } from '../audit/audit.ts';
import { importHolidays, readHolidayFile } from '../calendar/holidays.ts';
import { HEX_COLOR, compactContact, contrastProblems } from './branding.ts';
import { moveUnit, nextUnitIds, type UnitKind } from './units.ts';

// any constant: two copies starting at once load the pack one after the other
const PACK_LOCK = 727275;
const MAX_LOGO_BYTES = 100 * 1024;

const contactSchema = z
  .object({
    address: z.string().max(500),
    phone: z.string().max(50),
    whatsapp: z.string().max(50),
    email: z.string().max(200),
    website: z.string().max(300),
    /** where the details come from; a pack ships no contact without one (see region-packs/README.md) */
    source: z.string().max(300),
  })
  .partial()
  .strict();

const color = z.string().regex(HEX_COLOR, 'expected a colour written #rrggbb');

const packSchema = z
  .object({
    slug: z.string().regex(/^[a-z0-9-]+$/, 'expected lower-case letters, digits and dashes'),
    code: z.string().regex(/^\d{2}\.\d{2}$/, 'expected a Kemendagri kabupaten/kota code like "16.71"'),
    name: z.string().trim().min(1).max(200),
    timeZone: z.string().refine(isTimeZone, 'expected an IANA time zone such as "Asia/Jakarta"'),
    branding: z
      .object({
        name: z.string().trim().min(1).max(200).optional(),
        shortName: z.string().trim().min(1).max(60).optional(),
        colors: z.object({ primary: color, primaryText: color, accent: color }).partial().strict().optional(),
        contact: contactSchema.optional(),
      })
      .strict()
      .default({}),
    holidays: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .superRefine((p, ctx) => {
    for (const problem of contrastProblems(p.branding.colors))
      ctx.addIssue({ code: 'custom', path: ['branding', 'colors', problem.field], message: `contrast ${problem.ratio}:1 (${problem.pair}) is below 4.5:1` });
  });

const unitSchema = z
  .object({
    code: z.string().regex(/^[0-9a-z][0-9a-z.-]{1,79}$/, 'expected a code like "16.71.01", "16.71.01.1001" or "16.71.opd.diskominfo"'),
    kind: z.enum(['kecamatan', 'kelurahan', 'desa', 'opd']),
    name: z.string().trim().min(1).max(200),
    parent: z.string().min(1),
    contact: contactSchema.optional(),
  })
  .strict();

const unitsSchema = z.object({ source: z.string().optional(), units: z.array(unitSchema) }).strict();

export type RegionPack = z.infer<typeof packSchema>;
export type PackUnit = z.infer<typeof unitSchema>;

export class RegionPackError extends Error {}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new RegionPackError(`${file}: file not found`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new RegionPackError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const lines = r.error.issues.slice(0, 10).map((i) => `  ${formatPath(i.path) || '(root)'}: ${i.message}`);
  throw new RegionPackError(`${file} is invalid:\n${lines.join('\n')}`);
}

function formatPath(p: PropertyKey[]): string {
  return p.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
}

/** Kemendagri code shapes: the kind a code says it is, so a typo in units.json is caught. */
function kindFromCode(regionCode: string, code: string): UnitKind | undefined {
  const rest = code.startsWith(`${regionCode}.`) ? code.slice(regionCode.length + 1) : undefined;
  if (rest === undefined) return undefined;
  if (/^\d{2}$/.test(rest)) return 'kecamatan';
  if (/^\d{2}\.1\d{3}$/.test(rest)) return 'kelurahan';
  if (/^\d{2}\.2\d{3}$/.test(rest)) return 'desa';
  if (/^opd\.[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(rest)) return 'opd';
  return undefined;
}

export interface LoadedPack {
  dir: string;
  pack: RegionPack;
  units: PackUnit[];
  logoSvg?: string;
  /** [file, source tag] per holiday file */
  holidayFiles: { file: string; source: string }[];
}

/** Reads and checks a pack folder without touching the database; errors name the file and field. */
export function readRegionPack(dir: string): LoadedPack {
  const root = path.resolve(dir);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new RegionPackError(`${dir}: no such region pack folder`);
  const packFile = path.join(root, 'pack.json');
  const unitsFile = path.join(root, 'units.json');
  const pack = parseWith(packSchema, readJson(packFile), packFile);
  const units = parseWith(unitsSchema, readJson(unitsFile), unitsFile).units;

  const codes = new Set<string>([pack.code]);
  units.forEach((u, i) => {
    const where = `${unitsFile} is invalid:\n  units[${i}]`;
    if (codes.has(u.code)) throw new RegionPackError(`${where}.code: "${u.code}" appears twice`);
    codes.add(u.code);
    const expected = kindFromCode(pack.code, u.code);
    if (!expected) throw new RegionPackError(`${where}.code: "${u.code}" is not a code of region ${pack.code}`);
    if (expected !== u.kind) throw new RegionPackError(`${where}.kind: "${u.code}" is a ${expected} code but kind is "${u.kind}"`);
  });
  // parents must come first (or be the region) so units can be created in file order
  const seen = new Set<string>([pack.code]);
  units.forEach((u, i) => {
    if (!seen.has(u.parent))
      throw new RegionPackError(`${unitsFile} is invalid:\n  units[${i}].parent: "${u.parent}" is not the region nor a unit listed before it`);
    seen.add(u.code);
  });

  let logoSvg: string | undefined;
  const logoFile = path.join(root, 'logo.svg');
  if (fs.existsSync(logoFile)) {
    logoSvg = fs.readFileSync(logoFile, 'utf8').trim();
    if (Buffer.byteLength(logoSvg) > MAX_LOGO_BYTES) throw new RegionPackError(`${logoFile}: larger than ${MAX_LOGO_BYTES / 1024} KB`);
    if (!/^(<\?xml[^>]*>\s*)?<svg[\s>]/.test(logoSvg) || !/<\/svg>$/.test(logoSvg)) throw new RegionPackError(`${logoFile}: not an SVG document`);
    // served with a CSP that blocks scripts anyway; a logo has no business carrying any
    if (/<script|\son\w+\s*=|javascript:|<foreignObject/i.test(logoSvg)) throw new RegionPackError(`${logoFile}: scripts and event handlers are not allowed in a logo`);
  }

  const holidayFiles = pack.holidays.map((rel, i) => {
    const file = path.resolve(root, rel);
    if (!fs.existsSync(file)) throw new RegionPackError(`${packFile} is invalid:\n  holidays[${i}]: ${rel} not found`);
    // 'region-pack:_indonesia' for region-packs/_indonesia/holidays.json
    return { file, source: `region-pack:${path.basename(path.dirname(file))}` };
  });
  return { dir: root, pack, units, logoSvg, holidayFiles };
}

export interface PackSummary {
  region: string;
  name: string;
  /** 'created' | 'updated' | 'unchanged' */
  regionRow: 'created' | 'updated' | 'unchanged';
  units: { added: number; updated: number; moved: number; unchanged: number };
  holidays: { added: number; updated: number };
  changed: boolean;
}

/** The branding stored for a pack: empty contact placeholders dropped, the logo inlined. */
function packBranding(p: LoadedPack): Branding {
  const b = p.pack.branding;
  const out: Branding = {};
  if (b.name) out.name = b.name;
  if (b.shortName) out.shortName = b.shortName;
  if (b.colors && Object.keys(b.colors).length) out.colors = b.colors;
  const contact = compactContact(b.contact);
  if (Object.keys(contact).length) out.contact = contact;
  if (p.logoSvg) {
    out.logo = '/logo.svg';
    out.logoSvg = p.logoSvg;
  }
  return out;
}

/**
 * Validates the pack in `dir` and applies it in one transaction. Returns what changed; writes an
 * audit entry (actor 'region-pack') only when something did.
 */
export async function loadRegionPack(db: DB, dir: string, actor: AuditActor = systemActor('region-pack')): Promise<PackSummary> {
  const loaded = readRegionPack(dir);
  const holidayEntries = loaded.holidayFiles.map((h) => ({ ...h, entries: readHolidayFile(h.file) }));
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${PACK_LOCK})`.execute(tx);
    const { pack } = loaded;
    const summary: PackSummary = {
      region: pack.code,
      name: pack.name,
      regionRow: 'unchanged',
      units: { added: 0, updated: 0, moved: 0, unchanged: 0 },
      holidays: { added: 0, updated: 0 },
      changed: false,
    };

    // ---- the region row
    const branding = packBranding(loaded);
    const current = await tx.selectFrom('region').selectAll().executeTakeFirst();
    if (current && current.code !== pack.code)
      throw new RegionPackError(`This database serves ${current.code} ${current.name}; the pack in ${dir} is ${pack.code} ${pack.name}. One instance serves one region.`);
    const regionValues = { code: pack.code, slug: pack.slug, name: pack.name, time_zone: pack.timeZone };
    if (!current) {
      await tx.insertInto('region').values({ id: 1, ...regionValues, branding: JSON.stringify(branding) }).execute();
      summary.regionRow = 'created';
    } else if (
      current.slug !== pack.slug || current.name !== pack.name || current.time_zone !== pack.timeZone ||
      canonicalJson(current.branding) !== canonicalJson(branding)
    ) {
      await tx.updateTable('region').set({ ...regionValues, branding: JSON.stringify(branding), updated_at: sql`now()` }).execute();
      summary.regionRow = 'updated';
    }

    // ---- units, parents before children (readRegionPack checked the order)
    // the region's own unit is the city hall: its contact is the branding's (address, website, source)
    const wanted = [{ code: pack.code, kind: 'region' as const, name: pack.name, parent: null as string | null, contact: pack.branding.contact }, ...loaded.units];
    const existing = new Map(
      (await tx.selectFrom('units').select(['id', 'code', 'kind', 'name', 'parent_id', 'path', 'contact']).where('code', 'in', wanted.map((u) => u.code)).execute()).map((r) => [r.code, r]),
    );
    const fresh = wanted.filter((u) => !existing.has(u.code));
    const ids = await nextUnitIds(tx, fresh.length);
    const byCode = new Map<string, { id: number; path: string }>();
    for (const r of existing.values()) byCode.set(r.code, { id: r.id, path: r.path });
    let pending: Insertable<Database['units']>[] = [];
    const flush = async () => {
      for (let i = 0; i < pending.length; i += 500) await tx.insertInto('units').values(pending.slice(i, i + 500)).execute();
      pending = [];
    };
    const updatedCodes: string[] = [];
    for (const u of wanted) {
      const parent = u.parent == null ? null : byCode.get(u.parent)!;
      const row = existing.get(u.code);
      if (!row) {
        const id = ids[summary.units.added++];
        const p = `${parent?.path ?? '/'}${id}/`;
        byCode.set(u.code, { id, path: p });
        pending.push({ id, code: u.code, kind: u.kind, name: u.name, parent_id: parent?.id ?? null, path: p, contact: JSON.stringify(compactContact(u.contact)) });
        continue;
      }
      let changed = false;
      if ((row.parent_id ?? null) !== (parent?.id ?? null)) {
        await flush(); // the new parent may be a unit of this pack not yet written
        await moveUnit(tx, row.id, parent?.id ?? null);
        // the subtree's paths changed: read them again for the children that follow
        for (const r of await tx.selectFrom('units').select(['code', 'id', 'path']).where('path', 'like', `${parent?.path ?? '/'}${row.id}/%`).execute())
          byCode.set(r.code, { id: r.id, path: r.path });
        summary.units.moved++;
        changed = true;
      }
      const contact = { ...(row.contact ?? {}), ...compactContact(u.contact) };
      if (row.name !== u.name || row.kind !== u.kind || canonicalJson(row.contact ?? {}) !== canonicalJson(contact)) {
        await tx.updateTable('units').set({ name: u.name, kind: u.kind, contact: JSON.stringify(contact), updated_at: sql`now()` }).where('id', '=', row.id).execute();
        changed = true;
      }
      if (changed) {
        summary.units.updated++;
        updatedCodes.push(u.code);
      } else summary.units.unchanged++;
    }
    await flush();

    // ---- holidays (the calendar's own importer: it skips rows admins edited or removed)
    for (const h of holidayEntries) {
      const r = await importHolidays(tx, h.entries, h.source);
      summary.holidays.added += r.added;
      summary.holidays.updated += r.updated;
    }

    summary.changed =
      summary.regionRow !== 'unchanged' || summary.units.added > 0 || summary.units.updated > 0 || summary.holidays.added > 0 || summary.holidays.updated > 0;
    if (summary.changed) {
      const { logoSvg: _before, ...beforeBranding } = (current?.branding ?? {});
      await recordAudit(tx, actor, {
        action: 'region.pack_loaded',
        subjectType: 'region',
        subjectId: pack.code,
        before: current && summary.regionRow === 'updated' ? { slug: current.slug, name: current.name, timeZone: current.time_zone, branding: beforeBranding } : null,
        after: { pack: path.basename(loaded.dir), ...summary, updatedUnits: updatedCodes.slice(0, 200) },
      });
    }
    return summary;
  });
}

/** One line per part, for the CLI and the start-up log. */
export function formatSummary(s: PackSummary): string {
  return [
    `Region ${s.region} ${s.name}: ${s.regionRow}`,
    `Units: ${s.units.added} added, ${s.units.updated} updated (${s.units.moved} moved), ${s.units.unchanged} unchanged`,
    `Holidays: ${s.holidays.added} added, ${s.holidays.updated} updated`,
    s.changed ? 'Changes saved.' : 'Nothing to change: the database already matches the pack.',
  ].join('\n');
}
