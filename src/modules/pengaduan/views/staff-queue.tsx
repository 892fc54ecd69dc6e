/** @jsxImportSource hono/jsx */
// /petugas/pengaduan: the unit's queue — overdue first, the items awaiting this unit's validation
// marked, filters by state, category and lateness (a plain GET form), counts per state.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { DataTable, Notice } from '../../../platform/ui/components.tsx';
import type { CategoryRow, QueueRow, State } from '../repo.ts';
import { STATES } from '../repo.ts';
import { NEW_PATH, STAFF_PATH, Check, Select, when } from './staff-common.tsx';
import { MapView, type MapConfig } from '../map/views.tsx';

export interface QueueQuery { status?: string; kategori?: string; terlambat?: string }

export function QueuePage({ c, rows, counts, categories, q, canFile, map, points = new Map() }: {
  c: Context<Env>; rows: QueueRow[]; counts: Partial<Record<State, number>>; categories: CategoryRow[]; q: QueueQuery; canFile: boolean;
  map?: MapConfig; points?: Map<number, { lat: number; lng: number }>;
}) {
  const t = c.get('t');
  const locale = c.get('locale');
  const catName = (code: string) => categories.find((k) => k.code === code)?.name[locale] ?? code;
  const summary = (r: QueueRow) => {
    const s = r.title || r.description;
    return s.length > 90 ? `${s.slice(0, 90)}…` : s;
  };
  const counted = STATES.filter((s) => counts[s]);
  return (
    <Layout c={c} title={t('pengaduan.staff.queue.title')} staff active={STAFF_PATH}>
      <h1>{t('pengaduan.staff.queue.title')}</h1>
      <p class="lead">{t('pengaduan.staff.queue.lead')}</p>
      {canFile ? <p><a class="button" href={NEW_PATH}>{t('pengaduan.staff.new.link')}</a></p> : null}
      <h2>{t('pengaduan.staff.queue.counts')}</h2>
      {counted.length ? (
        <ul class="queue-counts">
          {counted.map((s) => <li><a href={`${STAFF_PATH}?status=${s}`}>{t(`pengaduan.staff.state.${s}`)}</a>: {counts[s]}</li>)}
        </ul>
      ) : <p class="muted">{t('pengaduan.staff.queue.none')}</p>}
      <form method="get" action={STAFF_PATH} class="queue-filter">
        <Select c={c} name="status" label={t('pengaduan.staff.filter.state')} value={q.status ?? 'open'}
          options={[{ value: 'open', label: t('pengaduan.staff.filter.open') }, { value: 'all', label: t('pengaduan.staff.filter.all') },
            ...STATES.map((s) => ({ value: s, label: t(`pengaduan.staff.state.${s}`) }))]} />
        <Select c={c} name="kategori" label={t('pengaduan.staff.filter.category')} value={q.kategori ?? ''}
          options={[{ value: '', label: t('pengaduan.staff.filter.any_category') }, ...categories.map((k) => ({ value: k.code, label: k.name[locale] }))]} />
        <Check name="terlambat" label={t('pengaduan.staff.filter.overdue')} checked={q.terlambat === '1'} />
        <button type="submit" class="secondary">{t('pengaduan.staff.filter.apply')}</button>
      </form>
      {rows.some((r) => r.overdue) ? <Notice kind="warn">{t('pengaduan.staff.queue.overdue_notice', { n: rows.filter((r) => r.overdue).length })}</Notice> : null}
      <MapView c={c} map={map} id="peta-antrean"
        pins={rows.flatMap((r) => { const p = points.get(r.id); return p ? [{ ...p, label: `${r.publicId} · ${catName(r.categoryCode)} · ${t(`pengaduan.staff.state.${r.state}`)}`, href: `${STAFF_PATH}/${r.id}` }] : []; })} />
      <DataTable
        caption={t('pengaduan.staff.queue.caption')}
        rows={rows}
        empty={t('pengaduan.staff.queue.empty')}
        columns={[
          { header: t('pengaduan.staff.col.id'), cell: (r) => <a href={`${STAFF_PATH}/${r.id}`}>{r.publicId}</a> },
          { header: t('pengaduan.staff.col.category'), cell: (r) => catName(r.categoryCode) },
          { header: t('pengaduan.staff.col.summary'), cell: (r) => summary(r) },
          {
            header: t('pengaduan.staff.col.state'),
            cell: (r) => (
              <>
                {t(`pengaduan.staff.state.${r.state}`)}
                {r.overdue ? <> <span class="tag stale-tag">{t('pengaduan.staff.overdue')}</span></> : null}
                {r.awaitingValidation ? <> <span class="tag">{t('pengaduan.staff.awaiting_validation')}</span></> : null}
              </>
            ),
          },
          { header: t('pengaduan.staff.col.unit'), cell: (r) => r.routedUnit },
          {
            header: t('pengaduan.staff.col.due'),
            cell: (r) => when(c, r.state === 'received' || r.state === 'reopened' ? r.verifyDueAt : ['verified', 'dispositioned', 'in_progress'].includes(r.state) ? r.followUpDueAt : null),
          },
        ]}
      />
    </Layout>
  );
}
