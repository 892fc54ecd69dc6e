// Row types for Kysely. Platform tables are declared here; a module adds its own tables with
// `declare module '../../platform/db/schema.ts' { interface Database { my_table: MyTable } }`.
import type { ColumnType, Generated } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** a timestamp with a database default */
export type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Id = Generated<number>;
type Json<T = unknown> = ColumnType<T, T | string | undefined, T | string>;

export interface Branding {
  name?: string;
  shortName?: string;
  logo?: string;
  colors?: { primary?: string; primaryText?: string; accent?: string };
  contact?: { address?: string; phone?: string; email?: string; whatsapp?: string; website?: string; source?: string };
}

export interface Database {
  region: { id: Generated<number>; code: string; slug: string; name: string; time_zone: string; branding: Json<Branding>; updated_at: TimestampDefault };
  units: {
    id: Id; code: string; kind: 'region' | 'kecamatan' | 'kelurahan' | 'desa' | 'opd'; name: string; parent_id: number | null;
    path: string; contact: Json<Record<string, string>>; active: Generated<boolean>; created_at: TimestampDefault; updated_at: TimestampDefault;
  };
  users: {
    id: Id; kind: 'citizen' | 'staff'; name: string; email: string | null; phone: string | null; password_hash: string | null;
    nik_encrypted: string | null; nik_hash: string | null; email_verified_at: NullableTimestamp; phone_verified_at: NullableTimestamp;
    totp_secret_encrypted: string | null; totp_enabled_at: NullableTimestamp; oidc_subject: string | null; locale: Generated<'id' | 'en'>;
    disabled_at: NullableTimestamp; last_login_at: NullableTimestamp; created_at: TimestampDefault; updated_at: TimestampDefault;
    /** 000_platform_050: last accepted TOTP step (no replay); one-time password to change at next sign-in */
    totp_last_step: number | null; password_change_required: Generated<boolean>;
  };
  role_grants: { id: Id; user_id: number; role: string; unit_id: number; created_at: TimestampDefault };
  sessions: {
    id_hash: string; user_id: number | null; state: Generated<string>; data: Json<Record<string, unknown>>; ip: string | null; user_agent: string | null;
    created_at: TimestampDefault; last_seen_at: TimestampDefault; expires_at: Timestamp;
  };
  verification_codes: {
    id: Id; user_id: number; purpose: string; channel: string; destination: string; code_hash: string; attempts: Generated<number>;
    expires_at: Timestamp; used_at: NullableTimestamp; created_at: TimestampDefault;
  };
  audit_log: {
    id: Id; at: TimestampDefault; actor_id: number | null; actor_label: string; action: string; subject_type: string; subject_id: string | null;
    unit_id: number | null; before: Json | null; after: Json | null; ip: string | null; user_agent: string | null; prev_hash: string; hash: string;
    /** 000_platform_100: which of the hash chains the entry continues, and how its hash links (ADR 031) */
    chain: Generated<number>; hash_version: Generated<number>;
  };
  jobs: {
    id: Id; name: string; payload: Json<Record<string, unknown>>; run_at: TimestampDefault; attempts: Generated<number>; max_attempts: Generated<number>;
    locked_until: NullableTimestamp; last_error: string | null; done_at: NullableTimestamp; created_at: TimestampDefault;
    /** 000_platform_030: set when the job used up max_attempts */
    failed_at: NullableTimestamp;
  };
  /** 000_platform_030: a chain's newest entry, one row per chain (id = chain, 000_platform_100) */
  audit_head: { id: Generated<number>; entries: number; last_id: number | null; hash: string };
  messages: {
    id: Id; channel: 'email' | 'sms' | 'whatsapp'; recipient: string; template: string; locale: string; subject: string; body: string;
    status: Generated<'queued' | 'sent' | 'kept' | 'failed'>; attempts: Generated<number>; last_error: string | null; created_at: TimestampDefault; sent_at: NullableTimestamp;
  };
  holidays: { date: string; name: string; kind: 'national_holiday' | 'collective_leave' | 'regional'; provisional: Generated<boolean>; source: Generated<string>; updated_at: TimestampDefault };
  rate_limits: { key: string; failures: Generated<number>; window_start: TimestampDefault; blocked_until: NullableTimestamp };
}
