/** @jsxImportSource hono/jsx */
// /pengaduan: the public reports (never rahasia) with plain GET filters and pages, the Atom feeds
// of the chosen kecamatan/category, and per-unit figures — each with its count, so a unit with two
// reports is not read like one with two thousand.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import { formatDate } from '../../../platform/i18n/index.ts';
import { DataTable } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { PublicComplaint } from '../public.ts';
import type { UnitFigures } from '../stats.ts';
import type { ListFilter } from '../public-schema.ts';
import { STATES } from '../repo.ts';
import { MapView, pinsOf, type MapConfig } from '../map/views.tsx';

export const LIST_PATH = '/pengaduan';
export const FEED_PATH = '/pengaduan/feed.atom';

type Row = Omit<PublicComplaint, 'timeline' | 'photos'>;

export function listHref(f: Partial<ListFilter>, page?: number): string {
  const q = new URLSearchParams();
  for (const k of ['kategori', 'kecamatan', 'status', 'dari', 'sampai'] as const) if (f[k]) q.set(k, String(f[k]));
  if (page && page > 1) q.set('hal', String(page));
  const s = q.toString();
  return s ? `${LIST_PATH}?${s}` : LIST_PATH;
}

export function feedHref(f: { kecamatan?: string; kategori?: string }): string {
  const q = new URLSearchParams();
  if (f.kecamatan) q.set('kecamatan', f.kecamatan);
  if (f.kategori) q.set('kategori', f.kategori);
  const s = q.toString();
  return s ? `${FEED_PATH}?${s}` : FEED_PATH;
}

const hours = (t: (k: string, p?: Record<string, string | number>) => string, h: number | null) =>
  h === null ? '–' : h < 48 ? t('pengaduan.public.hours', { n: h }) : t('pengaduan.public.days', { n: Math.round((h / 24) * 10) / 10 });

export function ListPage({ c, rows, filter, hasNext, categories, kecamatan, figures, period, map }: {
  c: Context<Env>; rows: Row[]; filter: ListFilter; hasNext: boolean; map?: MapConfig;
  categories: { code: string; name: string }[]; kecamatan: { code: string; name: string }[];
  figures: UnitFigures[]; period: { from: Date; to: Date };
}) {
  const t = c.get('t');
  const locale = c.get('locale');
  const catName = (code: string) => categories.find((k) => k.code === code)?.name ?? code;
  const kecName = kecamatan.find((k) => k.code === filter.kecamatan)?.name;
  return (
    <Layout c={c} title={t('pengaduan.public.list.title')} active={LIST_PATH}>
      <h1>{t('pengaduan.public.list.title')}</h1>
      <p class="lead">{t('pengaduan.public.list.lead')}</p>
      <p><a class="button" href="/pengaduan/baru">{t('pengaduan.public.new.title')}</a></p>
      <form method="get" action={LIST_PATH}>
        <div class="field">
          <label for="f-kategori">{t('pengaduan.public.col.category')}</label>
          <select id="f-kategori" name="kategori">
            <option value="">{t('pengaduan.public.all')}</option>
            {categories.map((k) => <option value={k.code} selected={filter.kategori === k.code}>{k.name}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="f-kecamatan">{t('pengaduan.public.field.kecamatan')}</label>
          <select id="f-kecamatan" name="kecamatan">
            <option value="">{t('pengaduan.public.all')}</option>
            {kecamatan.map((k) => <option value={k.code} selected={filter.kecamatan === k.code}>{k.name}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="f-status">{t('pengaduan.public.col.state')}</label>
          <select id="f-status" name="status">
            <option value="">{t('pengaduan.public.all')}</option>
            {STATES.map((s) => <option value={s} selected={filter.status === s}>{t(`pengaduan.public.state.${s}`)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="f-dari">{t('pengaduan.public.from')}</label>
          <input type="date" id="f-dari" name="dari" value={filter.dari ?? ''} />
        </div>
        <div class="field">
          <label for="f-sampai">{t('pengaduan.public.to')}</label>
          <input type="date" id="f-sampai" name="sampai" value={filter.sampai ?? ''} />
        </div>
        <button type="submit" class="secondary">{t('pengaduan.public.filter')}</button>
      </form>
      <p>
        <a href={feedHref({ kecamatan: filter.kecamatan, kategori: filter.kategori })} rel="alternate" type="application/atom+xml">
          {t('pengaduan.public.feed', { what: [filter.kategori ? catName(filter.kategori) : '', kecName ?? ''].filter(Boolean).join(', ') || t('pengaduan.public.feed_all') })}
        </a>
      </p>
      <h2>{t('pengaduan.public.list.reports')}</h2>
      <MapView c={c} map={map} id="peta-laporan" pins={pinsOf(rows, (r) => `${r.publicId} · ${catName(r.categoryCode)} · ${t(`pengaduan.public.state.${r.state}`)}`, (r) => `/pengaduan/${r.publicId}`)} />
      <DataTable
        caption={t('pengaduan.public.list.reports')}
        captionHidden
        empty={t('pengaduan.public.list.empty')}
        rows={rows}
        columns={[
          { header: t('pengaduan.public.col.id'), cell: (r) => <a href={`/pengaduan/${r.publicId}`}>{r.publicId}</a> },
          { header: t('pengaduan.public.col.category'), cell: (r) => catName(r.categoryCode) },
          { header: t('pengaduan.public.col.state'), cell: (r) => t(`pengaduan.public.state.${r.state}`) },
          { header: t('pengaduan.public.where'), cell: (r) => [r.kelurahan, r.kecamatan].filter(Boolean).join(', ') || '–' },
          { header: t('pengaduan.public.col.unit'), cell: (r) => r.routedUnit },
          { header: t('pengaduan.public.col.filed'), cell: (r) => formatDate(locale, r.createdAt) },
        ]}
      />
      {filter.hal > 1 || hasNext ? (
        <nav class="pager" aria-label={t('pengaduan.public.pages')}>
          <ul>
            {filter.hal > 1 ? <li><a href={listHref(filter, filter.hal - 1)} rel="prev">{t('pengaduan.public.prev')}</a></li> : null}
            {hasNext ? <li><a href={listHref(filter, filter.hal + 1)} rel="next">{t('pengaduan.public.next_page')}</a></li> : null}
          </ul>
        </nav>
      ) : null}
      <h2>{t('pengaduan.public.figures.title')}</h2>
      <p>{t('pengaduan.public.figures.lead', { from: formatDate(locale, period.from), to: formatDate(locale, new Date(period.to.getTime() - 1)) })}</p>
      <DataTable
        caption={t('pengaduan.public.figures.title')}
        captionHidden
        empty={t('pengaduan.public.figures.empty')}
        rows={figures}
        columns={[
          { header: t('pengaduan.public.col.unit'), cell: (u) => u.unitName },
          { header: t('pengaduan.public.figures.received'), cell: (u) => String(u.received), class: 'num' },
          { header: t('pengaduan.public.figures.on_time'), cell: (u) => (u.onTimePct === null ? '–' : t('pengaduan.public.figures.pct', { pct: u.onTimePct, n: u.answeredOnTime, of: u.dueCount })), class: 'num' },
          { header: t('pengaduan.public.figures.first'), cell: (u) => t('pengaduan.public.figures.median', { v: hours(t, u.firstResponseMedianHours), n: u.firstResponseCount }), class: 'num' },
          { header: t('pengaduan.public.figures.resolution'), cell: (u) => t('pengaduan.public.figures.median', { v: hours(t, u.resolutionMedianHours), n: u.resolutionCount }), class: 'num' },
        ]}
      />
    </Layout>
  );
}
