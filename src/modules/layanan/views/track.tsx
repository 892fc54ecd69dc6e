/** @jsxImportSource hono/jsx */
// /lacak: the status of an application from its tracking number and PIN, without an account. POST
// only (the PIN never goes into a URL), never cached. The timeline shows units and roles, not names.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { Csrf, ErrorSummary, Field } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ApplicationRecord } from '../applications.ts';
import type { TimelineStep } from '../track.ts';

export const TRACK_PATH = '/lacak';

const when = (c: Context<Env>, d: Date) =>
  d.toLocaleString(c.get('locale') === 'en' ? 'en-GB' : 'id-ID', { timeZone: 'Asia/Jakarta', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
export const dateOnly = (c: Context<Env>, d: Date) =>
  d.toLocaleDateString(c.get('locale') === 'en' ? 'en-GB' : 'id-ID', { timeZone: 'Asia/Jakarta', day: 'numeric', month: 'long', year: 'numeric' });

const KNOWN_ROLES = ['layanan_verifier', 'layanan_signer', 'counter', 'officer', 'approver'];
export function roleText(c: Context<Env>, role: string | null): string {
  const t = c.get('t');
  if (!role) return t('layanan.timeline.by_citizen');
  return t(KNOWN_ROLES.includes(role) ? `layanan.timeline.role.${role}` : 'layanan.timeline.role.other');
}

export function StateTag({ c, state }: { c: Context<Env>; state: string }) {
  return <strong class="tag">{c.get('t')(`layanan.state.${state}`)}</strong>;
}

export function Timeline({ c, steps }: { c: Context<Env>; steps: TimelineStep[] }) {
  const t = c.get('t');
  return (
    <ol class="timeline">
      {steps.map((s) => (
        <li>
          <strong>{t(`layanan.timeline.${s.to}`)}</strong>
          <br /><span class="muted">{when(c, s.at)} · {s.unit} · {s.role === null && s.action === 'submit' ? t('layanan.timeline.by_citizen') : roleText(c, s.role)}</span>
          {s.note ? <p>{t('layanan.timeline.note')} {s.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}

export function TrackPage({ c, values, errors, params, found }: { c: Context<Env>; values: FormData; errors: FieldErrors; params?: Record<string, string | number>; found?: { app: ApplicationRecord; steps: TimelineStep[] } }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('layanan.track.title')} active={TRACK_PATH}>
      <h1>{t('layanan.track.title')}</h1>
      {found ? (
        <section aria-labelledby="hasil">
          <h2 id="hasil">{found.app.service_name}</h2>
          <dl class="facts">
            <dt>{t('layanan.track.number')}</dt><dd>{found.app.tracking_number}</dd>
            <dt>{t('layanan.mine.state')}</dt><dd><StateTag c={c} state={found.app.state} /></dd>
            <dt>{t('layanan.mine.unit')}</dt><dd>{found.app.current_unit_name}</dd>
            <dt>{t('layanan.mine.due')}</dt><dd>{dateOnly(c, found.app.due_at)}</dd>
          </dl>
          <h2>{t('layanan.timeline.title')}</h2>
          <Timeline c={c} steps={found.steps} />
          <p><a href={TRACK_PATH}>{t('layanan.track.another')}</a></p>
        </section>
      ) : (
        <>
          <p class="lead">{t('layanan.track.lead')}</p>
          <ErrorSummary c={c} errors={errors} params={params} />
          <form method="post" action={TRACK_PATH}>
            <Csrf c={c} />
            <Field c={c} name="nomor" label={t('layanan.track.number')} hint={t('layanan.track.number_hint')} value={values.nomor} errors={errors} maxlength={40} autocomplete="off" />
            <Field c={c} name="pin" label={t('layanan.track.pin')} hint={t('layanan.track.pin_hint')} value="" errors={errors} inputmode="numeric" maxlength={12} autocomplete="off" />
            <p><button type="submit">{t('layanan.track.show')}</button></p>
          </form>
          <p>{t('layanan.track.signed_in')} <a href="/akun/permohonan">{t('layanan.mine.title')}</a></p>
        </>
      )}
    </Layout>
  );
}
