/** @jsxImportSource hono/jsx */
// /data: every dataset with its publisher, fields, freshness and downloads; /data/{name}: one
// dataset with its field table and the API addresses a developer needs.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { DataTable } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { Catalog, Dataset } from '../catalog.ts';

export const DATA_PATH = '/data';

function Downloads({ c, d }: { c: Context<Env>; d: Dataset }) {
  const t = c.get('t');
  const title = d.title[c.get('locale')];
  return (
    <p class="actions">
      <a class="button" href={`${DATA_PATH}/${d.name}.csv`} download aria-label={t('opendata.download.csv_of', { title })}>{t('opendata.download.csv')}</a>{' '}
      <a class="button secondary" href={`${DATA_PATH}/${d.name}.json`} download aria-label={t('opendata.download.json_of', { title })}>{t('opendata.download.json')}</a>
    </p>
  );
}

function Meta({ c, d }: { c: Context<Env>; d: Dataset }) {
  const t = c.get('t');
  const tz = c.get('region').timeZone;
  return (
    <p class="muted">
      {t('opendata.publisher', { unit: d.organization.title })} · {t('opendata.modified', { date: formatDateTime(c.get('locale'), d.modified, tz) })} ·{' '}
      {t('opendata.counts', { rows: d.rowCount, fields: d.fields.length })}
    </p>
  );
}

export function DatasetsPage({ c, cat }: { c: Context<Env>; cat: Catalog }) {
  const t = c.get('t');
  const locale = c.get('locale');
  const list = [...cat.datasets].sort((a, b) => a.title[locale].localeCompare(b.title[locale]));
  return (
    <Layout c={c} title={t('opendata.title')}>
      <h1>{t('opendata.title')}</h1>
      <p class="lead">{t('opendata.lead')}</p>
      {list.length ? (
        <ul class="plain">
          {list.map((d) => (
            <li>
              <h2><a href={`${DATA_PATH}/${d.name}`}>{d.title[locale]}</a></h2>
              {d.description[locale] ? <p>{d.description[locale]}</p> : null}
              <Meta c={c} d={d} />
              <p class="muted">{t('opendata.fields_list', { fields: d.fields.map((f) => f.name).join(', ') })}</p>
              <Downloads c={c} d={d} />
            </li>
          ))}
        </ul>
      ) : <p>{t('opendata.none')}</p>}
      <h2>{t('opendata.api.title')}</h2>
      <p>{t('opendata.api.body')}</p>
      <ul>
        <li><a href="/api/3/action/package_search">/api/3/action/package_search</a></li>
        <li><a href="/catalog.jsonld">/catalog.jsonld</a> {t('opendata.api.dcat')}</li>
      </ul>
    </Layout>
  );
}

export function DatasetPage({ c, d }: { c: Context<Env>; d: Dataset }) {
  const t = c.get('t');
  const title = d.title[c.get('locale')];
  return (
    <Layout c={c} title={title}>
      <p><a href={DATA_PATH}>{t('opendata.back')}</a></p>
      <h1>{title}</h1>
      {d.description[c.get('locale')] ? <p class="lead">{d.description[c.get('locale')]}</p> : null}
      <Meta c={c} d={d} />
      <Downloads c={c} d={d} />
      <DataTable
        caption={t('opendata.fields')}
        rows={d.fields}
        columns={[
          { header: t('opendata.field.name'), cell: (f) => <code>{f.name}</code> },
          { header: t('opendata.field.type'), cell: (f) => t(`opendata.type.${f.type}`) },
          // a field's description is an i18n key or, in older exports, already plain text
          { header: t('opendata.field.description'), cell: (f) => (f.description ? t(f.description) : '') },
        ]}
      />
      <h2>{t('opendata.api.title')}</h2>
      <p><a href={`/api/3/action/package_show?id=${d.name}`}>{`/api/3/action/package_show?id=${d.name}`}</a></p>
      <p class="muted">{t('opendata.id', { id: d.id })}</p>
    </Layout>
  );
}
