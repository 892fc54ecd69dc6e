// Inbound doors without a person at a desk: an SMS/WhatsApp gateway and an inbound-email service
// POST JSON to /gateway/pengaduan/pesan and /gateway/pengaduan/email. Each request is signed:
// header X-Gapura-Signature: sha256=<hex HMAC-SHA256 of the raw body under PENGADUAN_INBOUND_SECRET>.
// The gateway's message id is the idempotency key, so a retried delivery files one complaint. The
// complaint has no category or place yet: it goes to PENGADUAN_INBOUND_CATEGORY's unit, whose
// officers dispositions it like any other. See docs/pengaduan.md ("Pintu masuk otomatis").
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { authorize } from '../../platform/access/guard.ts';
import { systemActor } from '../../platform/audit/audit.ts';
import { settingsOf } from '../../platform/config.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { assertText } from '../../platform/http/input.ts';
import { createComplaint } from './service.ts';

export const INBOUND_PREFIX = '/gateway/pengaduan';
export const SIGNATURE_HEADER = 'x-gapura-signature';
const BODY_LIMIT = 64 * 1024;

export const inboundSettings = {
  PENGADUAN_INBOUND_SECRET: {
    default: '(unset: the gateway webhooks answer 404)',
    description: 'Shared secret of the SMS/WhatsApp and inbound-email webhooks (HMAC-SHA256 of the body, header X-Gapura-Signature: sha256=<hex>); at least 32 characters.',
    schema: z.string().refine((s) => s === '' || s.length >= 32, 'at least 32 characters').default(''),
  },
  PENGADUAN_INBOUND_CATEGORY: {
    default: 'lainnya',
    description: 'Category code of complaints that arrive by SMS, WhatsApp or email (they carry no category); its unit triages and re-routes them.',
    schema: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).default('lainnya'),
  },
};

/** Indonesian numbers to +62…; null when it is not a phone number. */
export function normalisePhone(raw: string): string | null {
  const s = raw.replace(/[\s().-]/g, '');
  if (!/^\+?\d{8,15}$/.test(s)) return null;
  if (s.startsWith('+')) return s;
  if (s.startsWith('62')) return `+${s}`;
  if (s.startsWith('0')) return `+62${s.slice(1)}`;
  return null;
}

export function sign(secret: string, body: string | Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

function signatureOk(secret: string, body: Uint8Array, header: string | undefined): boolean {
  if (!header) return false;
  const want = Buffer.from(sign(secret, body));
  const got = Buffer.from(header.trim().toLowerCase());
  return want.length === got.length && timingSafeEqual(want, got);
}

async function rawBody(c: Context<Env>): Promise<Uint8Array> {
  if (Number(c.req.header('content-length') ?? '0') > BODY_LIMIT) throw new AppError('body_too_large', 'error.body_too_large');
  const buf = new Uint8Array(await c.req.arrayBuffer());
  if (buf.length > BODY_LIMIT) throw new AppError('body_too_large', 'error.body_too_large');
  return buf;
}

const MessageBody = z.object({
  id: z.string().min(1).max(200),
  channel: z.enum(['sms', 'whatsapp']),
  from: z.string().min(1).max(40),
  text: z.string().trim().min(1).max(5000),
  name: z.string().max(120).optional(),
});
const EmailBody = z.object({
  id: z.string().min(1).max(300),
  from: z.email().max(200),
  name: z.string().max(120).optional(),
  subject: z.string().max(200).default(''),
  text: z.string().trim().min(1).max(5000),
});

export function inboundRoutes(app: Hono<Env>, ctx: AppContext): void {
  const s = settingsOf(ctx.config, inboundSettings);

  /** The checked JSON of a signed request: 404 while no secret is set, 401 for a wrong signature. */
  const signed = async <T>(c: Context<Env>, schema: z.ZodType<T>): Promise<T> => {
    authorize(c, 'pengaduan.inbound');
    if (!s.PENGADUAN_INBOUND_SECRET) throw new AppError('not_found', 'error.not_found');
    const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') throw new AppError('unsupported_media_type', 'error.unsupported_media_type');
    const body = await rawBody(c);
    if (!signatureOk(s.PENGADUAN_INBOUND_SECRET, body, c.req.header(SIGNATURE_HEADER))) throw new AppError('unauthenticated', 'pengaduan.inbound.error.signature');
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch {
      throw new AppError('invalid_json', 'error.invalid_json');
    }
    assertText(value);
    const r = schema.safeParse(value);
    if (!r.success) throw new AppError('validation_failed', 'error.validation', Object.fromEntries(r.error.issues.map((i) => [i.path.join('.') || '_', 'field.invalid'])));
    return r.data;
  };

  const file = async (c: Context<Env>, input: Parameters<typeof createComplaint>[1]) => {
    await ctx.calendar.timeZone();
    const filed = await createComplaint(ctx, input, { actor: systemActor(`pengaduan.inbound:${input.channel}`) });
    return c.json({ tracking_id: filed.publicId, created: filed.created }, filed.created ? 201 : 200);
  };

  app.post(`${INBOUND_PREFIX}/pesan`, async (c) => {
    const m = await signed(c, MessageBody);
    const phone = normalisePhone(m.from);
    if (!phone) throw new AppError('validation_failed', 'error.validation', { from: 'field.invalid' });
    return file(c, {
      categoryCode: s.PENGADUAN_INBOUND_CATEGORY, description: m.text, channel: m.channel, contactPhone: phone, reporterName: m.name?.trim() || null,
      idempotencyKey: `inbound:${m.channel}:${m.id}`,
    });
  });

  app.post(`${INBOUND_PREFIX}/email`, async (c) => {
    const m = await signed(c, EmailBody);
    return file(c, {
      categoryCode: s.PENGADUAN_INBOUND_CATEGORY, title: m.subject, description: m.text, channel: 'email', contactEmail: m.from, reporterName: m.name?.trim() || null,
      idempotencyKey: `inbound:email:${m.id}`,
    });
  });
}
