// The open-data dataset of this module: the metadata of every published document (not the PDFs'
// text), with links to the public page and the download.
import type { AppContext } from '../../platform/http/context.ts';
import * as repo from './repo.ts';
import { docHref } from './service.ts';

export const dokumenExport = {
  id: 'dokumen.documents',
  title: 'dokumen.export.title',
  description: 'dokumen.export.description',
  fields: [
    { name: 'id', type: 'integer', description: 'Stable id of the document' },
    { name: 'category', type: 'string', description: 'peraturan | anggaran | kinerja | perencanaan | formulir' },
    { name: 'type', type: 'string', description: 'Document type: perda, perwali, keputusan, instruksi, apbd, apbd_perubahan, lkpd, transparansi, lkjip, lppd, rpjmd, renstra, rkpd, formulir' },
    { name: 'number', type: 'string', description: "The regulation's number; empty for reports and forms" },
    { name: 'year', type: 'integer', description: 'Year of the document' },
    { name: 'status', type: 'string', description: 'Regulations: berlaku (in force) | dicabut (revoked) | diubah (amended); empty otherwise' },
    { name: 'title', type: 'string', description: 'Title (for a regulation: what it is about)' },
    { name: 'subject', type: 'string', description: 'Summary / subject' },
    { name: 'owner_code', type: 'string', description: 'Code of the publishing unit' },
    { name: 'owner_name', type: 'string', description: 'Name of that unit' },
    { name: 'url', type: 'string', description: 'Public page of the document (path)' },
    { name: 'download_url', type: 'string', description: 'The PDF (path)' },
    { name: 'published_at', type: 'datetime', description: 'First published (ISO 8601)' },
    { name: 'updated_at', type: 'datetime', description: 'Last change (ISO 8601)' },
  ] as { name: string; type: 'string' | 'integer' | 'boolean' | 'datetime'; description: string }[],
  async rows(ctx: Pick<AppContext, 'db'>): Promise<Record<string, string | number | boolean>[]> {
    return (await repo.allPublished(ctx.db)).map((d) => ({
      id: d.id, category: d.category, type: d.docType, number: d.number, year: d.year, status: d.status ?? '', title: d.title, subject: d.subject,
      owner_code: d.owner.code, owner_name: d.owner.name, url: docHref(d.id), download_url: `${docHref(d.id)}/unduh`,
      published_at: (d.publishedAt ?? d.updatedAt).toISOString(), updated_at: d.updatedAt.toISOString(),
    }));
  },
};
