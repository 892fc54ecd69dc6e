// Issuing, finding and revoking documents. Everything happens in the caller's transaction: the number
// comes from a counter row bumped with INSERT … ON CONFLICT DO UPDATE … RETURNING, whose row lock is
// held to commit — a second issuer of the same unit waits, a rolled-back issue gives its number back,
// so numbers are neither reused nor skipped.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../http/context.ts';
import type { Executor } from '../db/index.ts';
import { AppError } from '../http/errors.ts';
import { lockAuditChain, recordAudit, type AuditActor } from '../audit/audit.ts';
import { fileStore } from '../files/store.ts';
import type { IssueDocumentInput, IssuedDocument } from './index.ts';
import { checkNumberFormat, formatNumber, zonedDate } from './number.ts';
import { formatCode, newCode } from './code.ts';
import { renderDocument } from './render.ts';
import { documentSigner } from './signer.ts';
import type { DocumentRow } from './schema.ts';

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const KIND_WORD: Record<string, string> = { kecamatan: 'Kecamatan', kelurahan: 'Kelurahan', desa: 'Desa' };
const SLUG = /^[a-z][a-z0-9_-]{0,63}$/;

export async function issueDocument(ctx: AppContext, tx: Executor, input: IssueDocumentInput): Promise<IssuedDocument> {
  const series = input.series ?? 'default';
  const bad = checkNumberFormat(input.numberFormat);
  if (bad) throw new Error(`issueDocument: ${bad}`);
  if (!SLUG.test(input.module) || !SLUG.test(input.kind) || !SLUG.test(series)) throw new Error('issueDocument: module, kind and series are lower-case slugs');
  if (!input.title.trim() || !input.signer.name.trim() || !input.signer.position.trim()) throw new Error('issueDocument: title, signer name and position are required');

  // the region from the transaction, not ctx.region(): on PGlite the one connection is this transaction's
  const r = await tx.selectFrom('region').select(['name', 'time_zone']).executeTakeFirst();
  const region = { name: r?.name ?? 'Gapura', timeZone: r?.time_zone ?? 'Asia/Jakarta' };
  const signer = await documentSigner(ctx, region.name);
  const unit = await tx.selectFrom('units').select(['id', 'code', 'name', 'kind', 'path', 'contact']).where('id', '=', input.unitId).executeTakeFirst();
  if (!unit) throw new Error(`issueDocument: unit ${input.unitId} does not exist`);
  const chainIds = unit.path.split('/').filter(Boolean).map(Number);
  const chain = await tx.selectFrom('units').select(['id', 'name', 'kind']).where('id', 'in', chainIds).execute();
  chain.sort((a, b) => chainIds.indexOf(a.id) - chainIds.indexOf(b.id));

  const issuedAt = ctx.clock.now();
  const day = zonedDate(issuedAt, region.timeZone);
  // the audit chain's lock first, then the counter row: the same order in every issuing transaction
  await lockAuditChain(tx);
  const counter = await sql<{ last: number }>`
    insert into document_counters (unit_id, series, year, last) values (${unit.id}, ${series}, ${day.year}, 1)
    on conflict (unit_id, series, year) do update set last = document_counters.last + 1
    returning last`.execute(tx);
  const seq = counter.rows[0].last;
  const number = formatNumber(input.numberFormat, { seq, unitCode: unit.code, ...day });
  const code = newCode();
  const id = crypto.randomUUID();
  const verifyUrl = `${ctx.config.baseUrl}/cek/${code}`;

  const unsigned = await renderDocument({
    regionName: region.name,
    unitLines: chain.filter((u) => u.kind !== 'region').map((u) => (KIND_WORD[u.kind] ? `${KIND_WORD[u.kind]} ${u.name}` : u.name)),
    contactLine: [unit.contact.address, unit.contact.phone && `Telp. ${unit.contact.phone}`, unit.contact.email].filter(Boolean).join(' · '),
    title: input.title,
    number,
    body: input.body,
    place: input.place ?? region.name.replace(/^(Kota|Kabupaten)\s+/i, ''),
    dateText: `${day.day} ${MONTHS[day.month - 1]} ${day.year}`,
    signer: input.signer,
    verifyUrl,
    codeText: formatCode(code),
    development: signer.development,
  });
  const signed = await signer.sign(unsigned, { reason: `${input.title} ${number}`, at: issuedAt });
  const sha256 = crypto.createHash('sha256').update(signed).digest('hex');
  const storageKey = `documents/${input.module}/${id}.pdf`;
  // the object first, then the row (as platform/files does): a row never points at nothing
  await fileStore(ctx.config).put(storageKey, signed, 'application/pdf');
  const fileName = input.fileName ?? `${input.title} ${number}`.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 120) + '.pdf';
  await tx.insertInto('issued_documents').values({
    id, code, module: input.module, kind: input.kind, unit_id: unit.id, series, year: day.year, seq, number,
    title: input.title, sha256, size: signed.length, storage_key: storageKey, file_name: fileName,
    owner_id: input.ownerId ?? null, subject_ref: input.subjectRef ?? null, signer_name: input.signer.name,
    signer_position: input.signer.position, signed_with: signer.name, development: signer.development, issued_at: issuedAt,
  }).execute();
  await recordAudit(tx, input.actor, {
    action: 'documents.issue', subjectType: 'document', subjectId: id, unitId: unit.id,
    after: { module: input.module, kind: input.kind, number, sha256, signer: input.signer.name },
  });
  return { id, code, number, seq, year: day.year, sha256, size: signed.length, issuedAt, verifyUrl, development: signer.development };
}

/** Marks a document revoked (it stays on file; /cek shows it as revoked, with the date). Audited. */
export async function revokeDocument(ctx: AppContext, tx: Executor, id: string, reason: string, actor: AuditActor): Promise<DocumentRow> {
  const text = reason.trim();
  if (!text || text.length > 500) throw new AppError('validation_failed', '', { reason: 'field.required' });
  const row = await tx.selectFrom('issued_documents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('not_found', 'error.not_found');
  if (row.status === 'revoked') return row;
  const at = ctx.clock.now();
  const updated = await tx.updateTable('issued_documents').set({ status: 'revoked', revoked_at: at, revoke_reason: text })
    .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  await recordAudit(tx, actor, {
    action: 'documents.revoke', subjectType: 'document', subjectId: id, unitId: row.unit_id,
    before: { status: 'valid' }, after: { status: 'revoked', reason: text },
  });
  return updated;
}

export async function findDocument(exec: Executor, id: string): Promise<DocumentRow | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return exec.selectFrom('issued_documents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** by the verification code, already normalised (normalizeCode) */
export async function findDocumentByCode(exec: Executor, code: string): Promise<DocumentRow | undefined> {
  return exec.selectFrom('issued_documents').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The stored bytes, checked against the row's hash (never hands out other bytes than were issued). */
export async function documentBytes(ctx: AppContext, row: DocumentRow): Promise<Buffer> {
  const bytes = await fileStore(ctx.config).get(row.storage_key);
  if (!bytes) throw new Error(`document ${row.id}: stored PDF missing`);
  if (crypto.createHash('sha256').update(bytes).digest('hex') !== row.sha256) throw new Error(`document ${row.id}: stored PDF does not match its sha256`);
  return bytes;
}

/** A citizen's documents, for personal-data export (number, title, dates; the PDF stays with its module). */
export async function documentsOfOwner(exec: Executor, ownerId: number) {
  return exec.selectFrom('issued_documents')
    .select(['id', 'module', 'kind', 'number', 'title', 'issued_at', 'status', 'revoked_at'])
    .where('owner_id', '=', ownerId).orderBy('issued_at').execute();
}
