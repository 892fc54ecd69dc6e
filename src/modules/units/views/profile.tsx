/** @jsxImportSource hono/jsx */
// /petugas/unit/{code}/profil: a unit's tasks and functions, head and opening hours (units.edit_contact).
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Csrf, ErrorSummary, Field } from '../../../platform/ui/components.tsx';
import type { UnitRow } from '../service.ts';
import { displayName, unitHref } from './public.tsx';

export const profileHref = (code: string) => `/petugas/unit/${encodeURIComponent(code)}/profil`;

export function ProfilePage({ c, unit, values, errors }: { c: Context<Env>; unit: UnitRow; values: FormData; errors: FieldErrors }) {
  const t = c.get('t');
  const title = t('units.profile.title', { name: displayName(t, unit) });
  return (
    <Layout c={c} title={title} staff active="/petugas/unit">
      <p><a href="/petugas/unit">{t('units.profile.back')}</a> · <a href={unitHref(unit.code)}>{t('units.profile.public')}</a></p>
      <h1>{title}</h1>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action={profileHref(unit.code)} novalidate>
        <Csrf c={c} />
        <Field c={c} name="headName" label={t('units.profile.head_name')} value={values.headName} errors={errors} maxlength={120} />
        <Field c={c} name="headTitle" label={t('units.profile.head_title')} hint={t('units.profile.head_title_hint')} value={values.headTitle} errors={errors} maxlength={120} />
        <Field c={c} name="openingHours" label={t('units.profile.hours')} hint={t('units.profile.hours_hint')} value={values.openingHours} errors={errors} maxlength={500} />
        <Field c={c} name="tasks" label={t('units.profile.tasks')} hint={t('units.profile.tasks_hint')} value={values.tasks} errors={errors} multiline maxlength={5000} />
        <button type="submit">{t('units.profile.save')}</button>
      </form>
    </Layout>
  );
}
