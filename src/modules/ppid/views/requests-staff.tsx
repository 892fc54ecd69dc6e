/** @jsxImportSource hono/jsx */
// Back office for information requests: /petugas/ppid/permohonan (the queue by legal due date,
// overdue first and said in words) and one request with its steps: disposition to the PPID
// pelaksana, the one extension, the written notice with its exemption record, the atasan PPID's
// answer to an objection, and redaction rules for what the register publishes.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { formatDate } from '../../../platform/i18n/index.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Csrf, DataTable, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import { EXEMPTION_GROUNDS, OUTCOMES } from '../schema.ts';
import type { RequestClock, RequestRecord } from '../requests.ts';
import type { UnitRef } from '../repo.ts';
import { DueDate } from './public.tsx';
import { Radios, Timeline } from './requests.tsx';
import { Choice } from './staff.tsx';

export const QUEUE_PATH = '/petugas/ppid/permohonan';

export interface QueueRow { r: RequestRecord; clock: RequestClock }

export function QueuePage({ c, rows, overdue, message }: { c: Context<Env>; rows: QueueRow[]; overdue: number; message?: string }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('ppid.queue.title')} staff active={QUEUE_PATH}>
      <h1>{t('ppid.queue.title')}</h1>
      {message ? <Notice kind="ok">{t(`ppid.queue.message.${message}`)}</Notice> : null}
      <p>{t('ppid.queue.counts', { all: rows.length, overdue })}</p>
      <p><a class="button" href={`${QUEUE_PATH}/baru`}>{t('ppid.queue.new')}</a></p>
      <DataTable
        caption={t('ppid.queue.title')}
        captionHidden
        rows={rows}
        empty={t('ppid.queue.empty')}
        rowClass={(x) => (x.clock.noticeOverdue && !x.r.answered_at ? 'overdue' : undefined)}
        columns={[
          { header: t('ppid.notice.number'), cell: (x) => <a href={`${QUEUE_PATH}/${x.r.id}`}>{x.r.number}</a> },
          { header: t('ppid.follow.state'), cell: (x) => t(`ppid.state.${x.r.state}`) },
          { header: t('ppid.dip.unit'), cell: (x) => x.r.unit_name ?? '—' },
          { header: t('ppid.queue.due'), cell: (x) => (x.r.answered_at ? '—' : <>{x.clock.noticeOverdue ? <strong>{t('ppid.queue.overdue')} </strong> : null}<DueDate c={c} d={x.clock.notice} /></>) },
        ]}
      />
    </Layout>
  );
}

export interface DetailProps {
  c: Context<Env>; r: RequestRecord; clock: RequestClock; contact: { nik: string | null; phone: string | null }; units: UnitRef[];
  canAnswerObjection: boolean; canManage: boolean; extensionOpen: boolean; errors: FieldErrors; values: FormData; form?: string; message?: string;
  /** the answer may become a DIP entry (by this officer); the entry it already became */
  canPublish: boolean; publishedDipId: number | null;
}

export function DetailPage(p: DetailProps) {
  const { c, r, clock, errors, values } = p;
  const t = c.get('t');
  const base = `${QUEUE_PATH}/${r.id}`;
  const open = ['submitted', 'in_progress', 'extended'].includes(r.state);
  const err = (f: string) => (p.form === f ? errors : {});
  const v = (k: string) => values[k] ?? '';
  return (
    <Layout c={c} title={r.number} staff active={QUEUE_PATH}>
      <h1>{t('ppid.detail.title', { number: r.number })}</h1>
      {p.message ? <Notice kind="ok">{t(`ppid.queue.message.${p.message}`)}</Notice> : null}
      <ErrorSummary c={c} errors={errors} />
      <p>{t('ppid.follow.state')}: <strong>{t(`ppid.state.${r.state}`)}</strong> · {t(`ppid.channel.${r.channel}`)}</p>
      <Timeline c={c} r={r} clock={clock} />
      <h2>{t('ppid.detail.request')}</h2>
      <dl>
        <dt>{t('ppid.req.name')}</dt><dd>{r.name} ({t(`ppid.req.kind.${r.requester_kind}`)})</dd>
        <dt>{t('ppid.req.nik')}</dt><dd>{p.contact.nik ?? '—'}</dd>
        <dt>{t('ppid.req.address')}</dt><dd>{r.address}</dd>
        <dt>{t('ppid.req.phone')}</dt><dd>{p.contact.phone ?? '—'}</dd>
        <dt>{t('ppid.req.email')}</dt><dd>{r.email ?? '—'}</dd>
        <dt>{t('ppid.req.details')}</dt><dd>{r.details}</dd>
        <dt>{t('ppid.req.purpose')}</dt><dd>{r.purpose}</dd>
        <dt>{t('ppid.req.obtain')}</dt><dd>{t(`ppid.obtain.${r.obtain}`)}</dd>
        <dt>{t('ppid.req.receive')}</dt><dd>{t(`ppid.receive.${r.receive}`)}</dd>
        {r.deed_file_id ? <><dt>{t('ppid.req.deed')}</dt><dd><a href={`${base}/akta`}>{t('ppid.detail.deed')}</a></dd></> : null}
      </dl>
      {r.document_id ? <p><a href={`${base}/surat`}>{t('ppid.follow.letter')}</a></p> : null}
      {r.objected_at ? <p>{t('ppid.register.objection', { ground: t(`ppid.obj.ground.${r.objection_grounds ?? 'a'}`) })}: {r.objection_reason}</p> : null}

      {open && p.canManage ? (
        <>
          <section aria-labelledby="disposisi">
            <h2 id="disposisi">{t('ppid.disp.title')}</h2>
            <form method="post" action={`${base}/disposisi`}>
              <Csrf c={c} />
              <Choice c={c} name="unit" label={t('ppid.disp.unit')} value={r.unit_code ?? ''} errors={err('disposisi')} options={p.units.map((u) => ({ value: u.code, label: u.name }))} />
              <button type="submit">{t('ppid.disp.send')}</button>
            </form>
          </section>
          {p.extensionOpen ? (
            <section aria-labelledby="perpanjangan">
              <h2 id="perpanjangan">{t('ppid.ext.title')}</h2>
              <p>{t('ppid.ext.lead')}</p>
              <form method="post" action={`${base}/perpanjangan`}>
                <Csrf c={c} />
                <Field c={c} name="reason" label={t('ppid.ext.reason')} value={p.form === 'perpanjangan' ? v('reason') : ''} errors={err('perpanjangan')} multiline maxlength={2000} />
                <button type="submit">{t('ppid.ext.send')}</button>
              </form>
            </section>
          ) : null}
          <section aria-labelledby="jawab">
            <h2 id="jawab">{t('ppid.ans.title')}</h2>
            <p>{t('ppid.ans.lead')}</p>
            <form method="post" action={`${base}/jawaban`}>
              <Csrf c={c} />
              <Radios c={c} name="outcome" legend={t('ppid.ans.outcome')} value={v('outcome')} errors={err('jawaban')} options={OUTCOMES.map((k) => ({ value: k, label: t(`ppid.outcome.${k}`) }))} />
              <Field c={c} name="answer_text" label={t('ppid.ans.text')} hint={t('ppid.ans.text.hint')} value={v('answer_text')} errors={err('jawaban')} multiline maxlength={6000} />
              <Field c={c} name="holder_body" label={t('ppid.ans.holder_body')} hint={t('ppid.ans.holder_body.hint')} value={v('holder_body')} errors={err('jawaban')} maxlength={300} />
              <Field c={c} name="blacked_out" label={t('ppid.notice.blacked_out')} hint={t('ppid.ans.blacked_out.hint')} value={v('blacked_out')} errors={err('jawaban')} multiline maxlength={2000} />
              <Field c={c} name="format" label={t('ppid.notice.format')} value={v('format')} errors={err('jawaban')} maxlength={200} />
              <Field c={c} name="delivery" label={t('ppid.notice.delivery')} value={v('delivery')} errors={err('jawaban')} maxlength={200} />
              <Field c={c} name="cost" label={t('ppid.notice.cost')} hint={t('ppid.ans.cost.hint')} value={v('cost')} errors={err('jawaban')} maxlength={200} />
              <fieldset>
                <legend>{t('ppid.ex.title')}</legend>
                <p class="hint">{t('ppid.ex.lead')}</p>
                <Choice c={c} name="ground" label={t('ppid.ex.ground')} value={v('ground')} errors={err('jawaban')} options={EXEMPTION_GROUNDS.map((k) => ({ value: k, label: t(`ppid.ground.${k}`) }))} />
                <Field c={c} name="ex_information" label={t('ppid.ex.information')} value={v('ex_information')} errors={err('jawaban')} maxlength={1000} />
                <Field c={c} name="consequence" label={t('ppid.ex.consequence')} hint={t('ppid.ex.consequence.hint')} value={v('consequence')} errors={err('jawaban')} multiline maxlength={3000} />
                <Field c={c} name="period" label={t('ppid.ex.period')} value={v('period')} errors={err('jawaban')} maxlength={200} />
                <Field c={c} name="official" label={t('ppid.ex.official')} value={v('official')} errors={err('jawaban')} maxlength={200} />
              </fieldset>
              <button type="submit">{t('ppid.ans.send')}</button>
            </form>
          </section>
        </>
      ) : null}

      {r.state === 'objection' && p.canAnswerObjection ? (
        <section aria-labelledby="tanggapan">
          <h2 id="tanggapan">{t('ppid.objans.title')}</h2>
          {clock.atasan ? <p>{t('ppid.due.atasan')} <DueDate c={c} d={clock.atasan} /></p> : null}
          <form method="post" action={`${base}/keberatan`}>
            <Csrf c={c} />
            <Radios c={c} name="decision" legend={t('ppid.objans.decision')} value={v('decision')} errors={err('keberatan')}
              options={(['upheld', 'rejected'] as const).map((k) => ({ value: k, label: t(`ppid.objans.${k}`) }))} />
            <Field c={c} name="answer" label={t('ppid.objans.answer')} value={v('answer')} errors={err('keberatan')} multiline maxlength={4000} />
            <button type="submit">{t('ppid.objans.send')}</button>
          </form>
        </section>
      ) : null}

      {p.publishedDipId ? <p>{t('ppid.publish.done')} <a href={`/ppid#dip-${p.publishedDipId}`}>{t('ppid.publish.see')}</a></p>
        : p.canPublish ? <p><a class="button" href={`${base}/dip`}>{t('ppid.publish.title')}</a></p> : null}

      {p.canManage && (r.state === 'objection' || r.state === 'objection_answered') ? (
        <section aria-labelledby="sengketa">
          <h2 id="sengketa">{t('ppid.dispute.title')}</h2>
          <p>{t('ppid.dispute.lead')}</p>
          <form method="post" action={`${base}/sengketa`}>
            <Csrf c={c} />
            <Field c={c} name="filed_on" type="date" label={t('ppid.dispute.filed_on')} value={p.form === 'sengketa' ? v('filed_on') : ''} errors={err('sengketa')} />
            <Field c={c} name="register_number" label={t('ppid.dispute.register_number')} hint={t('ppid.dispute.register_number.hint')} value={p.form === 'sengketa' ? v('register_number') : ''} errors={err('sengketa')} maxlength={100} />
            <button type="submit">{t('ppid.dispute.send')}</button>
          </form>
        </section>
      ) : null}

      {p.canManage && ['answered', 'objection_answered', 'dispute'].includes(r.state) ? (
        <section aria-labelledby="tutup">
          <h2 id="tutup">{t('ppid.close.title')}</h2>
          <p>{t('ppid.close.lead')}</p>
          <form method="post" action={`${base}/tutup`}>
            <Csrf c={c} />
            <input type="hidden" name="confirm" value="ya" />
            <button type="submit">{t('ppid.close.send')}</button>
          </form>
        </section>
      ) : null}

      {open && p.canManage ? (
        <section aria-labelledby="tarik">
          <h2 id="tarik">{t('ppid.withdraw.staff.title')}</h2>
          <p>{t('ppid.withdraw.staff.lead')}</p>
          <form method="post" action={`${base}/tarik`}>
            <Csrf c={c} />
            <Field c={c} name="withdraw_reason" label={t('ppid.withdraw.reason')} value={p.form === 'tarik' ? v('withdraw_reason') : ''} errors={err('tarik')} multiline maxlength={1000} />
            <button type="submit">{t('ppid.withdraw.staff.send')}</button>
          </form>
        </section>
      ) : null}

      {p.canManage ? (
        <section aria-labelledby="samarkan">
          <h2 id="samarkan">{t('ppid.red.title')}</h2>
          <p>{t('ppid.red.lead')}</p>
          <form method="post" action={`${base}/samarkan`}>
            <Csrf c={c} />
            <Radios c={c} name="kind" legend={t('ppid.red.kind')} value={v('kind') || 'literal'} errors={err('samarkan')}
              options={(['literal', 'pattern'] as const).map((k) => ({ value: k, label: t(`ppid.red.kind.${k}`) }))} />
            <Field c={c} name="value" label={t('ppid.red.value')} value={p.form === 'samarkan' ? v('value') : ''} errors={err('samarkan')} maxlength={300} />
            <Radios c={c} name="scope" legend={t('ppid.red.scope')} value={v('scope') || 'request'} errors={err('samarkan')}
              options={(['request', 'global'] as const).map((k) => ({ value: k, label: t(`ppid.red.scope.${k}`) }))} />
            <button type="submit">{t('ppid.red.send')}</button>
          </form>
        </section>
      ) : null}
      <p class="muted">{t('ppid.detail.received_on', { date: formatDate(c.get('locale'), r.received_at, c.get('region').timeZone) })}</p>
    </Layout>
  );
}
