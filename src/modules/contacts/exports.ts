// The open-data dataset of this module: every active, real (non-example) emergency number, listed
// in the manifest's `exports`.
import type { AppContext } from '../../platform/http/context.ts';
import { listAllActive } from './repo.ts';
import { isStale } from './service.ts';

export interface DatasetField { name: string; type: 'string' | 'integer' | 'boolean' | 'datetime'; description: string }

export const contactsExport = {
  id: 'contacts.emergency_contacts',
  /** i18n keys */
  title: 'contacts.export.title',
  description: 'contacts.export.description',
  fields: [
    { name: 'id', type: 'integer', description: 'Stable id of the entry' },
    { name: 'category', type: 'string', description: 'emergency | police | fire | ambulance | hearse | disaster | health | other' },
    { name: 'name', type: 'string', description: 'Name of the service' },
    { name: 'phone', type: 'string', description: "Number to call: '+62…' or a national short number such as 112" },
    { name: 'whatsapp', type: 'string', description: "WhatsApp number '+628…', empty when none" },
    { name: 'kecamatan_code', type: 'string', description: 'Kemendagri code of the kecamatan it serves; empty for city-wide' },
    { name: 'kecamatan_name', type: 'string', description: 'Name of that kecamatan' },
    { name: 'owner_code', type: 'string', description: 'Code of the unit that keeps the entry current' },
    { name: 'owner_name', type: 'string', description: 'Name of that unit' },
    { name: 'note', type: 'string', description: 'Hours or other notes' },
    { name: 'source', type: 'string', description: 'Where the number comes from' },
    { name: 'reviewed_at', type: 'datetime', description: 'Last edited or confirmed as correct (ISO 8601)' },
    { name: 'stale', type: 'boolean', description: 'Not reviewed within the review period' },
  ] satisfies DatasetField[],
  async rows(ctx: Pick<AppContext, 'db'>, opts: { reviewDays: number }): Promise<Record<string, string | number | boolean>[]> {
    const rows = (await listAllActive(ctx.db)).filter((r) => !r.example);
    return rows.map((r) => ({
      id: r.id, category: r.category, name: r.name, phone: r.phone, whatsapp: r.whatsapp ?? '',
      kecamatan_code: r.kecamatan?.code ?? '', kecamatan_name: r.kecamatan?.name ?? '',
      owner_code: r.owner.code, owner_name: r.owner.name, note: r.note, source: r.source,
      reviewed_at: r.reviewedAt.toISOString(), stale: isStale(r.reviewedAt, opts.reviewDays),
    }));
  },
};
