/** @jsxImportSource hono/jsx */
// /kontak-darurat: the city-wide numbers first (112 at the top), then those of the kecamatan the
// person picks with a plain GET form — no JavaScript, nothing remembered. Each number is a big
// tap target (tel:), with WhatsApp when the owner offers it, its owner and how fresh it is.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { displayPhone, telHref, whatsappHref } from '../phone.ts';
import type { ContactRow, Directory } from '../service.ts';
import { Freshness, unitLabel } from './shared.tsx';

export const PUBLIC_PATH = '/kontak-darurat';

/** Where one entry is on the public page (search results link here). */
export function entryHref(e: Pick<ContactRow, 'id' | 'kecamatan'>): string {
  return `${PUBLIC_PATH}${e.kecamatan ? `?kecamatan=${encodeURIComponent(e.kecamatan.code)}` : ''}#kontak-${e.id}`;
}

function Entry({ c, e, reviewDays }: { c: Context<Env>; e: ContactRow; reviewDays: number }) {
  const t = c.get('t');
  const number = displayPhone(e.phone);
  return (
    <li id={`kontak-${e.id}`} class="contact">
      <p class="contact-kind">
        {t(`contacts.category.${e.category}`)}
        {e.example ? <> <span class="tag example">{t('contacts.example')}</span></> : null}
      </p>
      <h3>{e.name}</h3>
      <p class="contact-call">
        <a class="button call" href={telHref(e.phone)}>{t('contacts.call', { number })}</a>
        {e.whatsapp ? (
          <a class="button secondary" href={whatsappHref(e.whatsapp)} rel="noopener noreferrer">{t('contacts.whatsapp', { number: displayPhone(e.whatsapp) })}</a>
        ) : null}
      </p>
      {e.note ? <p>{e.note}</p> : null}
      <Freshness c={c} e={e} reviewDays={reviewDays} />
      <p class="muted">
        {t('contacts.owner', { unit: unitLabel(c, e.owner) })}
        {e.source ? <> · {t('contacts.source', { source: e.source })}</> : null}
      </p>
    </li>
  );
}

function Entries({ c, list, reviewDays }: { c: Context<Env>; list: ContactRow[]; reviewDays: number }) {
  return <ul class="contacts">{list.map((e) => <Entry c={c} e={e} reviewDays={reviewDays} />)}</ul>;
}

export function DirectoryPage({ c, dir, asked, reviewDays }: { c: Context<Env>; dir: Directory; asked: string; reviewDays: number }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('contacts.public.title')} active={PUBLIC_PATH}>
      <h1>{t('contacts.public.title')}</h1>
      <p class="lead">{t('contacts.public.lead')}</p>
      <form method="get" action={PUBLIC_PATH} class="contacts-pick">
        <div class={dir.unknown ? 'field invalid' : 'field'}>
          <label for="f-kecamatan">{t('contacts.public.pick')}</label>
          <p class="hint" id="f-kecamatan-hint">{t('contacts.public.pick_hint')}</p>
          {dir.unknown ? <p class="err" id="f-kecamatan-err" role="alert">{t('contacts.error.unknown_kecamatan', { code: asked })}</p> : null}
          <select id="f-kecamatan" name="kecamatan" aria-describedby={dir.unknown ? 'f-kecamatan-hint f-kecamatan-err' : 'f-kecamatan-hint'}>
            <option value="">{t('contacts.public.city_only')}</option>
            {dir.kecamatanList.map((k) => <option value={k.code} selected={k.id === dir.chosen?.id}>{k.name}</option>)}
          </select>
        </div>
        <button type="submit">{t('contacts.public.show')}</button>
      </form>
      <h2>{t('contacts.public.city')}</h2>
      <Entries c={c} list={dir.cityWide} reviewDays={reviewDays} />
      {dir.chosen ? (
        <>
          <h2>{unitLabel(c, dir.chosen)}</h2>
          {dir.local.length ? <Entries c={c} list={dir.local} reviewDays={reviewDays} /> : <p>{t('contacts.public.none_local')}</p>}
        </>
      ) : null}
      <p class="muted">{t('contacts.public.footnote')}</p>
    </Layout>
  );
}
