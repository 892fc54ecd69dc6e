/** @jsxImportSource hono/jsx */
// Asking for information (/ppid/permohonan/baru, and the same form for PPID staff entering a walk-in
// or letter request), the check page with the search-ahead, the requester's follow page (by its
// secret link) with the deadlines and the objection form, and the public register /ppid/register.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { formatDate } from '../../../platform/i18n/index.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Csrf, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import { CHANNELS, OBJECTION_GROUNDS, OBTAIN, RECEIVE, REQUESTER_KINDS } from '../schema.ts';
import type { Match, RegisterPageData, RequestClock, RequestRecord } from '../requests.ts';
import type { ExemptionRecord } from '../repo.ts';
import { DueDate } from './public.tsx';

export const ASK_PATH = '/ppid/permohonan';
export const REGISTER_PATH = '/ppid/register';
const OPEN_STATES: readonly string[] = ['submitted', 'in_progress', 'extended'];

/** One question: withdraw this request? (the requester, through their follow link) */
export function WithdrawPage({ c, r, token, errors, values }: { c: Context<Env>; r: RequestRecord; token: string; errors: FieldErrors; values: FormData }) {
  const t = c.get('t');
  const self = `${ASK_PATH}/lacak/${token}`;
  return (
    <Layout c={c} title={t('ppid.withdraw.title')} active="/ppid">
      <h1>{t('ppid.withdraw.title')}</h1>
      <ErrorSummary c={c} errors={errors} />
      <p>{t('ppid.withdraw.lead', { number: r.number })}</p>
      <form method="post" action={`${self}/tarik`}>
        <Csrf c={c} />
        <input type="hidden" name="confirm" value="ya" />
        <Field c={c} name="reason" label={t('ppid.withdraw.reason.optional')} value={values.reason ?? ''} errors={errors} multiline maxlength={1000} />
        <button type="submit">{t('ppid.withdraw.send')}</button>
      </form>
      <p><a href={self}>{t('ppid.withdraw.back')}</a></p>
    </Layout>
  );
}

export function Radios({ c, name, legend, options, value, errors }: {
  c: Context<Env>; name: string; legend: string; options: { value: string; label: string }[]; value?: string; errors: FieldErrors;
}) {
  const t = c.get('t');
  const err = errors[name];
  return (
    <fieldset class={err ? 'field invalid' : 'field'} id={`f-${name}`} aria-describedby={err ? `f-${name}-err` : undefined}>
      <legend>{legend}</legend>
      {err ? <p class="err" id={`f-${name}-err`}>{t(err)}</p> : null}
      {options.map((o) => (
        <label class="choice"><input type="radio" name={name} value={o.value} checked={o.value === value} /> {o.label}</label>
      ))}
    </fieldset>
  );
}

const FIELDS = ['requester_kind', 'name', 'nik', 'address', 'phone', 'email', 'details', 'purpose', 'obtain', 'receive', 'identity_public', 'channel', 'received_on'] as const;

/** The request form: public at /ppid/permohonan/baru, for staff at /petugas/ppid/permohonan/baru. */
export function AskPage({ c, base, staff, values, errors }: { c: Context<Env>; base: string; staff: boolean; values: FormData; errors: FieldErrors }) {
  const t = c.get('t');
  const v = (k: string) => values[k] ?? '';
  return (
    <Layout c={c} title={t('ppid.req.title')} staff={staff} active={staff ? base : '/ppid'}>
      <h1>{t('ppid.req.title')}</h1>
      <p>{t('ppid.req.lead')}</p>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action={`${base}/baru`}>
        <Csrf c={c} />
        <input type="hidden" name="idem" value={v('idem')} />
        {staff ? (
          <fieldset>
            <legend>{t('ppid.req.group.channel')}</legend>
            <Radios c={c} name="channel" legend={t('ppid.req.channel')} value={v('channel') || 'walk_in'} errors={errors}
              options={CHANNELS.filter((k) => k !== 'online').map((k) => ({ value: k, label: t(`ppid.channel.${k}`) }))} />
            <Field c={c} name="received_on" type="date" label={t('ppid.req.received_on')} hint={t('ppid.req.received_on.hint')} value={v('received_on')} errors={errors} />
          </fieldset>
        ) : null}
        <fieldset>
          <legend>{t('ppid.req.group.who')}</legend>
          <Radios c={c} name="requester_kind" legend={t('ppid.req.requester_kind')} value={v('requester_kind')} errors={errors}
            options={REQUESTER_KINDS.map((k) => ({ value: k, label: t(`ppid.req.kind.${k}`) }))} />
          <Field c={c} name="name" label={t('ppid.req.name')} hint={t('ppid.req.name.hint')} value={v('name')} errors={errors} autocomplete="name" maxlength={200} />
          <Field c={c} name="nik" label={t('ppid.req.nik')} hint={t('ppid.req.nik.hint')} value={v('nik')} errors={errors} inputmode="numeric" maxlength={40} />
          <Field c={c} name="address" label={t('ppid.req.address')} value={v('address')} errors={errors} autocomplete="street-address" maxlength={300} />
          <Field c={c} name="phone" type="tel" label={t('ppid.req.phone')} hint={t('ppid.req.contact.hint')} value={v('phone')} errors={errors} autocomplete="tel" inputmode="tel" maxlength={30} />
          <Field c={c} name="email" type="email" label={t('ppid.req.email')} value={v('email')} errors={errors} autocomplete="email" maxlength={200} />
        </fieldset>
        <fieldset>
          <legend>{t('ppid.req.group.what')}</legend>
          <Field c={c} name="details" label={t('ppid.req.details')} hint={t('ppid.req.details.hint')} value={v('details')} errors={errors} multiline maxlength={3000} />
          <Field c={c} name="purpose" label={t('ppid.req.purpose')} value={v('purpose')} errors={errors} multiline maxlength={1000} />
          <Radios c={c} name="obtain" legend={t('ppid.req.obtain')} value={v('obtain')} errors={errors} options={OBTAIN.map((k) => ({ value: k, label: t(`ppid.obtain.${k}`) }))} />
          <Radios c={c} name="receive" legend={t('ppid.req.receive')} value={v('receive')} errors={errors} options={RECEIVE.map((k) => ({ value: k, label: t(`ppid.receive.${k}`) }))} />
          <label class="choice"><input type="checkbox" name="identity_public" value="ya" checked={v('identity_public') === 'ya'} /> {t('ppid.req.identity_public')}</label>
        </fieldset>
        <p class="muted">{t('ppid.req.privacy')}</p>
        <button type="submit">{t('ppid.req.next')}</button>
      </form>
    </Layout>
  );
}

/** Check your answers, see what already exists, attach the deed, send. */
export function CheckPage({ c, base, staff, values, matches, errors }: { c: Context<Env>; base: string; staff: boolean; values: FormData; matches: Match[]; errors: FieldErrors }) {
  const t = c.get('t');
  const v = (k: string) => values[k] ?? '';
  const org = v('requester_kind') === 'organisation';
  const shown: [string, string][] = [
    ['ppid.req.requester_kind', t(`ppid.req.kind.${v('requester_kind')}`)], ['ppid.req.name', v('name')], ['ppid.req.address', v('address')],
    ['ppid.req.phone', v('phone')], ['ppid.req.email', v('email')], ['ppid.req.details', v('details')], ['ppid.req.purpose', v('purpose')],
    ['ppid.req.obtain', t(`ppid.obtain.${v('obtain')}`)], ['ppid.req.receive', t(`ppid.receive.${v('receive')}`)],
  ];
  return (
    <Layout c={c} title={t('ppid.req.check.title')} staff={staff} active={staff ? base : '/ppid'}>
      <h1>{t('ppid.req.check.title')}</h1>
      <ErrorSummary c={c} errors={errors} />
      <section aria-labelledby="ahead">
        <h2 id="ahead">{t('ppid.req.ahead.title')}</h2>
        {matches.length ? (
          <>
            <p>{t('ppid.req.ahead.found')}</p>
            <ul class="ahead">{matches.map((m) => <li><a href={m.href}>{m.title}</a> <span class="muted">({t(`ppid.req.ahead.${m.kind}`)})</span></li>)}</ul>
          </>
        ) : <p class="ahead-none">{t('ppid.req.ahead.none')}</p>}
      </section>
      <h2>{t('ppid.req.check.answers')}</h2>
      <dl>{shown.map(([k, val]) => <><dt>{t(k)}</dt><dd>{val || '—'}</dd></>)}</dl>
      <form method="post" action={`${base}/baru`}>
        <Csrf c={c} />
        {FIELDS.map((k) => <input type="hidden" name={k} value={v(k)} />)}
        <input type="hidden" name="idem" value={v('idem')} />
        <input type="hidden" name="ubah" value="1" />
        <button type="submit" class="secondary">{t('ppid.req.change')}</button>
      </form>
      <form method="post" action={`${base}/kirim`} enctype="multipart/form-data">
        <Csrf c={c} />
        {FIELDS.map((k) => <input type="hidden" name={k} value={v(k)} />)}
        <input type="hidden" name="idem" value={v('idem')} />
        {org ? (
          <div class={errors.deed ? 'field invalid' : 'field'}>
            <label for="f-deed">{t('ppid.req.deed')}</label>
            <p class="hint" id="f-deed-hint">{t('ppid.req.deed.hint')}</p>
            {errors.deed ? <p class="err" id="f-deed-err">{t(errors.deed)}</p> : null}
            <input type="file" id="f-deed" name="deed" accept="application/pdf,image/jpeg,image/png" aria-describedby={errors.deed ? 'f-deed-hint f-deed-err' : 'f-deed-hint'} />
          </div>
        ) : null}
        <button type="submit">{t('ppid.req.send')}</button>
      </form>
    </Layout>
  );
}

function Step({ c, label, at, children }: { c: Context<Env>; label: string; at: Date | null; children?: unknown }) {
  const locale = c.get('locale');
  return <li><strong>{label}</strong>{at ? ` — ${formatDate(locale, at, c.get('region').timeZone)}` : ''}{children}</li>;
}

/** The steps so far and the deadline in force, each date with how it was computed. */
export function Timeline({ c, r, clock }: { c: Context<Env>; r: Pick<RequestRecord, 'received_at' | 'dispositioned_at' | 'extended_at' | 'extension_reason' | 'answered_at' | 'outcome' | 'objected_at' | 'objection_answered_at' | 'objection_decision' | 'unit_name' | 'state' | 'dispute_at' | 'dispute_number' | 'closed_at' | 'withdrawn_at' | 'withdrawn_by' | 'withdraw_reason'>; clock: RequestClock }) {
  const t = c.get('t');
  return (
    <>
      <ol class="timeline">
        <Step c={c} label={t('ppid.step.received')} at={r.received_at} />
        {r.dispositioned_at ? <Step c={c} label={t('ppid.step.dispositioned', { unit: r.unit_name ?? '' })} at={r.dispositioned_at} /> : null}
        {r.extended_at ? <Step c={c} label={t('ppid.step.extended')} at={r.extended_at}>{r.extension_reason ? <p>{r.extension_reason}</p> : null}</Step> : null}
        {r.answered_at ? <Step c={c} label={t('ppid.step.answered', { outcome: t(`ppid.outcome.${r.outcome ?? 'fulfilled'}`) })} at={r.answered_at} /> : null}
        {r.objected_at ? <Step c={c} label={t('ppid.step.objected')} at={r.objected_at} /> : null}
        {r.objection_answered_at ? <Step c={c} label={t(`ppid.step.objection.${r.objection_decision ?? 'upheld'}`)} at={r.objection_answered_at} /> : null}
        {r.dispute_at ? <Step c={c} label={t('ppid.step.dispute', { number: r.dispute_number ?? '' })} at={r.dispute_at} /> : null}
        {r.closed_at ? <Step c={c} label={t('ppid.step.closed')} at={r.closed_at} /> : null}
        {r.withdrawn_at ? <Step c={c} label={t(`ppid.step.withdrawn.${r.withdrawn_by ?? 'requester'}`)} at={r.withdrawn_at}>{r.withdraw_reason ? <p>{r.withdraw_reason}</p> : null}</Step> : null}
      </ol>
      {!r.answered_at && r.state !== 'withdrawn' && r.state !== 'closed' ? (
        <p class={clock.noticeOverdue ? 'overdue' : 'next'}>
          {t(clock.noticeOverdue ? 'ppid.due.notice.overdue' : 'ppid.due.notice')} <DueDate c={c} d={clock.notice} />
        </p>
      ) : null}
      {clock.objection ? <p class="next">{t('ppid.due.objection')} <DueDate c={c} d={clock.objection} /></p> : null}
      {r.objected_at && !r.objection_answered_at && clock.atasan ? (
        <p class={clock.atasanOverdue ? 'overdue' : 'next'}>{t(clock.atasanOverdue ? 'ppid.due.atasan.overdue' : 'ppid.due.atasan')} <DueDate c={c} d={clock.atasan} /></p>
      ) : null}
      {clock.dispute && !r.dispute_at && r.state !== 'closed' ? <p class="next dispute">{t('ppid.due.dispute')} <DueDate c={c} d={clock.dispute} /></p> : null}
    </>
  );
}

export function FollowPage({ c, r, clock, token, fresh, errors, values }: {
  c: Context<Env>; r: RequestRecord; clock: RequestClock; token: string; fresh: boolean; errors: FieldErrors; values: FormData;
}) {
  const t = c.get('t');
  const self = `${ASK_PATH}/lacak/${token}`;
  return (
    <Layout c={c} title={t('ppid.follow.title')} active="/ppid">
      <h1>{t('ppid.follow.title')}</h1>
      {fresh ? <Notice kind="ok">{t('ppid.follow.fresh')}</Notice> : null}
      <p>{t('ppid.follow.number')}</p>
      <p class="big"><strong>{r.number}</strong></p>
      {fresh ? <p>{t('ppid.follow.keep')}</p> : null}
      <p>{t('ppid.follow.state')}: <strong>{t(`ppid.state.${r.state}`)}</strong></p>
      <Timeline c={c} r={r} clock={clock} />
      {r.answer_text ? (
        <section aria-labelledby="jawaban">
          <h2 id="jawaban">{t('ppid.follow.answer')}</h2>
          <p>{r.answer_text}</p>
          {r.document_id ? <p><a href={`${self}/surat`}>{t('ppid.follow.letter')}</a></p> : null}
        </section>
      ) : null}
      {r.objection_answer ? (
        <section aria-labelledby="tanggapan">
          <h2 id="tanggapan">{t('ppid.follow.objection_answer')}</h2>
          <p>{r.objection_answer}</p>
        </section>
      ) : null}
      {clock.dispute && !r.dispute_at ? <p>{t('ppid.follow.dispute_how')}</p> : null}
      {OPEN_STATES.includes(r.state) ? <p><a href={`${self}/tarik`}>{t('ppid.withdraw.link')}</a></p> : null}
      {clock.objection && !r.objected_at ? (
        <section aria-labelledby="keberatan">
          <h2 id="keberatan">{t('ppid.obj.title')}</h2>
          <p>{t('ppid.obj.lead')}</p>
          <ErrorSummary c={c} errors={errors} />
          <form method="post" action={`${self}/keberatan`}>
            <Csrf c={c} />
            <Radios c={c} name="ground" legend={t('ppid.obj.ground')} value={values.ground} errors={errors}
              options={OBJECTION_GROUNDS.map((k) => ({ value: k, label: t(`ppid.obj.ground.${k}`) }))} />
            <Field c={c} name="reason" label={t('ppid.obj.reason')} value={values.reason ?? ''} errors={errors} multiline maxlength={3000} />
            <button type="submit">{t('ppid.obj.send')}</button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

export function RegisterPage({ c, data, exemptions }: { c: Context<Env>; data: RegisterPageData; exemptions: ExemptionRecord[] }) {
  const t = c.get('t');
  const locale = c.get('locale');
  const tz = c.get('region').timeZone;
  const rows = data.rows;
  const href = (p: number) => (p > 1 ? `${REGISTER_PATH}?halaman=${p}` : REGISTER_PATH);
  return (
    <Layout c={c} title={t('ppid.register.title')} active="/ppid">
      <h1>{t('ppid.register.title')}</h1>
      <p>{t('ppid.register.lead')}</p>
      <p><a href={`${ASK_PATH}/baru`}>{t('ppid.req.title')}</a> · <a href="/ppid/laporan">{t('ppid.report.link')}</a></p>
      <p class="muted">{t('ppid.register.count', { total: data.total, page: data.page, pages: data.pages })}</p>
      {rows.length ? rows.map((r) => (
        <article class="card" id={`r-${r.id}`}>
          <h2>{r.number}</h2>
          <p>{r.details}</p>
          <dl>
            <dt>{t('ppid.register.requester')}</dt><dd>{r.requester ?? t('ppid.register.hidden')}</dd>
            <dt>{t('ppid.follow.state')}</dt><dd>{t(`ppid.state.${r.state}`)}{r.outcome ? ` (${t(`ppid.outcome.${r.outcome}`)})` : ''}</dd>
            {r.unit ? <><dt>{t('ppid.dip.unit')}</dt><dd>{r.unit}</dd></> : null}
            <dt>{t('ppid.step.received')}</dt><dd>{formatDate(locale, r.receivedAt, tz)}</dd>
            {r.answeredAt ? <><dt>{t('ppid.register.answered')}</dt><dd>{formatDate(locale, r.answeredAt, tz)}</dd></> : null}
          </dl>
          {!r.answeredAt && r.state !== 'withdrawn' ? (
            <p class={r.clock.noticeOverdue ? 'overdue' : 'next'}>{t(r.clock.noticeOverdue ? 'ppid.due.notice.overdue' : 'ppid.due.notice')} <DueDate c={c} d={r.clock.notice} /></p>
          ) : null}
          {r.answer ? <><h3>{t('ppid.follow.answer')}</h3><p>{r.answer}</p></> : null}
          {r.blackedOut ? <p><strong>{t('ppid.notice.blacked_out')}:</strong> {r.blackedOut}</p> : null}
          {r.objection ? <p>{t('ppid.register.objection', { ground: t(`ppid.obj.ground.${r.objection.ground}`) })}{r.objection.decision ? ` — ${t(`ppid.step.objection.${r.objection.decision}`)}` : ''}</p> : null}
          {r.objection?.answer ? <p>{r.objection.answer}</p> : null}
          {r.dispute ? <p>{t('ppid.register.dispute', { date: formatDate(locale, r.dispute.at, tz), number: r.dispute.number })}</p> : null}
          {r.closedAt ? <p>{t('ppid.register.closed', { date: formatDate(locale, r.closedAt, tz) })}</p> : null}
        </article>
      )) : <p>{t('ppid.register.empty')}</p>}
      {data.pages > 1 ? (
        <nav class="year-nav" aria-label={t('ppid.register.pages')}>
          <ul>
            {data.page > 1 ? <li><a href={href(data.page - 1)} rel="prev">{t('ppid.register.prev')}</a></li> : null}
            {data.page < data.pages ? <li><a href={href(data.page + 1)} rel="next">{t('ppid.register.next')}</a></li> : null}
          </ul>
        </nav>
      ) : null}
      <section aria-labelledby="dik">
        <h2 id="dik">{t('ppid.dik.title')}</h2>
        <p>{t('ppid.dik.lead')}</p>
        {exemptions.length ? exemptions.map((e) => (
          <article class="card">
            <h3>{e.information}</h3>
            <dl>
              <dt>{t('ppid.ex.ground')}</dt><dd>{t(`ppid.ground.${e.ground}`)}</dd>
              <dt>{t('ppid.ex.consequence')}</dt><dd>{e.consequence}</dd>
              <dt>{t('ppid.ex.period')}</dt><dd>{e.period}</dd>
              <dt>{t('ppid.ex.official')}</dt><dd>{e.official}</dd>
              <dt>{t('ppid.dik.decided')}</dt><dd>{formatDate(locale, e.decided_at, tz)} ({e.number}{e.unit_name ? `, ${e.unit_name}` : ''})</dd>
            </dl>
          </article>
        )) : <p>{t('ppid.dik.empty')}</p>}
      </section>
    </Layout>
  );
}
