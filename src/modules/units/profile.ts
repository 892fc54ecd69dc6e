// A unit's public profile (tasks and functions, head, opening hours): read for /instansi/{code},
// edited by the unit's admin (units.edit_contact) at /petugas/unit/{code}/profil, audited in the
// same transaction. The services a unit provides come from the layanan module's catalog, when that
// module is installed (its exported serviceTopics; never its tables).
import { z } from 'zod';
import type { DB, Executor } from '../../platform/db/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.ts';
import { serviceTopics } from '../layanan/module.ts';
import type { UnitRow } from './service.ts';

declare module '../../platform/db/schema.ts' {
  interface Database {
    unit_profiles: { unit_id: number; tasks: string; head_name: string; head_title: string; opening_hours: string; updated_at: Date };
  }
}

export interface Profile { tasks: string; headName: string; headTitle: string; openingHours: string; updatedAt: Date | null }
export const EMPTY_PROFILE: Profile = { tasks: '', headName: '', headTitle: '', openingHours: '', updatedAt: null };

export const ProfileForm = z.object({
  tasks: z.string().trim().max(5000, 'field.too_long').default(''),
  headName: z.string().trim().max(120, 'field.too_long').default(''),
  headTitle: z.string().trim().max(120, 'field.too_long').default(''),
  openingHours: z.string().trim().max(500, 'field.too_long').default(''),
});
export type ProfileInput = z.infer<typeof ProfileForm>;

export async function profileOf(db: Executor, unitId: number): Promise<Profile> {
  const r = await db.selectFrom('unit_profiles').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
  return r ? { tasks: r.tasks, headName: r.head_name, headTitle: r.head_title, openingHours: r.opening_hours, updatedAt: r.updated_at } : EMPTY_PROFILE;
}
export const hasProfile = (p: Profile) => !!(p.tasks || p.headName || p.openingHours);

export async function saveProfile(db: DB, actor: AuditActor, unit: UnitRow, input: ProfileInput): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const before = await profileOf(tx, unit.id);
    const row = { tasks: input.tasks, head_name: input.headName, head_title: input.headTitle, opening_hours: input.openingHours, updated_at: new Date() };
    await tx.insertInto('unit_profiles').values({ unit_id: unit.id, ...row }).onConflict((oc) => oc.column('unit_id').doUpdateSet(row)).execute();
    const snap = (p: ProfileInput) => ({ tasks: p.tasks, headName: p.headName, headTitle: p.headTitle, openingHours: p.openingHours });
    await recordAudit(tx, actor, { action: 'units.profile_updated', subjectType: 'unit', subjectId: unit.code, unitId: unit.id, before: snap(before), after: snap(input) });
  });
}

export interface ProvidedService { slug: string; name: string; href: string }

/** The services this unit provides: the catalog's kelurahan/kecamatan services at every such unit,
 *  an OPD's own services at that OPD. Empty without the layanan module. */
export async function servicesOf(ctx: AppContext, unit: UnitRow): Promise<ProvidedService[]> {
  if (!ctx.modules.some((m) => m.id === 'layanan')) return [];
  const kind = unit.kind === 'desa' ? 'kelurahan' : unit.kind;
  return (await serviceTopics(ctx.db))
    .filter((s) => (s.unitKind === 'opd' ? s.ownerUnitId === unit.id : s.unitKind === kind))
    .map((s) => ({ slug: s.slug, name: s.name, href: `/layanan/${encodeURIComponent(s.slug)}` }));
}
