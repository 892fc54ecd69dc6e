// Indonesian first, English complete: every string a person reads exists in both languages, and
// every key the code asks for exists.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { modules } from '../../src/modules/index.ts';
import { platformDict } from '../../src/platform/i18n/platform.ts';
import { addDictionary, dictionary } from '../../src/platform/i18n/index.ts';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('translations', () => {
  const dicts = [{ name: 'platform', locales: platformDict }, ...modules.filter((m) => m.locales).map((m) => ({ name: m.id, locales: m.locales! }))];

  it.each(dicts)('$name: the same keys in Indonesian and English, none empty', ({ locales }) => {
    expect(Object.keys(locales.en).sort()).toEqual(Object.keys(locales.id).sort());
    for (const lang of ['id', 'en'] as const) {
      for (const [k, v] of Object.entries(locales[lang])) expect(v.trim(), `${lang} ${k}`).not.toBe('');
    }
  });

  it('every literal key passed to t() exists', () => {
    for (const d of dicts) addDictionary(d.locales);
    const known = dictionary('id');
    const missing: string[] = [];
    let checked = 0;
    for (const file of sources(SRC)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-z0-9_]+(?:\.[a-z0-9_]+)+)'/g)) {
        checked++;
        if (!(m[1] in known)) missing.push(`${path.relative(SRC, file)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  });
});
