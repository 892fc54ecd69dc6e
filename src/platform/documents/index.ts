// platform/documents: letters and certificates a module issues to a citizen — rendered to PDF with the
// region's letterhead, numbered per unit and year, signed (PAdES-style detached CMS) by a
// DocumentSigner, stored, and checkable by anyone at /cek/{code}. See docs/documents.md and ADR 021.
//
// A module issues inside the transaction of its own change (e.g. layanan's "signed" step):
//
//   const doc = await issueDocument(ctx, tx, {
//     module: 'layanan', kind: 'sk-domisili', unitId, ownerId: citizenId, subjectRef: String(appId),
//     numberFormat: '470/{seq:4}/KEL-35IL/{month:roman}/{year}',
//     title: 'Surat Keterangan Domisili',
//     body: [{ paragraph: 'Yang bertanda tangan di bawah ini menerangkan bahwa:' },
//            { fields: [{ label: 'Nama', value: 'Siti Aminah' }, { label: 'NIK', value: '1671…' }] },
//            { paragraph: 'Demikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.' }],
//     signer: { name: 'Drs. Ahmad Fauzi', position: 'Lurah 35 Ilir', nip: '19700101 199003 1 001' },
//     actor: actorFromRequest(c),
//   });
//   // doc.number '470/0001/KEL-35IL/XII/2026', doc.code 'K7M2Q9XH4T', doc.verifyUrl '…/cek/K7M2Q9XH4T'
//
// and serves it from its own route, after its own access rule:
//
//   app.get('/akun/permohonan/:id/surat.pdf', (c) => serveDocument(c, docId, 'layanan.application.view', subject));
//
// The code in the QR code is the only key to /cek: it is random (50 bits), never derived from the number.
import type { AuditActor } from '../audit/audit.ts';

export type { DocumentSigner, SignerInfo } from './signer.ts';
export { documentSigner, setDocumentSigner, Pkcs12Signer, loadPkcs12Signer, developmentSigner } from './signer.ts';
export { issueDocument, revokeDocument, findDocument, findDocumentByCode, documentBytes, documentsOfOwner } from './service.ts';
export { serveDocument } from './serve.ts';
export { formatNumber, checkNumberFormat, toRoman } from './number.ts';
export { normalizeCode, newCode, formatCode } from './code.ts';
export { renderDocument, loadFonts, type RenderInput } from './render.ts';
export type { DocumentRow } from './schema.ts';

/** One block of the letter's body, in order. */
export type DocumentBlock =
  /** a paragraph of running text, wrapped to the page width */
  | { paragraph: string }
  /** a list of label : value rows (citizen data), aligned in two columns */
  | { fields: { label: string; value: string }[] };

/** The officer who signs, as printed under the signature (the certificate signs for the region). */
export interface DocumentSignatory {
  name: string;
  /** 'Lurah 35 Ilir', 'Camat Ilir Barat II' */
  position: string;
  /** printed as "NIP. …" when given */
  nip?: string;
}

export interface IssueDocumentInput {
  /** the issuing module's id ('layanan'); the document belongs to it (serveDocument checks the action's prefix) */
  module: string;
  /** what kind of document, the module's own word ('sk-domisili'); stored, never shown */
  kind: string;
  /** the issuing unit: its letterhead, its number sequence, its scope in the back office */
  unitId: number;
  /**
   * The number format: literal text with tokens {seq} / {seq:N} (the sequence, zero-padded to N
   * digits), {unit} (the unit's code), {year}, {month} / {month:2} / {month:roman}, {day:2}.
   * E.g. '470/{seq:4}/KEL-35IL/{month:roman}/{year}' → '470/0123/KEL-35IL/XII/2026'.
   * An unknown token throws (checkNumberFormat() validates a format an admin types).
   */
  numberFormat: string;
  /**
   * The sequence the number counts in, within the unit and the calendar year (region time zone).
   * Default 'default': every document of the unit shares one sequence, as an agenda book does.
   * Give a service its own series to number it separately.
   */
  series?: string;
  /** printed centred in capitals above the number ('Surat Keterangan Domisili') */
  title: string;
  body: DocumentBlock[];
  signer: DocumentSignatory;
  /** the place before the date ('Palembang, 1 Desember 2026'); default the region's name */
  place?: string;
  /** the citizen the document is for (users.id): personal-data export lists it */
  ownerId?: number | null;
  /** the caller's own record (e.g. the application id), stored for its look-ups */
  subjectRef?: string;
  /** download name; default from the title and number */
  fileName?: string;
  /** who issues (recorded in the audit trail inside this transaction) */
  actor: AuditActor;
}

export interface IssuedDocument {
  id: string;
  /** the verification code, 10 characters of Crockford base32 ('K7M2Q9XH4T') */
  code: string;
  /** the document number as printed */
  number: string;
  seq: number;
  year: number;
  /** SHA-256 (hex) of the stored, signed PDF: /cek compares uploads with it */
  sha256: string;
  size: number;
  issuedAt: Date;
  /** `${baseUrl}/cek/${code}`, the QR code's target */
  verifyUrl: string;
  /** signed with a development certificate (not legally valid; the document says so) */
  development: boolean;
}

export type DocumentStatus = 'valid' | 'revoked';
