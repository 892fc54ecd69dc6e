// ESLint: typescript-eslint's strict, type-aware rules (a promise nobody awaits is a lost error or a
// response sent before the work is done) and the module boundaries of docs/modules.md:
// - src/platform/ never imports src/modules/ (the platform knows no feature);
// - a module imports another module only through that module's module.ts (its public surface).
import path from 'node:path';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;
const modulesDir = path.join(root, 'src', 'modules');
const platformDir = path.join(root, 'src', 'platform');

/** The module folder a file belongs to ('units'), or undefined outside src/modules/<id>/. */
function moduleOf(file) {
  const rel = path.relative(modulesDir, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const parts = rel.split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}

const boundaries = {
  meta: { type: 'problem', messages: {
    platform: 'src/platform must not import a module ({{target}}): pass what it needs through the manifest or the context.',
    module: 'A module imports another only through its module.ts: import from "{{allowed}}" instead of {{target}}.',
  } },
  create(context) {
    const file = context.filename;
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), spec);
      const targetModule = moduleOf(target);
      if (!targetModule && !target.startsWith(modulesDir + path.sep)) return;
      if (file.startsWith(platformDir + path.sep)) {
        context.report({ node, messageId: 'platform', data: { target: spec } });
        return;
      }
      const own = moduleOf(file);
      if (!targetModule || targetModule === own) return;
      if (path.relative(path.join(modulesDir, targetModule), target) === 'module.ts') return;
      context.report({ node, messageId: 'module', data: { target: spec, allowed: path.relative(path.dirname(file), path.join(modulesDir, targetModule, 'module.ts')) } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', '**/*.d.ts'] },
  ...tseslint.configs.strictTypeChecked,
  {
    // the vitest configs sit outside tsconfig's include (tsc need not check them); lint them on their own
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['vitest.config.ts', 'vitest.e2e.config.ts'] }, tsconfigRootDir: root } },
    plugins: { gapura: { rules: { boundaries } } },
    rules: {
      'gapura/boundaries': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // Kept off, with reasons: template literals with numbers are fine for text; non-null assertions
      // mark facts the types cannot express (a regex group that exists); `any` from untyped JSON is
      // narrowed by zod at the edge.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Rows, JSON columns and driver values are typed as we expect them, not as they may arrive (pg
      // returns count(*) as a string, a JSON column may hold null): defensive `?? x` and Number(x) on
      // "already typed" values stay.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-unnecessary-type-conversion': 'off',
      // style only: `() => void doThing()` and `return c.redirect()` in a void handler read fine
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests read JSON answers as the loosely typed values they are and poke at them; the code under
    // test is held to the full rules.
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**', '**/test-fixtures.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
