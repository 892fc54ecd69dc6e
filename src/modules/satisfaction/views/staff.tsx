/** @jsxImportSource hono/jsx */
// /petugas/ikm: IKM per unit (subtree) and per service with element averages, within the officer's scope.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import { DataTable } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { ELEMENTS, type IkmResult } from '../ikm.ts';
import type { staffReport } from '../service.ts';

export const STAFF_PATH = '/petugas/ikm';

export function StaffPage({ c, report }: { c: Context<Env>; report: Awaited<ReturnType<typeof staffReport>> }) {
  const t = c.get('t');
  const fmt = new Intl.NumberFormat(c.get('locale') === 'en' ? 'en' : 'id', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const figures = <R extends { result: IkmResult | null }>() => [
    { header: t('satisfaction.staff.ikm'), class: 'num', cell: (r: R) => (r.result ? fmt.format(r.result.ikm) : '–') },
    { header: t('satisfaction.staff.category'), cell: (r: R) => (r.result ? `${r.result.category} (${t(`satisfaction.category.${r.result.category}`)})` : '–') },
    { header: t('satisfaction.staff.respondents'), class: 'num', cell: (r: R) => String(r.result?.respondents ?? 0) },
    ...ELEMENTS.map((e) => ({ header: <abbr title={t(`satisfaction.${e}.name`)}>{e.toUpperCase()}</abbr>, class: 'num', cell: (r: R) => (r.result ? fmt.format(r.result.elements[e]) : '–') })),
  ];
  return (
    <Layout c={c} title={t('satisfaction.staff.title')} staff active={STAFF_PATH}>
      <h1>{t('satisfaction.staff.title')}</h1>
      <p>{t('satisfaction.staff.intro')}</p>
      <h2>{t('satisfaction.staff.units')}</h2>
      <DataTable caption={t('satisfaction.staff.units')} captionHidden empty={t('satisfaction.staff.empty')} rows={report.units}
        columns={[{ header: t('satisfaction.staff.unit'), cell: (r) => r.unit.name }, ...figures<(typeof report.units)[number]>()]} />
      <h2>{t('satisfaction.staff.subjects')}</h2>
      <DataTable caption={t('satisfaction.staff.subjects')} captionHidden empty={t('satisfaction.staff.empty')} rows={report.subjects}
        columns={[{ header: t('satisfaction.staff.subject'), cell: (r) => `${r.subject} (${t(`satisfaction.source.${r.source}`)})` }, ...figures<(typeof report.subjects)[number]>()]} />
    </Layout>
  );
}
