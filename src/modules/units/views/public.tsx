/** @jsxImportSource hono/jsx */
// The public directory: /instansi (every kecamatan with its kelurahan, and the OPD) and
// /instansi/:code (one unit with its contact details). Real information for citizens: where is my
// kelurahan office, how do I call it.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { raw } from 'hono/html';
import type { UnitRow } from '../service.ts';
import { hasProfile, type Profile, type ProvidedService } from '../profile.ts';

const jsonLd = (v: unknown) => raw(`<script type="application/ld+json">${JSON.stringify(v).replace(/</g, '\\u003c')}</script>`);
const paragraphs = (text: string) => text.split(/\n{2,}/).filter(Boolean).map((p) => <p>{p}</p>);

/** tel: wants digits and a leading +; spaces and dashes are for reading only. */
export const telHref = (phone: string) => `tel:${phone.replace(/[^+\d]/g, '')}`;

/** wa.me wants the international number without +: 0812… → 62812… */
export function whatsappHref(phone: string): string {
  let digits = phone.replace(/\D/g, '');
  if (digits.startsWith('0')) digits = `62${digits.slice(1)}`;
  return `https://wa.me/${digits}`;
}

const isWeb = (v: string) => /^https?:\/\//i.test(v);

export function ContactDetails({ c, contact }: { c: Context<Env>; contact: Record<string, string> }) {
  const t = c.get('t');
  const { address, phone, whatsapp, email, website, source } = contact;
  return (
    <>
    <dl class="summary">
      {address ? <><dt>{t('units.contact.address')}</dt><dd>{address}</dd></> : null}
      {phone ? <><dt>{t('units.contact.phone')}</dt><dd><a href={telHref(phone)}>{phone}</a></dd></> : null}
      {whatsapp ? (
        <><dt>{t('units.contact.whatsapp')}</dt><dd><a href={whatsappHref(whatsapp)} rel="noopener noreferrer">{whatsapp}</a></dd></>
      ) : null}
      {email ? <><dt>{t('units.contact.email')}</dt><dd><a href={`mailto:${email}`}>{email}</a></dd></> : null}
      {website && isWeb(website) ? (
        <><dt>{t('units.contact.website')}</dt><dd><a href={website} rel="noopener noreferrer">{website}</a></dd></>
      ) : null}
    </dl>
    {source ? <p class="muted">{t('units.contact.source', { source })}</p> : null}
    </>
  );
}

/** Anything a citizen can use to reach the unit (a source alone is not a contact). */
export const hasContact = (contact: Record<string, string>) =>
  !!(contact.address || contact.phone || contact.whatsapp || contact.email || (contact.website && isWeb(contact.website)));

export const unitHref = (code: string) => `/instansi/${encodeURIComponent(code)}`;

export function DirectoryPage({ c, units }: { c: Context<Env>; units: UnitRow[] }) {
  const t = c.get('t');
  const region = c.get('region');
  const kecamatan = units.filter((u) => u.kind === 'kecamatan');
  const opd = units.filter((u) => u.kind === 'opd').sort((a, b) => a.name.localeCompare(b.name, 'id'));
  const villages = (kec: UnitRow) => units.filter((u) => u.parentId === kec.id && (u.kind === 'kelurahan' || u.kind === 'desa'));
  return (
    <Layout c={c} title={t('units.public.title')} active="/instansi">
      <h1>{t('units.public.title')}</h1>
      <p class="lead">{t('units.public.lead', { region: region.name })}</p>
      <nav aria-label={t('units.public.sections')}>
        <ul>
          <li><a href="#kecamatan">{t('units.public.kecamatan', { count: kecamatan.length })}</a></li>
          <li><a href="#opd">{t('units.public.opd', { count: opd.length })}</a></li>
        </ul>
      </nav>
      <h2 id="kecamatan">{t('units.public.kecamatan', { count: kecamatan.length })}</h2>
      {kecamatan.length ? null : <p>{t('units.public.empty')}</p>}
      {kecamatan.map((k) => {
        const list = villages(k);
        return (
          <section class="unit-group" aria-labelledby={`k-${k.code}`}>
            <h3 id={`k-${k.code}`}>
              <a href={unitHref(k.code)}>{t('units.public.kecamatan_name', { name: k.name })}</a>
            </h3>
            {list.length ? (
              <ul class="unit-list">
                {list.map((v) => (
                  <li><a href={unitHref(v.code)}>{v.name}</a></li>
                ))}
              </ul>
            ) : null}
          </section>
        );
      })}
      <h2 id="opd">{t('units.public.opd', { count: opd.length })}</h2>
      {opd.length ? (
        <ul class="unit-list">
          {opd.map((o) => (
            <li><a href={unitHref(o.code)}>{o.name}</a></li>
          ))}
        </ul>
      ) : (
        <p>{t('units.public.empty')}</p>
      )}
    </Layout>
  );
}

/** "Kecamatan Sukarami", "Kelurahan 35 Ilir", OPD names as they are. */
export function displayName(t: (k: string, p?: Record<string, string | number>) => string, u: { kind: string; name: string }): string {
  return u.kind === 'kecamatan' || u.kind === 'kelurahan' || u.kind === 'desa' ? t(`units.public.${u.kind}_name`, { name: u.name }) : u.name;
}

export function UnitPage({ c, unit, parent, children, profile, services }: { c: Context<Env>; unit: UnitRow; parent?: UnitRow; children: UnitRow[]; profile: Profile; services: ProvidedService[] }) {
  const t = c.get('t');
  const title = displayName(t, unit);
  const base = c.get('app').config.baseUrl.replace(/\/$/, '');
  const { address, phone, email, website } = unit.contact;
  // schema.org GovernmentOrganization: what a search engine shows as the office's card
  const ld = {
    '@context': 'https://schema.org', '@type': 'GovernmentOrganization', name: title, url: `${base}${unitHref(unit.code)}`, identifier: unit.code,
    ...(address ? { address } : {}), ...(phone ? { telephone: phone } : {}), ...(email ? { email } : {}), ...(website && isWeb(website) ? { sameAs: website } : {}),
    ...(profile.tasks ? { description: profile.tasks.slice(0, 300) } : {}),
    ...(profile.headName ? { employee: { '@type': 'Person', name: profile.headName, ...(profile.headTitle ? { jobTitle: profile.headTitle } : {}) } } : {}),
    ...(parent ? { parentOrganization: { '@type': 'GovernmentOrganization', name: displayName(t, parent), url: `${base}${unitHref(parent.code)}` } } : {}),
  };
  return (
    <Layout c={c} title={title} active="/instansi" head={<><link rel="canonical" href={`${base}${unitHref(unit.code)}`} />{jsonLd(ld)}</>}>
      <p><a href="/instansi">{t('units.public.back')}</a></p>
      <h1>{title}</h1>
      <p class="lead">
        {t(`units.kind.${unit.kind}`)}
        {parent ? <> · {t('units.public.part_of')} <a href={unitHref(parent.code)}>{displayName(t, parent)}</a></> : null}
      </p>
      {/* no block at all rather than an apology on every unit nobody has filled in yet */}
      {hasProfile(profile) ? (
        <dl class="summary">
          {profile.headName ? <><dt>{t('units.profile.head')}</dt><dd>{profile.headName}{profile.headTitle ? ` (${profile.headTitle})` : ''}</dd></> : null}
          {profile.openingHours ? <><dt>{t('units.profile.hours')}</dt><dd>{profile.openingHours}</dd></> : null}
        </dl>
      ) : null}
      {hasContact(unit.contact) ? (
        <>
          <h2>{t('units.contact.title')}</h2>
          <ContactDetails c={c} contact={unit.contact} />
        </>
      ) : null}
      {profile.tasks ? <><h2>{t('units.profile.tasks')}</h2>{paragraphs(profile.tasks)}</> : null}
      {services.length ? (
        <>
          <h2>{t('units.profile.services')}</h2>
          <ul class="unit-list">
            {services.map((s) => <li><a href={s.href}>{s.name}</a></li>)}
          </ul>
        </>
      ) : null}
      {children.length ? (
        <>
          <h2>{t(unit.kind === 'kecamatan' ? 'units.public.children.kecamatan' : 'units.public.children')}</h2>
          <ul class="unit-list">
            {children.map((u) => (
              <li><a href={unitHref(u.code)}>{u.name}</a></li>
            ))}
          </ul>
        </>
      ) : null}
      <p class="muted">{t('units.public.code', { code: unit.code })}</p>
    </Layout>
  );
}
