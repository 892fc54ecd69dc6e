// Demo vacancies, only when GAPURA_DEMO is on (never in production): three examples posted by the
// manpower office, closing in 5, 14 and 30 days, so the demo shows one leaving the list by itself.
import { systemActor } from '../../platform/audit/audit.ts';
import { addDays } from '../../platform/calendar/working-days.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { findUnit, loadSeeded, regionUnit, today } from './service.ts';
import { lowonganContent } from './content.ts';

export async function lowonganDemo(ctx: AppContext): Promise<string[]> {
  if (ctx.config.production || !ctx.config.demo) return [];
  const region = await regionUnit(ctx.db);
  if (!region) return [];
  const owner = (await findUnit(ctx.db, `${region.code}.opd.disnaker`)) ?? region;
  const day = await today(ctx);
  const how = 'Kirim surat lamaran, daftar riwayat hidup dan fotokopi ijazah ke alamat pemberi kerja, atau datang ke kantor Disnaker pada hari kerja.\n\nIni contoh data demo.';
  const rows = [
    { key: 'demo.1', days: 5, position: 'Contoh: Operator produksi', employer: 'Contoh: PT Pangan Musi', location: 'Kertapati', summary: 'Operator mesin pengemasan untuk pabrik makanan olahan. Kerja bergilir.', requirements: 'Pendidikan minimal SMA/SMK.\n\nSehat jasmani, bersedia kerja bergilir.' },
    { key: 'demo.2', days: 14, position: 'Contoh: Kasir toko', employer: 'Contoh: Toko Swalayan Ampera', location: 'Ilir Timur I', summary: 'Melayani pembayaran pelanggan dan menjaga kerapian area kasir.', requirements: 'Pendidikan minimal SMA/SMK. Teliti dan ramah.' },
    { key: 'demo.3', days: 30, position: 'Contoh: Teknisi listrik', employer: 'Contoh: CV Sriwijaya Teknik', location: 'Sukarami', summary: 'Pemasangan dan perawatan instalasi listrik gedung.', requirements: 'Lulusan SMK jurusan listrik. Memiliki sertifikat kompetensi menjadi nilai tambah.' },
  ];
  let added = 0;
  await ctx.db.transaction().execute(async (tx) => {
    for (const r of rows) {
      const ok = await loadSeeded(ctx, tx, systemActor('demo'), r.key, {
        idem: r.key, slug: `contoh-${r.key.replace('.', '-')}`, position: r.position, employer: r.employer, location: r.location, closingDate: addDays(day, r.days),
        openings: 2, summary: r.summary, requirements: r.requirements, howToApply: how, owner: owner.code,
      });
      if (ok) added++;
    }
  });
  await lowonganContent.refresh(ctx);
  return added ? [`Demo lowongan: ${added} example vacancies at /lowongan (closing in 5, 14 and 30 days).`] : [];
}
