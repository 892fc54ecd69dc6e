// The README's configuration table must list every setting Gapura reads — the platform's and every
// module's in this build — and nothing else.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../src/platform/config.ts';
import { modules } from '../../src/modules/index.ts';

describe('README', () => {
  it('documents every environment variable with its default, platform and modules', () => {
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
    const documented = [...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]);
    const modSettings = modules.flatMap((m) => Object.entries(m.settings ?? {}));
    for (const name of Object.keys(SETTINGS)) expect(documented, name).toContain(name);
    // a module's row shows the default its manifest declares
    for (const [name, spec] of modSettings) expect(section, name).toContain(`| \`${name}\` | ${spec.default} |`);
    expect(documented.filter((n) => !(n in SETTINGS) && !modSettings.some(([m]) => m === n))).toEqual([]);
  });
});
