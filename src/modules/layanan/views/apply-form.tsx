/** @jsxImportSource hono/jsx */
// /layanan/{slug}/ajukan/…: one question group per page (the unit that receives it, then each page of
// the service), "Kembali" as a button that saves what was typed, the check-your-answers page with
// "Ubah" links and the declaration, and the result with the tracking number and PIN (shown once).
// Plain forms: everything works without JavaScript.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { Csrf, ErrorSummary, Field } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { maskNik } from '../../accounts/module.ts';
import type { UnitChoice } from '../apply-repo.ts';
import { prefilled, stepSlug, type Draft, type Profile, type Step } from '../apply.ts';
import type { ServiceField } from '../schema.ts';
import type { ServiceRow } from '../service.ts';
import { serviceHref } from './public.tsx';

export const applyHref = (slug: string, step?: string) => `${serviceHref(slug)}/ajukan${step ? `/${step}` : ''}`;
export const fileHref = (id: string) => `/layanan/berkas/${id}`;

interface Base { c: Context<Env>; s: ServiceRow; steps: Step[]; index: number; errors: FieldErrors }

function Progress({ c, steps, index }: { c: Context<Env>; steps: Step[]; index: number }) {
  return <p class="muted">{c.get('t')('layanan.apply.progress', { n: index + 1, total: steps.length + 1 })}</p>;
}

function Buttons({ c, first }: { c: Context<Env>; first: boolean }) {
  const t = c.get('t');
  return (
    <p>
      <button type="submit" name="aksi" value="lanjut">{t('layanan.apply.continue')}</button>{' '}
      {first ? null : <button type="submit" name="aksi" value="kembali" class="secondary" formnovalidate>{t('layanan.apply.back')}</button>}
    </p>
  );
}

export function UnitStepPage(p: Base & { kind: 'kecamatan' | 'kelurahan'; options: UnitChoice[]; value: string; kecamatanName?: string }) {
  const t = p.c.get('t');
  const err = p.errors.unit;
  const question = t(`layanan.apply.unit.${p.kind}`);
  return (
    <Layout c={p.c} title={`${question} – ${p.s.name}`}>
      <p><a href={serviceHref(p.s.slug)}>{p.s.name}</a></p>
      <Progress c={p.c} steps={p.steps} index={p.index} />
      <ErrorSummary c={p.c} errors={p.errors} />
      <form method="post" action={applyHref(p.s.slug, p.kind)}>
        <Csrf c={p.c} />
        <div class={err ? 'field invalid' : 'field'}>
          <h1><label for="f-unit">{question}</label></h1>
          <p class="hint" id="f-unit-hint">{p.kind === 'kelurahan' ? t('layanan.apply.unit.kelurahan_hint', { kecamatan: p.kecamatanName ?? '' }) : t(`layanan.apply.unit.${p.s.unitKind}_hint`)}</p>
          {err ? <p class="err" id="f-unit-err">{t(err)}</p> : null}
          <select id="f-unit" name="unit" aria-describedby={err ? 'f-unit-hint f-unit-err' : 'f-unit-hint'} aria-invalid={err ? 'true' : undefined}>
            <option value="">{t('layanan.apply.unit.pick')}</option>
            {p.options.map((o) => <option value={String(o.id)} selected={String(o.id) === p.value}>{o.name}</option>)}
          </select>
        </div>
        <Buttons c={p.c} first={p.index === 0} />
      </form>
    </Layout>
  );
}

function Known({ c, f, value }: { c: Context<Env>; f: ServiceField; value: string }) {
  const t = c.get('t');
  return (
    <div class="field">
      <p><strong>{f.label}</strong></p>
      <p>{f.type === 'nik' ? maskNik(value) : value}</p>
      <p class="hint">{t('layanan.apply.from_account')}</p>
    </div>
  );
}

export function FormField({ c, f, values, errors, files }: { c: Context<Env>; f: ServiceField; values: FormData; errors: FieldErrors; files: Pick<Draft['files'][number], 'file_id' | 'field' | 'name'>[] }) {
  const t = c.get('t');
  const hint = f.hint ?? (f.required ? undefined : t('layanan.apply.optional'));
  const common = { c, name: f.name, label: f.label, hint, errors, value: values[f.name] ?? '' };
  if (f.type === 'textarea') return <Field {...common} multiline maxlength={2000} />;
  if (f.type === 'date') return <Field {...common} type="date" />;
  if (f.type === 'nik') return <Field {...common} inputmode="numeric" maxlength={25} autocomplete="off" />;
  if (f.type === 'text') return <Field {...common} maxlength={200} />;
  const id = `f-${f.name}`;
  const err = errors[f.name];
  const described = [hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  if (f.type === 'select') {
    return (
      <div class={err ? 'field invalid' : 'field'}>
        <label for={id}>{f.label}</label>
        {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
        {err ? <p class="err" id={`${id}-err`}>{t(err)}</p> : null}
        <select id={id} name={f.name} aria-describedby={described} aria-invalid={err ? 'true' : undefined}>
          <option value="">{t('layanan.apply.unit.pick')}</option>
          {f.options!.map((o) => <option value={o} selected={o === values[f.name]}>{o}</option>)}
        </select>
      </div>
    );
  }
  const have = files.find((x) => x.field === f.name);
  return (
    <div class={err ? 'field invalid' : 'field'}>
      <label for={id}>{f.label}</label>
      <p class="hint" id={`${id}-hint`}>{hint ?? t('layanan.apply.file_hint')}</p>
      {have ? <p>{t('layanan.apply.file_have')} <a href={fileHref(have.file_id)}>{have.name}</a>. {t('layanan.apply.file_replace')}</p> : null}
      {err ? <p class="err" id={`${id}-err`}>{t(err)}</p> : null}
      <input type="file" id={id} name={f.name} accept="image/jpeg,image/png,image/webp,application/pdf" aria-describedby={[`${id}-hint`, err ? `${id}-err` : ''].filter(Boolean).join(' ')} aria-invalid={err ? 'true' : undefined} />
    </div>
  );
}

export function FieldsStepPage(p: Base & { step: Extract<Step, { key: 'page' }>; values: FormData; profile: Profile; files: Draft['files']; params?: Record<string, string | number> }) {
  const t = p.c.get('t');
  const multipart = p.step.page.fields.some((f) => f.type === 'file');
  return (
    <Layout c={p.c} title={`${p.step.page.title} – ${p.s.name}`}>
      <p><a href={serviceHref(p.s.slug)}>{p.s.name}</a></p>
      <Progress c={p.c} steps={p.steps} index={p.index} />
      <ErrorSummary c={p.c} errors={p.errors} params={p.params} />
      <h1>{p.step.page.title}</h1>
      <form method="post" action={applyHref(p.s.slug, stepSlug(p.step))} enctype={multipart ? 'multipart/form-data' : undefined}>
        <Csrf c={p.c} />
        {p.step.page.fields.map((f) => {
          const known = prefilled(f, p.profile);
          return known !== undefined ? <Known c={p.c} f={f} value={known} /> : <FormField c={p.c} f={f} values={p.values} errors={p.errors} files={p.files} />;
        })}
        <Buttons c={p.c} first={p.index === 0} />
      </form>
      <p class="muted">{t('layanan.apply.saved_note')}</p>
    </Layout>
  );
}

export function CheckPage({ c, s, steps, draft, profile, units, errors, idemKey }: { c: Context<Env>; s: ServiceRow; steps: Step[]; draft: Draft; profile: Profile; units: { kecamatan?: string; unit?: string }; errors: FieldErrors; idemKey: string }) {
  const t = c.get('t');
  const change = (st: Step, what: string) => <a href={applyHref(s.slug, stepSlug(st))} aria-label={`${t('layanan.apply.change')}: ${what}`}>{t('layanan.apply.change')}</a>;
  const err = errors.pernyataan;
  return (
    <Layout c={c} title={`${t('layanan.apply.check.title')} – ${s.name}`}>
      <p><a href={serviceHref(s.slug)}>{s.name}</a></p>
      <Progress c={c} steps={steps} index={steps.length} />
      <ErrorSummary c={c} errors={errors} />
      <h1>{t('layanan.apply.check.title')}</h1>
      <p class="lead">{t('layanan.apply.check.lead')}</p>
      <dl class="facts">
        {steps.map((st) => {
          if (st.key !== 'page') {
            return <><dt>{t(`layanan.apply.unit.${st.key}_label`)}</dt><dd>{(st.key === 'kecamatan' ? units.kecamatan : units.unit) ?? ''} {change(st, t(`layanan.apply.unit.${st.key}_label`))}</dd></>;
          }
          return st.page.fields.map((f) => {
            const file = f.type === 'file' ? draft.files.find((x) => x.field === f.name) : undefined;
            const known = prefilled(f, profile);
            const v = f.type === 'file' ? (file?.name ?? t('layanan.apply.none')) : known !== undefined ? (f.type === 'nik' ? maskNik(known) : known) : (f.type === 'nik' && draft.answers[f.name] ? maskNik(draft.answers[f.name]) : (draft.answers[f.name] || t('layanan.apply.none')));
            return <><dt>{f.label}</dt><dd>{v} {known !== undefined ? null : change(st, f.label)}</dd></>;
          });
        })}
      </dl>
      <form method="post" action={applyHref(s.slug, 'periksa')}>
        <Csrf c={c} />
        <input type="hidden" name="kunci" value={idemKey} />
        <div class={err ? 'field invalid' : 'field'}>
          {err ? <p class="err" id="f-pernyataan-err">{t(err)}</p> : null}
          <input type="checkbox" id="f-pernyataan" name="pernyataan" value="1" aria-describedby={err ? 'f-pernyataan-err' : undefined} aria-invalid={err ? 'true' : undefined} />{' '}
          <label for="f-pernyataan">{t('layanan.apply.declaration')}</label>
        </div>
        <p><button type="submit">{t('layanan.apply.submit')}</button></p>
      </form>
    </Layout>
  );
}

export function DonePage({ c, s, tracking, pin }: { c: Context<Env>; s: ServiceRow; tracking: string; pin: string }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('layanan.apply.done.title')}>
      <div class="notice ok" role="status">
        <h1>{t('layanan.apply.done.title')}</h1>
        <p>{t('layanan.apply.done.lead', { service: s.name })}</p>
      </div>
      <dl class="facts">
        <dt>{t('layanan.track.number')}</dt><dd><strong>{tracking}</strong></dd>
        <dt>{t('layanan.track.pin')}</dt><dd><strong>{pin}</strong></dd>
      </dl>
      <p>{t('layanan.apply.done.keep')}</p>
      <p><a class="button" href={`/akun/permohonan/${tracking}`}>{t('layanan.apply.done.see')}</a></p>
      <p><a href="/lacak">{t('layanan.apply.done.track')}</a></p>
    </Layout>
  );
}

export function DoneGonePage({ c }: { c: Context<Env> }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('layanan.apply.done.gone_title')}>
      <h1>{t('layanan.apply.done.gone_title')}</h1>
      <p>{t('layanan.apply.done.gone')}</p>
      <p><a class="button" href="/akun/permohonan">{t('layanan.mine.title')}</a></p>
    </Layout>
  );
}
