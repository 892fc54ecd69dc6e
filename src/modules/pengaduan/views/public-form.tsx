/** @jsxImportSource hono/jsx */
// /pengaduan/baru in two short pages that work without JavaScript: (1) what and where; (2) similar
// open reports to follow instead ("+1 ikuti"), then the address, photos, privacy and — for someone
// not signed in — an email or phone to follow it, and the final submit. Page 1's answers travel as
// hidden fields; "Ubah" sends them back to page 1.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { Csrf, ErrorSummary, Field } from '../../../platform/ui/components.tsx';
import { formatDate } from '../../../platform/i18n/index.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { FormOptions } from '../public-flow.ts';
import { MapPick, type MapConfig } from '../map/views.tsx';

export const NEW_PATH = '/pengaduan/baru';
export const SEND_PATH = '/pengaduan/baru/kirim';

export interface Similar { publicId: string; categoryCode: string; description: string; followers: number; createdAt: Date }

function StepOneFields({ values }: { values: FormData }) {
  return (
    <>
      <input type="hidden" name="kategori" value={values.kategori ?? ''} />
      <input type="hidden" name="kecamatan" value={values.kecamatan ?? ''} />
      <input type="hidden" name="kelurahan" value={values.kelurahan ?? ''} />
      <input type="hidden" name="uraian" value={values.uraian ?? ''} />
    </>
  );
}

function Select({ c, name, label, hint, errors, children }: { c: Context<Env>; name: string; label: string; hint?: string; errors: FieldErrors; children: Child }) {
  const t = c.get('t');
  const err = errors[name];
  const id = `f-${name}`;
  const described = [hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={err ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
      {err ? <p class="err" id={`${id}-err`}>{t(err)}</p> : null}
      <select id={id} name={name} aria-describedby={described} aria-invalid={err ? 'true' : undefined}>{children}</select>
    </div>
  );
}

export function StepOnePage({ c, options, values, errors }: { c: Context<Env>; options: FormOptions; values: FormData; errors: FieldErrors }) {
  const t = c.get('t');
  const catErr = errors.kategori;
  return (
    <Layout c={c} title={t('pengaduan.public.new.title')} active="/pengaduan">
      <ErrorSummary c={c} errors={errors} />
      <h1>{t('pengaduan.public.new.title')}</h1>
      <p class="lead">{t('pengaduan.public.new.lead')}</p>
      <form method="post" action={NEW_PATH} novalidate>
        <Csrf c={c} />
        <fieldset id="f-kategori" class={catErr ? 'field invalid' : 'field'} aria-describedby={catErr ? 'f-kategori-err' : undefined}>
          <legend>{t('pengaduan.public.field.category')}</legend>
          {catErr ? <p class="err" id="f-kategori-err">{t(catErr)}</p> : null}
          {options.categories.map((k) => (
            <div class="choice">
              <input type="radio" id={`f-kategori-${k.code}`} name="kategori" value={k.code} checked={values.kategori === k.code} aria-describedby={`f-kategori-${k.code}-hint`} />
              <label for={`f-kategori-${k.code}`}>{k.name} <span class="muted" id={`f-kategori-${k.code}-hint`}>– {k.description}</span></label>
            </div>
          ))}
        </fieldset>
        <Select c={c} name="kecamatan" label={t('pengaduan.public.field.kecamatan')} errors={errors}>
          <option value="">{t('pengaduan.public.choose')}</option>
          {options.kecamatan.map((k) => <option value={String(k.id)} selected={values.kecamatan === String(k.id)}>{k.name}</option>)}
        </Select>
        <Select c={c} name="kelurahan" label={t('pengaduan.public.field.kelurahan')} hint={t('pengaduan.public.field.kelurahan_hint')} errors={errors}>
          <option value="">{t('pengaduan.public.unknown_kelurahan')}</option>
          {options.kecamatan.map((k) => (
            <optgroup label={k.name}>
              {k.kelurahan.map((l) => <option value={String(l.id)} selected={values.kelurahan === String(l.id)}>{l.name}</option>)}
            </optgroup>
          ))}
        </Select>
        <Field c={c} name="uraian" label={t('pengaduan.public.field.description')} hint={t('pengaduan.public.field.description_hint')} value={values.uraian} errors={errors} multiline maxlength={5000} />
        <button type="submit">{t('pengaduan.public.next')}</button>
      </form>
    </Layout>
  );
}

export function StepTwoPage(p: {
  c: Context<Env>; options: FormOptions; values: FormData; errors: FieldErrors; similar: Similar[]; signedIn: boolean; formKey: string; photoNotice?: boolean; map?: MapConfig;
}) {
  const { c, values, errors } = p;
  const t = c.get('t');
  const locale = c.get('locale');
  const cat = p.options.categories.find((k) => k.code === values.kategori);
  const kec = p.options.kecamatan.find((k) => String(k.id) === values.kecamatan);
  const kel = kec?.kelurahan.find((l) => String(l.id) === values.kelurahan);
  const privErr = errors.privasi;
  const privacy = values.privasi ?? 'biasa';
  return (
    <Layout c={c} title={t('pengaduan.public.check.title')} active="/pengaduan">
      <ErrorSummary c={c} errors={errors} />
      <h1>{t('pengaduan.public.check.title')}</h1>
      <h2>{t('pengaduan.public.check.answers')}</h2>
      <dl>
        <dt>{t('pengaduan.public.field.category')}</dt><dd>{cat?.name}</dd>
        <dt>{t('pengaduan.public.where')}</dt><dd>{[kel?.name, kec?.name].filter(Boolean).join(', ')}</dd>
        <dt>{t('pengaduan.public.field.description')}</dt><dd>{values.uraian}</dd>
      </dl>
      <form method="post" action={NEW_PATH}>
        <Csrf c={c} />
        <StepOneFields values={values} />
        <input type="hidden" name="ubah" value="1" />
        <button type="submit" class="secondary">{t('pengaduan.public.change')}</button>
      </form>

      {p.similar.length ? (
        <section aria-labelledby="mirip">
          <h2 id="mirip">{t('pengaduan.public.similar.title')}</h2>
          <p>{t('pengaduan.public.similar.lead')}</p>
          <ul>
            {p.similar.map((s) => (
              <li>
                <p><a href={`/pengaduan/${s.publicId}`}>{s.publicId}</a> · {formatDate(locale, s.createdAt)} · {t('pengaduan.public.followers', { n: s.followers })}</p>
                <p>{s.description.slice(0, 200)}</p>
                <form method="post" action={`/pengaduan/${s.publicId}/ikuti`}>
                  <Csrf c={c} />
                  {p.signedIn ? null : (
                    <div class="field">
                      <label for={`f-ikuti-${s.publicId}`}>{t('pengaduan.public.field.contact')}</label>
                      <p class="hint" id={`f-ikuti-${s.publicId}-hint`}>{t('pengaduan.public.follow_hint')}</p>
                      <input id={`f-ikuti-${s.publicId}`} name="kontak" autocomplete="email" maxlength={200} aria-describedby={`f-ikuti-${s.publicId}-hint`} />
                    </div>
                  )}
                  <button type="submit" class="secondary">{t('pengaduan.public.follow')}</button>
                </form>
              </li>
            ))}
          </ul>
          <h2>{t('pengaduan.public.similar.none_match')}</h2>
        </section>
      ) : null}

      <form method="post" action={SEND_PATH} enctype="multipart/form-data" novalidate>
        <Csrf c={c} />
        <StepOneFields values={values} />
        <input type="hidden" name="kunci" value={p.formKey} />
        <Field c={c} name="alamat" label={t('pengaduan.public.field.address')} hint={t('pengaduan.public.field.address_hint')} value={values.alamat} errors={errors} autocomplete="street-address" maxlength={300} />
        <MapPick c={c} map={p.map} values={values} errors={errors} />
        <div class={errors.foto ? 'field invalid' : 'field'}>
          <label for="f-foto">{t('pengaduan.public.field.photos')}</label>
          <p class="hint" id="f-foto-hint">{t('pengaduan.public.field.photos_hint')}</p>
          {errors.foto ? <p class="err" id="f-foto-err">{t(errors.foto, { max: 5 })}</p> : null}
          {p.photoNotice ? <p class="err">{t('pengaduan.public.photos_again')}</p> : null}
          <input type="file" id="f-foto" name="foto" accept="image/jpeg,image/png,image/webp" multiple aria-describedby={errors.foto ? 'f-foto-hint f-foto-err' : 'f-foto-hint'} />
        </div>
        <fieldset id="f-privasi" class={privErr ? 'field invalid' : 'field'}>
          <legend>{t('pengaduan.public.field.privacy')}</legend>
          {privErr ? <p class="err">{t(privErr)}</p> : null}
          {(['biasa', 'anonim', 'rahasia'] as const).map((v) => (
            <div class="choice">
              <input type="radio" id={`f-privasi-${v}`} name="privasi" value={v} checked={privacy === v} aria-describedby={`f-privasi-${v}-hint`} />
              <label for={`f-privasi-${v}`}>{t(`pengaduan.public.privacy.${v}`)} <span class="muted" id={`f-privasi-${v}-hint`}>– {t(`pengaduan.public.privacy.${v}_hint`)}</span></label>
            </div>
          ))}
        </fieldset>
        {p.signedIn ? (
          <p>{t('pengaduan.public.signed_in_follow')}</p>
        ) : (
          <Field c={c} name="kontak" label={t('pengaduan.public.field.contact')} hint={t('pengaduan.public.field.contact_hint')} value={values.kontak} errors={errors} autocomplete="email" maxlength={200} />
        )}
        <p class="muted">{t('pengaduan.public.privacy_note')}</p>
        <button type="submit">{t('pengaduan.public.send')}</button>
      </form>
    </Layout>
  );
}
