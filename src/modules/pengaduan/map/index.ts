// The complaint map (ADR 035): a pin on /pengaduan/baru and the pins of /pengaduan and
// /petugas/pengaduan, drawn by a small script of our own (peta.js, Web Mercator tiles, no library)
// that a loader (muat.js, < 1 KB) fetches only when someone presses the map button. Without
// JavaScript, or when no tile arrives, the kecamatan/kelurahan selects and the address do the work.
//
// Tiles come through our own path /pengaduan/peta/ubin/{z}/{x}/{y} from PENGADUAN_MAP_TILES_URL: the
// page's CSP stays img-src 'self', the citizen's address is not sent to a tile provider, and tiles are
// kept in memory for a day. While the provider is unreachable the path answers 404 at once for a minute (no pile-up of
// waiting requests). Points are checked on the server against the region pack's box
// (region-packs/<slug>/pengaduan/map.json) or, without one, Indonesia's.
import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { authorize } from '../../../platform/access/guard.ts';
import { settingsOf } from '../../../platform/config.ts';
import type { AppContext, Env } from '../../../platform/http/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { pengaduanError } from '../errors.ts';
import { readModulePackJson } from '../../../platform/region/pack-data.ts';

export const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

const tileTemplate = z.string().refine((u) => {
  if (u === 'off') return true;
  if (!/\{z\}/.test(u) || !/\{x\}/.test(u) || !/\{y\}/.test(u)) return false;
  try {
    const p = new URL(u.replace(/\{[a-z]\}/g, '0')).protocol;
    return p === 'https:' || p === 'http:';
  } catch {
    return false;
  }
}, 'an http(s) URL with {z}, {x} and {y}, or off');

export const mapSettings = {
  PENGADUAN_MAP_TILES_URL: {
    default: OSM_TILES,
    description: 'Map tile template ({z}/{x}/{y}, optional {s}) the complaint maps load through /pengaduan/peta/ubin; off: no map (the selects still work).',
    schema: tileTemplate.default(OSM_TILES),
  },
  PENGADUAN_MAP_ATTRIBUTION: {
    default: '© OpenStreetMap contributors',
    description: 'Attribution shown under the complaint maps, as the tile provider requires.',
    schema: z.string().min(1).max(200).default('© OpenStreetMap contributors'),
  },
};

export interface Bounds { south: number; west: number; north: number; east: number }
export interface RegionMap { bounds: Bounds; center: { lat: number; lng: number }; zoom: number; fromPack: boolean }

/** Indonesia with its outer islands (Sabang to Merauke, Miangas to Rote). */
export const INDONESIA: Bounds = { south: -11.2, west: 94.7, north: 6.3, east: 141.1 };

const BoundsSchema = z.object({
  south: z.number().min(-90).max(90), west: z.number().min(-180).max(180), north: z.number().min(-90).max(90), east: z.number().min(-180).max(180),
}).refine((b) => b.south < b.north && b.west < b.east, 'south < north and west < east');
export const MapPackSchema = z.object({
  source: z.string().min(1),
  bounds: BoundsSchema,
  center: z.object({ lat: z.number(), lng: z.number() }),
  zoom: z.number().int().min(3).max(18).default(13),
});

const maps = new WeakMap<AppContext, RegionMap>();

/** The region's map box and starting view: the pack's map.json, else Indonesia. */
export async function regionMap(ctx: AppContext): Promise<RegionMap> {
  const seen = maps.get(ctx);
  if (seen) return seen;
  const raw = await readModulePackJson(ctx, 'pengaduan', 'map.json');
  const m: RegionMap = raw === undefined
    ? { bounds: INDONESIA, center: { lat: -2.5, lng: 118 }, zoom: 5, fromPack: false }
    : { ...MapPackSchema.parse(raw), fromPack: true };
  maps.set(ctx, m);
  return m;
}

export const inBounds = (b: Bounds, lat: number, lng: number) => lat >= b.south && lat <= b.north && lng >= b.west && lng <= b.east;

/** A point as the form sends it: two decimal strings, both or neither. */
const coord = z.string().trim().regex(/^-?\d{1,3}(\.\d{1,8})?$/);
export type PointCheck = { ok: true; point: { lat: number; lng: number } | null } | { ok: false; error: 'pengaduan.map.error.invalid' | 'pengaduan.map.error.outside' };

export function checkPoint(b: Bounds, latRaw: string | undefined, lngRaw: string | undefined): PointCheck {
  const lat = (latRaw ?? '').trim();
  const lng = (lngRaw ?? '').trim();
  if (!lat && !lng) return { ok: true, point: null };
  if (!coord.safeParse(lat).success || !coord.safeParse(lng).success) return { ok: false, error: 'pengaduan.map.error.invalid' };
  const p = { lat: Number(lat), lng: Number(lng) };
  return inBounds(b, p.lat, p.lng) ? { ok: true, point: p } : { ok: false, error: 'pengaduan.map.error.outside' };
}

/** For every door (createComplaint): a stored point lies in the region's box, or there is none. */
export async function assertPoint(ctx: AppContext, lat: number | null | undefined, lng: number | null | undefined): Promise<void> {
  if ((lat === null || lat === undefined) && (lng === null || lng === undefined)) return;
  const { bounds } = await regionMap(ctx);
  if (typeof lat !== 'number' || typeof lng !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lng) || !inBounds(bounds, lat, lng))
    throw pengaduanError('pengaduan.bad_point');
}

export function mapEnabled(ctx: AppContext): boolean {
  return settingsOf(ctx.config, mapSettings).PENGADUAN_MAP_TILES_URL !== 'off';
}
export const mapAttribution = (ctx: AppContext) => settingsOf(ctx.config, mapSettings).PENGADUAN_MAP_ATTRIBUTION;

// ---- the two scripts, fingerprinted and compressed once

interface Script { href: string; body: Buffer; gzip: Buffer }
function script(file: string): Script {
  const body = fs.readFileSync(new URL(`./${file}.js`, import.meta.url));
  const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 10);
  return { href: `/pengaduan/peta/${file}.${hash}.js`, body, gzip: zlib.gzipSync(body, { level: 9 }) };
}
const LOADER = script('muat');
const MAP = script('peta');
export const LOADER_HREF = LOADER.href;
export const MAP_HREF = MAP.href;
export const TILE_PATH = '/pengaduan/peta/ubin';

function serveScript(c: Context<Env>, s: Script) {
  const headers = { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable', vary: 'accept-encoding' };
  if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) return c.body(new Uint8Array(s.gzip), 200, { ...headers, 'content-encoding': 'gzip' });
  return c.body(new Uint8Array(s.body), 200, headers);
}

// ---- the tile pass-through

const TILE_TIMEOUT_MS = 5_000;
const DOWN_FOR_MS = 60_000;
const CACHE_TILES = 2_000;
const TILE_TTL_MS = 86_400_000;
const TILE_TYPES = /^image\/(png|jpeg|webp)$/;

export interface TileCache { tiles: Map<string, { body: Uint8Array; type: string; at: number }>; downUntil: number }
const caches = new WeakMap<AppContext, TileCache>();
export function tileCache(ctx: AppContext): TileCache {
  let t = caches.get(ctx);
  if (!t) caches.set(ctx, (t = { tiles: new Map(), downUntil: 0 }));
  return t;
}

export function tileUrl(template: string, z: number, x: number, y: number): string {
  return template.replace('{s}', 'abc'[(x + y) % 3]).replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));
}

const TileParams = z.object({ z: z.coerce.number().int().min(0).max(19), x: z.coerce.number().int().min(0), y: z.coerce.number().int().min(0) })
  .refine((p) => p.x < 2 ** p.z && p.y < 2 ** p.z);

async function tile(c: Context<Env>, ctx: AppContext) {
  const p = TileParams.safeParse(c.req.param());
  if (!p.success || !mapEnabled(ctx)) throw new AppError('not_found');
  const { z: zoom, x, y } = p.data;
  const cache = tileCache(ctx);
  const key = `${zoom}/${x}/${y}`;
  const now = Date.now();
  const hit = cache.tiles.get(key);
  const send = (t: { body: Uint8Array; type: string }) => c.body(t.body.slice(), 200, { 'content-type': t.type, 'cache-control': 'public, max-age=86400' });
  if (hit && now - hit.at < TILE_TTL_MS) return send(hit);
  // no tile to give (not a server fault of ours): 404, never cached; the script then says the map has no images
  const unavailable = () => c.body(null, 404, { 'cache-control': 'no-store' });
  if (now < cache.downUntil) return unavailable();
  try {
    const res = await fetch(tileUrl(settingsOf(ctx.config, mapSettings).PENGADUAN_MAP_TILES_URL, zoom, x, y), {
      headers: { 'user-agent': `Gapura/1 (+${ctx.config.baseUrl})`, accept: 'image/png,image/jpeg,image/webp' },
      signal: AbortSignal.timeout(TILE_TIMEOUT_MS), redirect: 'error',
    });
    const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
    if (!res.ok || !TILE_TYPES.test(type)) {
      await res.body?.cancel();
      return unavailable();
    }
    const body = new Uint8Array(await res.arrayBuffer());
    if (body.byteLength > 512 * 1024) return unavailable();
    if (cache.tiles.size >= CACHE_TILES) cache.tiles.delete(cache.tiles.keys().next().value!);
    const t = { body, type, at: now };
    cache.tiles.set(key, t);
    return send(t);
  } catch {
    // no network, a refused connection or a timeout: stop asking for a minute
    cache.downUntil = Date.now() + DOWN_FOR_MS;
    return unavailable();
  }
}

export function mapRoutes(app: Hono<Env>, ctx: AppContext) {
  const VIEW = 'pengaduan.view_public';
  app.get(LOADER.href, (c) => { authorize(c, VIEW); return serveScript(c, LOADER); });
  app.get(MAP.href, (c) => { authorize(c, VIEW); return serveScript(c, MAP); });
  app.get(`${TILE_PATH}/:z/:x/:y`, (c) => { authorize(c, VIEW); return tile(c, ctx); });
}
