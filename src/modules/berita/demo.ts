// Demo items, only when GAPURA_DEMO is on (never in production): three news items and
// announcements of the city and its communication office, published over the past days.
import { systemActor } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { findUnit, loadSeeded, regionUnit } from './service.ts';
import { beritaContent } from './content.ts';

const DAY_MS = 24 * 3600 * 1000;

export async function beritaDemo(ctx: AppContext): Promise<string[]> {
  if (ctx.config.production || !ctx.config.demo) return [];
  const region = await regionUnit(ctx.db);
  if (!region) return [];
  const kominfo = (await findUnit(ctx.db, `${region.code}.opd.diskominfo`)) ?? region;
  const now = ctx.clock.now().getTime();
  const rows = [
    { key: 'demo.1', days: 1, v: { kind: 'pengumuman' as const, slug: 'contoh-pelayanan-adminduk-sabtu', title: 'Contoh: Pelayanan adminduk buka hari Sabtu di kantor kecamatan', summary: 'Selama Desember, kantor kecamatan melayani KTP-el dan KK setiap Sabtu pukul 08.00–12.00.', body: 'Untuk mengurangi antrean akhir tahun, kantor kecamatan membuka layanan administrasi kependudukan pada hari Sabtu.\n\nBawa dokumen berikut:\n- KTP-el lama atau surat keterangan\n- Kartu Keluarga\n\nIni contoh data demo.', ownerUnitId: region.id } },
    { key: 'demo.2', days: 3, v: { kind: 'berita' as const, slug: 'contoh-gotong-royong-bersih-sungai', title: 'Contoh: Warga dan pemerintah kota gotong royong membersihkan anak sungai', summary: 'Lebih dari 300 warga ikut membersihkan anak sungai menjelang musim hujan.', body: 'Kegiatan dimulai pukul 07.00 dan diikuti warga dari beberapa kelurahan. Sampah yang terkumpul diangkut ke tempat pembuangan akhir.\n\nIni contoh data demo.', ownerUnitId: kominfo.id } },
    { key: 'demo.3', days: 6, v: { kind: 'berita' as const, slug: 'contoh-pembukaan-taman-baca', title: 'Contoh: Taman baca baru dibuka untuk anak-anak', summary: 'Taman baca di kantor kelurahan kini buka setiap hari kerja sampai pukul 16.00.', body: 'Taman baca menyediakan buku cerita, buku pelajaran, dan ruang bermain.\n\nIni contoh data demo.', ownerUnitId: kominfo.id } },
  ];
  let added = 0;
  await ctx.db.transaction().execute(async (tx) => {
    for (const r of rows) if (await loadSeeded(tx, systemActor('demo'), r.key, r.v, new Date(now - r.days * DAY_MS))) added++;
  });
  await beritaContent.refresh(ctx);
  return added ? [`Demo berita: ${added} example items at /berita (titles start with "Contoh").`] : [];
}
