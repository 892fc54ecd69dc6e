// The consultation module's tables: questions (asked by a citizen or business, answered by the
// responsible unit on a deadline), the FAQ entries published from them (de-identified wording), and
// the one-per-person marks on FAQ entries ("saya juga bertanya ini", "membantu? ya/tidak").
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
create table consultation_questions (
  id serial primary key,
  -- 'TNY-…': what the asker quotes; the follow link adds a key derived from it (never stored)
  tracking text not null unique,
  -- the form's idempotency key: a double submit finds the first question
  idem_key text not null unique,
  user_id int references users(id),
  contact_channel text check (contact_channel in ('email', 'sms')),
  contact text,
  question text not null,
  service_slug text,
  unit_id int not null references units(id),
  asked_at timestamptz not null,
  due_at timestamptz not null,
  state text not null default 'open' check (state in ('open', 'answered')),
  answer text,
  answered_at timestamptz,
  answered_by int references users(id),
  -- 0: not escalated; 1: the unit head was told; 2: the platform admins were told
  escalation_level int not null default 0,
  escalated_at timestamptz,
  faq_id int,
  created_at timestamptz not null default now()
);
create index consultation_questions_queue on consultation_questions (unit_id, due_at) where state = 'open';
create table consultation_faq (
  id serial primary key,
  slug text not null unique,
  question text not null,
  answer text not null,
  legal_basis text not null default '',
  service_slug text,
  unit_id int not null references units(id),
  source_question_id int references consultation_questions(id),
  published_at timestamptz not null,
  updated_at timestamptz not null,
  needs_review boolean not null default false,
  review_reason text not null default ''
);
create index consultation_faq_service on consultation_faq (service_slug);
create table consultation_marks (
  faq_id int not null references consultation_faq(id),
  -- 'metoo' ("saya juga bertanya ini") or 'vote' ("membantu?")
  kind text not null check (kind in ('metoo', 'vote')),
  -- 'u:<user id>' for a signed-in person, else 's:<hash of the session or visitor cookie>'
  voter text not null,
  helpful boolean,
  created_at timestamptz not null,
  primary key (faq_id, kind, voter)
);
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table if exists consultation_marks; drop table if exists consultation_faq; drop table if exists consultation_questions`.execute(db);
}
