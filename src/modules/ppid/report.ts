// The annual report (laporan layanan informasi publik, Perki 1/2021 Pasal 36: due 31 March for the
// year before), generated from the register, never typed: requests by channel and requester, time
// taken per answered request in working days (median and distribution, within the legal time or
// not), outcomes (fulfilled in whole or in part, refused with their Pasal 17 grounds, not held),
// withdrawn, objections by Pasal 35 ground and their outcome, disputes recorded at the Komisi
// Informasi, closed. Plus the figures a Monev KIP self-assessment asks for, each with the page that
// is its evidence. One object; the page, the CSV and the PDF render it. No HTTP here.
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont } from 'pdf-lib';
import { localDate } from '../../platform/calendar/working-days.ts';
import { loadFonts } from '../../platform/documents/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { formatDate, type Locale, type Translate } from '../../platform/i18n/index.ts';
import { noticeDeadline, type ClockStart } from './clock.ts';
import * as repo from './repo.ts';
import { CHANNELS, DIP_CATEGORIES, EXEMPTION_GROUNDS, OBJECTION_GROUNDS, OUTCOMES } from './schema.ts';

export const REPORT_PATH = '/ppid/laporan';
/** Working-day bands of the time taken (upper bounds, inclusive); the last band is open. */
export const BANDS = [3, 7, 10, 17] as const;

export interface Figure { key: string; value: number; params?: Record<string, string | number> }
export interface MonevFigure { key: string; value: string | number; href: string }

export interface AnnualReport {
  year: number;
  generatedAt: Date;
  /** the report for this year is due by (31 March of the next year) */
  dueBy: string;
  total: number;
  byChannel: Figure[];
  byRequester: Figure[];
  answered: number;
  byOutcome: Figure[];
  open: number;
  withdrawn: number;
  closed: number;
  /** working days from the start of the clock to the written notice, per answered request */
  days: { median: number | null; max: number | null; bands: Figure[]; onTime: number; late: number };
  refusalGrounds: Figure[];
  objections: { total: number; byGround: Figure[]; upheld: number; rejected: number; pending: number };
  disputes: number;
  monev: MonevFigure[];
}

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const count = <T>(xs: T[], f: (x: T) => boolean) => xs.filter(f).length;

export async function annualReport(ctx: AppContext, year: number, rule: ClockStart): Promise<AnnualReport> {
  const [rows, grounds, dip, exemptionCount] = await Promise.all([
    repo.requestsOfYear(ctx.db, year), repo.exemptionsOfYear(ctx.db, year), repo.listDip(ctx.db), repo.listExemptions(ctx.db).then((x) => x.length),
  ]);
  const answered = rows.filter((r) => r.answered_at);
  const taken: number[] = [];
  let onTime = 0;
  for (const r of answered) {
    const start = rule === 'registration' ? r.registered_at : r.received_at;
    taken.push(await ctx.calendar.countWorkingDays(start, r.answered_at!));
    const due = await noticeDeadline(ctx.calendar, { receivedAt: r.received_at, registeredAt: r.registered_at, extendedAt: r.extended_at }, rule);
    if (r.answered_at!.getTime() <= due.due.getTime()) onTime++;
  }
  const bands: Figure[] = BANDS.map((hi, i) => {
    const lo = i === 0 ? 0 : BANDS[i - 1] + 1;
    return { key: 'ppid.report.band', value: count(taken, (d) => d >= lo && d <= hi), params: { lo, hi } };
  });
  bands.push({ key: 'ppid.report.band.over', value: count(taken, (d) => d > BANDS[BANDS.length - 1]), params: { lo: BANDS[BANDS.length - 1] + 1 } });
  const objected = rows.filter((r) => r.objected_at);
  const answeredObjections = objected.filter((r) => r.objection_answered_at);
  let objectionOnTime = 0;
  for (const r of answeredObjections) {
    if ((await ctx.calendar.countWorkingDays(r.objected_at!, r.objection_answered_at!)) <= 30) objectionOnTime++;
  }
  const dipBy = (cat: string) => count(dip, (d) => d.category === cat);
  const onTimeShare = answered.length ? Math.round((onTime / answered.length) * 100) : 0;
  const report = `${REPORT_PATH}/${year}`;
  return {
    year,
    generatedAt: ctx.clock.now(),
    dueBy: `${year + 1}-03-31`,
    total: rows.length,
    byChannel: CHANNELS.map((ch) => ({ key: `ppid.channel.${ch}`, value: count(rows, (r) => r.channel === ch) })),
    byRequester: (['individual', 'organisation'] as const).map((k) => ({ key: `ppid.req.kind.${k}`, value: count(rows, (r) => r.requester_kind === k) })),
    answered: answered.length,
    byOutcome: OUTCOMES.map((o) => ({ key: `ppid.outcome.${o}`, value: count(rows, (r) => r.outcome === o) })),
    open: count(rows, (r) => ['submitted', 'in_progress', 'extended'].includes(r.state)),
    withdrawn: count(rows, (r) => r.state === 'withdrawn'),
    closed: count(rows, (r) => r.state === 'closed'),
    days: { median: median(taken), max: taken.length ? Math.max(...taken) : null, bands, onTime, late: answered.length - onTime },
    refusalGrounds: EXEMPTION_GROUNDS.map((g) => ({ key: `ppid.ground.${g}`, value: count(grounds, (x) => x.ground === g) })).filter((f) => f.value > 0),
    objections: {
      total: objected.length,
      byGround: OBJECTION_GROUNDS.map((g) => ({ key: `ppid.obj.ground.${g}`, value: count(objected, (r) => r.objection_grounds === g) })).filter((f) => f.value > 0),
      upheld: count(objected, (r) => r.objection_decision === 'upheld'),
      rejected: count(objected, (r) => r.objection_decision === 'rejected'),
      pending: count(objected, (r) => !r.objection_answered_at),
    },
    disputes: count(rows, (r) => !!r.dispute_at),
    monev: [
      { key: 'ppid.monev.maklumat', value: 'ya', href: '/ppid#maklumat' },
      ...DIP_CATEGORIES.map((cat) => ({ key: `ppid.monev.dip.${cat}`, value: dipBy(cat), href: `/ppid#dip-${cat}` })),
      { key: 'ppid.monev.dip_open_data', value: dip.length, href: '/data/ppid-dip' },
      { key: 'ppid.monev.dip_api', value: dip.length, href: '/api/v1/ppid/dip' },
      { key: 'ppid.monev.dik', value: exemptionCount, href: '/ppid/register#dik' },
      { key: 'ppid.monev.register', value: rows.length - count(rows, (r) => r.state === 'withdrawn'), href: '/ppid/register' },
      { key: 'ppid.monev.on_time', value: `${onTimeShare}% (${onTime}/${answered.length})`, href: `${report}#waktu` },
      { key: 'ppid.monev.objections_on_time', value: `${objectionOnTime}/${answeredObjections.length}`, href: `${report}#keberatan` },
      { key: 'ppid.monev.report', value: year, href: `${report}.pdf` },
      { key: 'ppid.monev.online', value: count(rows, (r) => r.channel === 'online'), href: '/ppid/permohonan/baru' },
    ],
  };
}

/** The report as rows of (section, item, value): the CSV, and the PDF's lines. */
export function reportRows(t: Translate, r: AnnualReport): [string, string, string][] {
  const out: [string, string, string][] = [];
  const s = (section: string, item: string, value: string | number | null) => out.push([t(section), item, value === null ? '' : String(value)]);
  s('ppid.report.requests', t('ppid.report.total'), r.total);
  for (const f of r.byChannel) s('ppid.report.requests', t(f.key), f.value);
  for (const f of r.byRequester) s('ppid.report.requests', t(f.key), f.value);
  s('ppid.report.outcomes', t('ppid.report.answered'), r.answered);
  for (const f of r.byOutcome) s('ppid.report.outcomes', t(f.key), f.value);
  s('ppid.report.outcomes', t('ppid.report.open'), r.open);
  s('ppid.report.outcomes', t('ppid.state.withdrawn'), r.withdrawn);
  s('ppid.report.outcomes', t('ppid.state.closed'), r.closed);
  s('ppid.report.time', t('ppid.report.median'), r.days.median);
  s('ppid.report.time', t('ppid.report.max'), r.days.max);
  for (const f of r.days.bands) s('ppid.report.time', t(f.key, f.params), f.value);
  s('ppid.report.time', t('ppid.report.on_time'), r.days.onTime);
  s('ppid.report.time', t('ppid.report.late'), r.days.late);
  for (const f of r.refusalGrounds) s('ppid.report.refusals', t(f.key), f.value);
  s('ppid.report.objections', t('ppid.report.total'), r.objections.total);
  for (const f of r.objections.byGround) s('ppid.report.objections', t(f.key), f.value);
  s('ppid.report.objections', t('ppid.objans.upheld'), r.objections.upheld);
  s('ppid.report.objections', t('ppid.objans.rejected'), r.objections.rejected);
  s('ppid.report.objections', t('ppid.report.pending'), r.objections.pending);
  s('ppid.report.disputes', t('ppid.report.disputes.count'), r.disputes);
  for (const m of r.monev) s('ppid.report.monev', `${t(m.key)} (${m.href})`, m.value);
  return out;
}

const csvCell = (v: string) => {
  // a leading = + - @ would run as a formula in a spreadsheet
  const safe = /^[=+\-@\t\r]/.test(v) && !/^-?\d/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function reportCsv(t: Translate, r: AnnualReport): string {
  const lines = [[t('ppid.report.csv.section'), t('ppid.report.csv.item'), t('ppid.report.csv.value')], ...reportRows(t, r)];
  return `${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of text.split(/\s+/)) {
    const next = line ? `${line} ${w}` : w;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      out.push(line);
      line = w;
    } else line = next;
  }
  if (line) out.push(line);
  return out.length ? out : [''];
}

/**
 * The report as a plain PDF (not a signed document: it is regenerated from the register on every
 * request, so it carries no /cek code), in DejaVu Sans embedded as platform/documents does.
 */
export async function reportPdf(t: Translate, locale: Locale, r: AnnualReport, o: { regionName: string; timeZone: string; baseUrl: string }): Promise<Uint8Array> {
  const f = loadFonts();
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(t('ppid.report.title', { year: r.year }));
  doc.setProducer('Gapura');
  const regular = await doc.embedFont(f.regular, { subset: true });
  const bold = await doc.embedFont(f.bold, { subset: true });
  const W = 595.28;
  const H = 841.89;
  const M = 50;
  let page = doc.addPage([W, H]);
  let y = H - M;
  const line = (text: string, font: PDFFont, size: number, x = M, width = W - 2 * M) => {
    for (const l of wrap(text, font, size, width)) {
      if (y < M + size) {
        page = doc.addPage([W, H]);
        y = H - M;
      }
      page.drawText(l, { x, y: y - size, size, font, color: rgb(0, 0, 0) });
      y -= size * 1.35;
    }
  };
  line(`PEMERINTAH ${o.regionName.toUpperCase()}`, bold, 12);
  line(t('ppid.report.title', { year: r.year }), bold, 14);
  line(t('ppid.report.generated', { date: formatDate(locale, localDate(r.generatedAt, o.timeZone)), due: formatDate(locale, r.dueBy) }), regular, 9);
  y -= 6;
  let section = '';
  for (const [s, item, value] of reportRows(t, r)) {
    if (s !== section) {
      y -= 6;
      line(s, bold, 11);
      section = s;
    }
    const top = y;
    line(item, regular, 9.5, M, W - 2 * M - 110);
    const after = y;
    y = top;
    line(value, bold, 9.5, W - M - 100, 100);
    y = Math.min(after, y);
  }
  y -= 8;
  line(t('ppid.report.pdf.source', { url: `${o.baseUrl.replace(/\/+$/, '')}${REPORT_PATH}/${r.year}` }), regular, 8);
  return doc.save();
}
