#!/usr/bin/env node
// The dependency rule of ARCHITECTURE.md ("Folders and who may import whom"), checked in code as Perfetto's
// check_imports.py does. Each source file's imports are resolved and matched against an allowlist for its
// folder; tests (*.test.ts) and src/test-support may import anything. Exit 1 with one line per violation.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';


// [folder or file of the importer, allowed targets]. A target ending in '/' is a folder; 'pkg:x' a package
// (prefix match on its name), 'node:' any Node built-in. The first rule whose key is a prefix of the
// importer's path applies (so list files before their folders).
const UI = ['core/report/', 'core/base/', 'worker/api.ts', 'ui/', 'pkg:react', 'pkg:react-dom', 'pkg:@tanstack/', 'pkg:comlink'];
const RULES = [
  ['core/index.ts', ['core/']],
  ['core/pipeline.ts', ['core/']],
  ['core/base/', ['core/base/']],
  ['core/formats/', ['core/base/', 'core/formats/']],
  // dissectors take the readers' frame contract (RawFrame) and nothing else of formats
  ['core/dissect/', ['core/base/', 'core/dissect/', 'core/formats/raw-frame.ts']],
  ['core/analysis/', ['core/base/', 'core/dissect/', 'core/formats/', 'core/analysis/']],
  // reports turn decoded packets into rows, so they may read the packet model and its protocol codes
  // the share link validates untrusted input with valibot (issue "Share a report by link")
  ['core/report/', ['core/base/', 'core/analysis/', 'core/dissect/', 'core/report/', 'core/formats/raw-frame.ts', 'pkg:valibot']],
  ['core/filter/', ['core/base/', 'core/analysis/', 'core/filter/']],
  ['worker/', ['core/index.ts', 'worker/', 'pkg:comlink']],
  ['cli/', ['core/index.ts', 'cli/', 'node:']],
  // the one place the page starts the worker: `?worker` makes Vite bundle the worker apart (and `&inline` put that
  // bundle into the page as a string), so none of its code runs on the UI thread; the UI still sees only api.ts
  ['ui/analysis-client.ts', [...UI, 'worker/analysis-worker.ts?worker']],
  ['ui/', UI],
];

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

// import ... from '...'; export {...} / * from '...'; import '...'; import('...')
const IMPORT_RE =
  /(?:^|\n)\s*(?:import\s+(?:type\s+)?[^'";()]*?\s*from|export\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s*from)\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Checks every source file under `src`; returns the violations and how many imports were checked. */
export function checkImports(src) {
  const rel = (p) => relative(src, p).split(sep).join('/');
  const violations = [];
  let checked = 0;
  for (const file of walk(src)) {
  const me = rel(file);
  if (me.endsWith('.test.ts') || me.startsWith('test-support/')) continue;
  const rule = RULES.find(([key]) => me === key || (key.endsWith('/') && me.startsWith(key)));
  if (!rule) {
    violations.push(`${me}: no import rule covers this file (add its folder to scripts/check-imports.mjs)`);
    continue;
  }
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2] ?? m[3];
    checked++;
    let target;
    if (spec.startsWith('.')) target = rel(resolve(dirname(file), spec));
    else if (spec.startsWith('node:')) target = 'node:';
    else target = 'pkg:' + spec;
    const ok = rule[1].some((allowed) =>
      allowed === 'node:' ? target === 'node:' : allowed.endsWith('/') ? target.startsWith(allowed) : target === allowed || target.startsWith(allowed),
    );
    if (!ok) violations.push(`${me}: may not import '${spec}' (${target}); allowed: ${rule[1].join(', ')}`);
  }
  }
  return { violations, checked };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { violations, checked } = checkImports(join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'src'));
  if (violations.length > 0) {
  console.error(`check-imports: ${violations.length} violation(s) of the dependency rule (ARCHITECTURE.md):`);
  for (const v of violations) console.error('  ' + v);
    process.exit(1);
  }
  console.log(`check-imports: ${checked} imports follow the dependency rule`);
}
