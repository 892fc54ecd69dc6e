// The issued_documents and document_counters tables (000_platform_080_documents).
import type { ColumnType, Selectable } from 'kysely';

export interface IssuedDocumentsTable {
  id: string;
  code: string;
  module: string;
  kind: string;
  unit_id: number;
  series: string;
  year: number;
  seq: number;
  number: string;
  title: string;
  sha256: string;
  size: ColumnType<number, number, number>;
  storage_key: string;
  file_name: string;
  owner_id: number | null;
  subject_ref: string | null;
  signer_name: string;
  signer_position: string;
  signed_with: string;
  development: boolean;
  status: ColumnType<'valid' | 'revoked', 'valid' | 'revoked' | undefined, 'valid' | 'revoked'>;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  revoke_reason: string | null;
  issued_at: ColumnType<Date, Date, Date>;
}

export interface DocumentCountersTable {
  unit_id: number;
  series: string;
  year: number;
  last: number;
}

export type DocumentRow = Selectable<IssuedDocumentsTable>;

declare module '../db/schema.ts' {
  interface Database {
    issued_documents: IssuedDocumentsTable;
    document_counters: DocumentCountersTable;
  }
}
