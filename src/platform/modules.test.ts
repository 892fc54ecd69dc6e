// The manifest check at load: unique ids and names, every name prefixed with its module's id,
// requirements present and acyclic, load order following them.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineModule, type GapuraModule } from './module.ts';
import { loadModules, ModuleError } from './modules.ts';

const mod = (m: Partial<GapuraModule> & { id: string }) => defineModule(m);
const problems = (list: GapuraModule[]): string[] => {
  try {
    loadModules(list);
  } catch (e) {
    if (e instanceof ModuleError) return e.problems;
    throw e;
  }
  return [];
};

describe('loadModules', () => {
  it('refuses a permission declared by two modules, naming both', () => {
    const a = mod({ id: 'parks', permissions: { 'parks.view': { public: true } } });
    const b = mod({ id: 'parks2', permissions: { 'parks.view': { public: true } } });
    expect(problems([a, b])).toEqual(["permission 'parks.view' of module 'parks2' must start with 'parks2.'"]);
    // the same name under its own module's prefix, twice: two modules with one id
    expect(problems([a, mod({ id: 'parks', permissions: { 'parks.view': { public: true } } })])).toEqual(["two modules have the id 'parks'"]);
  });

  it('refuses unprefixed jobs, templates, strings, error codes, statistics, datasets, roles and settings', () => {
    const m = mod({
      id: 'parks',
      jobs: { 'cleanup.daily': async () => {} },
      templates: { welcome: { id: { subject: '', body: '' }, en: { subject: '', body: '' } } },
      locales: { id: { 'nav.parks': 'Taman' }, en: { 'nav.parks': 'Parks' } },
      errors: { closed: { status: 409, message: 'parks.closed' } },
      stats: { visitors: { label: 'parks.visitors', compute: () => Promise.resolve(0) } },
      exports: { list: { title: 'parks.list', fields: [], rows: () => Promise.resolve([]) } },
      roles: { ranger: { label: 'parks.role.ranger' } },
      settings: { PARK_LIMIT: { default: '1', description: '', schema: z.string() } },
    });
    expect(problems([m])).toEqual([
      "job 'cleanup.daily' of module 'parks' must start with 'parks.'",
      "template 'welcome' of module 'parks' must start with 'parks.'",
      "error code 'closed' of module 'parks' must start with 'parks.'",
      "statistic 'visitors' of module 'parks' must start with 'parks.'",
      "dataset 'list' of module 'parks' must start with 'parks.'",
      "role 'ranger' of module 'parks' must start with 'parks_'",
      "setting 'PARK_LIMIT' of module 'parks' must start with 'PARKS_'",
      "string 'nav.parks' of module 'parks' must start with 'parks.'",
      "error code 'closed' of module 'parks': no string 'parks.closed'",
      "role 'ranger' of module 'parks': no string 'parks.role.ranger'",
    ]);
  });

  it('refuses a name the platform owns and a command two modules declare', () => {
    const cli = { usage: 'x', run: () => Promise.resolve(0) };
    const a = mod({ id: 'error', locales: { id: { 'error.404.title': 'x' }, en: { 'error.404.title': 'x' } }, cli: { 'parks add': cli } });
    const b = mod({ id: 'parks', cli: { 'parks add': cli } });
    expect(problems([a, b])).toEqual([
      "string 'error.404.title' of module 'error' is the platform's own",
      "command 'parks add' is declared by both 'error' and 'parks'",
    ]);
  });

  it('orders modules after those they require, keeping the list order otherwise', () => {
    const a = mod({ id: 'a', requires: ['c'] });
    const b = mod({ id: 'b' });
    const c = mod({ id: 'c', requires: ['d'] });
    const d = mod({ id: 'd' });
    expect(loadModules([a, b, c, d]).map((m) => m.id)).toEqual(['b', 'd', 'c', 'a']);
    expect(loadModules([d, b, c, a]).map((m) => m.id)).toEqual(['d', 'b', 'c', 'a']);
  });

  it('stops on a missing or cyclic requirement, naming the modules', () => {
    expect(problems([mod({ id: 'a', requires: ['ghost'] })])).toEqual(["module 'a' requires 'ghost', which is not in this build"]);
    expect(problems([mod({ id: 'x' }), mod({ id: 'a', requires: ['b'] }), mod({ id: 'b', requires: ['c'] }), mod({ id: 'c', requires: ['a'] })])).toEqual([
      'these modules require each other in a cycle: a → b → c → a',
    ]);
  });
});

