// UU 27/2022 PDP: the questions a citizen asked (with the contact they gave) and their marks on FAQ
// entries, exported on /akun/data; on /akun/hapus the questions lose the link, contact and wording
// (the unit's figures keep counting them) and the marks go. Published FAQ wording is de-identified.
import type { Executor } from '../../platform/db/index.ts';
import { eraseUser, marksOfUser, questionsOfUser } from './repo.ts';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export async function exportPersonalData(tx: Executor, userId: number): Promise<Record<string, unknown>> {
  const [questions, marks] = await Promise.all([questionsOfUser(tx, userId), marksOfUser(tx, userId)]);
  return {
    questions: questions.map((q) => ({ tracking: q.tracking, question: q.question, service: q.service_slug, askedAt: iso(q.asked_at), state: q.state, answer: q.answer, answeredAt: iso(q.answered_at), contact: q.contact })),
    marks: marks.map((m) => ({ faq: m.slug, kind: m.kind, helpful: m.helpful, at: iso(m.created_at) })),
  };
}

export const erasePersonalData = (tx: Executor, userId: number) => eraseUser(tx, userId);
