// The `files` table (000_platform_060_files), added to the platform's Kysely schema from here.
import type { ColumnType, Selectable } from 'kysely';
import type { TimestampDefault } from '../db/schema.ts';

export interface FileVariant {
  key: string;
  type: string;
  size: number;
  sha256: string;
  width?: number;
  height?: number;
}

export interface FilesTable {
  id: string;
  module: string;
  kind: string;
  /** the uploader's file name, cleaned (shown and used in Content-Disposition) */
  name: string;
  /** detected content type of the stored main object */
  type: string;
  size: ColumnType<number, number, number>;
  sha256: string;
  /** the upload as received (before re-encoding) */
  source_size: ColumnType<number, number, number>;
  source_sha256: string;
  storage_key: string;
  /** further renditions, e.g. { thumb: {...} } */
  variants: ColumnType<Record<string, FileVariant>, string | undefined, string>;
  width: number | null;
  height: number | null;
  uploaded_by: number | null;
  unit_id: number | null;
  created_at: TimestampDefault;
}

export type FileRow = Selectable<FilesTable>;

declare module '../db/schema.ts' {
  interface Database {
    files: FilesTable;
  }
}
