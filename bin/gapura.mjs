#!/usr/bin/env node
// `npx gapura <command>`: TypeScript runs directly through tsx (no build step; see docs/decisions).
import { register } from 'tsx/esm/api';
register();
await import('../src/cli.ts');
