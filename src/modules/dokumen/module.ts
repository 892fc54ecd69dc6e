// Dokumen: the downloadable public documents of the government, /dokumen — regulations with their
// JDIH metadata (type, number, year, status berlaku/dicabut/diubah, subject), budget and performance
// reports (APBD, LKjIP, transparency reports, any year), plans (RPJMD, Renstra, RKPD) and forms.
// Units upload PDFs at /petugas/dokumen (checked by platform/files); the PDF's text is extracted at
// upload with pdftotext (poppler-utils, DOKUMEN_PDFTOTEXT) and indexed for /cari and the search
// within /dokumen (platform/search, ADR 026). Drafts and withdrawn documents are in neither.
//
// Personal data: none. Public documents and the unit that published them; officers appear only in
// the audit trail.
import { defineModule } from '../../platform/module.ts';
import { translator } from '../../platform/i18n/index.ts';
import { matchPages } from '../../platform/search/pages.ts';
import * as dokumen from './migrations/001_dokumen.ts';
import { locales } from './locales.ts';
import { dokumenRoutes } from './routes.tsx';
import { dokumenSettings } from './settings.ts';
import { dokumenExport } from './exports.ts';
import { docFlag, dokumenFreshness } from './freshness.ts';
import { PUBLIC_PATH, searchItems } from './service.ts';
import { STAFF_PATH } from './views/staff.tsx';

export const dokumenModule = defineModule({
  id: 'dokumen',
  requires: ['units'],
  paths: { public: [PUBLIC_PATH] },
  migrations: { '001_dokumen': dokumen },
  settings: dokumenSettings,
  locales,
  permissions: {
    'dokumen.view': { public: true },
    // officers and admins of the owning unit (or a unit above it); the subject is the owner unit
    'dokumen.manage': { roles: ['officer', 'unit_admin', 'platform_admin'] },
  },
  files: { pdf: { maxBytes: 20 * 1024 * 1024, maxCount: 1, accept: ['pdf'] } },
  exports: {
    [dokumenExport.id]: { title: dokumenExport.title, description: dokumenExport.description, fields: dokumenExport.fields, rows: (ctx) => dokumenExport.rows(ctx) },
  },
  nav: {
    portal: [{ href: PUBLIC_PATH, label: 'dokumen.nav.portal', order: 45, when: () => docFlag.visible() }],
    staff: [{ href: STAFF_PATH, label: 'dokumen.nav.staff', order: 65, action: 'dokumen.manage' }],
  },
  routes: dokumenRoutes,
  // the section's page by its name and the words people type; the documents are in the index
  search(q, _ctx, locale) {
    return Promise.resolve(matchPages(q, translator(locale), [{ title: 'dokumen.public.title', body: 'dokumen.home.body', synonyms: 'dokumen.search.synonyms', href: PUBLIC_PATH }]));
  },
  searchItems,
  freshness: dokumenFreshness,
  async seed(ctx) {
    await docFlag.refresh(ctx);
  },
});
