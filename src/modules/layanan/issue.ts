// Issuing the letter when the signer signs: the service's template filled with the applicant's
// answers and the unit, as the blocks platform/documents renders (running paragraphs, and "Label:
// value" lines as aligned fields), numbered in the unit's agenda sequence with the service's
// classification code, signed by the officer who pressed "Tandatangani". Runs inside act()'s
// transaction (the 'sign' step's issue callback), so a rolled-back sign gives its number back.
import type { AuditActor } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/index.ts';
import { issueDocument, type DocumentBlock } from '../../platform/documents/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { openAnswers, type Answers, type ApplicationRecord } from './applications.ts';

/**
 * The service's number format ('470/{seq}/{unit}/{month}/{year}', as the pack writes it) in
 * platform/documents' tokens: the sequence zero-padded to 4 digits and the month in Roman numerals,
 * as Indonesian letters are numbered ('470/0123/16.71.01.1001/XII/2026').
 */
export function documentNumberFormat(serviceFormat: string): string {
  return serviceFormat.replace('{seq}', '{seq:4}').replace('{month}', '{month:roman}');
}

/** 'Lurah 35 Ilir', 'Camat Ilir Barat II': the position that signs for a unit of that kind */
export function signerPosition(kind: string, unitName: string): string {
  const word: Record<string, string> = { kelurahan: 'Lurah', desa: 'Kepala Desa', kecamatan: 'Camat' };
  return `${word[kind] ?? 'Kepala'} ${unitName}`;
}

const LINE_FIELD = /^([^:\n]{1,60}):\s*(.*)$/;

/** The template with {field} and {unit} filled, as document blocks: blank lines part paragraphs; a paragraph of two or more "Label: value" lines becomes fields. */
export function renderTemplate(template: string, answers: Answers, unitName: string): DocumentBlock[] {
  const fill = (s: string) => s.replace(/\{([a-z_]+)\}/g, (_m, k: string) => (k === 'unit' ? unitName : (answers[k] ?? '').trim() || '-'));
  const blocks: DocumentBlock[] = [];
  for (const para of template.split(/\n\s*\n/)) {
    const lines = para.split('\n').map((l) => l.trim()).filter(Boolean);
    if (!lines.length) continue;
    if (lines.length > 1 && lines.every((l) => LINE_FIELD.test(l))) {
      blocks.push({ fields: lines.map((l) => { const m = LINE_FIELD.exec(l)!; return { label: m[1].trim(), value: fill(m[2]) }; }) });
    } else {
      blocks.push({ paragraph: fill(lines.join(' ')) });
    }
  }
  return blocks;
}

export interface Signatory { name: string; actor: AuditActor }

/** The 'sign' step's callback: issue the application's letter at the unit where it is now; returns the document id. */
export function issuerFor(ctx: AppContext, signatory: Signatory) {
  return async (tx: Executor, app: ApplicationRecord): Promise<string> => {
    const service = await tx.selectFrom('layanan_services').select(['slug', 'name', 'template', 'number_format']).where('id', '=', app.service_id).executeTakeFirstOrThrow();
    const answers = openAnswers(ctx.config.secret, app.answers_sealed);
    const doc = await issueDocument(ctx, tx, {
      module: 'layanan',
      kind: service.slug.slice(0, 64),
      unitId: app.current_unit_id,
      ownerId: app.user_id,
      subjectRef: String(app.id),
      numberFormat: documentNumberFormat(service.number_format),
      title: service.name,
      body: renderTemplate(service.template, answers, app.current_unit_name),
      signer: { name: signatory.name, position: signerPosition(app.current_unit_kind, app.current_unit_name) },
      fileName: `${service.slug}-${app.tracking_number}.pdf`,
      actor: signatory.actor,
    });
    return doc.id;
  };
}
