/** @jsxImportSource hono/jsx */
// /layanan: every service, grouped, with a search box and a filter by the kind of unit (plain GET
// form, no JavaScript). /layanan/{slug}: the service in plain language, then the full service
// standard (14 components, UU 25/2009 Pasal 21), and the blank printable form.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { IkmBadge, type IkmResult } from '../../satisfaction/module.ts';
import type { CatalogGroup, ServiceRow } from '../service.ts';
import { costText, standardOf } from '../service.ts';
import { UNIT_KINDS, type UnitKind } from '../schema.ts';

export const CATALOG_PATH = '/layanan';
export const serviceHref = (slug: string) => `${CATALOG_PATH}/${slug}`;

export function CatalogPage({ c, groups, q, unit }: { c: Context<Env>; groups: CatalogGroup[]; q: string; unit: UnitKind | '' }) {
  const t = c.get('t');
  const count = groups.reduce((n, g) => n + g.services.length, 0);
  return (
    <Layout c={c} title={t('layanan.catalog.title')} active={CATALOG_PATH}>
      <h1>{t('layanan.catalog.title')}</h1>
      <p class="lead">{t('layanan.catalog.lead')}</p>
      <form method="get" action={CATALOG_PATH} role="search">
        <div class="field">
          <label for="f-q">{t('layanan.catalog.search')}</label>
          <p class="hint" id="f-q-hint">{t('layanan.catalog.search_hint')}</p>
          <input id="f-q" name="q" type="search" value={q} maxlength={100} aria-describedby="f-q-hint" />
        </div>
        <div class="field">
          <label for="f-unit">{t('layanan.catalog.unit')}</label>
          <select id="f-unit" name="unit">
            <option value="">{t('layanan.catalog.unit_all')}</option>
            {UNIT_KINDS.map((k) => <option value={k} selected={k === unit}>{t(`layanan.unit_kind.${k}`)}</option>)}
          </select>
        </div>
        <button type="submit">{t('layanan.catalog.show')}</button>
      </form>
      <p role="status">{t('layanan.catalog.count', { n: count })}</p>
      {groups.map((g) => (
        <section>
          <h2>{g.name}</h2>
          <ul class="services">
            {g.services.map((s) => (
              <li>
                <a href={serviceHref(s.slug)}>{s.name}</a>
                <p class="muted">{t(`layanan.unit_kind.${s.unitKind}`)} · {t('layanan.days', { n: s.deadlineDays })} · {costText(s, t)}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {count === 0 ? <p>{t('layanan.catalog.none')}</p> : null}
    </Layout>
  );
}

function Value({ v }: { v: string | string[] }) {
  return Array.isArray(v) ? <ol>{v.map((x) => <li>{x}</li>)}</ol> : <p>{v}</p>;
}

export function ServicePage({ c, s, units, ikm }: { c: Context<Env>; s: ServiceRow; units: number; ikm: IkmResult | null }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={s.name} active={CATALOG_PATH}>
      <p><a href={CATALOG_PATH}>{t('layanan.service.back')}</a></p>
      <h1>{s.name}</h1>
      <p class="lead">{s.summary}</p>
      <dl class="facts">
        <dt>{t('layanan.service.who')}</dt><dd>{s.audience}</dd>
        <dt>{t('layanan.service.where')}</dt><dd>{t(`layanan.where.${s.unitKind}`, { n: units })}</dd>
        <dt>{t('layanan.service.time')}</dt><dd>{t('layanan.days', { n: s.deadlineDays })}</dd>
        <dt>{t('layanan.service.cost')}</dt><dd>{costText(s, t)}</dd>
        <dt>{t('layanan.service.product')}</dt><dd>{s.product}</dd>
        <dt>{t('layanan.service.ikm')}</dt><dd><IkmBadge c={c} result={ikm} /></dd>
      </dl>
      <h2>{t('layanan.service.need')}</h2>
      <ul>{s.requirements.map((r) => <li>{r}</li>)}</ul>
      <h2>{t('layanan.service.steps')}</h2>
      <ol>{s.steps.map((r) => <li>{r}</li>)}</ol>
      <p><a class="button" href={`${serviceHref(s.slug)}/ajukan`}>{t('layanan.service.apply')}</a></p>
      <p class="muted">{t('layanan.service.apply_hint')}</p>
      <p><a href={`${serviceHref(s.slug)}/formulir.pdf`}>{t('layanan.service.form_pdf')}</a></p>
      <p class="muted">{t('layanan.service.form_pdf_hint')}</p>
      <h2>{t('layanan.service.standard')}</h2>
      <p class="muted">{t('layanan.service.standard_lead')}</p>
      <dl class="standard">
        {standardOf(s, t).map((x, i) => (
          <>
            <dt>{`${i + 1}. ${t(`layanan.standard.${x.key}`)}`}</dt>
            <dd><Value v={x.value} /></dd>
          </>
        ))}
      </dl>
    </Layout>
  );
}
