// The dependency checker must catch what ARCHITECTURE.md forbids, or it guards nothing.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from 'vitest';
import { checkImports } from './check-imports.mjs';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'radscope-imports-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

test('flags a Node built-in, a package and an upward import in the core, and the UI reaching into analysis', () => {
  const { violations } = checkImports(
    tree({
      'core/base/a.ts': "import { readFileSync } from 'node:fs';\n",
      'core/formats/b.ts': "import React from 'react';\nimport { x } from '../analysis/c.ts';\n",
      'core/analysis/c.ts': "export const x = 1;\n",
      'ui/d.tsx': "import { x } from '../core/analysis/c.ts';\n",
      'ui/ok.tsx': "import { useState } from 'react';\nimport type { AnalysisApi } from '../worker/api.ts';\n",
      'worker/api.ts': 'export {};\n',
    }),
  );
  expect(violations).toHaveLength(4);
  expect(violations.join('\n')).toMatch(/core\/base\/a\.ts: may not import 'node:fs'/);
  expect(violations.join('\n')).toMatch(/ui\/d\.tsx: may not import/);
});

test('the repository itself follows the rule', () => {
  const { violations, checked } = checkImports(join(import.meta.dirname, '..', 'src'));
  expect(violations).toEqual([]);
  expect(checked).toBeGreaterThan(50);
});
