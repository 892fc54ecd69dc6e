/** @jsxImportSource hono/jsx */
// The map boxes: what the server renders for muat.js/peta.js (ADR 035). Without JavaScript the box
// shows only a chosen point as text (and keeps it in the hidden fields); the button appears when the
// loader runs.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { LOADER_HREF, MAP_HREF, TILE_PATH, type RegionMap } from './index.ts';

export interface MapConfig { region: RegionMap; attribution: string }

function boxAttrs(c: Context<Env>, m: MapConfig, mode: 'pilih' | 'lihat') {
  const t = c.get('t');
  const b = m.region.bounds;
  const keys = mode === 'pilih' ? ['judul', 'petunjuk', 'perbesar', 'perkecil', 'tengah', 'hapus', 'dihapus', 'gagal', 'luar', 'dipilih'] : ['judul', 'petunjuk', 'perbesar', 'perkecil', 'gagal'];
  return {
    'data-peta': mode,
    'data-peta-src': MAP_HREF,
    'data-ubin': `${TILE_PATH}/{z}/{x}/{y}`,
    'data-batas': [b.south, b.west, b.north, b.east].join(','),
    'data-pusat': [m.region.center.lat, m.region.center.lng, m.region.zoom].join(','),
    'data-t-atribusi': `${t('pengaduan.map.tiles')} ${m.attribution}`,
    ...Object.fromEntries(keys.map((k) => [`data-t-${k}`, t(`pengaduan.map.${mode}.${k}`)])),
  };
}

/** The pin of /pengaduan/baru (inside the filing form): hidden lintang/bujur, the map button, the chosen point. */
export function MapPick({ c, map, values, errors }: { c: Context<Env>; map: MapConfig | undefined; values: FormData; errors: FieldErrors }) {
  const t = c.get('t');
  const err = errors.lintang;
  const lat = values.lintang ?? '';
  const lng = values.bujur ?? '';
  // without a map (PENGADUAN_MAP_TILES_URL=off) nothing is shown and no point is sent
  if (!map) return null;
  return (
    <div id="f-lintang" class={err ? 'field invalid' : 'field'} {...boxAttrs(c, map, 'pilih')}>
      <p><strong>{t('pengaduan.map.pilih.label')}</strong></p>
      <p class="hint">{t('pengaduan.map.pilih.hint')}</p>
      {err ? <p class="err" id="f-lintang-err">{t(err)}</p> : null}
      <input type="hidden" name="lintang" value={lat} />
      <input type="hidden" name="bujur" value={lng} />
      <p data-peta-pesan role="status">{lat && lng && !err ? t('pengaduan.map.pilih.dipilih', { lat, lng }) : ''}</p>
      <button type="button" class="secondary" data-peta-buka hidden>{t('pengaduan.map.pilih.buka')}</button>
      <script src={LOADER_HREF} defer></script>
    </div>
  );
}

export interface Pin { lat: number; lng: number; label: string; href: string }

/** A map of a list's pins (the list itself stays the page's main view); nothing when no row has a point. */
export function MapView({ c, map, id, pins }: { c: Context<Env>; map: MapConfig | undefined; id: string; pins: Pin[] }) {
  const t = c.get('t');
  if (!map || !pins.length) return null;
  return (
    <div id={id} {...boxAttrs(c, map, 'lihat')}>
      <p class="hint">{t('pengaduan.map.lihat.hint', { n: pins.length })}</p>
      <ul hidden>{pins.map((p) => <li data-lat={String(p.lat)} data-lng={String(p.lng)} data-label={p.label} data-href={p.href}></li>)}</ul>
      <p data-peta-pesan role="status"></p>
      <button type="button" class="secondary" data-peta-buka hidden>{t('pengaduan.map.lihat.buka')}</button>
      <script src={LOADER_HREF} defer></script>
    </div>
  );
}

/** The pins of rows that have a point. */
export function pinsOf<R extends { lat: number | null; lng: number | null }>(rows: R[], label: (r: R) => string, href: (r: R) => string): Pin[] {
  return rows.filter((r) => r.lat !== null && r.lng !== null).map((r) => ({ lat: r.lat!, lng: r.lng!, label: label(r), href: href(r) }));
}
