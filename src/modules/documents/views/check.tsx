/** @jsxImportSource hono/jsx */
// /cek: a form for the code; /cek/{code}: genuine or not, who issued it, when, its status, and a form
// to compare a PDF byte for byte.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors } from '../../../platform/http/input.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Csrf, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import type { DocumentRow } from '../../../platform/documents/index.ts';
import { formatCode } from '../../../platform/documents/index.ts';

export const CHECK_PATH = '/cek';

export function CheckForm({ c, value, errors }: { c: Context<Env>; value: string; errors: FieldErrors }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('documents.check.title')}>
      <h1>{t('documents.check.title')}</h1>
      <ErrorSummary c={c} errors={errors} />
      <p>{t('documents.check.lead')}</p>
      <form method="get" action={CHECK_PATH}>
        <Field c={c} name="kode" label={t('documents.check.code')} hint={t('documents.check.code.hint')} value={value} errors={errors} autocomplete="off" maxlength={20} required />
        <button type="submit">{t('documents.check.submit')}</button>
      </form>
    </Layout>
  );
}

export interface ResultView {
  row: DocumentRow | undefined;
  code: string;
  unitName?: string;
  /** the outcome of an uploaded file's comparison */
  match?: boolean;
  errors?: FieldErrors;
}

export function ResultPage({ c, v, timeZone }: { c: Context<Env>; v: ResultView; timeZone: string }) {
  const t = c.get('t');
  const date = (d: Date) => new Intl.DateTimeFormat(c.get('locale') === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'long', timeZone }).format(d);
  const r = v.row;
  return (
    <Layout c={c} title={t('documents.result.title')}>
      <h1>{t('documents.result.title')}</h1>
      {!r ? (
        <Notice kind="warn">{t('documents.result.unknown')}</Notice>
      ) : (
        <>
          {r.status === 'revoked' ? (
            <Notice kind="warn">
              {t('documents.result.revoked', { date: date(r.revoked_at!) })}
              {r.revoke_reason ? <> {t('documents.result.reason', { reason: r.revoke_reason })}</> : null}
            </Notice>
          ) : (
            <Notice kind="ok">{t('documents.result.genuine')} {t('documents.result.valid')}</Notice>
          )}
          {r.development ? <Notice kind="warn">{t('documents.result.development')}</Notice> : null}
          <dl>
            <dt>{t('documents.field.title')}</dt><dd>{r.title}</dd>
            <dt>{t('documents.field.number')}</dt><dd>{r.number}</dd>
            <dt>{t('documents.field.unit')}</dt><dd>{v.unitName}</dd>
            <dt>{t('documents.field.issued')}</dt><dd>{date(r.issued_at)}</dd>
            <dt>{t('documents.field.signer')}</dt><dd>{r.signer_name}, {r.signer_position}</dd>
            <dt>{t('documents.field.status')}</dt><dd>{t(`documents.status.${r.status}`)}</dd>
          </dl>
          <h2>{t('documents.upload.title')}</h2>
          {v.match === true ? <Notice kind="ok">{t('documents.upload.same')}</Notice> : null}
          {v.match === false ? <Notice kind="warn">{t('documents.upload.different')}</Notice> : null}
          <ErrorSummary c={c} errors={v.errors ?? {}} />
          <p>{t('documents.upload.lead')}</p>
          <form method="post" action={`${CHECK_PATH}/${v.code}`} enctype="multipart/form-data">
            <Csrf c={c} />
            <Field c={c} name="berkas" type="file" label={t('documents.upload.file')} errors={v.errors} required />
            <button type="submit">{t('documents.upload.submit')}</button>
          </form>
        </>
      )}
      <p><a href={CHECK_PATH}>{t('documents.again')}</a> · {formatCode(v.code)}</p>
    </Layout>
  );
}
