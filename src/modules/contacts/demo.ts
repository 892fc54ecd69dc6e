// Demo data, only when GAPURA_DEMO is on (never in production): a few local numbers for the first
// kecamatan of the region pack and the city, each marked as an example ("Contoh") in its name and
// flagged `example`, so nobody mistakes them for real numbers. The numbers are made unreachable on
// purpose: landlines whose subscriber part starts with 0 and mobiles in the unassigned 0810 range.
import { systemActor } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { normalisePhone } from './phone.ts';
import type { ContactValues } from './repo.ts';
import type { Category } from './schema.ts';
import { activeUnit, kecamatanOptions, loadSeeded, regionUnit } from './service.ts';

const DAY_MS = 24 * 3600 * 1000;

export async function contactsDemo(ctx: AppContext): Promise<string[]> {
  if (ctx.config.production || !ctx.config.demo) return [];
  const region = await regionUnit(ctx.db);
  if (!region) return [];
  const kecamatan = (await kecamatanOptions(ctx.db)).sort((a, b) => a.code.localeCompare(b.code)).slice(0, 3);
  // an OPD of the pack when it has one (chosen by code suffix), else the city itself
  const opd = async (suffix: string) => (await activeUnit(ctx.db, `${region.code}.opd.${suffix}`)) ?? region;
  const dinkes = await opd('dinkes');
  const bpbd = await opd('bpbd');
  const entry = (category: Category, name: string, phone: string, owner: number, kec: number | null, whatsapp?: string): ContactValues => ({
    category, name, phone: normalisePhone(phone)!, whatsapp: whatsapp ? normalisePhone(whatsapp) : null,
    note: 'Contoh data demo, bukan nomor sungguhan.', source: '', kecamatanId: kec, ownerUnitId: owner,
  });
  const rows: { key: string; values: ContactValues; staleDays?: number }[] = [
    { key: 'demo.city.fire', values: entry('fire', 'Contoh: Pemadam Kebakaran Kota', '0711 000 113', region.id, null, '0810 0000 0113') },
    { key: 'demo.city.disaster', values: entry('disaster', 'Contoh: Pusdalops BPBD', '0711 000 129', bpbd.id, null) },
    { key: 'demo.city.ambulance', values: entry('ambulance', 'Contoh: Ambulans Dinas Kesehatan', '0711 000 119', dinkes.id, null, '0810 0000 0119') },
  ];
  kecamatan.forEach((k, i) => {
    const n = String(i + 1).padStart(2, '0');
    rows.push(
      { key: `demo.${k.code}.ambulance`, values: entry('ambulance', `Contoh: Ambulans Puskesmas ${k.name}`, `0711 000 2${n}`, dinkes.id, k.id) },
      { key: `demo.${k.code}.hearse`, values: entry('hearse', `Contoh: Mobil Jenazah Kecamatan ${k.name}`, `0711 000 3${n}`, k.id, k.id, `0810 0000 03${n}`), staleDays: i === 0 ? 200 : undefined },
      { key: `demo.${k.code}.police`, values: entry('police', `Contoh: Polsek ${k.name}`, `0711 000 4${n}`, region.id, k.id) },
    );
  });
  let added = 0;
  await ctx.db.transaction().execute(async (tx) => {
    for (const r of rows) {
      const reviewedAt = r.staleDays ? new Date(Date.now() - r.staleDays * DAY_MS) : undefined;
      if (await loadSeeded(tx, systemActor('demo'), r.key, r.values, { example: true, reviewedAt })) added++;
    }
  });
  return added ? [`Demo emergency contacts: ${added} example entries at /kontak-darurat (marked "Contoh").`] : [];
}
