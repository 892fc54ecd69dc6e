/** @jsxImportSource hono/jsx */
// Public pages: /dokumen (filter by category, type, year; search within the documents, their PDFs'
// text included) and /dokumen/{id} (metadata, freshness, download).
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import { formatDate } from '../../../platform/i18n/index.ts';
import { formatBytes } from '../../../platform/files/upload.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { CATEGORIES, TYPES, type Category } from '../schema.ts';
import { citation, docHref, PUBLIC_PATH, type DocRow } from '../service.ts';

export interface ListView {
  rows: DocRow[]; total: number; page: number; pages: number; years: number[];
  filter: { kategori?: Category; jenis?: string; tahun?: number; q: string };
}

function Select({ c, name, label, value, options }: { c: Context<Env>; name: string; label: string; value?: string; options: { value: string; label: string }[] }) {
  return (
    <div class="field">
      <label for={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name}>
        <option value="">{c.get('t')('dokumen.filter.all')}</option>
        {options.map((o) => <option value={o.value} selected={o.value === value}>{o.label}</option>)}
      </select>
    </div>
  );
}

export function ListPage({ c, v }: { c: Context<Env>; v: ListView }) {
  const t = c.get('t');
  const f = v.filter;
  const types = Object.keys(TYPES).filter((k) => !f.kategori || TYPES[k] === f.kategori);
  const params = (page: number) => {
    const p = new URLSearchParams();
    if (f.kategori) p.set('kategori', f.kategori);
    if (f.jenis) p.set('jenis', f.jenis);
    if (f.tahun) p.set('tahun', String(f.tahun));
    if (f.q) p.set('q', f.q);
    if (page > 1) p.set('halaman', String(page));
    const s = p.toString();
    return s ? `${PUBLIC_PATH}?${s}` : PUBLIC_PATH;
  };
  return (
    <Layout c={c} title={t('dokumen.public.title')} active={PUBLIC_PATH}>
      <h1>{t('dokumen.public.title')}</h1>
      <p class="lead">{t('dokumen.public.lead')}</p>
      <form method="get" action={PUBLIC_PATH} class="filters">
        <div class="field">
          <label for="f-q">{t('dokumen.filter.q')}</label>
          <input id="f-q" type="search" name="q" value={f.q} maxlength={200} />
        </div>
        <Select c={c} name="kategori" label={t('dokumen.filter.category')} value={f.kategori} options={CATEGORIES.map((k) => ({ value: k, label: t(`dokumen.category.${k}`) }))} />
        <Select c={c} name="jenis" label={t('dokumen.filter.type')} value={f.jenis} options={types.map((k) => ({ value: k, label: t(`dokumen.type.${k}`) }))} />
        <Select c={c} name="tahun" label={t('dokumen.filter.year')} value={f.tahun ? String(f.tahun) : ''} options={v.years.map((y) => ({ value: String(y), label: String(y) }))} />
        <button type="submit">{t('dokumen.filter.submit')}</button>
      </form>
      <h2>{t('dokumen.public.count', { count: v.total })}</h2>
      {v.rows.length ? (
        <ul class="search-results">
          {v.rows.map((d) => (
            <li>
              <a href={docHref(d.id)}>{citation(d, t)}: {d.title}</a>
              <p class="muted">
                {t(`dokumen.category.${d.category}`)}
                {d.status ? ` · ${t(`dokumen.status.${d.status}`)}` : ''} · {d.owner.name}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('dokumen.public.none')}</p>
      )}
      {v.pages > 1 ? (
        <nav class="pager" aria-label={t('dokumen.public.pages')}>
          <p class="muted">{t('dokumen.public.page', { page: v.page, pages: v.pages })}</p>
          <ul>
            {v.page > 1 ? <li><a href={params(v.page - 1)} rel="prev">{t('dokumen.public.prev')}</a></li> : null}
            {v.page < v.pages ? <li><a href={params(v.page + 1)} rel="next">{t('dokumen.public.next')}</a></li> : null}
          </ul>
        </nav>
      ) : null}
    </Layout>
  );
}

export function DocPage({ c, d, freshness }: { c: Context<Env>; d: DocRow; freshness: { text: string; state: string } }) {
  const t = c.get('t');
  const locale = c.get('locale');
  const date = (x: Date) => formatDate(locale, x, c.get('region').timeZone);
  const rows: [string, string][] = [
    [t('dokumen.field.category'), t(`dokumen.category.${d.category}`)],
    [t('dokumen.field.type'), t(`dokumen.type.${d.docType}`)],
    ...(d.number ? [[t('dokumen.field.number'), d.number] as [string, string]] : []),
    [t('dokumen.field.year'), String(d.year)],
    ...(d.status ? [[t('dokumen.field.status'), t(`dokumen.status.${d.status}`)] as [string, string]] : []),
    [t('dokumen.field.owner'), d.owner.name],
    ...(d.publishedAt ? [[t('dokumen.field.published'), date(d.publishedAt)] as [string, string]] : []),
  ];
  return (
    <Layout c={c} title={`${citation(d, t)}: ${d.title}`} active={PUBLIC_PATH}>
      <p><a href={PUBLIC_PATH}>{t('dokumen.public.back')}</a></p>
      <h1>{d.title}</h1>
      <p class="lead">{citation(d, t)}</p>
      <p class={freshness.state === 'stale' ? 'stale' : 'muted'}>{freshness.text}</p>
      <dl class="facts">
        {rows.map(([k, val]) => <><dt>{k}</dt><dd>{val}</dd></>)}
      </dl>
      {d.subject ? <><h2>{t('dokumen.field.subject')}</h2><p>{d.subject}</p></> : null}
      <p>
        <a class="button" href={`${docHref(d.id)}/unduh`} download>{t('dokumen.public.download')}</a>{' '}
        <span class="muted">{t('dokumen.public.file', { size: formatBytes(d.fileSize, locale) })}</span>
      </p>
    </Layout>
  );
}
