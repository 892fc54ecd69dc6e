/** @jsxImportSource hono/jsx */
// /pengaduan/{id}: a complaint in public as a timeline — what was reported, where, which unit holds
// it, and every public step with its date and unit (never a person; never the reporter). The
// reporter's own page (/pengaduan/lacak/{id}/{token}, or the signed-in owner) adds the tracking id
// large on arrival and, when it is resolved, "Sudah selesai?".
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { formatDate, formatDateTime } from '../../../platform/i18n/index.ts';
import { Csrf, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { PublicComplaint } from '../public.ts';

const KINDS = new Set(['received', 'verified', 'rejected_not_complaint', 'rejected_duplicate', 'dispositioned', 'in_progress', 'follow_up_reported',
  'validated', 'resolved', 'follow_up_rejected', 'confirmed', 'reopened', 'auto_closed']);

export const kindLabel = (t: (k: string) => string, kind: string) => t(KINDS.has(kind) ? `pengaduan.public.kind.${kind}` : 'pengaduan.public.kind.other');

export interface ReporterPart {
  /** where the reporter's page and its form live (the follow link, or /pengaduan/{id}/jawab for the owner) */
  action: string;
  /** the follow link to keep (token holders) */
  followUrl?: string;
  /** photo URLs of a rahasia complaint go through the follow link */
  photoBase: string;
  justFiled: boolean;
  verifyDueAt: Date | null;
  /** the rating page of a confirmed complaint not rated yet (token holders) */
  rateHref?: string;
  values: FormData;
  errors: FieldErrors;
}

export function ComplaintPage({ c, p, categoryName, rahasia, reporter, message }: {
  c: Context<Env>; p: PublicComplaint; categoryName: string; rahasia: boolean; reporter?: ReporterPart; message?: string;
}) {
  const t = c.get('t');
  const locale = c.get('locale');
  const photoBase = reporter?.photoBase ?? `/pengaduan/${p.publicId}/foto`;
  const errors = reporter?.errors ?? {};
  return (
    <Layout c={c} title={`${categoryName} · ${p.publicId}`} active="/pengaduan">
      <ErrorSummary c={c} errors={errors} />
      {message ? <Notice kind="ok">{t(`pengaduan.public.message.${message}`)}</Notice> : null}
      {reporter?.justFiled ? (
        <section aria-labelledby="terkirim">
          <h1 id="terkirim">{t('pengaduan.public.done.title')}</h1>
          <p>{t('pengaduan.public.done.id')}</p>
          <p class="code">{p.publicId}</p>
          {reporter.verifyDueAt ? <p>{t('pengaduan.public.done.next', { unit: p.routedUnit, date: formatDate(locale, reporter.verifyDueAt) })}</p> : null}
          {reporter.followUrl ? (
            <>
              <p>{t('pengaduan.public.done.keep')}</p>
              <p>{t('pengaduan.public.done.link')}: <a href={reporter.followUrl}>{reporter.followUrl}</a></p>
            </>
          ) : null}
          <h2>{categoryName}</h2>
        </section>
      ) : (
        <h1>{categoryName} <span class="muted">{p.publicId}</span></h1>
      )}
      {rahasia ? <Notice kind="warn">{t('pengaduan.public.rahasia_notice')}</Notice> : null}
      <dl>
        <dt>{t('pengaduan.public.col.state')}</dt><dd><strong>{t(`pengaduan.public.state.${p.state}`)}</strong></dd>
        <dt>{t('pengaduan.public.col.unit')}</dt><dd>{p.routedUnit}</dd>
        <dt>{t('pengaduan.public.where')}</dt><dd>{[p.address, p.kelurahan, p.kecamatan].filter(Boolean).join(', ') || '–'}</dd>
        <dt>{t('pengaduan.public.col.filed')}</dt><dd>{formatDateTime(locale, p.createdAt)}</dd>
        <dt>{t('pengaduan.public.col.followers')}</dt><dd>{p.followers}</dd>
      </dl>
      <h2>{t('pengaduan.public.field.description')}</h2>
      <p>{p.description}</p>
      {p.photos.length ? (
        <ul class="unit-list">
          {p.photos.map((f, i) => (
            <li><a href={`${photoBase}/${f}`}><img src={`${photoBase}/${f}?ukuran=kecil`} alt={t('pengaduan.public.photo_alt', { n: i + 1 })} width="160" loading="lazy" /></a></li>
          ))}
        </ul>
      ) : null}

      {reporter && p.state === 'resolved' ? (
        <section aria-labelledby="selesai">
          <h2 id="selesai">{t('pengaduan.public.answer.title')}</h2>
          <p>{t('pengaduan.public.answer.lead', { unit: p.routedUnit })}</p>
          <form method="post" action={reporter.action} novalidate>
            <Csrf c={c} />
            <fieldset id="f-selesai" class={errors.selesai ? 'field invalid' : 'field'}>
              <legend>{t('pengaduan.public.answer.question')}</legend>
              {errors.selesai ? <p class="err">{t(errors.selesai)}</p> : null}
              <div class="choice"><input type="radio" id="f-selesai-ya" name="selesai" value="ya" checked={reporter.values.selesai === 'ya'} /><label for="f-selesai-ya">{t('pengaduan.public.answer.yes')}</label></div>
              <div class="choice"><input type="radio" id="f-selesai-belum" name="selesai" value="belum" checked={reporter.values.selesai === 'belum'} /><label for="f-selesai-belum">{t('pengaduan.public.answer.no')}</label></div>
            </fieldset>
            <Field c={c} name="alasan" label={t('pengaduan.public.answer.reason')} hint={t('pengaduan.public.answer.reason_hint')} value={reporter.values.alasan} errors={errors} multiline maxlength={2000} />
            <button type="submit">{t('pengaduan.public.answer.send')}</button>
          </form>
        </section>
      ) : null}

      {reporter?.rateHref ? (
        <section aria-labelledby="nilai">
          <h2 id="nilai">{t('pengaduan.public.rate.title')}</h2>
          <p>{t('pengaduan.public.rate.lead')}</p>
          <p><a class="button" href={reporter.rateHref}>{t('pengaduan.public.rate.link')}</a></p>
        </section>
      ) : null}

      <h2>{t('pengaduan.public.timeline')}</h2>
      <ol>
        {p.timeline.map((u) => (
          <li>
            <p><strong>{kindLabel(t, u.kind)}</strong> · {formatDateTime(locale, u.at)}{u.unit ? <> · {u.unit}</> : null}</p>
            {u.body ? <p>{u.body}</p> : null}
            {u.photos.length ? (
              <p>{u.photos.map((f, i) => <a href={`${photoBase}/${f}`}><img src={`${photoBase}/${f}?ukuran=kecil`} alt={t('pengaduan.public.photo_alt', { n: i + 1 })} width="120" loading="lazy" /></a>)}</p>
            ) : null}
          </li>
        ))}
      </ol>
      <p><a href="/pengaduan">{t('pengaduan.public.back_to_list')}</a></p>
    </Layout>
  );
}

/** "+1 ikuti" without an account: the email or phone to follow it with (only a keyed hash is kept). */
export function FollowPage({ c, publicId, values, errors }: { c: Context<Env>; publicId: string; values: FormData; errors: FieldErrors }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('pengaduan.public.follow')} active="/pengaduan">
      <ErrorSummary c={c} errors={errors} />
      <h1>{t('pengaduan.public.follow')}</h1>
      <p><a href={`/pengaduan/${publicId}`}>{publicId}</a></p>
      <form method="post" action={`/pengaduan/${publicId}/ikuti`} novalidate>
        <Csrf c={c} />
        <Field c={c} name="kontak" label={t('pengaduan.public.field.contact')} hint={t('pengaduan.public.follow_hint')} value={values.kontak} errors={errors} autocomplete="email" maxlength={200} />
        <button type="submit">{t('pengaduan.public.follow')}</button>
      </form>
    </Layout>
  );
}
