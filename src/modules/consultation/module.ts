// Consultation: /tanya — citizens and businesses ask about a service of the layanan catalog or a
// unit (signed in, or with an email/phone to answer to); similar published answers show while
// typing (script + /tanya/saran.json) or on a check step without JavaScript. The responsible unit
// (the service's unit kind applied to where the asker lives, the service's owner, or the chosen
// office) answers at /petugas/tanya within CONSULTATION_DEADLINE_DAYS working days; overdue
// questions are escalated to the unit head, then the platform admins (job consultation.escalate).
// An answer can be published as a de-identified FAQ entry (/tanya/{slug}) with its legal basis and
// service; people add themselves ("saya juga bertanya ini") and rate it ("membantu?"), once each.
// When layanan changes a service's standard, its entries are flagged for review.
//
// Personal data: the asker's account link, contact and wording, and their marks (personal-data.ts).
import { settingsOf } from '../../platform/config.ts';
import { defineModule, type GapuraModule } from '../../platform/module.ts';
import { translator } from '../../platform/i18n/index.ts';
import { matchPages } from '../../platform/search/pages.ts';
import * as consultation from './migrations/001_consultation.ts';
import { locales } from './locales.ts';
import { consultationRoutes } from './routes.tsx';
import { API_PATH, consultationApi } from './api.ts';
import { consultationErrors } from './errors.ts';
import { FAQ_PUBLISHED, QUESTION_ANSWERED, QUESTION_ASKED } from './events.ts';
import { faqExport } from './exports.ts';
import { ESCALATE_JOB, ensureEscalateJob, escalateJob } from './jobs.ts';
import { erasePersonalData, exportPersonalData } from './personal-data.ts';
import { figures, flagForReview, searchFaq } from './service.ts';
import { consultationSettings } from './settings.ts';
import { faqHref, PUBLIC_PATH, STAFF_PATH } from './views/shared.tsx';

type Ctx = Parameters<NonNullable<GapuraModule['seed']>>[0];
const settingsFor = (ctx: Ctx) => settingsOf(ctx.config, consultationSettings);

export const consultationModule = defineModule({
  id: 'consultation',
  requires: ['units', 'layanan'],
  paths: { public: [PUBLIC_PATH, API_PATH], json: [`${PUBLIC_PATH}/saran.json`] },
  migrations: { '001_consultation': consultation },
  settings: consultationSettings,
  errors: consultationErrors,
  locales,
  permissions: {
    'consultation.view': { public: true },
    'consultation.ask': { public: true },
    // officers of the responsible unit (or a unit above it), its head and admins
    'consultation.answer': { roles: ['officer', 'approver', 'unit_admin', 'platform_admin'] },
  },
  nav: {
    portal: [{ href: PUBLIC_PATH, label: 'consultation.nav.portal', order: 45 }],
    staff: [{ href: STAFF_PATH, label: 'consultation.nav.staff', order: 55, action: 'consultation.answer' }],
  },
  home: [{ order: 30, title: 'consultation.home.title', body: 'consultation.home.body', href: PUBLIC_PATH, offer: 'consultation.home.offer' }],
  events: [QUESTION_ASKED, QUESTION_ANSWERED, FAQ_PUBLISHED],
  on: {
    'layanan.service.standard_changed': async (payload, ctx) => { await flagForReview(ctx, payload.slug, payload.fields); },
  },
  stats: {
    'consultation.answered': { label: 'consultation.stats.answered_label', compute: async (ctx, q) => (await figures(ctx, q)).total.answered },
    'consultation.within_deadline': { label: 'consultation.stats.within_label', compute: async (ctx, q) => (await figures(ctx, q)).total.withinDeadline },
    'consultation.median_hours': { label: 'consultation.stats.median_label', compute: async (ctx, q) => (await figures(ctx, q)).total.medianHours ?? 0 },
    'consultation.helpful': {
      label: 'consultation.stats.helpful_label',
      compute: async (ctx, q) => { const t = (await figures(ctx, q)).total; return [{ label: 'ya', value: t.helpfulYes }, { label: 'tidak', value: t.helpfulNo }]; },
    },
  },
  exports: {
    [faqExport.id]: { title: faqExport.title, description: faqExport.description, fields: faqExport.fields, rows: (ctx) => faqExport.rows(ctx) },
  },
  templates: {
    'consultation.answered': {
      id: { subject: 'Pertanyaan {tracking} sudah dijawab', body: 'Pertanyaan Anda {tracking} sudah dijawab. Baca jawabannya di:\n\n{url}' },
      en: { subject: 'Question {tracking} answered', body: 'Your question {tracking} has been answered. Read the answer at:\n\n{url}' },
    },
    'consultation.overdue': {
      id: { subject: 'Pertanyaan {tracking} terlambat dijawab', body: 'Pertanyaan {tracking} untuk {unit} sudah melewati batas waktu dan belum dijawab.\n\n{url}' },
      en: { subject: 'Question {tracking} is overdue', body: 'Question {tracking} for {unit} is past its deadline and not answered.\n\n{url}' },
    },
  },
  personalData: { export: exportPersonalData, erase: erasePersonalData },
  jobs: { [ESCALATE_JOB]: escalateJob((ctx) => settingsFor(ctx).CONSULTATION_ESCALATE_AFTER_DAYS) },
  routes: (app, ctx) => consultationRoutes(app, ctx, { deadlineDays: settingsFor(ctx).CONSULTATION_DEADLINE_DAYS }),
  api: (api, ctx) => consultationApi(api, ctx),
  async search(q, ctx, locale) {
    const t = translator(locale);
    const page = matchPages(q, t, [{ title: 'consultation.home.title', body: 'consultation.home.body', synonyms: 'consultation.search.synonyms', href: PUBLIC_PATH }]);
    const rows = await searchFaq(ctx.db, q);
    return [...page, ...rows.map((f) => ({ title: f.question, href: faqHref(f.slug), kind: 'consultation.search.kind', snippet: f.answer.slice(0, 160) }))];
  },
  seed: async (ctx) => { await ensureEscalateJob(ctx); },
});
