/** @jsxImportSource hono/jsx */
// The page frame: header with the city's name and logo, main navigation from the modules that are
// installed (a module that is not built has no menu entry), search, language switch, footer.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { Env } from '../http/context.ts';
import { can } from '../access/can.ts';
import { csrfToken } from '../http/csrf.ts';
import { CSS_HREF } from './assets.ts';
import type { NavItem } from '../module.ts';

export interface PageOptions {
  title: string;
  /** shown under the page, e.g. the unit responsible and last-updated date */
  children: Child;
  staff?: boolean;
  /** path of the active menu item */
  active?: string;
  status?: number;
  /** extra elements for <head>: meta tags (Open Graph), JSON-LD, a feed's <link rel="alternate"> */
  head?: Child;
}

function navItems(c: Context<Env>, which: 'portal' | 'staff'): NavItem[] {
  const actor = c.get('actor');
  return c
    .get('app')
    .modules.flatMap((m) => m.nav?.[which] ?? [])
    .filter((n) => (!n.action || can(actor, n.action)) && (!n.when || n.when()))
    .sort((a, b) => a.order - b.order);
}

function themeHref(c: Context<Env>): string | undefined {
  const colors = c.get('region').branding.colors;
  if (!colors?.primary) return undefined;
  // the version changes with the colours, so a cached theme never outlives a branding change
  const v = `${colors.primary}${colors.primaryText ?? ''}${colors.accent ?? ''}`.replace(/[^0-9a-fA-F]/g, '');
  return `/tema.css?v=${v}`;
}

export function Layout({ c, title, children, staff, active, head }: PageOptions & { c: Context<Env> }) {
  const t = c.get('t');
  const locale = c.get('locale');
  const region = c.get('region');
  const actor = c.get('actor');
  const b = region.branding;
  // the directory of units is the fuller contact list, when that module is installed
  const directory = c.get('app').modules.some((m) => m.id === 'units');
  const siteName = b.name ?? region.name;
  const path = new URL(c.req.url).pathname;
  const items = navItems(c, staff ? 'staff' : 'portal');
  const other = locale === 'id' ? 'en' : 'id';
  // /cari has its own search box; a second one in the header would only confuse
  const searchForm = !staff && path !== '/cari';
  return (
    <>
    {raw('<!DOCTYPE html>')}
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${siteName}`}</title>
        <link rel="stylesheet" href={CSS_HREF} />
        {themeHref(c) ? <link rel="stylesheet" href={themeHref(c)} /> : null}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {head ?? null}
      </head>
      <body>
        <a class="skip" href="#isi">{t('app.skip')}</a>
        <header class="site">
          <div class="wrap">
            <div class="bar">
              <a class="brand" href={staff ? '/petugas' : '/'}>
                {b.logo ? <img src={b.logo} alt="" width="40" height="40" /> : null}
                {/* phones get the short region name, so the header stays one line high */}
                <span class="name-long">{staff ? `${siteName} · ${t('app.backoffice')}` : siteName}</span>
                <span class="name-short">{staff ? `${region.name} · ${t('app.backoffice')}` : region.name}</span>
              </a>
              <div class="tools">
                <a href={`/bahasa/${other}?kembali=${encodeURIComponent(path)}`} lang={other} hreflang={other}>
                  {t('app.language.switch')}
                </a>
                {actor.kind === 'anonymous' ? (
                  staff ? null : <a href="/masuk">{t('app.signin')}</a>
                ) : (
                  <>
                    <a href={actor.kind === 'staff' ? '/petugas' : '/akun'}>{actor.kind === 'staff' ? t('app.backoffice') : t('app.account')}</a>
                    <form method="post" action="/keluar" class="inline">
                      <input type="hidden" name="_csrf" value={csrfToken(c)} />
                      <button type="submit" class="link on-brand">{t('app.signout')}</button>
                    </form>
                  </>
                )}
              </div>
            </div>
            {items.length || searchForm ? (
              <nav class="main" aria-label={t('app.menu')}>
                <ul>
                  {items.map((n) => (
                    <li>
                      <a href={n.href} aria-current={active === n.href || path === n.href ? 'page' : undefined}>{t(n.label)}</a>
                    </li>
                  ))}
                  {/* on a phone the search box below is hidden and this link leads to /cari's own box */}
                  {searchForm ? <li class="search-link"><a href="/cari">{t('app.search')}</a></li> : null}
                </ul>
              </nav>
            ) : null}
            {!searchForm ? null : (
              <form class="search" method="get" action="/cari" role="search">
                <label for="q-site" class="skip">{t('app.search.label')}</label>
                <input id="q-site" type="search" name="q" placeholder={t('app.search.label')} maxlength={200} />
                <button type="submit" class="secondary">{t('app.search')}</button>
              </form>
            )}
          </div>
        </header>
        <main id="isi" class="wrap" tabindex={-1}>
          {children}
        </main>
        <footer class="site">
          <div class="wrap">
            <h2 class="footer-title">{t('app.footer.contact')}</h2>
            <address>
              {b.contact?.address ? <>{b.contact.address}<br /></> : null}
              {b.contact?.phone ? <>Telp. <a href={`tel:${b.contact.phone.replace(/[^+\d]/g, '')}`}>{b.contact.phone}</a><br /></> : null}
              {b.contact?.email ? <><a href={`mailto:${b.contact.email}`}>{b.contact.email}</a><br /></> : null}
              {b.contact?.website && /^https?:\/\//i.test(b.contact.website) ? <><a href={b.contact.website}>{b.contact.website.replace(/^https?:\/\//, '')}</a><br /></> : null}
            </address>
            <p>{t('app.footer.emergency')} <a href="tel:112">112</a></p>
            {directory ? <p><a href="/instansi">{t('app.footer.directory')}</a></p> : null}
            <p>{t('app.footer.privacy')}</p>
            <p class="muted">{t('app.footer.credits')}</p>
          </div>
        </footer>
      </body>
    </html>
    </>
  );
}
