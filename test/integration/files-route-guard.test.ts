// How the access matrix finds a file route that skips authorize: listen on filesProbe while walking
// every route as an actor who is not allowed; a response that hands out a stored file's bytes, or a
// request that adds a `files` row, without an allowed parseUpload/serveFile in that same request, is
// a route around the helpers. Shown here on a module with one such route of each kind.
import { tokenFor } from '../../src/platform/http/csrf.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, Client, type TestApp } from '../helpers.ts';
import { signInAs } from '../auth-helpers.ts';
import { modules as allModules } from '../../src/modules/index.ts';
import { defineModule } from '../../src/platform/module.ts';
import { fileStore, filesProbe, findFile, type FilesProbeEvent } from '../../src/platform/files/index.ts';
import { CSRF_SEED, fileTestModule, png, uploadAs } from '../../src/platform/files/test-fixtures.ts';

// What a careless module might write: bytes out by id, and bytes in, both without authorize.
const leaky = defineModule({
  id: 'leaky',
  routes(app) {
    app.get('/bocor/:id', async (c) => {
      const f = await findFile(c.get('app').db, c.req.param('id'));
      const bytes = f && (await fileStore(c.get('app').config).get(f.storage_key));
      return bytes ? c.body(new Uint8Array(bytes), 200, { 'content-type': f.type }) : c.notFound();
    });
    app.post('/bocor-unggah', async (c) => {
      const body = await c.req.parseBody();
      const file = body.berkas as File;
      const key = `leaky/x/${crypto.randomUUID()}/display.png`;
      await fileStore(c.get('app').config).put(key, new Uint8Array(await file.arrayBuffer()), 'image/png');
      await c.get('app').db.insertInto('files').values({
        id: key.split('/')[2].replace(/-/g, '').slice(0, 22), module: 'leaky', kind: 'x', name: 'x.png', type: 'image/png', size: 1,
        sha256: '0'.repeat(64), source_size: 1, source_sha256: '0'.repeat(64), storage_key: key,
      }).execute();
      return c.text('ok');
    });
  },
});

let t: TestApp;
let fileId: string;
let stored: Buffer[];
beforeAll(async () => {
  t = await createTestApp({ modules: [...allModules, fileTestModule, leaky] });
  const owner = new Client(t.app);
  await signInAs(t, owner, { kind: 'citizen' });
  const { body } = await uploadAs(t, owner, 'photo', [{ name: 'a.png', bytes: await png() }]);
  fileId = body.files[0].id;
  const store = fileStore(t.ctx.config);
  stored = await Promise.all((await store.list()).map(async (k) => (await store.get(k))!));
});
afterAll(() => t?.close());

/** One request with the probe listening: the response and the file events it caused. */
async function probed(req: () => Response | Promise<Response>) {
  const events: FilesProbeEvent[] = [];
  filesProbe.listener = (e) => events.push(e);
  try {
    const res = await req();
    return { res, body: Buffer.from(await res.arrayBuffer()), events };
  } finally {
    filesProbe.listener = undefined;
  }
}
const fileRows = async () => Number((await t.ctx.db.selectFrom('files').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('file routes that skip authorize are found', () => {
  it('GET: a stored file handed out without an allowed serveFile', async () => {
    const problems: string[] = [];
    const routes = [...new Set(t.app.routes.filter((r) => r.method === 'GET' && r.path.includes(':id')).map((r) => r.path))];
    const stranger = new Client(t.app);
    await signInAs(t, stranger, { kind: 'citizen' });
    for (const pattern of routes) {
      const p = pattern.replace(':id', fileId);
      for (const who of [new Client(t.app), stranger]) {
        const { res, body, events } = await probed(() => who.request(p));
        const leaked = res.status === 200 && stored.some((s) => s.equals(body));
        if (leaked && !events.some((e) => e.op === 'serve' && e.allowed)) problems.push(`GET ${pattern}`);
      }
    }
    expect(routes).toContain('/uji-berkas/berkas/:id'); // the proper route was walked too, and passed
    expect([...new Set(problems)]).toEqual(['GET /bocor/:id']);
  });

  it('POST: a files row added without an allowed parseUpload', async () => {
    const problems: string[] = [];
    const routes = [...new Set(t.app.routes.filter((r) => r.method === 'POST' && !r.path.includes(':')).map((r) => r.path)), '/uji-berkas/photo'];
    for (const pattern of routes) {
      const form = new FormData();
      form.append('_csrf', tokenFor(t.ctx.config.secret, { seed: CSRF_SEED }));
      form.append('berkas', new Blob([new Uint8Array(await png())]), 'a.png');
      const before = await fileRows();
      const { events } = await probed(() => t.app.request(pattern, { method: 'POST', body: form, headers: { cookie: `gapura_csrf=${CSRF_SEED}` } }));
      if ((await fileRows()) > before && !events.some((e) => e.op === 'upload' && e.allowed)) problems.push(`POST ${pattern}`);
    }
    expect(problems).toEqual(['POST /bocor-unggah']);
  });
});
