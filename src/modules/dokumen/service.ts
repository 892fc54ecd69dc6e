// The use cases of the dokumen section: what the public finds and downloads, and what an officer of
// the owning unit may upload, edit, publish and withdraw. Every change is audited, and the site
// search index follows it in the same transaction: only published documents are in it, so a draft
// or withdrawn document is never found. No HTTP and no HTML here.
import { can, scopePaths, type Actor } from '../../platform/access/can.ts';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { Executor } from '../../platform/db/index.ts';
import type { FieldErrors } from '../../platform/http/input.ts';
import { translator } from '../../platform/i18n/index.ts';
import { saveFiles, type Upload } from '../../platform/files/index.ts';
import { indexItem, removeItem, type SearchItem } from '../../platform/search/index.ts';
import * as repo from './repo.ts';
import type { DocRow, DocValues, UnitRef } from './repo.ts';
import { TYPES, type DocumentInput } from './schema.ts';
import { extractPdfText } from './pdftext.ts';
import { pdftotextPath } from './settings.ts';

export type { DocRow, UnitRef };
export const MODULE = 'dokumen';
export const PUBLIC_PATH = '/dokumen';
export const docHref = (id: number) => `${PUBLIC_PATH}/${id}`;

/** "Perda Nomor 5 Tahun 2024" — how a regulation is cited; reports: "LKjIP 2024". */
export function citation(d: Pick<DocRow, 'docType' | 'number' | 'year'>, t = translator('id')): string {
  const type = t(`dokumen.type.${d.docType}.short`);
  return d.number ? t('dokumen.citation.numbered', { type, number: d.number, year: d.year }) : t('dokumen.citation.plain', { type, year: d.year });
}

function searchItemOf(d: DocRow, text: string): SearchItem {
  const t = translator('id');
  return {
    ref: `doc.${d.id}`,
    kind: `dokumen.search.kind.${d.category}`,
    title: `${citation(d, t)}: ${d.title}`,
    body: [d.subject, t(`dokumen.type.${d.docType}`), text].filter(Boolean).join('\n'),
    url: docHref(d.id),
    unitId: d.owner.id,
    updatedAt: d.updatedAt,
  };
}

/** Keeps the search index in step with the document, inside the change's transaction. */
async function syncIndex(tx: Executor, id: number): Promise<void> {
  const d = (await repo.findDoc(tx, id))!;
  if (d.state === 'published') await indexItem(tx, MODULE, searchItemOf(d, await repo.textOf(tx, id)));
  else await removeItem(tx, MODULE, `doc.${id}`);
}

export async function searchItems(ctx: Pick<AppContext, 'db'>): Promise<SearchItem[]> {
  return (await repo.allPublished(ctx.db)).map((d) => searchItemOf(d, d.text));
}

// ---- public

export const PAGE_SIZE = 20;
export async function publicList(db: Executor, f: repo.PublicFilter, page: number) {
  const first = await repo.listPublished(db, f, (page - 1) * PAGE_SIZE, PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(first.total / PAGE_SIZE));
  // a page past the end shows the last one
  const shown = page > pages ? await repo.listPublished(db, f, (pages - 1) * PAGE_SIZE, PAGE_SIZE) : first;
  return { ...shown, page: Math.min(page, pages), pages, years: await repo.publishedYears(db) };
}

export async function publicDoc(db: Executor, id: number): Promise<DocRow | undefined> {
  const d = await repo.findDoc(db, id);
  return d?.state === 'published' ? d : undefined;
}

// ---- back office

export const mayManage = (actor: Actor, unitPath: string) => can(actor, 'dokumen.manage', { unitPath });
const scopeOf = (actor: Actor) => scopePaths(actor, 'dokumen.manage');
export const staffList = (db: Executor, actor: Actor) => repo.listWithin(db, scopeOf(actor));
export const ownerOptions = (db: Executor, actor: Actor) => repo.unitsWithin(db, scopeOf(actor));
export const findDoc = (db: Executor, id: number) => repo.findDoc(db, id);

export type Saved = { ok: true; id: number } | { ok: false; errors: FieldErrors };

async function resolve(db: Executor, actor: Actor, input: DocumentInput): Promise<{ values?: DocValues; errors?: FieldErrors }> {
  const owner = await repo.findUnit(db, input.owner);
  if (!owner) return { errors: { owner: 'dokumen.form.owner.required' } };
  if (!mayManage(actor, owner.path)) return { errors: { owner: 'dokumen.form.owner.outside_scope' } };
  const category = TYPES[input.doc_type];
  return {
    values: {
      category, doc_type: input.doc_type, title: input.title, number: input.number,
      year: input.year, status: category === 'peraturan' ? (input.status || null) : null, subject: input.subject, owner_unit_id: owner.id,
    },
  };
}

function snapshot(d: DocRow) {
  return { category: d.category, type: d.docType, title: d.title, number: d.number, year: d.year, status: d.status, owner: d.owner.code, state: d.state, file: d.fileId };
}

async function audit(tx: Executor, who: AuditActor, action: string, before: DocRow | undefined, id: number) {
  const after = (await repo.findDoc(tx, id))!;
  await recordAudit(tx, who, {
    action: `dokumen.${action}`, subjectType: 'dokumen', subjectId: id, unitId: after.owner.id,
    before: before ? snapshot(before) : undefined, after: snapshot(after),
  });
}

/** A new document from a checked PDF upload: the text extracted, the file stored, all in one transaction. */
export async function createDoc(ctx: AppContext, actor: Actor, who: AuditActor, input: DocumentInput, upload: Upload, key: string): Promise<Saved> {
  const prior = await repo.findByKey(ctx.db, key);
  if (prior) return { ok: true, id: prior.id };
  const r = await resolve(ctx.db, actor, input);
  if (!r.values) return { ok: false, errors: r.errors! };
  const values = r.values;
  const text = await extractPdfText(pdftotextPath(ctx.config), upload.main.bytes);
  const now = ctx.clock.now();
  const id = await (ctx.db).transaction().execute(async (tx) => {
    const [file] = await saveFiles(ctx, tx, [upload], { uploadedBy: actor.kind === 'staff' ? actor.userId : null, unitId: values.owner_unit_id });
    const newId = await repo.insertDoc(tx, {
      ...values, file_id: file.id, file_name: file.name, file_size: file.size, text_content: text.text, text_status: text.status,
      idempotency_key: key, publish: input.publish === '1', now,
    });
    if (newId === undefined) return undefined; // the same form, submitted twice at once: the first one won
    await audit(tx, who, 'created', undefined, newId);
    await syncIndex(tx, newId);
    return newId;
  });
  return { ok: true, id: id ?? (await repo.findByKey(ctx.db, key))!.id };
}

export async function updateDoc(ctx: AppContext, actor: Actor, who: AuditActor, id: number, input: DocumentInput): Promise<Saved> {
  const before = (await repo.findDoc(ctx.db, id))!;
  const r = await resolve(ctx.db, actor, input);
  if (!r.values) return { ok: false, errors: r.errors! };
  const values = r.values;
  await ctx.db.transaction().execute(async (tx) => {
    await repo.updateDoc(tx, id, values, ctx.clock.now());
    if (input.publish === '1' && before.state === 'draft') await repo.setState(tx, id, 'published', ctx.clock.now());
    await audit(tx, who, 'updated', before, id);
    await syncIndex(tx, id);
  });
  return { ok: true, id };
}

export async function changeState(ctx: AppContext, who: AuditActor, id: number, state: 'published' | 'withdrawn'): Promise<void> {
  const before = (await repo.findDoc(ctx.db, id))!;
  if (before.state === state) return;
  await ctx.db.transaction().execute(async (tx) => {
    await repo.setState(tx, id, state, ctx.clock.now());
    await audit(tx, who, state === 'published' ? 'published' : 'withdrawn', before, id);
    await syncIndex(tx, id);
  });
}

/** The owner's latest published change in a category: what "Diperbarui" says for periodic documents. */
export async function latestOf(db: Executor, unitId: number, category: string): Promise<Date | null> {
  const r = (await repo.latestByOwner(db)).find((x) => x.unitId === unitId && x.category === category);
  return r?.latest ?? null;
}
