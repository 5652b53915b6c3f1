// The page renders every string from a capture or a share link as text (React text nodes, textContent,
// XMLSerializer). This guard fails when code in src/ui starts to parse strings as markup or to run them, so
// that such a change is made on purpose, with a test beside it (e2e/hostile.spec.ts).

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';

const UI = import.meta.dirname;

/** Ways to turn a string into markup, code or a navigation. */
const SINKS: [string, RegExp][] = [
  ['dangerouslySetInnerHTML', /dangerouslySetInnerHTML/],
  ['innerHTML / outerHTML', /\.(inner|outer)HTML\b/],
  ['insertAdjacentHTML', /insertAdjacentHTML/],
  ['document.write', /document\.write/],
  ['createContextualFragment', /createContextualFragment/],
  ['DOMParser', /\bDOMParser\b/],
  ['srcdoc', /srcdoc/i],
  ['eval / new Function', /\beval\s*\(|new Function\s*\(/],
  ['string timers', /set(Timeout|Interval)\s*\(\s*['"`]/],
  ['JSX href/src/action from an expression', /\s(href|src|action|formAction)=\{/],
  ['javascript: URL', /javascript:/i],
];

/** `x.href = ...` is allowed only where the page builds a download link from a blob: URL it made itself. */
const HREF_ASSIGNMENTS: Record<string, number> = {
  'workspace.tsx': 1, // exported packets (URL.createObjectURL)
  'timeline/export.ts': 1, // exported timeline pictures (URL.createObjectURL)
  'offline/service-worker-client.ts': 1, // the manifest link: a fixed relative URL
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

test('no code in src/ui turns a string into markup, code or a link', () => {
  const found: string[] = [];
  for (const file of sources(UI)) {
    const text = readFileSync(file, 'utf8');
    for (const [what, re] of SINKS) if (re.test(text)) found.push(`${relative(UI, file)}: ${what}`);
  }
  expect(found).toEqual([]);
});

test('links are given an address only where the page makes a download of its own', () => {
  const found: Record<string, number> = {};
  for (const file of sources(UI)) {
    const n = readFileSync(file, 'utf8').match(/\.href\s*=(?!=)/g)?.length ?? 0;
    if (n > 0) found[relative(UI, file)] = n;
  }
  expect(found).toEqual(HREF_ASSIGNMENTS);
});
