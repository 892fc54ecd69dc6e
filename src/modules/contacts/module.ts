// Contacts: the emergency-contacts directory, /kontak-darurat — 112 and the other national numbers
// for the whole city, then ambulance, fire brigade (damkar), hearse (mobil jenazah), police … per
// kecamatan, each with tel: and wa.me links, the unit that keeps it and how fresh it is. Units edit
// their own entries at /petugas/kontak-darurat. This is the worked example of docs/modules.md: every
// part of a module is here, one file each, and nothing outside this folder knows its table.
//
// Personal data: none. The module stores office numbers that are published anyway, never a
// citizen's data, so it needs no `personalData` export/erase; officers appear only in the audit trail.
//
// Seams (each one line below, the code in this folder): its migration (stored as
// 'contacts/001_emergency_contacts'), CONTACTS_REVIEW_DAYS (settings.ts), its error codes (errors.ts;
// bad form input stays field errors on the re-shown form), figures (stats.ts), the open-data dataset
// (exports.ts), and `requires: ['units']` (the region pack is loaded before the national numbers).
import { defineModule } from '../../platform/module.ts';
import { translator } from '../../platform/i18n/index.ts';
import { matchPages } from '../../platform/search/pages.ts';
import * as emergencyContacts from './migrations/001_emergency_contacts.ts';
import { locales } from './locales.ts';
import { contactRoutes } from './routes.tsx';
import { contactsApi } from './api.ts';
import { searchDirectory } from './service.ts';
import { seedNational } from './seed.ts';
import { contactsDemo } from './demo.ts';
import { ContactsSettings } from './settings.ts';
import { settingsOf } from '../../platform/config.ts';
import type { GapuraModule } from '../../platform/module.ts';
import { contactsErrors } from './errors.ts';
import { contactsStats } from './stats.ts';
import { contactsExport } from './exports.ts';
import { displayPhone } from './phone.ts';
import { entryHref, PUBLIC_PATH } from './views/public.tsx';
import { STAFF_PATH } from './views/staff.tsx';
import { CONTACT_UPDATED } from './events.ts';
import { listAllActive } from './repo.ts';

const settings = {
  CONTACTS_REVIEW_DAYS: {
    default: '90',
    description: 'Days after which an emergency number nobody edited or confirmed shows as not updated since then (1–3650).',
    schema: ContactsSettings.shape.CONTACTS_REVIEW_DAYS,
  },
};
const reviewDays = (ctx: Parameters<NonNullable<GapuraModule['seed']>>[0]) => settingsOf(ctx.config, settings).CONTACTS_REVIEW_DAYS;

export const contactsModule = defineModule({
  id: 'contacts',
  requires: ['units'],
  paths: { public: [PUBLIC_PATH, '/api/v1/emergency-contacts'] },
  migrations: { '001_emergency_contacts': emergencyContacts },
  settings,
  errors: contactsErrors,
  stats: {
    'contacts.entries': { label: 'contacts.stats.entries', compute: async (ctx, q) => (await contactsStats(ctx, { ...q, reviewDays: reviewDays(ctx) })).entries },
    'contacts.stale': { label: 'contacts.stats.stale', compute: async (ctx, q) => (await contactsStats(ctx, { ...q, reviewDays: reviewDays(ctx) })).stale },
    'contacts.reviewed': { label: 'contacts.stats.reviewed', compute: async (ctx, q) => (await contactsStats(ctx, { ...q, reviewDays: reviewDays(ctx) })).reviewedInPeriod },
  },
  exports: {
    [contactsExport.id]: { title: contactsExport.title, description: contactsExport.description, fields: contactsExport.fields, rows: (ctx) => contactsExport.rows(ctx, { reviewDays: reviewDays(ctx) }) },
  },
  // after every change to an entry, with ContactUpdatedPayload (events.ts)
  events: [CONTACT_UPDATED],
  locales,
  permissions: {
    'contacts.view': { public: true },
    // officers and admins of the owning unit (or a unit above it); the subject is the owner unit
    'contacts.edit': { roles: ['officer', 'unit_admin', 'platform_admin'] },
    // Diskominfo keeps the whole directory, wherever the role is recorded
    'contacts.manage_all': { roles: ['platform_admin'], anyUnit: true },
  },
  nav: {
    portal: [{ href: PUBLIC_PATH, label: 'contacts.nav.portal', order: 25 }],
    staff: [{ href: STAFF_PATH, label: 'contacts.nav.staff', order: 60, action: 'contacts.edit' }],
  },
  // emergency numbers come first on the home page
  home: [{ order: 10, title: 'contacts.home.title', body: 'contacts.home.body', href: PUBLIC_PATH }],
  information: [{ order: 20, title: 'contacts.home.title', body: 'contacts.home.body', href: PUBLIC_PATH }],
  routes: (app, ctx) => contactRoutes(app, ctx, { reviewDays: reviewDays(ctx) }),
  api: (api, ctx) => contactsApi(api, ctx, { reviewDays: reviewDays(ctx) }),
  async search(q, ctx, locale) {
    const t = translator(locale);
    // the page itself ("nomor darurat", "telepon darurat" …), then the entries
    const page = matchPages(q, t, [{ title: 'contacts.public.title', body: 'contacts.home.body', synonyms: 'contacts.search.synonyms', href: PUBLIC_PATH }]);
    const rows = await searchDirectory(ctx.db, q, t);
    return [...page, ...rows.map((e) => ({
      title: e.name,
      href: entryHref(e),
      kind: 'contacts.search.kind',
      snippet: `${displayPhone(e.phone)} · ${e.kecamatan ? t('contacts.unit.kecamatan', { name: e.kecamatan.name }) : t('contacts.city_wide')}`,
    }))];
  },
  // every active, real entry: owned by its unit, current for CONTACTS_REVIEW_DAYS after its last review
  freshness: async (ctx) => (await listAllActive(ctx.db)).filter((e) => !e.example).map((e) => ({
    key: `contacts.entry.${e.id}`, title: e.name, unitId: e.owner.id, updatedAt: e.reviewedAt, cadence: { days: reviewDays(ctx) }, href: entryHref(e),
  })),
  seed: seedNational,
  demo: contactsDemo,
});
