// documents: the public pages of platform/documents — /cek, where anyone checks an issued letter by
// the code under its QR code (genuine or not, who issued it and when, valid or revoked) and can
// compare a PDF byte for byte. The documents themselves (tables, numbering, signing) are platform
// code that any module issues through (src/platform/documents, docs/documents.md, ADR 021).
//
// Personal data: none here. The /cek page shows the document's title, number, issuing unit, date and
// signatory, never the citizen's data; the issuing module exports and erases what is its citizen's.
import { defineModule } from '../../platform/module.ts';
import { locales } from './locales.ts';
import { documentsRoutes } from './routes.tsx';
import { CHECK_PATH } from './views/check.tsx';

export const documentsModule = defineModule({
  id: 'documents',
  requires: ['units'],
  paths: { public: [CHECK_PATH] },
  locales,
  permissions: {
    'documents.verify': { public: true },
  },
  // a PDF to compare with the issued one: read, hashed, never stored
  files: { check: { maxBytes: 10 * 1024 * 1024, maxCount: 1, accept: ['pdf'] } },
  routes: documentsRoutes,
});
