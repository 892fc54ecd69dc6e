/** @jsxImportSource hono/jsx */
// /petugas/pengaduan/baru: an operator (call center, counter, SMS/WhatsApp desk, social-media desk)
// files a complaint on behalf of a caller, naming the door it came through and the caller's contact.
// It goes into the same queue as every other complaint; the answer page gives the tracking id to read
// back to the caller.
import type { Context } from 'hono';
import { randomUUID } from 'node:crypto';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Csrf, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import type { CategoryRow } from '../repo.ts';
import { NEW_PATH, STAFF_PATH, Check, Select, type Option } from './staff-common.tsx';

export const OPERATOR_CHANNELS = ['call_center', 'counter', 'sms', 'whatsapp', 'social_media', 'email'] as const;

export function NewPage({ c, categories, areas, values = {}, errors = {}, filed, lapor }: {
  c: Context<Env>; categories: CategoryRow[]; areas: Option[]; values?: FormData; errors?: FieldErrors; filed?: string; lapor: boolean;
}) {
  const t = c.get('t');
  const locale = c.get('locale');
  return (
    <Layout c={c} title={t('pengaduan.staff.new.title')} staff active={STAFF_PATH}>
      <p><a href={STAFF_PATH}>{t('pengaduan.staff.back')}</a></p>
      <h1>{t('pengaduan.staff.new.title')}</h1>
      {filed ? (
        <Notice kind="ok">
          <p>{t('pengaduan.staff.new.filed')}</p>
          <p><strong class="tracking-id">{filed}</strong></p>
          <p>{t('pengaduan.staff.new.filed_hint')}</p>
        </Notice>
      ) : null}
      <p class="lead">{t('pengaduan.staff.new.lead')}</p>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action={NEW_PATH}>
        <Csrf c={c} />
        <input type="hidden" name="key" value={values.key || randomUUID()} />
        <Select c={c} name="channel" label={t('pengaduan.staff.field.channel')} value={values.channel} errors={errors}
          options={[{ value: '', label: t('pengaduan.staff.field.choose') }, ...OPERATOR_CHANNELS.map((ch) => ({ value: ch, label: t(`pengaduan.staff.channel.${ch}`) }))]} />
        <Select c={c} name="category" label={t('pengaduan.staff.col.category')} value={values.category} errors={errors}
          options={[{ value: '', label: t('pengaduan.staff.field.choose') }, ...categories.map((k) => ({ value: k.code, label: k.name[locale] }))]} />
        <Select c={c} name="kelurahan" label={t('pengaduan.staff.field.kelurahan')} hint={t('pengaduan.staff.field.kelurahan.hint')} value={values.kelurahan} errors={errors}
          options={[{ value: '', label: t('pengaduan.staff.field.unknown_place') }, ...areas]} />
        <Field c={c} name="address" label={t('pengaduan.staff.field.address')} value={values.address} errors={errors} maxlength={300} />
        <Field c={c} name="description" label={t('pengaduan.staff.field.description')} multiline value={values.description} errors={errors} maxlength={5000} required />
        <Field c={c} name="name" label={t('pengaduan.staff.field.caller_name')} value={values.name} errors={errors} maxlength={120} autocomplete="off" />
        <Field c={c} name="phone" label={t('pengaduan.staff.field.caller_phone')} type="tel" inputmode="tel" value={values.phone} errors={errors} maxlength={20} autocomplete="off" />
        <Field c={c} name="email" label={t('pengaduan.staff.field.caller_email')} type="email" value={values.email} errors={errors} maxlength={200} autocomplete="off" />
        <Check name="anonim" label={t('pengaduan.staff.field.anonim')} hint={t('pengaduan.staff.field.anonim.hint')} checked={values.anonim === '1'} />
        <Check name="rahasia" label={t('pengaduan.staff.field.rahasia')} hint={t('pengaduan.staff.field.rahasia.hint')} checked={values.rahasia === '1'} />
        {lapor ? <Check name="lapor" label={t('pengaduan.staff.field.lapor')} hint={t('pengaduan.staff.field.lapor.hint')} checked={values.lapor === '1'} /> : null}
        <button type="submit">{t('pengaduan.staff.new.submit')}</button>
      </form>
    </Layout>
  );
}
