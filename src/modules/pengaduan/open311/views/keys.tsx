/** @jsxImportSource hono/jsx */
// Back office: /petugas/pengaduan/open311 — the Open311 API keys (platform admins): issue one (its
// value is shown on the answer page only, once), see when each was last used, revoke.
import type { Context } from 'hono';
import type { Env } from '../../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../../platform/http/input.ts';
import { formatDateTime } from '../../../../platform/i18n/index.ts';
import { Layout } from '../../../../platform/ui/layout.tsx';
import { Csrf, DataTable, ErrorSummary, Field, Notice } from '../../../../platform/ui/components.tsx';
import type { KeyRow } from '../repo.ts';
import { randomToken } from '../../../../platform/crypto.ts';

export const KEYS_PATH = '/petugas/pengaduan/open311';

export function KeysPage({ c, keys, values = {}, errors = {}, issued, message }: {
  c: Context<Env>; keys: KeyRow[]; values?: FormData; errors?: FieldErrors; issued?: { name: string; key: string }; message?: string;
}) {
  const t = c.get('t');
  const locale = c.get('locale');
  const when = (d: Date | null) => (d ? formatDateTime(locale, d) : '—');
  return (
    <Layout c={c} title={t('pengaduan.open311.keys.title')} staff active={KEYS_PATH}>
      <h1>{t('pengaduan.open311.keys.title')}</h1>
      {message ? <Notice kind={message === 'sudah' ? 'warn' : 'ok'}>{t(`pengaduan.open311.keys.message.${message}`)}</Notice> : null}
      {issued ? (
        <Notice kind="warn">
          <p>{t('pengaduan.open311.keys.issued', { name: issued.name })}</p>
          <p><code>{issued.key}</code></p>
        </Notice>
      ) : null}
      <p class="lead">{t('pengaduan.open311.keys.lead')}</p>
      <DataTable
        caption={t('pengaduan.open311.keys.caption')}
        rows={keys}
        empty={t('pengaduan.open311.keys.empty')}
        columns={[
          { header: t('pengaduan.open311.keys.name'), cell: (k) => k.name },
          { header: t('pengaduan.open311.keys.prefix'), cell: (k) => <code>{k.key_prefix}…</code> },
          { header: t('pengaduan.open311.keys.created'), cell: (k) => when(k.created_at) },
          { header: t('pengaduan.open311.keys.used'), cell: (k) => when(k.last_used_at) },
          {
            header: t('pengaduan.open311.keys.state'),
            cell: (k) =>
              k.revoked_at ? (
                t('pengaduan.open311.keys.revoked', { when: when(k.revoked_at) })
              ) : (
                <form method="post" action={`${KEYS_PATH}/${k.id}/cabut`}>
                  <Csrf c={c} />
                  <button type="submit" class="secondary">{t('pengaduan.open311.keys.revoke')}</button>
                </form>
              ),
          },
        ]}
      />
      <h2>{t('pengaduan.open311.keys.new')}</h2>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action={KEYS_PATH}>
        <Csrf c={c} />
        <input type="hidden" name="form" value={typeof values.form === 'string' && values.form ? values.form : randomToken(18)} />
        <Field c={c} name="name" label={t('pengaduan.open311.keys.name')} hint={t('pengaduan.open311.keys.name.hint')} value={values.name} errors={errors} maxlength={100} required />
        <button type="submit">{t('pengaduan.open311.keys.create')}</button>
      </form>
      <p><a href="/open311/v2/discovery.json">{t('pengaduan.open311.keys.discovery')}</a></p>
    </Layout>
  );
}
