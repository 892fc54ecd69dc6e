/** @jsxImportSource hono/jsx */
// The public pages: /tanya (FAQ by topic, search, "Ajukan pertanyaan", figures), the asking flow
// (/tanya/baru: the question, then a check step with similar answers and how to reach the asker),
// the follow page, an FAQ entry with "saya juga bertanya ini" and "membantu?", the figures.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { Csrf, DataTable, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { FaqRow, QuestionRow, Topics, UnitFigures } from '../service.ts';
import { dateOf, dateTimeOf, faqHref, Paragraphs, PUBLIC_PATH, unitLabel } from './shared.tsx';

export const SCRIPT_PATH = `${PUBLIC_PATH}/saran.js`;

function FaqList({ c, list }: { c: Context<Env>; list: FaqRow[] }) {
  const t = c.get('t');
  return (
    <ul class="faq-list">
      {list.map((f) => (
        <li>
          <a href={faqHref(f.slug)}>{f.question}</a>
          {f.metoo ? <span class="muted"> · {t('consultation.metoo.count', { n: f.metoo })}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function HomePage({ c, faq, topicName, q, results, total }: { c: Context<Env>; faq: FaqRow[]; topicName: (f: FaqRow) => string; q: string; results?: FaqRow[]; total: UnitFigures }) {
  const t = c.get('t');
  const groups = new Map<string, FaqRow[]>();
  for (const f of faq) groups.set(topicName(f), [...(groups.get(topicName(f)) ?? []), f]);
  const sorted = [...groups].sort((a, b) => a[0].localeCompare(b[0]));
  return (
    <Layout c={c} title={t('consultation.home.title')} active={PUBLIC_PATH}>
      <h1>{t('consultation.home.title')}</h1>
      <p class="lead">{t('consultation.home.lead')}</p>
      <p><a class="button" href={`${PUBLIC_PATH}/baru`}>{t('consultation.ask.button')}</a></p>
      <form method="get" action={PUBLIC_PATH} class="search" role="search">
        <label for="f-q">{t('consultation.home.search')}</label>
        <input id="f-q" name="q" type="search" value={q} maxlength={200} />
        <button type="submit">{t('consultation.home.search_button')}</button>
      </form>
      {results ? (
        <section aria-labelledby="hasil">
          <h2 id="hasil">{t('consultation.home.results', { q, n: results.length })}</h2>
          {results.length ? <FaqList c={c} list={results} /> : <p>{t('consultation.home.no_results')}</p>}
        </section>
      ) : null}
      <h2>{t('consultation.home.faq')}</h2>
      {sorted.length ? sorted.map(([name, list]) => (
        <section>
          <h3>{name}</h3>
          <FaqList c={c} list={list} />
        </section>
      )) : <p>{t('consultation.home.empty')}</p>}
      <h2>{t('consultation.stats.title')}</h2>
      <p>{t('consultation.stats.summary', { answered: total.answered, within: total.withinDeadline, yes: total.helpfulYes, votes: total.helpfulYes + total.helpfulNo })}</p>
      <p><a href={`${PUBLIC_PATH}/statistik`}>{t('consultation.stats.link')}</a> · <a href={`${PUBLIC_PATH}/umpan.atom`}>{t('consultation.feed.link')}</a></p>
    </Layout>
  );
}

function TopicSelect({ c, tp, value, errors }: { c: Context<Env>; tp: Topics; value: string; errors: FieldErrors }) {
  const t = c.get('t');
  const err = errors.topic;
  const groups = new Map<string, Topics['services']>();
  for (const s of tp.services) groups.set(s.group, [...(groups.get(s.group) ?? []), s]);
  return (
    <div class={err ? 'field invalid' : 'field'}>
      <label for="f-topic">{t('consultation.ask.topic')}</label>
      <p class="hint" id="f-topic-hint">{t('consultation.ask.topic_hint')}</p>
      {err ? <p class="err" id="f-topic-err">{t(err)}</p> : null}
      <select id="f-topic" name="topic" aria-describedby={err ? 'f-topic-hint f-topic-err' : 'f-topic-hint'} aria-invalid={err ? 'true' : undefined}>
        <option value="">{t('consultation.ask.topic_pick')}</option>
        {[...groups].map(([g, list]) => (
          <optgroup label={g}>{list.map((s) => <option value={`layanan:${s.slug}`} selected={value === `layanan:${s.slug}`}>{s.name}</option>)}</optgroup>
        ))}
        <optgroup label={t('consultation.ask.offices')}>
          {tp.offices.map((o) => <option value={`unit:${o.code}`} selected={value === `unit:${o.code}`}>{unitLabel(c, o)}</option>)}
        </optgroup>
      </select>
    </div>
  );
}

/** Step 1: the question and what it is about. With JavaScript, similar answers show while typing. */
export function AskPage({ c, tp, values, errors }: { c: Context<Env>; tp: Topics; values: FormData; errors: FieldErrors }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('consultation.ask.title')} active={PUBLIC_PATH}>
      <h1>{t('consultation.ask.title')}</h1>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action={`${PUBLIC_PATH}/baru`} class="ask">
        <Csrf c={c} />
        <Field c={c} name="question" label={t('consultation.ask.question')} hint={t('consultation.ask.question_hint')} multiline maxlength={2000} value={values.question} errors={errors} />
        <div id="saran" aria-live="polite" data-label={t('consultation.similar.title')} data-metoo={t('consultation.similar.open')}></div>
        <TopicSelect c={c} tp={tp} value={values.topic ?? ''} errors={errors} />
        <button type="submit">{t('consultation.ask.next')}</button>
      </form>
      <script src={SCRIPT_PATH} defer></script>
    </Layout>
  );
}

/** Step 2: similar answers first, then where the asker lives (when the service needs it) and how to reach them. */
export function CheckPage({ c, tp, values, errors, similar, needsPlace, signedIn, idem }: { c: Context<Env>; tp: Topics; values: FormData; errors: FieldErrors; similar: FaqRow[]; needsPlace: boolean; signedIn: boolean; idem: string }) {
  const t = c.get('t');
  const kelErr = errors.kelurahan;
  return (
    <Layout c={c} title={t('consultation.check.title')} active={PUBLIC_PATH}>
      <h1>{t('consultation.check.title')}</h1>
      <ErrorSummary c={c} errors={errors} />
      <p class="muted">{t('consultation.check.your_question')}</p>
      <blockquote><Paragraphs text={values.question ?? ''} /></blockquote>
      {similar.length ? (
        <section aria-labelledby="mirip">
          <h2 id="mirip">{t('consultation.similar.title')}</h2>
          <p>{t('consultation.similar.lead')}</p>
          <FaqList c={c} list={similar} />
        </section>
      ) : <p>{t('consultation.similar.none')}</p>}
      <form method="post" action={`${PUBLIC_PATH}/baru/kirim`}>
        <Csrf c={c} />
        <input type="hidden" name="question" value={values.question} />
        <input type="hidden" name="topic" value={values.topic} />
        <input type="hidden" name="idem" value={idem} />
        {needsPlace ? (
          <div class={kelErr ? 'field invalid' : 'field'}>
            <label for="f-kelurahan">{t('consultation.ask.kelurahan')}</label>
            <p class="hint" id="f-kelurahan-hint">{t('consultation.ask.kelurahan_hint')}</p>
            {kelErr ? <p class="err" id="f-kelurahan-err">{t(kelErr)}</p> : null}
            <select id="f-kelurahan" name="kelurahan" aria-describedby={kelErr ? 'f-kelurahan-hint f-kelurahan-err' : 'f-kelurahan-hint'} aria-invalid={kelErr ? 'true' : undefined}>
              <option value="">{t('consultation.ask.kelurahan_pick')}</option>
              {tp.kelurahan.map((k) => <option value={k.code} selected={values.kelurahan === k.code}>{k.name}</option>)}
            </select>
          </div>
        ) : null}
        <Field c={c} name="contact" label={t(signedIn ? 'consultation.ask.contact_optional' : 'consultation.ask.contact')} hint={t('consultation.ask.contact_hint')} autocomplete="email" maxlength={120} value={values.contact} errors={errors} />
        <button type="submit">{t('consultation.ask.send')}</button>
      </form>
      <p><a href={`${PUBLIC_PATH}/baru`}>{t('consultation.check.change')}</a></p>
    </Layout>
  );
}

export function FollowPage({ c, q, overdue, created }: { c: Context<Env>; q: QuestionRow; overdue: boolean; created: boolean }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('consultation.follow.title', { tracking: q.tracking })} active={PUBLIC_PATH}>
      <h1>{t('consultation.follow.title', { tracking: q.tracking })}</h1>
      {created ? <Notice kind="ok"><p>{t('consultation.follow.created', { tracking: q.tracking })}</p><p>{t('consultation.follow.keep_link')}</p></Notice> : null}
      <dl>
        <dt>{t('consultation.follow.unit')}</dt><dd>{unitLabel(c, q.unit)}</dd>
        <dt>{t('consultation.follow.asked')}</dt><dd>{dateTimeOf(c, q.askedAt)}</dd>
        <dt>{t('consultation.follow.due')}</dt><dd>{dateOf(c, q.dueAt)}{overdue ? <strong class="stale"> · {t('consultation.overdue')}</strong> : null}</dd>
        <dt>{t('consultation.follow.state')}</dt><dd>{t(`consultation.state.${q.state}`)}</dd>
      </dl>
      <h2>{t('consultation.follow.question')}</h2>
      <Paragraphs text={q.question} />
      {q.answer ? <><h2>{t('consultation.follow.answer')}</h2><Paragraphs text={q.answer} /></> : null}
    </Layout>
  );
}

export function FaqPage({ c, f, service, message, marked }: { c: Context<Env>; f: FaqRow; service?: { name: string; href: string }; message: string; marked: { metoo: boolean; vote: boolean } }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={f.question} active={PUBLIC_PATH}>
      <p><a href={PUBLIC_PATH}>{t('consultation.home.title')}</a></p>
      <h1>{f.question}</h1>
      {message ? <Notice kind="ok">{t(`consultation.message.${message}`)}</Notice> : null}
      {f.needsReview ? <p class="stale">{t('consultation.faq.under_review')}</p> : null}
      <h2>{t('consultation.faq.answer')}</h2>
      <Paragraphs text={f.answer} />
      {f.legalBasis ? <><h2>{t('consultation.faq.legal_basis')}</h2><p>{f.legalBasis}</p></> : null}
      {service ? <p>{t('consultation.faq.service')} <a href={service.href}>{service.name}</a></p> : null}
      <p class="muted">{t('consultation.faq.by', { unit: unitLabel(c, f.unit), date: dateOf(c, f.updatedAt) })}</p>
      <section aria-labelledby="juga">
        <h2 id="juga">{t('consultation.metoo.title')}</h2>
        <p id="metoo-count">{t('consultation.metoo.count', { n: f.metoo })}</p>
        {marked.metoo ? <p>{t('consultation.metoo.done')}</p> : (
          <form method="post" action={`${faqHref(f.slug)}/juga`}>
            <Csrf c={c} />
            <button type="submit" class="secondary">{t('consultation.metoo.button')}</button>
          </form>
        )}
      </section>
      <section aria-labelledby="membantu">
        <h2 id="membantu">{t('consultation.vote.title')}</h2>
        {marked.vote ? <p>{t('consultation.vote.done')}</p> : (
          <form method="post" action={`${faqHref(f.slug)}/membantu`} class="vote">
            <Csrf c={c} />
            <button type="submit" name="helpful" value="ya" class="secondary">{t('consultation.vote.yes')}</button>
            {' '}
            <button type="submit" name="helpful" value="tidak" class="secondary">{t('consultation.vote.no')}</button>
          </form>
        )}
      </section>
      <p><a href={`${PUBLIC_PATH}/baru`}>{t('consultation.faq.ask_other')}</a></p>
    </Layout>
  );
}

const pct = (n: number, d: number) => (d ? `${Math.round((100 * n) / d)}%` : '–');
const hours = (c: Context<Env>, h: number | null) => (h === null ? '–' : c.get('t')('consultation.stats.hours', { n: Math.round(h * 10) / 10 }));

export function StatsPage({ c, perUnit, total, from, to }: { c: Context<Env>; perUnit: UnitFigures[]; total: UnitFigures; from: Date; to: Date }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('consultation.stats.title')} active={PUBLIC_PATH}>
      <h1>{t('consultation.stats.title')}</h1>
      <p class="lead">{t('consultation.stats.period', { from: dateOf(c, from), to: dateOf(c, to) })}</p>
      <DataTable
        caption={t('consultation.stats.caption')}
        rows={[...perUnit, { ...total, unitName: t('consultation.stats.total'), unitCode: '' }]}
        empty={t('consultation.stats.empty')}
        columns={[
          { header: t('consultation.stats.unit'), cell: (u) => u.unitName },
          { header: t('consultation.stats.answered'), cell: (u) => String(u.answered), class: 'num' },
          { header: t('consultation.stats.within'), cell: (u) => `${pct(u.withinDeadline, u.answered)} (${u.withinDeadline}/${u.answered})`, class: 'num' },
          { header: t('consultation.stats.median'), cell: (u) => `${hours(c, u.medianHours)} (n=${u.answered})`, class: 'num' },
          { header: t('consultation.stats.helpful'), cell: (u) => `${pct(u.helpfulYes, u.helpfulYes + u.helpfulNo)} (${u.helpfulYes}/${u.helpfulYes + u.helpfulNo})`, class: 'num' },
        ]}
      />
    </Layout>
  );
}
