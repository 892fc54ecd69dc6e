// This build's modules pass the manifest check, are listed in load order, and throw only error
// codes someone registered.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { modules } from '../../src/modules/index.ts';
import { loadModules } from '../../src/platform/modules.ts';
import { registerModules } from '../../src/platform/boot.ts';
import { isRegisteredError } from '../../src/platform/http/errors.ts';

describe("this build's manifests", () => {
  it('load without problems, already in load order', () => {
    expect(loadModules(modules).map((m) => m.id)).toEqual(modules.map((m) => m.id));
  });
});

describe('error codes in the code', () => {
  // AppError codes are strings thrown at run time; an unregistered one answers 500. This is the
  // start-time check: every literal code in the source is the platform's or a module's.
  it('throws only registered codes', () => {
    registerModules(modules);
    const root = path.resolve(import.meta.dirname, '../../src');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
    const sources = files.map((f) => [f, fs.readFileSync(path.join(root, f), 'utf8')] as const);
    // AppError and its subclasses (UploadError, …)
    const classes = ['AppError', ...sources.flatMap(([, text]) => [...text.matchAll(/class (\w+) extends AppError\b/g)].map((m) => m[1]))];
    const thrown = new RegExp(`new (?:${classes.join('|')})\\(\\s*'([^']+)'`, 'g');
    const unknown: string[] = [];
    let seen = 0;
    for (const [f, text] of sources)
      for (const m of text.matchAll(thrown)) {
        seen++;
        if (!isRegisteredError(m[1])) unknown.push(`${f}: ${m[1]}`);
      }
    expect(seen).toBeGreaterThan(20);
    expect(unknown).toEqual([]);
  });
});
