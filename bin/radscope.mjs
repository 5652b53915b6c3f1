#!/usr/bin/env node
// Entry for `npx radscope`: the CLI is built from src/cli by `npm install` (package.json "prepare").
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist-cli/radscope.mjs', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write('radscope: the CLI is not built yet; run `npm install` (or `npm run build:cli`) in the radscope folder.\n');
  process.exit(2);
}
await import(built);
