// Input shapes of the ppid module (messages are i18n keys).
import { z } from 'zod';

export const DIP_CATEGORIES = ['berkala', 'serta_merta', 'setiap_saat'] as const;
export type DipCategory = (typeof DIP_CATEGORIES)[number];
export const DIP_FORMS = ['soft', 'hard', 'both'] as const;
export type DipForm = (typeof DIP_FORMS)[number];

/** One line of text: no control characters. */
const line = (max: number) => z.string().trim().max(max, 'field.too_long').refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'field.invalid');
const required = (max: number, key: string) => line(max).pipe(z.string().min(1, key));

export const DipForm = z.object({
  category: z.enum(DIP_CATEGORIES, 'ppid.dip.category.required'),
  title: required(200, 'ppid.dip.title.required'),
  summary: z.string().trim().max(2000, 'field.too_long').refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), 'field.invalid').pipe(z.string().min(1, 'ppid.dip.summary.required')),
  unit: required(80, 'ppid.dip.unit.required'),
  official: required(200, 'ppid.dip.official.required'),
  made_when: required(100, 'ppid.dip.made_when.required'),
  made_where: required(200, 'ppid.dip.made_where.required'),
  form: z.enum(DIP_FORMS, 'ppid.dip.form.required'),
  retention: required(100, 'ppid.dip.retention.required'),
});
export type DipInput = z.infer<typeof DipForm>;

export const MessageQuery = z.object({ pesan: z.enum(['dibuat']).optional().catch(undefined) });

// ——— information requests ———
export const REQUESTER_KINDS = ['individual', 'organisation'] as const;
export const OBTAIN = ['melihat', 'membaca', 'mendengarkan', 'mencatat', 'hardcopy', 'softcopy'] as const;
export const RECEIVE = ['ambil', 'pos', 'kurir', 'email'] as const;
export const CHANNELS = ['online', 'walk_in', 'letter', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];
export const STATES = ['submitted', 'in_progress', 'extended', 'answered', 'objection', 'objection_answered', 'dispute', 'closed', 'withdrawn'] as const;
export type RequestState = (typeof STATES)[number];
export const OUTCOMES = ['fulfilled', 'partial', 'refused', 'not_held'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** Pasal 17 UU 14/2008, letters a–j */
export const EXEMPTION_GROUNDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'] as const;
/** Pasal 35(1) UU 14/2008, letters a–g */
export const OBJECTION_GROUNDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;

const text = (max: number) => z.string().trim().max(max, 'field.too_long').refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), 'field.invalid');
const requiredText = (max: number, key: string) => text(max).pipe(z.string().min(1, key));
const optional = (max: number) => line(max).optional().default('');

export const RequestForm = z.object({
  requester_kind: z.enum(REQUESTER_KINDS, 'ppid.req.requester_kind.required'),
  name: required(200, 'ppid.req.name.required'),
  nik: required(40, 'ppid.req.nik.required'),
  address: required(300, 'ppid.req.address.required'),
  phone: optional(30),
  email: optional(200).pipe(z.union([z.literal(''), z.email('ppid.req.email.invalid')])),
  details: requiredText(3000, 'ppid.req.details.required'),
  purpose: requiredText(1000, 'ppid.req.purpose.required'),
  obtain: z.enum(OBTAIN, 'ppid.req.obtain.required'),
  receive: z.enum(RECEIVE, 'ppid.req.receive.required'),
  identity_public: z.enum(['ya', '']).optional().default(''),
  idem: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'field.invalid'),
  // staff entry only (walk-in, letter): the channel and the day it was received
  channel: z.union([z.literal(''), z.enum(CHANNELS)]).optional().default(''),
  received_on: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ppid.req.received_on.invalid')]).optional().default(''),
}).superRefine((v, ctx) => {
  if (!v.phone && !v.email) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'ppid.req.contact.required' });
  if (v.receive === 'email' && !v.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'ppid.req.email.needed' });
});
export type RequestInput = z.infer<typeof RequestForm>;

export const DispositionForm = z.object({ unit: required(80, 'ppid.dip.unit.required') });
export const ExtensionForm = z.object({ reason: requiredText(2000, 'ppid.req.extension.reason.required') });
export const AnswerForm = z.object({
  outcome: z.enum(OUTCOMES, 'ppid.req.outcome.required'),
  answer_text: requiredText(6000, 'ppid.req.answer_text.required'),
  holder_body: optional(300),
  blacked_out: text(2000).optional().default(''),
  format: required(200, 'ppid.req.format.required'),
  delivery: required(200, 'ppid.req.delivery.required'),
  cost: required(200, 'ppid.req.cost.required'),
  ground: z.union([z.literal(''), z.enum(EXEMPTION_GROUNDS)]).optional().default(''),
  ex_information: text(1000).optional().default(''),
  consequence: text(3000).optional().default(''),
  period: optional(200),
  official: optional(200),
});
export type AnswerInput = z.infer<typeof AnswerForm>;
export const ObjectionForm = z.object({
  ground: z.enum(OBJECTION_GROUNDS, 'ppid.obj.ground.required'),
  reason: requiredText(3000, 'ppid.obj.reason.required'),
});
export const ObjectionAnswerForm = z.object({
  decision: z.enum(['upheld', 'rejected'], 'ppid.obj.decision.required'),
  answer: requiredText(4000, 'ppid.obj.answer.required'),
});
export const RedactionForm = z.object({
  kind: z.enum(['literal', 'pattern'], 'ppid.red.kind.required'),
  value: required(300, 'ppid.red.value.required'),
  scope: z.enum(['request', 'global']).default('request'),
});
export const QueueQuery = z.object({ pesan: z.string().regex(/^[a-z_]{1,30}$/).optional().catch(undefined) });
export const SearchQuery = z.object({ q: z.string().max(200).optional().catch(undefined) });
export const FollowQuery = z.object({ baru: z.enum(['1']).optional().catch(undefined) });

// ——— the remaining states (ADR 036) ———
export const DisputeForm = z.object({
  filed_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ppid.dispute.filed_on.required'),
  register_number: required(100, 'ppid.dispute.register_number.required'),
});
export type DisputeInput = z.infer<typeof DisputeForm>;
export const CloseForm = z.object({ confirm: z.literal('ya', 'ppid.close.confirm.required') });
// 'withdraw_reason': the detail page also holds the extension form's 'reason'
export const WithdrawForm = z.object({ withdraw_reason: requiredText(1000, 'ppid.withdraw.reason.required') });
export const RequesterWithdrawForm = z.object({
  confirm: z.literal('ya', 'ppid.withdraw.confirm.required'),
  reason: text(1000).optional().default(''),
});
/** A DIP entry made from a fulfilled answer: the DIP form without the unit (the unit that answered holds it). */
export const PublishForm = DipForm.omit({ unit: true });
export type PublishInput = z.infer<typeof PublishForm>;
export const RegisterQuery = z.object({ halaman: z.coerce.number().int().min(1).max(100000).optional().catch(undefined) });
