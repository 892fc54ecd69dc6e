// Demo events, only when GAPURA_DEMO is on (never in production): a few upcoming events of the
// city, one of them all-day, at real-looking places. Titles start with "Contoh".
import { systemActor } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { addDays, localDate, startOfLocalDay } from '../../platform/calendar/working-days.ts';
import { findUnit, loadSeeded, regionUnit } from './service.ts';
import { agendaContent } from './content.ts';

export async function agendaDemo(ctx: AppContext): Promise<string[]> {
  if (ctx.config.production || !ctx.config.demo) return [];
  const region = await regionUnit(ctx.db);
  if (!region) return [];
  const tz = await ctx.calendar.timeZone();
  const dinkes = (await findUnit(ctx.db, `${region.code}.opd.dinkes`)) ?? region;
  const today = localDate(ctx.clock.now(), tz);
  const at = (days: number, h: number) => new Date(startOfLocalDay(addDays(today, days), tz).getTime() + h * 3600_000);
  const rows = [
    { key: 'demo.1', v: { title: 'Contoh: Musrenbang tingkat kota', description: 'Musyawarah perencanaan pembangunan, terbuka untuk warga.\n\nIni contoh data demo.', location: 'Balai Kota', startsAt: at(2, 9), endsAt: at(2, 12), allDay: false, organiserUnitId: region.id } },
    { key: 'demo.2', v: { title: 'Contoh: Pemeriksaan kesehatan gratis', description: 'Cek tekanan darah dan gula darah.\n\nIni contoh data demo.', location: 'Lapangan kantor kecamatan', startsAt: startOfLocalDay(addDays(today, 4), tz), endsAt: startOfLocalDay(addDays(today, 5), tz), allDay: true, organiserUnitId: dinkes.id } },
    { key: 'demo.3', v: { title: 'Contoh: Sosialisasi layanan daring', description: 'Ini contoh data demo.', location: 'Aula kantor wali kota, lantai 2', startsAt: at(6, 13), endsAt: at(6, 15), allDay: false, organiserUnitId: region.id } },
  ];
  let added = 0;
  await ctx.db.transaction().execute(async (tx) => {
    for (const r of rows) if (await loadSeeded(tx, systemActor('demo'), r.key, r.v)) added++;
  });
  await agendaContent.refresh(ctx);
  return added ? [`Demo agenda: ${added} example events at /agenda (titles start with "Contoh").`] : [];
}
