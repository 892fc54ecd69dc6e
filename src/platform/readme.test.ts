// The README's configuration table must list every setting Gapura reads.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from './config.ts';

describe('README', () => {
  it('documents every environment variable with its default', () => {
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const name of Object.keys(SETTINGS)) expect(readme, name).toContain(`| \`${name}\` |`);
  });
});
