/** @jsxImportSource hono/jsx */
// /lowongan (current vacancies, closing soonest first) and /lowongan/{slug}.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Notice } from '../../../platform/ui/components.tsx';
import { formatDate } from '../../../platform/i18n/index.ts';
import type { Freshness } from '../../../platform/freshness/index.ts';
import { PUBLIC_PATH, vacancyHref, type VacancyRow } from '../service.ts';
import { FreshnessLine } from '../../../platform/ui/components.tsx';

const paragraphs = (text: string) => text.split(/\n{2,}/).filter(Boolean).map((p) => <p>{p}</p>);

export function ListPage({ c, items, freshness }: { c: Context<Env>; items: VacancyRow[]; freshness?: Freshness }) {
  const t = c.get('t');
  const locale = c.get('locale');
  return (
    <Layout c={c} title={t('lowongan.public.title')} active={PUBLIC_PATH}>
      <h1>{t('lowongan.public.title')}</h1>
      <p class="lead">{t('lowongan.public.lead')}</p>
      {freshness ? <FreshnessLine f={freshness} /> : null}
      {items.length ? (
        <ul class="cards">
          {items.map((v) => (
            <li>
              <article>
                <h2><a href={vacancyHref(v)}>{v.position}</a></h2>
                <p><strong>{v.employer}</strong> · {v.location}</p>
                <p class="muted">{t('lowongan.closing.until', { date: formatDate(locale, v.closingDate) })}</p>
              </article>
            </li>
          ))}
        </ul>
      ) : <p>{t('lowongan.public.none')}</p>}
    </Layout>
  );
}

export function ItemPage({ c, v, preview }: { c: Context<Env>; v: VacancyRow; preview?: boolean }) {
  const t = c.get('t');
  const locale = c.get('locale');
  return (
    <Layout c={c} title={`${v.position} – ${v.employer}`} active={PUBLIC_PATH} staff={preview}>
      {preview ? <Notice kind="warn">{t('lowongan.preview.notice')}</Notice> : <p><a href={PUBLIC_PATH}>{t('lowongan.public.back')}</a></p>}
      <h1>{v.position}</h1>
      <dl>
        <dt>{t('lowongan.field.employer')}</dt><dd>{v.employer}</dd>
        <dt>{t('lowongan.field.location')}</dt><dd>{v.location}</dd>
        <dt>{t('lowongan.field.closingDate')}</dt><dd>{formatDate(locale, v.closingDate)}</dd>
        {v.openings ? <><dt>{t('lowongan.field.openings')}</dt><dd>{v.openings}</dd></> : null}
        <dt>{t('lowongan.field.owner')}</dt><dd>{v.owner.name}</dd>
      </dl>
      {paragraphs(v.summary)}
      {v.requirements ? <><h2>{t('lowongan.field.requirements')}</h2>{paragraphs(v.requirements)}</> : null}
      <h2>{t('lowongan.field.howToApply')}</h2>
      {paragraphs(v.howToApply)}
      <p class="hint">{t('lowongan.public.caution')}</p>
    </Layout>
  );
}
