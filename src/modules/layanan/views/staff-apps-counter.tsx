/** @jsxImportSource hono/jsx */
// The counter: pick the service, enter the walk-in citizen (name, NIK) and the answers, then the
// receipt to print (tracking number + PIN). And the citizen's claim page (/akun/permohonan/klaim).
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { formatDate, formatDateTime } from '../../../platform/i18n/index.ts';
import { Csrf, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ApplicationRecord } from '../applications-repo.ts';
import type { CounterUnit } from '../counter.ts';
import { counterFields } from '../counter.ts';
import type { ServiceRow } from '../repo.ts';
import type { ServiceField } from '../schema.ts';
import { COUNTER_PATH, QUEUE_PATH } from './staff-apps.tsx';

export const CLAIM_PATH = '/akun/permohonan/klaim';
export const MY_APPLICATIONS = '/akun/permohonan';
const formHref = (slug: string) => `${COUNTER_PATH}/${slug}`;

export function ChooseServicePage({ c, services }: { c: Context<Env>; services: ServiceRow[] }) {
  const t = c.get('t');
  const groups = new Map<string, ServiceRow[]>();
  for (const s of services) groups.set(s.unitKind, [...(groups.get(s.unitKind) ?? []), s]);
  return (
    <Layout c={c} title={t('layanan.officer.counter.title')} staff active={QUEUE_PATH}>
      <p><a href={QUEUE_PATH}>{t('layanan.officer.detail.back')}</a></p>
      <h1>{t('layanan.officer.counter.title')}</h1>
      <p>{t('layanan.officer.counter.intro')}</p>
      {services.length ? [...groups].map(([kind, list]) => (
        <section>
          <h2>{t(`layanan.unit_kind.${kind}`)}</h2>
          <ul>{list.map((s) => <li><a href={formHref(s.slug)}>{s.name}</a></li>)}</ul>
        </section>
      )) : <p class="muted">{t('layanan.officer.counter.none')}</p>}
    </Layout>
  );
}

function AnswerField({ c, f, values, errors }: { c: Context<Env>; f: ServiceField; values: FormData; errors: FieldErrors }) {
  const t = c.get('t');
  const name = `f_${f.name}`;
  if (f.type === 'select') {
    const id = `f-${name}`;
    const err = errors[name];
    const described = [f.hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div class={err ? 'field invalid' : 'field'}>
        <label for={id}>{f.label}{f.required ? '' : ` ${t('layanan.officer.counter.optional')}`}</label>
        {f.hint ? <p class="hint" id={`${id}-hint`}>{f.hint}</p> : null}
        {err ? <p class="err" id={`${id}-err`}>{t(err)}</p> : null}
        <select id={id} name={name} aria-describedby={described} aria-invalid={err ? 'true' : undefined}>
          <option value="">{t('layanan.officer.counter.choose')}</option>
          {f.options!.map((o) => <option value={o} selected={values[name] === o}>{o}</option>)}
        </select>
      </div>
    );
  }
  return (
    <Field c={c} name={name} label={f.required ? f.label : `${f.label} ${t('layanan.officer.counter.optional')}`} hint={f.hint} value={values[name]} errors={errors}
      type={f.type === 'date' ? 'date' : 'text'} inputmode={f.type === 'nik' ? 'numeric' : undefined} maxlength={f.type === 'nik' ? 20 : 2000}
      multiline={f.type === 'textarea'} required={f.required} />
  );
}

export function CounterFormPage({ c, units, service, values, errors }: { c: Context<Env>; units: CounterUnit[]; service: ServiceRow; values: FormData; errors: FieldErrors }) {
  const t = c.get('t');
  const title = t('layanan.officer.counter.form', { name: service.name });
  return (
    <Layout c={c} title={title} staff active={QUEUE_PATH}>
      <p><a href={COUNTER_PATH}>{t('layanan.officer.counter.back')}</a></p>
      <h1>{title}</h1>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action={`${COUNTER_PATH}/${service.slug}`} novalidate>
        <Csrf c={c} />
        {units.length === 1 ? (
          <><input type="hidden" name="unit" value={String(units[0].id)} /><p>{t('layanan.officer.counter.at', { unit: units[0].name })}</p></>
        ) : (
          <div class={errors.unit ? 'field invalid' : 'field'}>
            <label for="f-unit">{t('layanan.officer.counter.unit')}</label>
            {errors.unit ? <p class="err" id="f-unit-err">{t(errors.unit)}</p> : null}
            <select id="f-unit" name="unit" aria-describedby={errors.unit ? 'f-unit-err' : undefined} aria-invalid={errors.unit ? 'true' : undefined}>
              {units.map((u) => <option value={String(u.id)} selected={values.unit === String(u.id)}>{u.name}</option>)}
            </select>
          </div>
        )}
        <input type="hidden" name="idem" value={values.idem ?? ''} />
        <h2>{t('layanan.officer.counter.applicant')}</h2>
        <Field c={c} name="pemohon_nama" label={t('layanan.officer.counter.name')} value={values.pemohon_nama} errors={errors} maxlength={200} autocomplete="off" required />
        <Field c={c} name="pemohon_nik" label={t('layanan.officer.counter.nik')} hint={t('layanan.officer.counter.nik_hint')} value={values.pemohon_nik} errors={errors} inputmode="numeric" maxlength={20} autocomplete="off" required />
        {service.pages.map((p) => {
          const fields = counterFields({ ...service, pages: [p] });
          return fields.length ? <><h2>{p.title}</h2>{fields.map((f) => <AnswerField c={c} f={f} values={values} errors={errors} />)}</> : null;
        })}
        <h2>{t('layanan.officer.counter.requirements')}</h2>
        <p>{t('layanan.officer.counter.requirements_hint')}</p>
        <ul>{service.requirements.map((r) => <li>{r}</li>)}</ul>
        <button type="submit">{t('layanan.officer.counter.submit')}</button>
      </form>
    </Layout>
  );
}

export function ReceiptPage({ c, app, pin }: { c: Context<Env>; app: ApplicationRecord; pin: string }) {
  const t = c.get('t');
  const locale = c.get('locale');
  const tz = c.get('region').timeZone;
  const title = t('layanan.officer.receipt.title');
  return (
    <Layout c={c} title={title} staff active={QUEUE_PATH}>
      <Notice kind="ok"><span class="noprint">{t('layanan.officer.receipt.done')}</span></Notice>
      <section class="receipt">
        <h1>{title}</h1>
        <p>{app.service_name} · {app.unit_name}</p>
        <dl class="summary">
          <dt>{t('layanan.officer.col.tracking')}</dt><dd><strong>{app.tracking_number}</strong></dd>
          <dt>{t('layanan.officer.receipt.pin')}</dt><dd><strong>{pin.slice(0, 3)} {pin.slice(3)}</strong></dd>
          <dt>{t('layanan.officer.col.applicant')}</dt><dd>{app.applicant_name}</dd>
          <dt>{t('layanan.officer.receipt.filed')}</dt><dd>{formatDateTime(locale, app.submitted_at, tz)}</dd>
          <dt>{t('layanan.officer.col.due')}</dt><dd>{formatDate(locale, app.due_at, tz)}</dd>
        </dl>
        <p>{t('layanan.officer.receipt.track')}</p>
        <p>{t('layanan.officer.receipt.claim')}</p>
        <p>{t('layanan.officer.receipt.secret')}</p>
      </section>
      <p class="noprint">{t('layanan.officer.receipt.print')}</p>
      <p class="noprint"><a href={`${QUEUE_PATH}/${app.id}`}>{t('layanan.officer.receipt.open')}</a> · <a href={COUNTER_PATH}>{t('layanan.officer.counter.new')}</a></p>
    </Layout>
  );
}

export function ClaimPage({ c, values, errors, claimed }: { c: Context<Env>; values: FormData; errors: FieldErrors; claimed?: boolean }) {
  const t = c.get('t');
  const title = t('layanan.officer.claim.title');
  return (
    <Layout c={c} title={title}>
      <h1>{title}</h1>
      {claimed ? <Notice kind="ok">{t('layanan.officer.claim.done')} <a href={MY_APPLICATIONS}>{t('layanan.officer.claim.mine')}</a></Notice> : null}
      <p>{t('layanan.officer.claim.intro')}</p>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action={CLAIM_PATH} novalidate>
        <Csrf c={c} />
        <Field c={c} name="nomor" label={t('layanan.officer.claim.tracking')} hint={t('layanan.officer.claim.tracking_hint')} value={values.nomor} errors={errors} maxlength={20} autocomplete="off" required />
        <Field c={c} name="pin" label={t('layanan.officer.claim.pin')} value={values.pin} errors={errors} inputmode="numeric" maxlength={10} autocomplete="off" required />
        <button type="submit">{t('layanan.officer.claim.submit')}</button>
      </form>
    </Layout>
  );
}
