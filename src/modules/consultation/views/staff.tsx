/** @jsxImportSource hono/jsx */
// The back office: /petugas/tanya (the unit's open questions, overdue first; recent answers; FAQ
// entries flagged for review), one question (answer it; publish it as an FAQ entry in de-identified
// wording), and editing an FAQ entry (which clears its review flag).
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { Csrf, DataTable, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { FaqRow, QuestionRow } from '../service.ts';
import { dateOf, dateTimeOf, faqHref, Paragraphs, STAFF_PATH, unitLabel } from './shared.tsx';

export function QueuePage({ c, open, answered, faq, now, message }: { c: Context<Env>; open: QuestionRow[]; answered: QuestionRow[]; faq: FaqRow[]; now: Date; message: string }) {
  const t = c.get('t');
  const review = faq.filter((f) => f.needsReview);
  return (
    <Layout c={c} title={t('consultation.staff.title')} staff active={STAFF_PATH}>
      <h1>{t('consultation.staff.title')}</h1>
      {message ? <Notice kind="ok">{t(`consultation.message.${message}`)}</Notice> : null}
      <DataTable
        caption={t('consultation.staff.open', { n: open.length })}
        rows={open}
        empty={t('consultation.staff.none_open')}
        rowClass={(q) => (now.getTime() > q.dueAt.getTime() ? 'overdue' : undefined)}
        columns={[
          { header: t('consultation.staff.tracking'), cell: (q) => <a href={`${STAFF_PATH}/${q.id}`}>{q.tracking}</a> },
          { header: t('consultation.staff.question'), cell: (q) => q.question.slice(0, 120) },
          { header: t('consultation.staff.unit'), cell: (q) => unitLabel(c, q.unit) },
          { header: t('consultation.staff.due'), cell: (q) => <>{dateOf(c, q.dueAt)}{now.getTime() > q.dueAt.getTime() ? <strong class="stale"> {t('consultation.overdue')}</strong> : null}{q.escalationLevel ? <> · {t(`consultation.escalated.${q.escalationLevel}`)}</> : null}</> },
        ]}
      />
      {review.length ? (
        <DataTable
          caption={t('consultation.staff.review', { n: review.length })}
          rows={review}
          columns={[
            { header: t('consultation.staff.question'), cell: (f) => <a href={`${STAFF_PATH}/faq/${f.id}`}>{f.question}</a> },
            { header: t('consultation.staff.reason'), cell: (f) => t('consultation.staff.reason_standard', { fields: f.reviewReason }) },
          ]}
        />
      ) : null}
      <DataTable
        caption={t('consultation.staff.answered')}
        rows={answered}
        empty={t('consultation.staff.none_answered')}
        columns={[
          { header: t('consultation.staff.tracking'), cell: (q) => <a href={`${STAFF_PATH}/${q.id}`}>{q.tracking}</a> },
          { header: t('consultation.staff.question'), cell: (q) => q.question.slice(0, 120) },
          { header: t('consultation.staff.answered_at'), cell: (q) => (q.answeredAt ? dateTimeOf(c, q.answeredAt) : '') },
          { header: t('consultation.staff.faq'), cell: (q) => (q.faqId ? t('consultation.staff.published') : t('consultation.staff.not_published')) },
        ]}
      />
    </Layout>
  );
}

export function QuestionPage({ c, q, now, values, errors, faqSlug }: { c: Context<Env>; q: QuestionRow; now: Date; values: FormData; errors: FieldErrors; faqSlug?: string }) {
  const t = c.get('t');
  const overdue = q.state === 'open' && now.getTime() > q.dueAt.getTime();
  return (
    <Layout c={c} title={t('consultation.staff.question_title', { tracking: q.tracking })} staff active={STAFF_PATH}>
      <p><a href={STAFF_PATH}>{t('consultation.staff.back')}</a></p>
      <h1>{t('consultation.staff.question_title', { tracking: q.tracking })}</h1>
      <ErrorSummary c={c} errors={errors} />
      <dl>
        <dt>{t('consultation.follow.unit')}</dt><dd>{unitLabel(c, q.unit)}</dd>
        <dt>{t('consultation.follow.asked')}</dt><dd>{dateTimeOf(c, q.askedAt)}</dd>
        <dt>{t('consultation.follow.due')}</dt><dd>{dateOf(c, q.dueAt)}{overdue ? <strong class="stale"> · {t('consultation.overdue')}</strong> : null}</dd>
        {q.serviceSlug ? <><dt>{t('consultation.staff.service')}</dt><dd>{q.serviceSlug}</dd></> : null}
      </dl>
      <h2>{t('consultation.follow.question')}</h2>
      <Paragraphs text={q.question} />
      {q.state === 'open' ? (
        <form method="post" action={`${STAFF_PATH}/${q.id}/jawab`}>
          <Csrf c={c} />
          <Field c={c} name="answer" label={t('consultation.staff.answer')} hint={t('consultation.staff.answer_hint')} multiline maxlength={5000} value={values.answer} errors={errors} />
          <button type="submit">{t('consultation.staff.send_answer')}</button>
        </form>
      ) : (
        <>
          <h2>{t('consultation.follow.answer')}</h2>
          <Paragraphs text={q.answer ?? ''} />
          {faqSlug ? <p>{t('consultation.staff.is_faq')} <a href={faqHref(faqSlug)}>{faqHref(faqSlug)}</a></p> : (
            <form method="post" action={`${STAFF_PATH}/${q.id}/terbitkan`}>
              <Csrf c={c} />
              <h2>{t('consultation.staff.publish_title')}</h2>
              <p>{t('consultation.staff.publish_lead')}</p>
              <Field c={c} name="question" label={t('consultation.staff.public_question')} hint={t('consultation.staff.public_question_hint')} maxlength={500} value={values.question ?? ''} errors={errors} />
              <Field c={c} name="answer" label={t('consultation.staff.public_answer')} multiline maxlength={5000} value={values.answer ?? q.answer ?? ''} errors={errors} />
              <Field c={c} name="legal_basis" label={t('consultation.staff.legal_basis')} hint={t('consultation.staff.legal_basis_hint')} maxlength={500} value={values.legal_basis} errors={errors} />
              <button type="submit">{t('consultation.staff.publish')}</button>
            </form>
          )}
        </>
      )}
    </Layout>
  );
}

export function FaqEditPage({ c, f, values, errors }: { c: Context<Env>; f: FaqRow; values: FormData; errors: FieldErrors }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('consultation.staff.faq_title')} staff active={STAFF_PATH}>
      <p><a href={STAFF_PATH}>{t('consultation.staff.back')}</a></p>
      <h1>{t('consultation.staff.faq_title')}</h1>
      {f.needsReview ? <p class="stale">{t('consultation.staff.reason_standard', { fields: f.reviewReason })}</p> : null}
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action={`${STAFF_PATH}/faq/${f.id}`}>
        <Csrf c={c} />
        <Field c={c} name="question" label={t('consultation.staff.public_question')} maxlength={500} value={values.question} errors={errors} />
        <Field c={c} name="answer" label={t('consultation.staff.public_answer')} multiline maxlength={5000} value={values.answer} errors={errors} />
        <Field c={c} name="legal_basis" label={t('consultation.staff.legal_basis')} maxlength={500} value={values.legal_basis} errors={errors} />
        <button type="submit">{t('consultation.staff.save_faq')}</button>
      </form>
      <p><a href={faqHref(f.slug)}>{t('consultation.staff.view_public')}</a></p>
    </Layout>
  );
}
