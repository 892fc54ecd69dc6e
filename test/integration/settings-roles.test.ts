// A module's settings are validated at boot with the platform's and read typed; a module's role is
// granted like a platform role (no SQL CHECK in the way), opens what its permissions allow, and
// shows its own label; a role nobody declared is refused where roles are granted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, Client, unitsForTest, type TestApp } from '../helpers.ts';
import { signInAs } from '../auth-helpers.ts';
import { modules } from '../../src/modules/index.ts';
import { defineModule } from '../../src/platform/module.ts';
import { ConfigError, loadConfig, settingsOf } from '../../src/platform/config.ts';
import { createContext } from '../../src/platform/boot.ts';
import { authorize } from '../../src/platform/access/guard.ts';
import { isRole } from '../../src/platform/access/can.ts';

const parksSettings = {
  PARKS_PAGE_SIZE: { default: '20', description: 'Parks per page.', schema: z.coerce.number().int().min(1).max(100).default(20) },
  PARKS_MAP_URL: { default: '(unset: no map)', description: 'Tile server.', schema: z.url().optional() },
};

const parks = defineModule({
  id: 'parks',
  settings: parksSettings,
  locales: {
    id: { 'parks.role.ranger': 'Penjaga taman', 'parks.role.ranger.hint': 'Mengurus taman kota.' },
    en: { 'parks.role.ranger': 'Park ranger', 'parks.role.ranger.hint': 'Looks after city parks.' },
  },
  roles: { parks_ranger: { label: 'parks.role.ranger', hint: 'parks.role.ranger.hint' } },
  permissions: { 'parks.patrol': { roles: ['parks_ranger'] } },
  routes(app, ctx) {
    app.get('/petugas/taman', (c) => {
      authorize(c, 'parks.patrol');
      return c.text(`page size ${settingsOf(ctx.config, parksSettings).PARKS_PAGE_SIZE}`);
    });
  },
});

let t: TestApp;
let u: Awaited<ReturnType<typeof unitsForTest>>;
beforeAll(async () => {
  t = await createTestApp({ modules: [...modules, parks], env: { PARKS_PAGE_SIZE: '5' } });
  u = await unitsForTest(t);
});
afterAll(() => t.close());

describe('module settings', () => {
  it('reads them typed, with their defaults', () => {
    const s = settingsOf(t.ctx.config, parksSettings);
    expect(s.PARKS_PAGE_SIZE).toBe(5);
    expect(s.PARKS_MAP_URL).toBeUndefined();
    const fresh = loadConfig({ GAPURA_ENV: 'test' });
    expect(() => settingsOf(fresh, parksSettings)).toThrow(/PARKS_PAGE_SIZE was not loaded/);
  });

  it('stops the start on a bad value, naming the setting', async () => {
    const config = loadConfig({ GAPURA_ENV: 'test', PARKS_PAGE_SIZE: 'lots', PARKS_MAP_URL: 'not a url' });
    const err = await createContext(config, [...modules, parks], { pgliteDir: 'memory://' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/PARKS_PAGE_SIZE:.*\(module parks: Parks per page\.\)/);
    expect((err as Error).message).toMatch(/PARKS_MAP_URL:/);
  });
});

describe('module roles', () => {
  /** a platform admin grants the role on the staff page, as in the back office */
  async function grant(userId: number, role: string, unitId: number) {
    const admin = new Client(t.app);
    const region = await t.ctx.db.selectFrom('units').select('code').where('kind', '=', 'region').executeTakeFirstOrThrow();
    await signInAs(t, admin, { kind: 'staff', grants: [{ role: 'platform_admin', unitCode: region.code }] });
    await admin.get(`/petugas/staf/${userId}`);
    return admin.post(`/petugas/staf/${userId}/peran`, { role, unit: String(unitId) });
  }

  it('grants a module role, which opens its pages and shows its label', async () => {
    const c = new Client(t.app);
    const userId = await signInAs(t, c, { kind: 'staff', grants: [{ role: 'officer', unitCode: u.kelX.code }] });
    expect((await c.get('/petugas/taman')).status).toBe(403);
    expect((await grant(userId, 'parks_ranger', u.kelX.id)).status).toBe(303);
    // the session's grants are read per request
    const res = await c.get('/petugas/taman');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('page size 5');
    expect(await (await c.get('/petugas')).text()).toContain('Penjaga taman');
  });

  it('lets a holder of only a module role into the back office', async () => {
    const c = new Client(t.app);
    await signInAs(t, c, { kind: 'staff', grants: [{ role: 'parks_ranger', unitCode: u.kelY.code }] });
    expect((await c.get('/petugas')).status).toBe(200);
  });

  it('refuses a role nobody declared', async () => {
    expect(isRole('parks_ranger')).toBe(true);
    expect(isRole('parks_king')).toBe(false);
    const c = new Client(t.app);
    const userId = await signInAs(t, c, { kind: 'staff', grants: [{ role: 'officer', unitCode: u.kelX.code }] });
    expect((await grant(userId, 'parks_king', u.kelX.id)).status).toBe(422);
    expect(await t.ctx.db.selectFrom('role_grants').select('role').where('user_id', '=', userId).execute()).toEqual([{ role: 'officer' }]);
  });
});
