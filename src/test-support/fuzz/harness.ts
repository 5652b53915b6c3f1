// The fuzz harness: base inputs, a byte source at random chunk sizes, and the check run on every case.
// What the core promises at its boundary (src/README.md, core/base/errors.ts, formats/capture-reader.ts):
//   - bad bytes never throw: readers report Diagnostics (capture level, with the byte offset), dissectors
//     record problems on the frame;
//   - only a file with nothing readable throws, and then CaptureFormatError (with `detected`);
//   - CancelledError only when the caller cancels (the fuzz never does).
// So any other throw (TypeError, RangeError, a plain Error) is a failure, and so is a frame count beyond
// what the bytes can hold (a reader looping on one record) or fewer frames than the records lying wholly
// before the first damaged byte.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyseCapture, CaptureFormatError, FrameTable, type ChunkSource } from '../../core/index.ts';
import type { FrameVisit } from '../../core/analysis/frame-visit.ts';
import { REPO_ROOT } from '../corpus.ts';
import { firstDifference, packetsBefore, random, walkRecords, type Mutated } from './mutate.ts';

export const FAILURES_DIR = join(REPO_ROOT, 'fixtures', 'fuzz-failures');

/** The base inputs: the captures copied into the repository (never ../shared, which may be absent). */
export function baseInputs(): Array<{ name: string; bytes: Uint8Array }> {
  const paths: string[] = [join(REPO_ROOT, 'public', 'samples', 'tls-blackhole.pcapng')];
  const variants = join(REPO_ROOT, 'fixtures', 'lab-variants');
  for (const plan of readdirSync(variants).sort()) {
    const dir = join(variants, plan);
    if (!statSync(dir).isDirectory()) continue;
    for (const sc of readdirSync(dir).sort()) {
      const p = join(dir, sc, 'capture.pcapng');
      if (existsSync(p)) paths.push(p);
    }
  }
  const readers = join(REPO_ROOT, 'fixtures', 'readers');
  for (const name of readdirSync(readers).sort()) {
    if (/\.(pcap|pcapng|bin)$/.test(name)) paths.push(join(readers, name));
  }
  return paths.map((p) => ({ name: relative(REPO_ROOT, p), bytes: new Uint8Array(readFileSync(p)) }));
}

/** The bytes in chunks of random sizes (1 byte to 64 KiB, mostly small), each a fresh view. */
export async function* randomChunks(bytes: Uint8Array, seed: number): AsyncGenerator<Uint8Array> {
  const rnd = random(seed ^ 0x5bd1e995);
  for (let o = 0; o < bytes.length; ) {
    const r = rnd();
    const size = r < 0.2 ? 1 + Math.floor(rnd() * 8) : r < 0.7 ? 1 + Math.floor(rnd() * 512) : 1 + Math.floor(rnd() * 65536);
    const end = Math.min(bytes.length, o + size);
    yield bytes.slice(o, end);
    o = end;
  }
}

export class StepBudgetExceeded extends Error {
  override readonly name = 'StepBudgetExceeded';
}

export interface CaseResult {
  outcome: 'report' | 'capture-error';
  frames: number;
  error?: string;
}

export interface CaseCheck {
  /** What went wrong (empty: the case passed). */
  problems: string[];
  result: CaseResult | null;
}

/** The smallest record a frame can come from: a pcap record header (16), a pcapng SPB (16). */
const MIN_RECORD = 12;

/**
 * Runs one input through the whole pipeline (analyseCapture, the packet table's visitor and its rows) and
 * returns what is wrong. `minFrames`: frames that must be reported; `exactFrames`: when the framing is intact.
 */
export async function runCase(bytes: Uint8Array, chunkSeed: number, opts: { minFrames?: number; exactFrames?: number; table?: boolean } = {}): Promise<CaseCheck> {
  const problems: string[] = [];
  // the step budget: no input of n bytes can hold more than n / 12 frames; a reader that loops on one
  // record trips it long before any wall-clock limit
  const maxFrames = Math.floor(bytes.length / MIN_RECORD) + 1;
  let steps = 0;
  const table = opts.table ? new FrameTable() : null;
  const visit = (v: FrameVisit) => {
    if (++steps > maxFrames) throw new StepBudgetExceeded(`more than ${maxFrames} frames from ${bytes.length} bytes`);
    table?.add(v);
  };
  let result: CaseResult;
  try {
    const a = await analyseCapture(randomChunks(bytes, chunkSeed) as ChunkSource, { keepIndex: table !== null }, visit);
    result = { outcome: 'report', frames: a.scan.frames };
    if (a.scan.frames !== steps) problems.push(`scan.frames ${a.scan.frames} but ${steps} frames visited`);
    if (typeof a.report !== 'object' || a.report === null) problems.push('no report');
    // the report must be plain data (the worker posts it, the CLI prints it)
    JSON.stringify(a.report);
    if (table !== null && a.scan.index !== null) {
      table.radiusAfter = (n) => a.scan.radius.infoForFrame(n);
      const all = Array.from({ length: a.scan.frames }, (_, i) => i + 1);
      const rows = await table.rows(a.scan.index, all, null, { read: async (offset, length) => bytes.slice(offset, offset + length) });
      if (rows.length !== all.length) problems.push(`table: ${rows.length} rows for ${all.length} frames`);
    }
  } catch (e) {
    if (e instanceof CaptureFormatError && e.message.length > 0) {
      result = { outcome: 'capture-error', frames: 0, error: e.message };
    } else {
      const err = e as Error;
      problems.push(`threw ${err?.name ?? typeof e}: ${err?.message ?? String(e)}\n${(err?.stack ?? '').split('\n').slice(1, 6).join('\n')}`);
      return { problems, result: null };
    }
  }
  if (opts.exactFrames !== undefined && result.frames !== opts.exactFrames) {
    problems.push(`framing intact but ${result.frames} frames, ${opts.exactFrames} expected`);
  } else if (opts.minFrames !== undefined && result.frames < opts.minFrames) {
    problems.push(`${result.frames} frames but ${opts.minFrames} records lie wholly before the first damaged byte${result.error ? ` (${result.error})` : ''}`);
  }
  return { problems, result };
}

/** The frames a mutated input must still report, from the original's records (walked independently). */
export function expectations(original: Uint8Array, m: Mutated): { minFrames?: number; exactFrames?: number } {
  const layout = walkRecords(original);
  if (layout.format === 'other') return {};
  const total = layout.records.filter((r) => r.packet).length;
  // a file that reads whole only in part (fixtures/readers/cut-mid-record.pcap) has no exact count
  const whole = layout.records.length > 0 && layout.records[layout.records.length - 1]!.end === original.length;
  if (m.contentOnly && whole) return { exactFrames: total };
  const at = firstDifference(original, m.bytes);
  return { minFrames: packetsBefore(layout, at === Infinity ? original.length : at) };
}

/** Saves a failing input to fixtures/fuzz-failures/<hash>.<ext> with a note beside it; returns the path. */
export function saveFailure(bytes: Uint8Array, note: { base: string; seed: number; chunkSeed: number; steps: string[]; problems: string[]; minFrames?: number; exactFrames?: number }): string {
  mkdirSync(FAILURES_DIR, { recursive: true });
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const layout = walkRecords(bytes);
  const ext = layout.format === 'pcapng' || note.base.endsWith('.pcapng') ? 'pcapng' : 'pcap';
  const path = join(FAILURES_DIR, `${hash}.${ext}`);
  writeFileSync(path, bytes);
  writeFileSync(path + '.json', JSON.stringify(note, null, 2) + '\n');
  return path;
}

/** Every saved failure: the bytes and its note. */
export function savedFailures(): Array<{ name: string; bytes: Uint8Array; note: { chunkSeed?: number; minFrames?: number; exactFrames?: number } }> {
  if (!existsSync(FAILURES_DIR)) return [];
  return readdirSync(FAILURES_DIR)
    .filter((n) => /\.(pcap|pcapng)$/.test(n))
    .sort()
    .map((n) => {
      const notePath = join(FAILURES_DIR, n + '.json');
      return { name: n, bytes: new Uint8Array(readFileSync(join(FAILURES_DIR, n))), note: existsSync(notePath) ? JSON.parse(readFileSync(notePath, 'utf8')) : {} };
    });
}
