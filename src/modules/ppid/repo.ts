// All SQL of the ppid module: its own tables, joined with the platform's unit tree for names and
// scope. Nothing here decides who may do what; service.ts does.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/index.ts';
import type { Database, TimestampDefault } from '../../platform/db/schema.ts';
import type { Channel, DipCategory, DipForm, Outcome, RequestState } from './schema.ts';

declare module '../../platform/db/schema.ts' {
  interface Database {
    ppid_dip: {
      id: Generated<number>; category: DipCategory; title: string; summary: string; holding_unit_id: number; official: string;
      made_when: string; made_where: string; form: DipForm; retention: string; active: Generated<boolean>;
      created_at: TimestampDefault; updated_at: TimestampDefault; source_request_id: number | null; file_id: string | null;
    };
    ppid_requests: {
      id: Generated<number>; number: string; year: number; seq: number; idempotency_key: string; follow_hash: string; channel: Channel;
      requester_kind: 'individual' | 'organisation'; requester_user_id: number | null; name: string; nik_encrypted: string | null;
      phone_encrypted: string | null; email: string | null; address: string; deed_file_id: string | null; identity_public: boolean;
      details: string; purpose: string; obtain: string; receive: string; state: Generated<RequestState>; received_at: Date; registered_at: Date;
      unit_id: number | null; dispositioned_at: Date | null; extended_at: Date | null; extension_reason: string | null;
      answered_at: Date | null; outcome: Outcome | null; answer_text: string | null; holder_body: string | null; blacked_out: string | null;
      format: string | null; delivery: string | null; cost: string | null; document_id: string | null;
      objected_at: Date | null; objection_grounds: string | null; objection_reason: string | null; objection_answered_at: Date | null;
      objection_decision: 'upheld' | 'rejected' | null; objection_answer: string | null; created_at: TimestampDefault;
      dispute_at: Date | null; dispute_number: string | null; closed_at: Date | null; withdrawn_at: Date | null;
      withdrawn_by: 'requester' | 'staff' | null; withdraw_reason: string | null;
    };
    ppid_exemptions: {
      id: Generated<number>; request_id: number; ground: string; information: string; consequence: string; period: string; official: string;
      decided_at: Date; unit_id: number | null;
    };
    ppid_redactions: { id: Generated<number>; request_id: number | null; kind: 'literal' | 'pattern'; value: string; created_at: TimestampDefault };
  }
}

export interface UnitRef { id: number; code: string; name: string; path: string }

export interface DipRow {
  id: number; category: DipCategory; title: string; summary: string; official: string; madeWhen: string; madeWhere: string;
  form: DipForm; retention: string; unit: UnitRef; updatedAt: Date; createdAt: Date;
  /** the request whose fulfilled answer it was made from ("answer once, publish for all") */
  sourceRequestId: number | null;
  /** the released (redacted) document, downloadable at /ppid/dip/{id}/berkas */
  fileId: string | null;
}

export interface DipValues {
  category: DipCategory; title: string; summary: string; holdingUnitId: number; official: string; madeWhen: string; madeWhere: string; form: DipForm; retention: string;
  sourceRequestId?: number | null; fileId?: string | null;
}

const dipColumns = [
  'd.id', 'd.category', 'd.title', 'd.summary', 'd.official', 'd.made_when', 'd.made_where', 'd.form', 'd.retention', 'd.updated_at', 'd.created_at',
  'd.source_request_id', 'd.file_id',
  'u.id as unit_id', 'u.code as unit_code', 'u.name as unit_name', 'u.path as unit_path',
] as const;

type Raw = {
  id: number; category: DipCategory; title: string; summary: string; official: string; made_when: string; made_where: string; form: DipForm;
  retention: string; updated_at: Date; created_at: Date; source_request_id: number | null; file_id: string | null; unit_id: number; unit_code: string; unit_name: string; unit_path: string;
};
const toRow = (r: Raw): DipRow => ({
  id: r.id, category: r.category, title: r.title, summary: r.summary, official: r.official, madeWhen: r.made_when, madeWhere: r.made_where,
  form: r.form, retention: r.retention, updatedAt: new Date(r.updated_at), createdAt: new Date(r.created_at),
  sourceRequestId: r.source_request_id, fileId: r.file_id, unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name, path: r.unit_path },
});

/** Active entries, optionally only those held within the given unit paths (null: everywhere). */
export async function listDip(db: Executor, scope: string[] | null = null): Promise<DipRow[]> {
  if (scope && !scope.length) return [];
  let q = db.selectFrom('ppid_dip as d').innerJoin('units as u', 'u.id', 'd.holding_unit_id').select(dipColumns).where('d.active', '=', true);
  if (scope) q = q.where((eb) => eb.or(scope.map((p) => eb('u.path', 'like', `${p}%`))));
  return (await q.orderBy('d.category').orderBy('d.title').execute()).map(toRow);
}

export async function findDip(db: Executor, id: number): Promise<DipRow | undefined> {
  const r = await db.selectFrom('ppid_dip as d').innerJoin('units as u', 'u.id', 'd.holding_unit_id').select(dipColumns).where('d.id', '=', id).executeTakeFirst();
  return r ? toRow(r) : undefined;
}

export async function insertDip(db: Executor, v: DipValues): Promise<number> {
  const r = await db
    .insertInto('ppid_dip')
    .values({
      category: v.category, title: v.title, summary: v.summary, holding_unit_id: v.holdingUnitId, official: v.official,
      made_when: v.madeWhen, made_where: v.madeWhere, form: v.form, retention: v.retention,
      source_request_id: v.sourceRequestId ?? null, file_id: v.fileId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findActiveUnit(db: Executor, code: string): Promise<UnitRef | undefined> {
  return db.selectFrom('units').select(['id', 'code', 'name', 'path']).where('code', '=', code).where('active', '=', true).executeTakeFirst();
}

export async function unitsWithin(db: Executor, scope: string[] | null): Promise<UnitRef[]> {
  if (scope && !scope.length) return [];
  let q = db.selectFrom('units').select(['id', 'code', 'name', 'path']).where('active', '=', true);
  if (scope) q = q.where((eb) => eb.or(scope.map((p) => eb('path', 'like', `${p}%`))));
  return q.orderBy('path').execute();
}

/** DIP entries whose title or summary holds every word of q (site search). */
export async function searchDip(db: Executor, words: string[]): Promise<DipRow[]> {
  if (!words.length) return [];
  let q = db.selectFrom('ppid_dip as d').innerJoin('units as u', 'u.id', 'd.holding_unit_id').select(dipColumns).where('d.active', '=', true);
  for (const w of words) {
    const like = `%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('d.title', 'ilike', like), eb('d.summary', 'ilike', like)]));
  }
  return (await q.orderBy('d.title').limit(50).execute()).map(toRow);
}

/** Active DIP entries added before `to`, optionally only those held within a unit's subtree. */
export async function countDip(db: Executor, opts: { unitId?: number; to: Date }): Promise<number> {
  let q = db.selectFrom('ppid_dip as d').innerJoin('units as u', 'u.id', 'd.holding_unit_id').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('d.active', '=', true).where('d.created_at', '<', opts.to);
  if (opts.unitId !== undefined) {
    const unit = await db.selectFrom('units').select('path').where('id', '=', opts.unitId).executeTakeFirst();
    if (!unit) return 0;
    q = q.where('u.path', 'like', `${unit.path}%`);
  }
  return Number((await q.executeTakeFirstOrThrow()).n);
}

// ——— information requests ———

export type RequestRecord = Selectable<Database['ppid_requests']> & { unit_code: string | null; unit_name: string | null; unit_path: string | null };
export type RequestPatch = Updateable<Database['ppid_requests']>;
export type ExemptionRecord = Selectable<Database['ppid_exemptions']> & { number: string; unit_name: string | null };

const requestBase = (db: Executor) =>
  db.selectFrom('ppid_requests as r').leftJoin('units as u', 'u.id', 'r.unit_id').selectAll('r').select(['u.code as unit_code', 'u.name as unit_name', 'u.path as unit_path']);

export async function rootUnit(db: Executor): Promise<UnitRef | undefined> {
  return db.selectFrom('units').select(['id', 'code', 'name', 'path']).where('parent_id', 'is', null).where('active', '=', true).orderBy('id').executeTakeFirst();
}

export async function nextSeq(db: Executor, year: number): Promise<number> {
  const r = await db.selectFrom('ppid_requests').select((eb) => eb.fn.max('seq').as('m')).where('year', '=', year).executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export async function insertRequest(db: Executor, v: Insertable<Database['ppid_requests']>): Promise<number> {
  return (await db.insertInto('ppid_requests').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export const findRequest = (db: Executor, id: number) => requestBase(db).where('r.id', '=', id).executeTakeFirst();
export const findRequestByIdem = (db: Executor, key: string) => requestBase(db).where('r.idempotency_key', '=', key).executeTakeFirst();
export const findRequestByFollow = (db: Executor, hash: string) => requestBase(db).where('r.follow_hash', '=', hash).executeTakeFirst();

/** Requests in the given unit subtrees (null: all), newest first; the caller orders by deadline. */
export async function listRequests(db: Executor, scope: string[] | null): Promise<RequestRecord[]> {
  if (scope && !scope.length) return [];
  let q = requestBase(db);
  if (scope) q = q.where((eb) => eb.or(scope.map((p) => eb('u.path', 'like', `${p}%`))));
  return q.orderBy('r.id', 'desc').limit(500).execute();
}

export const publicRequests = (db: Executor) => requestBase(db).where('r.state', '!=', 'withdrawn').orderBy('r.id', 'desc').limit(200).execute();

export async function updateRequest(db: Executor, id: number, patch: RequestPatch): Promise<void> {
  await db.updateTable('ppid_requests').set(patch).where('id', '=', id).execute();
}

export async function insertExemption(db: Executor, v: Insertable<Database['ppid_exemptions']>): Promise<number> {
  return (await db.insertInto('ppid_exemptions').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

/** The Daftar Informasi yang Dikecualikan: every exemption decided, newest first. */
export async function listExemptions(db: Executor, requestId?: number): Promise<ExemptionRecord[]> {
  let q = db.selectFrom('ppid_exemptions as e').innerJoin('ppid_requests as r', 'r.id', 'e.request_id').leftJoin('units as u', 'u.id', 'e.unit_id')
    .selectAll('e').select(['r.number', 'u.name as unit_name']);
  if (requestId !== undefined) q = q.where('e.request_id', '=', requestId);
  return q.orderBy('e.id', 'desc').limit(500).execute();
}

export async function redactionRules(db: Executor, requestId: number | null): Promise<{ kind: 'literal' | 'pattern'; value: string; request_id: number | null }[]> {
  return db.selectFrom('ppid_redactions').select(['kind', 'value', 'request_id'])
    .where((eb) => (requestId === null ? eb('request_id', 'is', null) : eb.or([eb('request_id', 'is', null), eb('request_id', '=', requestId)])))
    .orderBy('id').execute();
}

export async function allRedactionRules(db: Executor) {
  return db.selectFrom('ppid_redactions').select(['kind', 'value', 'request_id']).orderBy('id').execute();
}

export async function insertRedaction(db: Executor, v: { request_id: number | null; kind: 'literal' | 'pattern'; value: string }): Promise<number> {
  return (await db.insertInto('ppid_redactions').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export const requestsOfUser = (db: Executor, userId: number) => requestBase(db).where('r.requester_user_id', '=', userId).orderBy('r.id').execute();

// ——— the register, page by page (a true count) ———
export async function countPublicRequests(db: Executor): Promise<number> {
  const r = await db.selectFrom('ppid_requests').select((eb) => eb.fn.countAll<string>().as('n')).where('state', '!=', 'withdrawn').executeTakeFirstOrThrow();
  return Number(r.n);
}
export const publicRequestsPage = (db: Executor, limit: number, offset: number) =>
  requestBase(db).where('r.state', '!=', 'withdrawn').orderBy('r.id', 'desc').limit(limit).offset(offset).execute();

// ——— the overdue list (see requests.ts overdueList) ———
const OPEN_STATES = ['submitted', 'in_progress', 'extended'] as const;
export type StartColumn = 'received_at' | 'registered_at';

/** Open requests whose clock started before `before`, extended or not, oldest start first. */
export function openStartedBefore(db: Executor, col: StartColumn, before: Date, extended: boolean, scope: string[] | null) {
  let q = requestBase(db).where('r.state', 'in', OPEN_STATES).where(`r.${col}`, '<', before)
    .where('r.extended_at', extended ? 'is not' : 'is', null);
  if (scope) q = q.where((eb) => eb.or(scope.map((p) => eb('u.path', 'like', `${p}%`))));
  return q.orderBy(`r.${col}`).orderBy('r.id');
}

export async function countOpenStartedBefore(db: Executor, col: StartColumn, before10: Date, before17: Date, scope: string[] | null): Promise<number> {
  let q = db.selectFrom('ppid_requests as r').leftJoin('units as u', 'u.id', 'r.unit_id').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('r.state', 'in', OPEN_STATES)
    .where((eb) => eb.or([
      eb.and([eb('r.extended_at', 'is', null), eb(`r.${col}`, '<', before10)]),
      eb.and([eb('r.extended_at', 'is not', null), eb(`r.${col}`, '<', before17)]),
    ]));
  if (scope) q = q.where((eb) => eb.or(scope.map((p) => eb('u.path', 'like', `${p}%`))));
  return Number((await q.executeTakeFirstOrThrow()).n);
}

// ——— the annual report ———
/** Every request registered in `year` (its number's year), oldest first. */
export const requestsOfYear = (db: Executor, year: number) => requestBase(db).where('r.year', '=', year).orderBy('r.id').execute();

export async function exemptionsOfYear(db: Executor, year: number): Promise<{ request_id: number; ground: string }[]> {
  return db.selectFrom('ppid_exemptions as e').innerJoin('ppid_requests as r', 'r.id', 'e.request_id').select(['e.request_id', 'e.ground'])
    .where('r.year', '=', year).orderBy('e.id').execute();
}

export async function requestYears(db: Executor): Promise<number[]> {
  return (await db.selectFrom('ppid_requests').select('year').distinct().orderBy('year', 'desc').execute()).map((r) => r.year);
}

// ——— answer once, publish for all ———
export async function dipOfRequest(db: Executor, requestId: number): Promise<DipRow | undefined> {
  const r = await db.selectFrom('ppid_dip as d').innerJoin('units as u', 'u.id', 'd.holding_unit_id').select(dipColumns).where('d.source_request_id', '=', requestId).executeTakeFirst();
  return r ? toRow(r) : undefined;
}

/** The newest active entries, for the Atom feed. */
export async function newestDip(db: Executor, limit: number): Promise<DipRow[]> {
  return (await db.selectFrom('ppid_dip as d').innerJoin('units as u', 'u.id', 'd.holding_unit_id').select(dipColumns).where('d.active', '=', true)
    .orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').limit(limit).execute()).map(toRow);
}
