// UU 27/2022 PDP: what the module keeps about a citizen, exported on /akun/data and erased on
// /akun/hapus. Complaints themselves are public records of the city's work: on erase they stay, with
// the reporter's link and contact removed (and they become anonim, so no name is shown either).
import type { Executor } from '../../platform/db/index.ts';

export async function exportPersonalData(tx: Executor, userId: number): Promise<Record<string, unknown>> {
  const complaints = await tx.selectFrom('pengaduan_complaints')
    .select(['public_id', 'category_code', 'description', 'address', 'state', 'anonim', 'rahasia', 'reporter_name', 'contact_email', 'contact_phone', 'created_at'])
    .where('reporter_user_id', '=', userId).orderBy('created_at').execute();
  const following = await tx.selectFrom('pengaduan_followers as f').innerJoin('pengaduan_complaints as c', 'c.id', 'f.complaint_id')
    .select(['c.public_id', 'f.created_at']).where('f.user_id', '=', userId).execute();
  return {
    complaints: complaints.map((c) => ({ ...c, created_at: c.created_at.toISOString() })),
    following: following.map((f) => ({ publicId: f.public_id, since: f.created_at.toISOString() })),
  };
}

export async function erasePersonalData(tx: Executor, userId: number): Promise<void> {
  await tx.updateTable('pengaduan_complaints')
    .set({ reporter_user_id: null, reporter_name: null, contact_email: null, contact_phone: null, anonim: true })
    .where('reporter_user_id', '=', userId).execute();
  await tx.deleteFrom('pengaduan_followers').where('user_id', '=', userId).execute();
}
