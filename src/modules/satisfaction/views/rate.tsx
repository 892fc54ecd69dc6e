/** @jsxImportSource hono/jsx */
// The rating page: nine radio groups (fieldset + legend, the official wording), a comment, one button.
// Plain HTML: works without JavaScript and on a 360 px screen.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { Csrf, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { ELEMENTS } from '../ikm.ts';

export function RatePage({ c, reference, action, values, errors }: { c: Context<Env>; reference: string; action: string; values: FormData; errors: FieldErrors }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('satisfaction.rate.title')}>
      <h1>{t('satisfaction.rate.title')}</h1>
      <ErrorSummary c={c} errors={errors} />
      <p>{t('satisfaction.rate.intro', { reference })}</p>
      <form method="post" action={action} novalidate>
        <Csrf c={c} />
        {ELEMENTS.map((e, n) => {
          const err = errors[e];
          return (
            <fieldset id={`f-${e}`} class={err ? 'field invalid' : 'field'} aria-describedby={err ? `f-${e}-err` : undefined}>
              <legend>{`${n + 1}. ${t(`satisfaction.${e}.name`)}: ${t(`satisfaction.${e}.question`)}`}</legend>
              {err ? <p class="err" id={`f-${e}-err`}>{t(err)}</p> : null}
              {[1, 2, 3, 4].map((v) => (
                <div class="choice">
                  <input type="radio" id={`f-${e}-${v}`} name={e} value={String(v)} checked={values[e] === String(v)} required />
                  <label for={`f-${e}-${v}`}>{t(`satisfaction.${e}.a${v}`)}</label>
                </div>
              ))}
            </fieldset>
          );
        })}
        <Field c={c} name="comment" label={t('satisfaction.rate.comment')} hint={t('satisfaction.rate.comment_hint')} multiline maxlength={2000} value={values.comment ?? ''} errors={errors} />
        <button type="submit">{t('satisfaction.rate.submit')}</button>
      </form>
    </Layout>
  );
}

export function RatedPage({ c, already }: { c: Context<Env>; already: boolean }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('satisfaction.rate.title')}>
      <h1>{t('satisfaction.rate.title')}</h1>
      <Notice kind={already ? 'warn' : 'ok'}>{t(already ? 'satisfaction.rate.already' : 'satisfaction.rate.done')}</Notice>
    </Layout>
  );
}
