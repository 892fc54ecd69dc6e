// SP4N-LAPOR! forwarding. LAPOR! publishes no open API, so Gapura sends to a documented interface of
// its own (docs/pengaduan.md, "Meneruskan ke SP4N-LAPOR!"): a bridge the city or KemenPAN-RB runs
// at PENGADUAN_LAPOR_URL. A handling officer (or the operator at filing) queues a complaint; the
// job `pengaduan.lapor_forward` POSTs it with the token, is retried with the platform's backoff
// (5 s, 10 s, 20 s … up to an hour, 12 attempts), and stores the LAPOR! tracking id on the complaint
// (external_ref) with an internal timeline entry. An anonim reporter's identity is never sent.
import { z } from 'zod';
import { recordAudit, systemActor, type AuditActor } from '../../../platform/audit/audit.ts';
import { settingsOf } from '../../../platform/config.ts';
import type { Executor } from '../../../platform/db/index.ts';
import type { AppContext } from '../../../platform/http/context.ts';
import { enqueue, type JobHandler } from '../../../platform/jobs/queue.ts';
import * as repo from '../repo.ts';

export const LAPOR_JOB = 'pengaduan.lapor_forward';
const ATTEMPTS = 12;
const TIMEOUT_MS = 15_000;

export const laporSettings = {
  PENGADUAN_LAPOR_URL: {
    default: '(unset: no forwarding)',
    description: 'Endpoint of the SP4N-LAPOR! bridge complaints are forwarded to (POST JSON, docs/pengaduan.md); https except for 127.0.0.1.',
    schema: z.union([z.literal(''), z.url().refine((u) => {
      const url = new URL(u);
      return url.protocol === 'https:' || (url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost'));
    }, 'https, or http on 127.0.0.1')]).default(''),
  },
  PENGADUAN_LAPOR_TOKEN: {
    default: '(unset)',
    description: 'Bearer token sent to PENGADUAN_LAPOR_URL.',
    schema: z.string().max(500).default(''),
  },
};

export function laporEnabled(ctx: AppContext): boolean {
  return settingsOf(ctx.config, laporSettings).PENGADUAN_LAPOR_URL !== '';
}

/** Queue complaint `id` for LAPOR! in the caller's transaction (audited as the officer's step). */
export async function queueForLapor(tx: Executor, id: number, unitId: number, by: AuditActor, at: Date): Promise<void> {
  await enqueue(tx, LAPOR_JOB, { id }, { maxAttempts: ATTEMPTS });
  await repo.addUpdate(tx, { complaintId: id, kind: 'lapor_queued', unitId, public: false, at });
  await recordAudit(tx, by, { action: 'pengaduan.complaint.lapor_queue', subjectType: 'pengaduan_complaint', subjectId: id, unitId });
}

/** What the bridge receives. */
export async function laporPayload(db: Executor, id: number) {
  const c = await repo.complaintById(db, id);
  if (!c) return undefined;
  const cats = await repo.categories(db, { all: true });
  return {
    reference: c.publicId,
    category: { code: c.categoryCode, name: cats.find((k) => k.code === c.categoryCode)?.name.id ?? c.categoryCode },
    title: c.title,
    description: c.description,
    location: { kecamatan: c.kecamatan?.name ?? null, kelurahan: c.kelurahan?.name ?? null, address: c.address, lat: c.lat, lng: c.lng },
    unit: { code: c.routedUnit.code, name: c.routedUnit.name },
    anonim: c.anonim,
    rahasia: c.rahasia,
    reporter: c.anonim ? null : { name: c.reporterName, email: c.contactEmail, phone: c.contactPhone },
    channel: c.channel,
    created_at: c.createdAt.toISOString(),
  };
}

const Answer = z.object({ tracking_id: z.string().min(1).max(100) });

export const laporForwardJob: JobHandler = async (payload, ctx) => {
  const id = Number(payload.id);
  const s = settingsOf(ctx.config, laporSettings);
  if (!s.PENGADUAN_LAPOR_URL) throw new Error('PENGADUAN_LAPOR_URL is not set');
  const c = await repo.complaintById(ctx.db, id);
  if (!c || c.externalRef) return; // gone, or forwarded by an earlier run
  const body = await laporPayload(ctx.db, id);
  const res = await fetch(s.PENGADUAN_LAPOR_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${s.PENGADUAN_LAPOR_TOKEN}`, 'idempotency-key': c.publicId },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`LAPOR! bridge answered ${res.status}`);
  let answer: z.infer<typeof Answer>;
  try {
    answer = Answer.parse(JSON.parse(text));
  } catch {
    throw new Error('LAPOR! bridge answered without a tracking_id');
  }
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    await repo.setComplaint(tx, id, { external_ref: `LAPOR:${answer.tracking_id}` });
    await repo.addUpdate(tx, { complaintId: id, kind: 'forwarded_lapor', unitId: c.routedUnit.id, body: answer.tracking_id, public: false, at: now });
    await recordAudit(tx, systemActor(LAPOR_JOB), {
      action: 'pengaduan.complaint.lapor_forwarded', subjectType: 'pengaduan_complaint', subjectId: id, unitId: c.routedUnit.id, after: { laporId: answer.tracking_id },
    });
  });
};
