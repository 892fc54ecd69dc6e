/** @jsxImportSource hono/jsx */
// /ppid: the maklumat pelayanan informasi publik (legal basis, procedure, time limits with today's
// computed example, cost, guarantee, evaluation) and the Daftar Informasi Publik by category.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import { formatDate } from '../../../platform/i18n/index.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { explainDeadline, LEGAL_DAYS, type ClockStart, type Deadline } from '../clock.ts';
import { DIP_CATEGORIES } from '../schema.ts';
import type { DipRow } from '../service.ts';

export const PUBLIC_PATH = '/ppid';

/** A computed date and, beside it, how it was computed. */
export function DueDate({ c, d }: { c: Context<Env>; d: Deadline }) {
  const t = c.get('t');
  const locale = c.get('locale');
  return (
    <span class="due">
      <strong>{formatDate(locale, d.due, d.timeZone)}</strong> <span class="muted">({explainDeadline(t, locale, d)})</span>
    </span>
  );
}

export function HomePage({ c, dip, example, start }: { c: Context<Env>; dip: DipRow[]; example: Deadline; start: ClockStart }) {
  const t = c.get('t');
  const days = { notice: LEGAL_DAYS.notice, extension: LEGAL_DAYS.extension, objection: LEGAL_DAYS.objection, atasan: LEGAL_DAYS.atasan, dispute: LEGAL_DAYS.dispute };
  return (
    <Layout c={c} title={t('ppid.home.title')} active={PUBLIC_PATH} head={<link rel="alternate" type="application/atom+xml" href="/ppid/umpan.atom" title={t('ppid.feed.title')} />}>
      <h1>{t('ppid.home.title')}</h1>
      <p class="lead">{t('ppid.home.lead')}</p>
      <p><a class="button" href="/ppid/permohonan/baru">{t('ppid.req.title')}</a> <a href="/ppid/register">{t('ppid.register.title')}</a> · <a href="/ppid/laporan">{t('ppid.report.link')}</a></p>
      <section aria-labelledby="maklumat">
        <h2 id="maklumat">{t('ppid.maklumat.title')}</h2>
        <dl>
          <dt>{t('ppid.maklumat.basis')}</dt>
          <dd>{t('ppid.maklumat.basis.text')}</dd>
          <dt>{t('ppid.maklumat.procedure')}</dt>
          <dd>
            <ol>
              <li>{t('ppid.maklumat.procedure.1')}</li>
              <li>{t('ppid.maklumat.procedure.2')}</li>
              <li>{t('ppid.maklumat.procedure.3', days)}</li>
              <li>{t('ppid.maklumat.procedure.4', days)}</li>
            </ol>
          </dd>
          <dt>{t('ppid.maklumat.limits')}</dt>
          <dd>
            <ul>
              <li>{t(`ppid.maklumat.limits.notice.${start}`, days)}</li>
              <li>{t('ppid.maklumat.limits.extension', days)}</li>
              <li>{t('ppid.maklumat.limits.objection', days)}</li>
              <li>{t('ppid.maklumat.limits.atasan', days)}</li>
              <li>{t('ppid.maklumat.limits.dispute', days)}</li>
            </ul>
            <p>{t('ppid.maklumat.limits.example')} <DueDate c={c} d={example} /></p>
          </dd>
          <dt>{t('ppid.maklumat.cost')}</dt>
          <dd>{t('ppid.maklumat.cost.text')}</dd>
          <dt>{t('ppid.maklumat.guarantee')}</dt>
          <dd>{t('ppid.maklumat.guarantee.text')}</dd>
          <dt>{t('ppid.maklumat.evaluation')}</dt>
          <dd>{t('ppid.maklumat.evaluation.text')}</dd>
        </dl>
      </section>
      <h2>{t('ppid.dip.title')}</h2>
      <p>{t('ppid.dip.lead')}</p>
      {DIP_CATEGORIES.map((cat) => {
        const rows = dip.filter((d) => d.category === cat);
        return (
          <section aria-labelledby={`dip-${cat}`}>
            <h3 id={`dip-${cat}`}>{t(`ppid.dip.category.${cat}`)}</h3>
            <p class="muted">{t(`ppid.dip.category.${cat}.hint`)}</p>
            {rows.length ? (
              rows.map((d) => (
                <article class="card" id={`dip-${d.id}`}>
                  <h4>{d.title}</h4>
                  <p>{d.summary}</p>
                  <dl>
                    <dt>{t('ppid.dip.unit')}</dt><dd>{d.unit.name}</dd>
                    <dt>{t('ppid.dip.official')}</dt><dd>{d.official}</dd>
                    <dt>{t('ppid.dip.made')}</dt><dd>{t('ppid.dip.made.value', { when: d.madeWhen, where: d.madeWhere })}</dd>
                    <dt>{t('ppid.dip.form')}</dt><dd>{t(`ppid.dip.form.${d.form}`)}</dd>
                    <dt>{t('ppid.dip.retention')}</dt><dd>{d.retention}</dd>
                  </dl>
                  {d.fileId ? <p><a href={`${PUBLIC_PATH}/dip/${d.id}/berkas`}>{t('ppid.dip.download')}</a></p> : null}
                </article>
              ))
            ) : (
              <p>{t('ppid.dip.empty')}</p>
            )}
          </section>
        );
      })}
      <p><a href="/ppid/umpan.atom">{t('ppid.feed.link')}</a></p>
    </Layout>
  );
}
