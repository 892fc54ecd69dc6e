// The platform sends mail by itself: an installation without the messages module (the outbox pages)
// still delivers, and the one-time code reaches the recipient while no table holds it readable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers.ts';
import { startSmtp, type TestSmtp } from '../smtp.ts';
import { modules } from '../../src/modules/index.ts';
import { runDueJobs } from '../../src/platform/jobs/worker.ts';
import { sendMessage } from '../../src/platform/notify/notify.ts';
import { addTemplates } from '../../src/platform/notify/templates.ts';

addTemplates({
  'test.notify_code': {
    secret: ['code'],
    id: { subject: 'Kode {code}', body: 'Kode Anda: {code}. Berlaku {minutes} menit.' },
    en: { subject: 'Code {code}', body: 'Your code: {code}. Valid for {minutes} minutes.' },
  },
});

let t: TestApp;
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
  t = await createTestApp({ modules: modules.filter((m) => m.id !== 'messages'), seed: false, env: { SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('sendMessage without the messages module', () => {
  it('delivers through SMTP; the stored copy has the code masked', async () => {
    expect(t.ctx.modules.some((m) => m.id === 'messages')).toBe(false);
    const id = await t.ctx.db.transaction().execute((tx) =>
      sendMessage(tx, { channel: 'email', to: 'warga@example.test', template: 'test.notify_code', locale: 'en', params: { code: '730114', minutes: 15 } }, { secret: t.ctx.config.secret }),
    );
    expect(await runDueJobs(t.ctx)).toBe(1);
    const m = await t.ctx.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(m).toMatchObject({ status: 'sent', subject: 'Code ••••••', body: 'Your code: ••••••. Valid for 15 minutes.' });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].raw).toContain('Your code: 730114. Valid for 15 minutes.');
    const jobs = await t.ctx.db.selectFrom('jobs').selectAll().execute();
    expect(JSON.stringify(jobs)).not.toContain('730114');
    expect(jobs[0].payload).toEqual({ messageId: id });
  });
});
