/** @jsxImportSource hono/jsx */
// /petugas/pengaduan/{id}: one complaint as its handling or supervising unit sees it (an anonim
// reporter hidden), its whole timeline (internal entries marked), and one form per step the state
// allows this officer — nothing else is offered. Response templates of the category prefill the
// text through a plain GET (?templat=key), so it works without JavaScript.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { randomUUID } from 'node:crypto';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Csrf, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import type { HandlerComplaint } from '../public.ts';
import type { CategoryRow, UpdateRow } from '../repo.ts';
import type { Step } from '../workflow.ts';
import { STAFF_PATH, Select, when, type Option } from './staff-common.tsx';

/** The step's path segment and the name of its text field. */
export const STEP_PATHS = {
  verify: { path: 'verifikasi', note: 'verify_note' },
  reject: { path: 'tolak', note: 'reject_note' },
  disposition: { path: 'alihkan', note: 'disposition_note' },
  start: { path: 'proses', note: 'start_note' },
  report_follow_up: { path: 'tindak-lanjut', note: 'follow_up_note' },
  accept_follow_up: { path: 'terima', note: 'accept_note' },
  reject_follow_up: { path: 'kembalikan', note: 'return_note' },
} as const satisfies Partial<Record<Step['kind'], { path: string; note: string }>>;
export type StaffStep = keyof typeof STEP_PATHS;

export interface DetailProps {
  c: Context<Env>;
  complaint: HandlerComplaint;
  category: CategoryRow | undefined;
  timeline: UpdateRow[];
  photos: string[];
  steps: StaffStep[];
  overdue: boolean;
  units: Option[];
  template?: string;
  values?: FormData;
  errors?: FieldErrors;
  message?: string;
  /** the "forward to SP4N-LAPOR!" button: configured, this officer handles it, not yet queued */
  lapor?: boolean;
}

export function DetailPage(p: DetailProps) {
  const { c, complaint: k, category } = p;
  const t = c.get('t');
  const locale = c.get('locale');
  const values = p.values ?? {};
  const errors = p.errors ?? {};
  const base = `${STAFF_PATH}/${k.id}`;
  const tpl = category?.templates.find((x) => x.key === p.template)?.text[locale];
  const text = (name: string) => values[name] ?? tpl ?? '';
  const photo = (f: string) => (
    <a href={`${base}/foto/${f}`}><img src={`${base}/foto/${f}?ukuran=kecil`} alt={t('pengaduan.staff.photo_alt')} width={120} /></a>
  );
  const Key = () => <input type="hidden" name="key" value={values.key || randomUUID()} />;
  const form = (step: StaffStep, body: Child, button: string, opts: { multipart?: boolean; danger?: boolean } = {}) => (
    <details open={Object.keys(errors).length > 0 && values._step === step ? true : undefined}>
      <summary>{t(`pengaduan.staff.step.${step}`)}</summary>
      <form method="post" action={`${base}/${STEP_PATHS[step].path}`} enctype={opts.multipart ? 'multipart/form-data' : undefined}>
        <Csrf c={c} />
        <Key />
        {body}
        <button type="submit" class={opts.danger ? 'danger' : undefined}>{button}</button>
      </form>
    </details>
  );
  const note = (step: StaffStep, required: boolean) => (
    <Field c={c} name={STEP_PATHS[step].note} label={t(required ? 'pengaduan.staff.field.note_required' : 'pengaduan.staff.field.note')} multiline maxlength={5000}
      value={text(STEP_PATHS[step].note)} errors={errors} required={required} />
  );
  const forms: Record<StaffStep, () => Child> = {
    verify: () => form('verify', note('verify', false), t('pengaduan.staff.button.verify')),
    reject: () => form('reject', <>
      <Select c={c} name="reason" label={t('pengaduan.staff.field.reason')} value={values.reason} errors={errors}
        options={[{ value: 'not_complaint', label: t('pengaduan.staff.reason.not_complaint') }, { value: 'duplicate', label: t('pengaduan.staff.reason.duplicate') }]} />
      <Field c={c} name="duplicate_of" label={t('pengaduan.staff.field.duplicate_of')} hint={t('pengaduan.staff.field.duplicate_of.hint')} value={values.duplicate_of} errors={errors} maxlength={20} />
      {note('reject', true)}
    </>, t('pengaduan.staff.button.reject'), { danger: true }),
    disposition: () => form('disposition', <>
      <Select c={c} name="unit" label={t('pengaduan.staff.field.unit')} value={values.unit} errors={errors}
        options={[{ value: '', label: t('pengaduan.staff.field.choose') }, ...p.units.filter((u) => u.value !== String(k.routedUnit.id))]} />
      {note('disposition', true)}
    </>, t('pengaduan.staff.button.disposition')),
    start: () => form('start', note('start', false), t('pengaduan.staff.button.start')),
    report_follow_up: () => form('report_follow_up', <>
      {note('report_follow_up', true)}
      <div class={errors.photos ? 'field invalid' : 'field'}>
        <label for="f-photos">{t('pengaduan.staff.field.photos')}</label>
        <p class="hint" id="f-photos-hint">{t('pengaduan.staff.field.photos.hint')}</p>
        {errors.photos ? <p class="err" id="f-photos-err">{t(errors.photos, { max: 5 })}</p> : null}
        <input type="file" id="f-photos" name="photos" accept="image/jpeg,image/png,image/webp" multiple aria-describedby={errors.photos ? 'f-photos-hint f-photos-err' : 'f-photos-hint'} />
      </div>
    </>, t('pengaduan.staff.button.report_follow_up'), { multipart: true }),
    accept_follow_up: () => form('accept_follow_up', note('accept_follow_up', false), t('pengaduan.staff.button.accept_follow_up')),
    reject_follow_up: () => form('reject_follow_up', note('reject_follow_up', true), t('pengaduan.staff.button.reject_follow_up'), { danger: true }),
  };
  const loc = [k.kelurahan?.name, k.kecamatan?.name].filter(Boolean).join(', ');
  return (
    <Layout c={c} title={`${t('pengaduan.staff.detail.title')} ${k.publicId}`} staff active={STAFF_PATH}>
      <p><a href={STAFF_PATH}>{t('pengaduan.staff.back')}</a></p>
      <h1>{t('pengaduan.staff.detail.title')} {k.publicId}</h1>
      {p.message ? <Notice kind="ok">{t(`pengaduan.staff.message.${p.message}`)}</Notice> : null}
      <ErrorSummary c={c} errors={errors} params={{ max: 5 }} />
      <p>
        <strong>{t(`pengaduan.staff.state.${k.state}`)}</strong>
        {p.overdue ? <> <span class="tag stale-tag">{t('pengaduan.staff.overdue')}</span></> : null}
        {k.rahasia ? <> <span class="tag">{t('pengaduan.staff.rahasia')}</span></> : null}
        {k.anonim ? <> <span class="tag">{t('pengaduan.staff.anonim')}</span></> : null}
      </p>
      <dl>
        <dt>{t('pengaduan.staff.col.category')}</dt><dd>{category?.name[locale] ?? k.categoryCode}</dd>
        <dt>{t('pengaduan.staff.col.unit')}</dt><dd>{k.routedUnit.name}</dd>
        <dt>{t('pengaduan.staff.supervisor')}</dt><dd>{k.supervisorUnit.name}</dd>
        <dt>{t('pengaduan.staff.channel')}</dt><dd>{t(`pengaduan.staff.channel.${k.channel}`)}</dd>
        <dt>{t('pengaduan.staff.location')}</dt><dd>{[k.address, loc].filter(Boolean).join(' — ') || '—'}</dd>
        <dt>{t('pengaduan.staff.received_at')}</dt><dd>{when(c, k.createdAt)}</dd>
        {k.verifyDueAt && (k.state === 'received' || k.state === 'reopened') ? <><dt>{t('pengaduan.staff.verify_due')}</dt><dd>{when(c, k.verifyDueAt)}</dd></> : null}
        {k.followUpDueAt && ['verified', 'dispositioned', 'in_progress'].includes(k.state) ? <><dt>{t('pengaduan.staff.follow_up_due')}</dt><dd>{when(c, k.followUpDueAt)}</dd></> : null}
        {k.externalRef ? <><dt>{t('pengaduan.staff.external_ref')}</dt><dd>{k.externalRef}</dd></> : null}
        <dt>{t('pengaduan.staff.reporter')}</dt>
        <dd>{k.reporterHidden ? t('pengaduan.staff.reporter_hidden') : [k.reporterName, k.contactPhone, k.contactEmail].filter(Boolean).join(' · ') || (k.reporterUserId ? t('pengaduan.staff.reporter_account') : '—')}</dd>
      </dl>
      {k.title ? <h2>{k.title}</h2> : null}
      <p class="complaint-text">{k.description}</p>
      {p.photos.length ? <p class="photos">{p.photos.map(photo)}</p> : null}

      {p.steps.length ? <h2>{t('pengaduan.staff.actions')}</h2> : null}
      {p.steps.length && category?.templates.length ? (
        <form method="get" action={base} class="template-pick">
          <Select c={c} name="templat" label={t('pengaduan.staff.template')} hint={t('pengaduan.staff.template.hint')} value={p.template}
            options={[{ value: '', label: t('pengaduan.staff.template.none') }, ...category.templates.map((x) => ({ value: x.key, label: x.text[locale].slice(0, 60) }))]} />
          <button type="submit" class="secondary">{t('pengaduan.staff.template.use')}</button>
        </form>
      ) : null}
      {p.steps.map((s) => forms[s]())}
      {p.lapor ? (
        <form method="post" action={`${base}/lapor`}>
          <Csrf c={c} />
          <Key />
          <p class="hint">{t('pengaduan.staff.lapor.hint')}</p>
          <button type="submit" class="secondary">{t('pengaduan.staff.lapor.button')}</button>
        </form>
      ) : null}

      <h2>{t('pengaduan.staff.timeline')}</h2>
      <ol class="timeline">
        {p.timeline.map((u) => (
          <li>
            <strong>{t(`pengaduan.staff.update.${u.kind}`)}</strong>{u.public ? null : <> <span class="tag">{t('pengaduan.staff.internal')}</span></>}
            <br /><span class="muted">{when(c, u.createdAt)}{u.unitName ? ` · ${u.unitName}` : ''}</span>
            {u.body ? <p>{u.body}</p> : null}
            {u.photos.length ? <p class="photos">{u.photos.map(photo)}</p> : null}
          </li>
        ))}
      </ol>
    </Layout>
  );
}
