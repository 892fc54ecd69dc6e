// Assisted service at the counter: an officer files an application for a walk-in citizen (identified
// by NIK, with or without an account) through the same submitApplication as online, channel
// 'counter', and hands over the tracking number and PIN on paper. Later the citizen may claim it into
// their account with that number and PIN — only when the account's NIK is the applicant's. No HTTP.
import type { Actor } from '../../platform/access/can.ts';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../platform/http/input.ts';
import { checkNik, citizenIdByNik } from '../accounts/module.ts';
import { adoptInvitation } from '../satisfaction/module.ts';
import { lookup, submitApplication, type Answers } from './applications.ts';
import { findService, listServices } from './repo.ts';
import type { ServiceRow } from './repo.ts';
import type { ServiceField, UnitKind } from './schema.ts';
import { claimFor, userNikHash } from './staff-apps-repo.ts';

export const COUNTER = 'layanan.counter';
/** the roles that staff a counter */
const COUNTER_ROLES = ['officer', 'layanan_verifier'];

export interface CounterUnit { id: number; name: string; kind: string; path: string }

/** The units of a kind where the actor staffs a counter: the units of their counter grants and those below them. */
async function counterUnits(ctx: AppContext, actor: Actor, kind: UnitKind): Promise<CounterUnit[]> {
  if (actor.kind !== 'staff') return [];
  const paths = [...new Set(actor.grants.filter((g) => COUNTER_ROLES.includes(g.role)).map((g) => g.unitPath))];
  if (!paths.length) return [];
  return ctx.db.selectFrom('units').select(['id', 'name', 'kind', 'path']).where('kind', '=', kind)
    .where((eb) => eb.or(paths.map((p) => eb('path', 'like', `${p}%`)))).orderBy('name').limit(500).execute();
}

/** The services the actor may file at a counter (those of a kind some unit in their scope provides). */
export async function counterServices(ctx: AppContext, actor: Actor): Promise<ServiceRow[]> {
  const services = await listServices(ctx.db);
  const kinds = [...new Set(services.map((s) => s.unitKind))];
  const open = new Set<string>();
  for (const k of kinds) if ((await counterUnits(ctx, actor, k)).length) open.add(k);
  return services.filter((s) => open.has(s.unitKind));
}

/** The service and the units the officer may file it for (the first is the default). */
export async function counterFor(ctx: AppContext, actor: Actor, slug: string): Promise<{ service: ServiceRow; units: CounterUnit[] } | undefined> {
  const service = await findService(ctx.db, slug);
  if (!service?.active) return undefined;
  const units = await counterUnits(ctx, actor, service.unitKind);
  if (!units.length) return undefined;
  // the officer's own unit first (a kelurahan officer has exactly one)
  const own = new Set(actor.kind === 'staff' ? actor.grants.map((g) => g.unitId) : []);
  units.sort((a, b) => Number(own.has(b.id)) - Number(own.has(a.id)));
  return { service, units };
}

/** Fields the officer fills in: the applicant's name and NIK are asked once, on top, and fill the service's own name/NIK fields. */
export const autoFilled = (f: ServiceField) => f.prefill === 'name' || (f.type === 'nik' && f.name === 'nik');
/** Attachments are seen on paper at the counter (the officer checks the originals), not uploaded. */
export const counterFields = (s: ServiceRow) => s.pages.flatMap((p) => p.fields).filter((f) => f.type !== 'file' && !autoFilled(f));

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The counter form checked: per-field errors (i18n keys), or the applicant and the answers. */
export function checkCounterForm(s: ServiceRow, v: FormData, today: Date): { ok: true; name: string; nik: string; answers: Answers } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = (v.pemohon_nama ?? '').trim();
  if (!name) errors.pemohon_nama = 'field.required';
  else if (name.length > 200) errors.pemohon_nama = 'field.too_long';
  const nik = checkNik(v.pemohon_nik ?? '', today);
  if (!(v.pemohon_nik ?? '').trim()) errors.pemohon_nik = 'field.required';
  else if (!nik.ok) errors.pemohon_nik = nik.error;
  const answers: Answers = {};
  for (const f of counterFields(s)) {
    const key = `f_${f.name}`;
    const val = (v[key] ?? '').trim();
    if (!val) { if (f.required) errors[key] = 'field.required'; continue; }
    if (val.length > 2000) errors[key] = 'field.too_long';
    else if (f.type === 'select' && !f.options!.includes(val)) errors[key] = 'field.invalid';
    else if (f.type === 'date' && !(DATE.test(val) && !Number.isNaN(Date.parse(val)))) errors[key] = 'field.invalid';
    else if (f.type === 'nik') { const r = checkNik(val, today); if (!r.ok) errors[key] = r.error; else answers[f.name] = r.nik; continue; }
    answers[f.name] = val;
  }
  if (Object.keys(errors).length || !nik.ok) return { ok: false, errors };
  for (const f of s.pages.flatMap((p) => p.fields)) {
    if (f.prefill === 'name') answers[f.name] = name;
    else if (f.type === 'nik' && f.name === 'nik') answers[f.name] = nik.nik;
  }
  return { ok: true, name, nik: nik.nik, answers };
}

export async function fileAtCounter(ctx: AppContext, actor: Actor & { kind: 'staff' }, audit: AuditActor, input: { service: ServiceRow; unitId: number; name: string; nik: string; answers: Answers; idem: string }) {
  const userId = (await citizenIdByNik(ctx, input.nik)) ?? null;
  return submitApplication(ctx, {
    serviceSlug: input.service.slug, unitId: input.unitId, userId, applicant: { name: input.name, nik: input.nik }, answers: input.answers,
    channel: 'counter', filedBy: actor.userId, idempotencyKey: input.idem ? `counter:${actor.userId}:${input.idem}` : null, actor: audit,
  });
}

export type ClaimResult = { ok: true; tracking: string } | { ok: false; error: 'layanan.claim.wrong' | 'layanan.claim.nik' | 'layanan.claim.taken' };

/**
 * A counter application joins the signed-in citizen's account: the number and PIN open it, and the
 * account's NIK must be the applicant's (someone holding another person's receipt cannot take it).
 */
export async function claim(ctx: AppContext, userId: number, audit: AuditActor, tracking: string, pin: string): Promise<ClaimResult> {
  const app = await lookup(ctx, tracking, pin);
  if (!app) return { ok: false, error: 'layanan.claim.wrong' };
  if (app.user_id === userId) return { ok: true, tracking: app.tracking_number };
  const mine = await userNikHash(ctx.db, userId);
  if (!mine || mine !== app.applicant_nik_hash) return { ok: false, error: 'layanan.claim.nik' };
  if (app.user_id !== null) return { ok: false, error: 'layanan.claim.taken' };
  const done = await ctx.db.transaction().execute(async (tx) => {
    if (!(await claimFor(tx, app.id, userId))) return false;
    // decided before the claim: the invitation to rate it, recorded without an account, is now theirs
    await adoptInvitation(tx, 'layanan', String(app.id), userId);
    await recordAudit(tx, audit, { action: 'layanan.application.claim', subjectType: 'layanan_application', subjectId: app.tracking_number, unitId: app.current_unit_id, after: { trackingNumber: app.tracking_number } });
    return true;
  });
  return done ? { ok: true, tracking: app.tracking_number } : { ok: false, error: 'layanan.claim.taken' };
}
