// Unit contacts in bulk: a CSV template (the current contacts of the units the officer may edit)
// and its import. The import checks every row first and reports every problem with its line; only a
// file without any problem is written, in one transaction, one audit entry per changed unit. So a
// bad file changes nothing. No HTTP here.
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import type { DB } from '../../platform/db/index.ts';
import { canonicalJson, recordAudit, type AuditActor } from '../../platform/audit/audit.ts';
import { compactContact } from '../../platform/region/branding.ts';
import { CONTACT_KEYS, ContactFields } from './schema.ts';
import { findUnit, listUnits, type UnitRow } from './service.ts';

/** `name` is there for people reading the file; the import ignores it. */
export const CSV_COLUMNS = ['code', 'name', ...CONTACT_KEYS] as const;
const MAX_ROWS = 5000;

export interface RowError {
  /** line in the file (1 = the header) */
  line: number;
  column?: string;
  /** i18n key */
  message: string;
  params?: Record<string, string | number>;
}

export type ImportResult = { ok: true; changed: number; unchanged: number } | { ok: false; errors: RowError[] };

/** RFC 4180: quote a field that has a quote, comma, line break or leading/trailing space. */
const field = (v: string) => (/[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The template: a BOM (so spreadsheet programs read UTF-8), the header, one row per editable unit. */
export async function contactTemplate(db: DB, mayEdit: (u: UnitRow) => boolean): Promise<string> {
  const units = (await listUnits(db, { includeInactive: true })).filter(mayEdit);
  const lines = [CSV_COLUMNS.join(',')];
  for (const u of units) lines.push([u.code, u.name, ...CONTACT_KEYS.map((k) => u.contact[k] ?? '')].map(field).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Spreadsheets set to Indonesian save CSV with semicolons (the comma is the decimal mark). */
function delimiterOf(text: string): ',' | ';' {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  return header.includes(';') && !header.includes(',') ? ';' : ',';
}

export async function importContacts(db: DB, actor: AuditActor, mayEdit: (u: UnitRow) => boolean, text: string): Promise<ImportResult> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { delimiter: delimiterOf(text), skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as unknown as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    return { ok: false, errors: [{ line, message: 'units.import.error.unreadable' }] };
  }
  const header = records[0]?.record;
  const rows = records.slice(1);
  if (!header) return { ok: false, errors: [{ line: 1, message: 'units.import.error.empty' }] };
  const columns = header.map((h) => h.toLowerCase());
  const errors: RowError[] = [];
  columns.forEach((col) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(col)) errors.push({ line: 1, column: col, message: 'units.import.error.unknown_column', params: { columns: CSV_COLUMNS.join(', ') } });
  });
  if (new Set(columns).size !== columns.length) errors.push({ line: 1, message: 'units.import.error.duplicate_column' });
  if (!columns.includes('code')) errors.push({ line: 1, message: 'units.import.error.no_code' });
  if (!rows.length) errors.push({ line: 2, message: 'units.import.error.no_rows' });
  if (rows.length > MAX_ROWS) errors.push({ line: MAX_ROWS + 2, message: 'units.import.error.too_many', params: { max: MAX_ROWS } });
  if (errors.length) return { ok: false, errors };

  const contactColumns = CONTACT_KEYS.filter((k) => columns.includes(k));
  const units = new Map((await listUnits(db, { includeInactive: true })).map((u) => [u.code, u]));
  const seen = new Map<string, number>();
  const changes: { code: string; values: Record<string, string> }[] = [];
  rows.forEach(({ record: row, info }) => {
    const line = info.lines; // the file's own line (empty lines skipped still count)
    if (row.length !== columns.length) {
      errors.push({ line, message: 'units.import.error.column_count', params: { got: row.length, want: columns.length } });
      return;
    }
    const cell = (col: string) => row[columns.indexOf(col)] ?? '';
    const code = cell('code').toLowerCase();
    const unit = units.get(code);
    if (!code) return void errors.push({ line, column: 'code', message: 'units.import.error.no_unit_code' });
    if (!unit) return void errors.push({ line, column: 'code', message: 'units.import.error.unknown_unit', params: { code } });
    if (!mayEdit(unit)) return void errors.push({ line, column: 'code', message: 'units.import.error.not_allowed', params: { code } });
    if (seen.has(code)) return void errors.push({ line, column: 'code', message: 'units.import.error.repeated', params: { code, first: seen.get(code)! } });
    seen.set(code, line);
    const values: Record<string, string> = {};
    for (const k of contactColumns) {
      const r = ContactFields[k].safeParse(cell(k));
      if (r.success) values[k] = r.data;
      else errors.push({ line, column: k, message: r.error.issues[0].message });
    }
    changes.push({ code, values });
  });
  if (errors.length) return { ok: false, errors };

  return db.transaction().execute(async (tx) => {
    let changed = 0;
    for (const ch of changes) {
      const before = (await findUnit(tx, ch.code))!;
      // the columns in the file replace those fields (an empty cell clears one); others stay
      const contact = compactContact({ ...before.contact, ...ch.values });
      if (canonicalJson(contact) === canonicalJson(before.contact)) continue;
      await tx.updateTable('units').set({ contact: JSON.stringify(contact), updated_at: sql`now()` }).where('id', '=', before.id).execute();
      await recordAudit(tx, actor, {
        action: 'units.contact_imported', subjectType: 'unit', subjectId: before.code, unitId: before.id,
        before: { code: before.code, contact: before.contact }, after: { code: before.code, contact },
      });
      changed++;
    }
    return { ok: true as const, changed, unchanged: changes.length - changed };
  });
}
