/** @jsxImportSource hono/jsx */
// /akun/permohonan: the citizen's own applications, newest first; /akun/permohonan/{number}: the
// timeline, the answers (opened for the owner), the attachments, "Perbaiki" while it is returned, and
// the letter once issued.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { Csrf, DataTable, ErrorSummary, Field } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { maskNik } from '../../accounts/module.ts';
import type { Answers, ApplicationRecord } from '../applications.ts';
import type { ServiceRow } from '../service.ts';
import type { TimelineStep } from '../track.ts';
import { fileHref, FormField } from './apply-form.tsx';
import { dateOnly, StateTag, Timeline } from './track.tsx';

export const MINE_PATH = '/akun/permohonan';
export const mineHref = (tracking: string) => `${MINE_PATH}/${tracking}`;

export function MyApplicationsPage({ c, apps }: { c: Context<Env>; apps: ApplicationRecord[] }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('layanan.mine.title')} active={MINE_PATH}>
      <p><a href="/akun">{t('layanan.mine.account')}</a></p>
      <h1>{t('layanan.mine.title')}</h1>
      <DataTable
        caption={t('layanan.mine.caption')}
        captionHidden
        rows={apps}
        empty={t('layanan.mine.none')}
        columns={[
          { header: t('layanan.mine.service'), cell: (a) => <a href={mineHref(a.tracking_number)}>{a.service_name}</a> },
          { header: t('layanan.track.number'), cell: (a) => a.tracking_number },
          { header: t('layanan.mine.submitted'), cell: (a) => dateOnly(c, a.submitted_at) },
          { header: t('layanan.mine.state'), cell: (a) => <StateTag c={c} state={a.state} /> },
        ]}
      />
      <p><a href="/layanan">{t('layanan.mine.apply_more')}</a></p>
    </Layout>
  );
}

export interface Detail {
  app: ApplicationRecord; service: ServiceRow | undefined; answers: Answers; steps: TimelineStep[]; files: { file_id: string; field: string; name: string }[];
  /** the issued letter's verification code */
  doc?: { code: string; status: string };
  /** the invitation to rate the service (satisfaction), once the application is decided */
  rating?: { href: string; answered: boolean };
}

function labelOf(s: ServiceRow | undefined, name: string): string {
  return s?.pages.flatMap((p) => p.fields).find((f) => f.name === name)?.label ?? name;
}

export function ApplicationPage({ c, d }: { c: Context<Env>; d: Detail }) {
  const t = c.get('t');
  const a = d.app;
  const returned = d.steps.filter((s) => s.to === 'returned').at(-1);
  return (
    <Layout c={c} title={`${a.service_name} ${a.tracking_number}`} active={MINE_PATH}>
      <p><a href={MINE_PATH}>{t('layanan.mine.title')}</a></p>
      <h1>{a.service_name}</h1>
      <dl class="facts">
        <dt>{t('layanan.track.number')}</dt><dd>{a.tracking_number}</dd>
        <dt>{t('layanan.mine.state')}</dt><dd><StateTag c={c} state={a.state} /></dd>
        <dt>{t('layanan.mine.unit')}</dt><dd>{a.current_unit_name}</dd>
        <dt>{t('layanan.mine.submitted')}</dt><dd>{dateOnly(c, a.submitted_at)}</dd>
        <dt>{t('layanan.mine.due')}</dt><dd>{dateOnly(c, a.due_at)}</dd>
      </dl>
      {a.state === 'returned' ? (
        <div class="notice warn">
          <h2>{t('layanan.mine.returned')}</h2>
          {returned?.note ? <p>{returned.note}</p> : null}
          <p><a class="button" href={`${mineHref(a.tracking_number)}/perbaiki`}>{t('layanan.mine.fix')}</a></p>
        </div>
      ) : null}
      {a.state === 'issued' && a.document_id ? (
        <p>
          <a class="button" href={`${mineHref(a.tracking_number)}/surat.pdf`}>{t('layanan.mine.download')}</a>
          {d.doc ? <> <a href={`/cek/${d.doc.code}`}>{t('layanan.mine.verify')}</a></> : null}
        </p>
      ) : null}
      {d.rating ? (
        <div class="notice">
          <h2>{t('layanan.mine.rate_title')}</h2>
          {d.rating.answered ? <p>{t('layanan.mine.rated')}</p> : <><p>{t('layanan.mine.rate_lead')}</p><p><a class="button" href={d.rating.href}>{t('layanan.mine.rate')}</a></p></>}
        </div>
      ) : null}
      <h2>{t('layanan.timeline.title')}</h2>
      <Timeline c={c} steps={d.steps} />
      <h2>{t('layanan.mine.answers')}</h2>
      <dl class="facts">
        {Object.entries(d.answers).map(([k, v]) => {
          const f = d.service?.pages.flatMap((p) => p.fields).find((x) => x.name === k);
          return <><dt>{labelOf(d.service, k)}</dt><dd>{f?.type === 'nik' && v ? maskNik(v) : v || t('layanan.apply.none')}</dd></>;
        })}
      </dl>
      {d.files.length ? (
        <>
          <h2>{t('layanan.mine.files')}</h2>
          <ul>{d.files.map((f) => <li>{labelOf(d.service, f.field)}: <a href={fileHref(f.file_id)}>{f.name}</a></li>)}</ul>
        </>
      ) : null}
    </Layout>
  );
}

/** what a citizen may correct: the answers, not the files, the account's name or the applicant's own NIK */
export const fixableFields = (s: ServiceRow | undefined) =>
  (s?.pages ?? []).flatMap((p) => p.fields).filter((f) => f.type !== 'file' && f.prefill === undefined && !(f.type === 'nik' && f.name === 'nik'));

/** the attachments a citizen may replace when correcting: every file field of the service */
export const replaceableFiles = (s: ServiceRow | undefined) => (s?.pages ?? []).flatMap((p) => p.fields).filter((f) => f.type === 'file');

/**
 * The returned application's answers in one form (the officer said what to fix), and for each
 * attachment the file sent, with a file input to replace it (left empty, the file stays).
 */
export function FixPage({ c, d, values, errors }: { c: Context<Env>; d: Detail; values: FormData; errors: FieldErrors }) {
  const t = c.get('t');
  const a = d.app;
  const returned = d.steps.filter((s) => s.to === 'returned').at(-1);
  const fields = fixableFields(d.service);
  const files = replaceableFiles(d.service);
  return (
    <Layout c={c} title={`${t('layanan.mine.fix')} ${a.tracking_number}`} active={MINE_PATH}>
      <p><a href={mineHref(a.tracking_number)}>{a.service_name} {a.tracking_number}</a></p>
      <h1>{t('layanan.mine.fix')}</h1>
      {returned?.note ? <div class="notice warn"><p>{t('layanan.timeline.note')} {returned.note}</p></div> : null}
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action={`${mineHref(a.tracking_number)}/perbaiki`} enctype={files.length ? 'multipart/form-data' : undefined}>
        <Csrf c={c} />
        {fields.map((f) => f.type === 'select' ? (
          <div class={errors[f.name] ? 'field invalid' : 'field'}>
            <label for={`f-${f.name}`}>{f.label}</label>
            {errors[f.name] ? <p class="err" id={`f-${f.name}-err`}>{t(errors[f.name])}</p> : null}
            <select id={`f-${f.name}`} name={f.name} aria-describedby={errors[f.name] ? `f-${f.name}-err` : undefined}>
              {f.options!.map((o) => <option value={o} selected={o === values[f.name]}>{o}</option>)}
            </select>
          </div>
        ) : <Field c={c} name={f.name} label={f.label} hint={f.hint} value={values[f.name] ?? ''} errors={errors} type={f.type === 'date' ? 'date' : 'text'} inputmode={f.type === 'nik' ? 'numeric' : undefined} multiline={f.type === 'textarea'} maxlength={f.type === 'textarea' ? 2000 : 200} />)}
        {files.length ? <h2>{t('layanan.mine.files')}</h2> : null}
        {files.map((f) => <FormField c={c} f={f} values={values} errors={errors} files={d.files} />)}
        <p><button type="submit">{t('layanan.mine.fix_send')}</button></p>
      </form>
    </Layout>
  );
}
