// SQL of the citizen's side of applications that applications-repo.ts does not hold: the units a
// citizen picks from (kecamatan, then its kelurahan/desa) and the owner's own file links.
import type { Executor } from '../../platform/db/index.ts';

export interface UnitChoice { id: number; name: string; kind: string; parentId: number | null; path: string }

const units = (db: Executor) => db.selectFrom('units').select(['id', 'name', 'kind', 'parent_id as parentId', 'path']).where('active', '=', true);

export function kecamatanList(db: Executor): Promise<UnitChoice[]> {
  return units(db).where('kind', '=', 'kecamatan').orderBy('name').execute();
}

export function kelurahanOf(db: Executor, kecamatanId: number): Promise<UnitChoice[]> {
  return units(db).where('kind', 'in', ['kelurahan', 'desa']).where('parent_id', '=', kecamatanId).orderBy('name').execute();
}

export function unitById(db: Executor, id: number): Promise<UnitChoice | undefined> {
  return units(db).where('id', '=', id).executeTakeFirst();
}

/** Who may see a layanan file: the draft's or the application's owner (and, for officers, its unit). */
export function fileOwner(db: Executor, fileId: string) {
  return db.selectFrom('layanan_files as lf')
    .leftJoin('layanan_drafts as d', 'd.id', 'lf.draft_id')
    .leftJoin('layanan_applications as a', 'a.id', 'lf.application_id')
    .leftJoin('units as u', 'u.id', 'a.current_unit_id')
    .select(['lf.file_id', 'd.user_id as draft_user', 'a.user_id as app_user', 'u.path as unit_path'])
    .where('lf.file_id', '=', fileId).executeTakeFirst();
}

/** a draft's file for one field replaced: the old link goes (the file row stays until the draft is erased) */
export async function unlinkDraftField(db: Executor, draftId: number, field: string): Promise<string[]> {
  const rows = await db.deleteFrom('layanan_files').where('draft_id', '=', draftId).where('field', '=', field).returning('file_id').execute();
  return rows.map((r) => r.file_id);
}

/** the files of a citizen's drafts and applications (export, erase) */
export function filesOfUser(db: Executor, userId: number) {
  return db.selectFrom('layanan_files as lf')
    .leftJoin('layanan_drafts as d', 'd.id', 'lf.draft_id')
    .leftJoin('layanan_applications as a', 'a.id', 'lf.application_id')
    .select(['lf.file_id', 'lf.field', 'lf.draft_id', 'lf.application_id'])
    .where((eb) => eb.or([eb('d.user_id', '=', userId), eb('a.user_id', '=', userId)])).execute();
}
