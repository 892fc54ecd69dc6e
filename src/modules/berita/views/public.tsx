/** @jsxImportSource hono/jsx */
// /berita (newest first, paged, filter by kind), /berita/{slug} (the article with NewsArticle
// JSON-LD and Open Graph tags in the page head), and the same article as a preview for editors.
import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { Env } from '../../../platform/http/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Notice } from '../../../platform/ui/components.tsx';
import { formatDate } from '../../../platform/i18n/index.ts';
import type { Freshness } from '../../../platform/freshness/index.ts';
import { parseBody, plainBody } from '../body.ts';
import { imageHref, itemHref, PUBLIC_PATH, type ItemRow } from '../service.ts';
import { Body, FreshnessLine } from './shared.tsx';

export const FEED_PATH = `${PUBLIC_PATH}/feed.atom`;

function feedLink(c: Context<Env>) {
  return <link rel="alternate" type="application/atom+xml" href={FEED_PATH} title={c.get('t')('berita.feed.title')} />;
}

const dateOf = (c: Context<Env>, d: Date | null, tz: string) => (d ? formatDate(c.get('locale'), d, tz) : '');

export function ListPage({ c, items, total, page, size, kind, freshness, tz }: { c: Context<Env>; items: ItemRow[]; total: number; page: number; size: number; kind?: string; freshness?: Freshness; tz: string }) {
  const t = c.get('t');
  const pages = Math.max(1, Math.ceil(total / size));
  const href = (p: number) => `${PUBLIC_PATH}?${new URLSearchParams({ ...(kind ? { jenis: kind } : {}), ...(p > 1 ? { halaman: String(p) } : {}) }).toString()}`.replace(/\?$/, '');
  return (
    <Layout c={c} title={t('berita.public.title')} active={PUBLIC_PATH} head={feedLink(c)}>
      <h1>{t('berita.public.title')}</h1>
      <p class="lead">{t('berita.public.lead')}</p>
      {freshness ? <FreshnessLine f={freshness} /> : null}
      <nav class="year-nav" aria-label={t('berita.filter.label')}>
        <ul>
          <li><a href={PUBLIC_PATH} aria-current={!kind ? 'page' : undefined}>{t('berita.filter.all')}</a></li>
          <li><a href={`${PUBLIC_PATH}?jenis=berita`} aria-current={kind === 'berita' ? 'page' : undefined}>{t('berita.kind.berita')}</a></li>
          <li><a href={`${PUBLIC_PATH}?jenis=pengumuman`} aria-current={kind === 'pengumuman' ? 'page' : undefined}>{t('berita.kind.pengumuman')}</a></li>
        </ul>
      </nav>
      {items.length ? (
        <ul class="cards">
          {items.map((i) => {
            const img = i.images[0];
            return (
              <li>
                <article>
                  <h2><a href={itemHref(i)}>{i.title}</a></h2>
                  <p class="muted">{t(`berita.kind.${i.kind}`)} · {dateOf(c, i.publishAt, tz)} · {i.owner.name}</p>
                  {img ? <img src={imageHref(img.fileId, true)} alt="" width={img.width && img.height ? Math.min(320, img.width) : undefined} height={img.width && img.height ? Math.round(Math.min(320, img.width) * img.height / img.width) : undefined} loading="lazy" /> : null}
                  <p>{i.summary}</p>
                </article>
              </li>
            );
          })}
        </ul>
      ) : <p>{t('berita.public.none')}</p>}
      {pages > 1 ? (
        <nav class="year-nav" aria-label={t('berita.pages.label')}>
          <p>{t('berita.pages.of', { page, pages })}</p>
          <ul>
            {page > 1 ? <li><a href={href(page - 1)} rel="prev">{t('berita.pages.prev')}</a></li> : null}
            {page < pages ? <li><a href={href(page + 1)} rel="next">{t('berita.pages.next')}</a></li> : null}
          </ul>
        </nav>
      ) : null}
      <p><a href={FEED_PATH}>{t('berita.feed.link')}</a></p>
    </Layout>
  );
}

/** JSON inside <script>: "<" written as \u003c so no text can close the element. */
const jsonLd = (v: unknown) => raw(`<script type="application/ld+json">${JSON.stringify(v).replace(/</g, '\\u003c')}</script>`);

export function ItemPage({ c, item, tz, preview, freshness }: { c: Context<Env>; item: ItemRow; tz: string; preview?: boolean; freshness?: Freshness }) {
  const t = c.get('t');
  const app = c.get('app');
  const base = app.config.baseUrl.replace(/\/$/, '');
  const url = `${base}${itemHref(item)}`;
  const region = c.get('region');
  const site = region.branding.name ?? region.name;
  const images = item.images.map((m) => `${base}${imageHref(m.fileId)}`);
  const head = preview ? <meta name="robots" content="noindex" /> : (
    <>
      <link rel="canonical" href={url} />
      <meta name="description" content={item.summary} />
      <meta property="og:type" content="article" />
      <meta property="og:title" content={item.title} />
      <meta property="og:description" content={item.summary} />
      <meta property="og:url" content={url} />
      <meta property="og:site_name" content={site} />
      <meta property="og:locale" content={c.get('locale') === 'id' ? 'id_ID' : 'en_GB'} />
      {images[0] ? <meta property="og:image" content={images[0]} /> : null}
      {item.images[0]?.width ? <meta property="og:image:width" content={String(item.images[0].width)} /> : null}
      {item.images[0]?.height ? <meta property="og:image:height" content={String(item.images[0].height)} /> : null}
      {item.publishAt ? <meta property="article:published_time" content={item.publishAt.toISOString()} /> : null}
      <meta property="article:modified_time" content={item.updatedAt.toISOString()} />
      {feedLink(c)}
      {jsonLd({
        '@context': 'https://schema.org', '@type': 'NewsArticle', headline: item.title.slice(0, 110), description: item.summary,
        datePublished: item.publishAt?.toISOString(), dateModified: item.updatedAt.toISOString(), mainEntityOfPage: url, url,
        ...(images.length ? { image: images } : {}), articleSection: t(`berita.kind.${item.kind}`), inLanguage: 'id',
        author: { '@type': 'GovernmentOrganization', name: item.owner.name },
        publisher: { '@type': 'GovernmentOrganization', name: site, url: base },
        articleBody: plainBody(item.body).slice(0, 5000),
      })}
    </>
  );
  return (
    <Layout c={c} title={item.title} active={PUBLIC_PATH} head={head} staff={preview}>
      {preview ? <Notice kind="warn">{t('berita.preview.notice')} <a href={`/petugas/berita/${item.id}`}>{t('berita.preview.back')}</a></Notice> : <p><a href={PUBLIC_PATH}>{t('berita.public.back')}</a></p>}
      <article class="berita">
        <p class="muted">{t(`berita.kind.${item.kind}`)}</p>
        <h1>{item.title}</h1>
        <p class="muted">{t('berita.item.byline', { unit: item.owner.name, date: item.publishAt ? dateOf(c, item.publishAt, tz) : t('berita.status.draft') })}</p>
        {freshness ? <FreshnessLine f={freshness} /> : null}
        <p class="lead">{item.summary}</p>
        {item.images.map((m) => (
          <figure>
            <img src={imageHref(m.fileId)} alt={m.alt} width={m.width ?? undefined} height={m.height ?? undefined} />
            {m.alt ? <figcaption class="muted">{m.alt}</figcaption> : null}
          </figure>
        ))}
        <Body blocks={parseBody(item.body)} />
      </article>
    </Layout>
  );
}
