// Numbers that are the same everywhere in Indonesia, loaded on every start (once per key) as
// city-wide entries owned by the city government, each with its source named. Nothing here is
// local or invented: local numbers are entered by the units that own them.
import { systemActor } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { Category } from './schema.ts';
import { loadSeeded, regionUnit } from './service.ts';

export const NATIONAL: { key: string; category: Category; name: string; phone: string; note: string; source: string }[] = [
  { key: 'national.112', category: 'emergency', phone: '112', name: 'Layanan Panggilan Darurat 112',
    note: 'Gratis, 24 jam, juga tanpa pulsa. Untuk semua keadaan darurat.', source: 'Kementerian Komunikasi dan Digital: Layanan Panggilan Darurat 112' },
  { key: 'national.110', category: 'police', phone: '110', name: 'Polisi (Call Center Polri 110)',
    note: 'Gratis, 24 jam.', source: 'Kepolisian Negara Republik Indonesia: Call Center 110' },
  { key: 'national.113', category: 'fire', phone: '113', name: 'Pemadam kebakaran 113',
    note: 'Gratis, 24 jam.', source: 'Nomor darurat nasional pemadam kebakaran' },
  { key: 'national.118', category: 'ambulance', phone: '118', name: 'Ambulans gawat darurat 118',
    note: 'Gratis, 24 jam.', source: 'Nomor darurat nasional ambulans' },
  { key: 'national.119', category: 'ambulance', phone: '119', name: 'Layanan gawat darurat kesehatan (PSC 119)',
    note: 'Gratis, 24 jam.', source: 'Kementerian Kesehatan: Sistem Penanggulangan Gawat Darurat Terpadu (SPGDT) 119' },
  { key: 'national.115', category: 'disaster', phone: '115', name: 'Basarnas: pencarian dan pertolongan 115',
    note: 'Kecelakaan, orang hilang, banjir. Gratis, 24 jam.', source: 'Badan Nasional Pencarian dan Pertolongan (Basarnas): 115' },
];

export async function seedNational(ctx: AppContext): Promise<void> {
  const region = await regionUnit(ctx.db);
  if (!region) return; // no region pack loaded yet (units seeds first)
  await ctx.db.transaction().execute(async (tx) => {
    for (const n of NATIONAL) {
      await loadSeeded(tx, systemActor('contacts-seed'), n.key, {
        category: n.category, name: n.name, phone: n.phone, whatsapp: null, note: n.note, source: n.source, kecamatanId: null, ownerUnitId: region.id,
      }, { example: false });
    }
  });
}
