// The open-data dataset: metadata of every public news item and announcement (not the bodies).
import type { DatasetSpec } from '../../platform/module.ts';
import { allPublic } from './repo.ts';
import { itemHref } from './service.ts';

export const beritaExport: DatasetSpec = {
  title: 'berita.export.title',
  description: 'berita.export.description',
  fields: [
    { name: 'id', type: 'integer' },
    { name: 'kind', type: 'string', description: 'berita.export.kind' },
    { name: 'title', type: 'string' },
    { name: 'summary', type: 'string' },
    { name: 'owner', type: 'string', description: 'berita.export.owner' },
    { name: 'owner_name', type: 'string' },
    { name: 'url', type: 'string' },
    { name: 'images', type: 'integer' },
    { name: 'published_at', type: 'datetime' },
    { name: 'updated_at', type: 'datetime' },
  ],
  async rows(ctx) {
    const base = ctx.config.baseUrl.replace(/\/$/, '');
    return (await allPublic(ctx.db, ctx.clock.now())).map((i) => ({
      id: i.id, kind: i.kind, title: i.title, summary: i.summary, owner: i.owner.code, owner_name: i.owner.name, url: `${base}${itemHref(i)}`,
      images: i.images.length, published_at: i.publishAt!.toISOString(), updated_at: i.updatedAt.toISOString(),
    }));
  },
};
