/** @jsxImportSource hono/jsx */
// /investasi (filters by sector, kecamatan and stage; plain GET form, works without JavaScript),
// /investasi/{slug} (the opportunity with its value, stage and contact), the inquiry form
// /investasi/minat/{slug} and its confirmation.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Csrf, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import type { Freshness } from '../../../platform/freshness/index.ts';
import { inquiryHref, opportunityHref, PUBLIC_PATH, type OpportunityRow } from '../service.ts';
import { SECTORS, STAGES } from '../schema.ts';
import { FreshnessLine, rupiah, Select } from './shared.tsx';

export function ListPage({ c, items, filter, kecamatan, freshness }: { c: Context<Env>; items: OpportunityRow[]; filter: { sektor?: string; kecamatan?: string; status?: string }; kecamatan: { code: string; name: string }[]; freshness?: Freshness }) {
  const t = c.get('t');
  const filtered = !!(filter.sektor || filter.kecamatan || filter.status);
  return (
    <Layout c={c} title={t('investasi.public.title')} active={PUBLIC_PATH}>
      <h1>{t('investasi.public.title')}</h1>
      <p class="lead">{t('investasi.public.lead')}</p>
      {freshness ? <FreshnessLine f={freshness} /> : null}
      <form method="get" action={PUBLIC_PATH} class="filters">
        <Select c={c} name="sektor" label={t('investasi.field.sector')} value={filter.sektor}
          options={[{ value: '', label: t('investasi.filter.all') }, ...SECTORS.map((s) => ({ value: s, label: t(`investasi.sector.${s}`) }))]} />
        <Select c={c} name="kecamatan" label={t('investasi.field.kecamatan')} value={filter.kecamatan}
          options={[{ value: '', label: t('investasi.filter.all') }, ...kecamatan.map((k) => ({ value: k.code, label: k.name }))]} />
        <Select c={c} name="status" label={t('investasi.field.stage')} value={filter.status}
          options={[{ value: '', label: t('investasi.filter.all') }, ...STAGES.map((s) => ({ value: s, label: t(`investasi.stage.${s}`) }))]} />
        <button type="submit">{t('investasi.filter.submit')}</button>
      </form>
      <p>{t('investasi.public.count', { n: items.length })}{filtered ? <> · <a href={PUBLIC_PATH}>{t('investasi.filter.reset')}</a></> : null}</p>
      {items.length ? (
        <ul class="cards">
          {items.map((o) => (
            <li>
              <article>
                <h2><a href={opportunityHref(o)}>{o.title}</a></h2>
                <p class="muted">{t(`investasi.sector.${o.sector}`)} · {o.kecamatan?.name ?? o.location} · {t(`investasi.stage.${o.stage}`)}</p>
                {o.valueRp !== null ? <p>{t('investasi.field.value')}: <strong>{rupiah(o.valueRp)}</strong></p> : null}
                <p>{o.summary}</p>
              </article>
            </li>
          ))}
        </ul>
      ) : <p>{t(filtered ? 'investasi.public.none_filtered' : 'investasi.public.none')}</p>}
    </Layout>
  );
}

export function ItemPage({ c, o, preview }: { c: Context<Env>; o: OpportunityRow; preview?: boolean }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={o.title} active={PUBLIC_PATH} staff={preview}>
      {preview ? <Notice kind="warn">{t('investasi.preview.notice')}</Notice> : <p><a href={PUBLIC_PATH}>{t('investasi.public.back')}</a></p>}
      <h1>{o.title}</h1>
      <p class="lead">{o.summary}</p>
      <dl>
        <dt>{t('investasi.field.sector')}</dt><dd>{t(`investasi.sector.${o.sector}`)}</dd>
        <dt>{t('investasi.field.location')}</dt><dd>{o.location}{o.kecamatan ? `, ${o.kecamatan.name}` : ''}</dd>
        <dt>{t('investasi.field.value')}</dt><dd>{o.valueRp !== null ? rupiah(o.valueRp) : t('investasi.value.none')}</dd>
        <dt>{t('investasi.field.stage')}</dt><dd>{t(`investasi.stage.${o.stage}`)}</dd>
        <dt>{t('investasi.field.owner')}</dt><dd>{o.owner.name}</dd>
        <dt>{t('investasi.field.contact')}</dt>
        <dd>{o.contactName}{o.contactPhone ? <> · <a href={`tel:${o.contactPhone.replace(/[^+0-9]/g, '')}`}>{o.contactPhone}</a></> : null}{o.contactEmail ? <> · <a href={`mailto:${o.contactEmail}`}>{o.contactEmail}</a></> : null}</dd>
      </dl>
      {o.body ? o.body.split(/\n{2,}/).map((p) => <p>{p}</p>) : null}
      {!preview && o.stage !== 'terealisasi' ? <p><a class="button" href={inquiryHref(o)}>{t('investasi.inquiry.start')}</a></p> : null}
    </Layout>
  );
}

export function InquiryPage({ c, o, values, errors }: { c: Context<Env>; o: OpportunityRow; values: FormData; errors: FieldErrors }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('investasi.inquiry.title')} active={PUBLIC_PATH}>
      <p><a href={opportunityHref(o)}>{t('investasi.inquiry.back', { title: o.title })}</a></p>
      <h1>{t('investasi.inquiry.title')}</h1>
      <p>{t('investasi.inquiry.lead', { title: o.title, unit: o.owner.name })}</p>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action={inquiryHref(o)} novalidate>
        <Csrf c={c} />
        <input type="hidden" name="idem" value={values.idem ?? ''} />
        <Field c={c} name="name" label={t('investasi.inquiry.name')} value={values.name} errors={errors} autocomplete="name" maxlength={120} />
        <Field c={c} name="organisation" label={t('investasi.inquiry.organisation')} hint={t('investasi.inquiry.organisation_hint')} value={values.organisation} errors={errors} autocomplete="organization" maxlength={160} />
        <Field c={c} name="email" type="email" label={t('investasi.inquiry.email')} hint={t('investasi.inquiry.reach_hint')} value={values.email} errors={errors} autocomplete="email" inputmode="email" maxlength={200} />
        <Field c={c} name="phone" type="tel" label={t('investasi.inquiry.phone')} value={values.phone} errors={errors} autocomplete="tel" inputmode="tel" maxlength={30} />
        <Field c={c} name="message" label={t('investasi.inquiry.message')} hint={t('investasi.inquiry.message_hint')} value={values.message} errors={errors} multiline maxlength={4000} />
        <button type="submit">{t('investasi.inquiry.submit')}</button>
      </form>
    </Layout>
  );
}

export function SentPage({ c }: { c: Context<Env> }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('investasi.sent.title')} active={PUBLIC_PATH}>
      <h1>{t('investasi.sent.title')}</h1>
      <Notice kind="ok">{t('investasi.sent.body')}</Notice>
      <p><a href={PUBLIC_PATH}>{t('investasi.public.back')}</a></p>
    </Layout>
  );
}
