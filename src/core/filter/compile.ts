// From filter text to a predicate over frame indices: parse and check once, then bind each test to the
// columns as a small closure (no object per frame, no allocation while it runs). Everything per distinct
// value that can be answered once is: an address test becomes a Uint8Array over the capture's address ids,
// a set becomes sorted ranges searched by halves.

import type { FilterNode, Quantifier } from './ast.ts';
import { FILTER_LIMITS } from './ast.ts';
import type { FrameColumns } from './columns.ts';
import type { FieldDef, FieldReader, Value } from './fields.ts';
import { FilterError, tokenize } from './lexer.ts';
import { Parser } from './parser.ts';
import { frameNumberTest, numericColumnTest, pairTest, setTest, valueTest, type Predicate } from './value-tests.ts';

export type { Predicate };

export type FilterParse = { ok: true; node: FilterNode; fields: string[] } | { ok: false; error: string; at: number };
export type CompiledFilter = { ok: true; predicate: Predicate; fields: string[] } | { ok: false; error: string; at: number };

/** Checks a filter without columns (as the user types): the fields it uses, or the first error. Never throws. */
export function parseFilter(text: string): FilterParse {
  try {
    if (typeof text !== 'string') return { ok: false, error: 'the filter is not text', at: 0 };
    if (text.length > FILTER_LIMITS.length) {
      return { ok: false, error: `filter too long: ${text.length} characters, at most ${FILTER_LIMITS.length}`, at: FILTER_LIMITS.length };
    }
    const toks = tokenize(text, FILTER_LIMITS.tokens);
    if (toks instanceof FilterError) return { ok: false, error: toks.message, at: toks.at };
    const p = new Parser(toks);
    const node = p.parse();
    return { ok: true, node, fields: p.fields };
  } catch (e) {
    if (e instanceof FilterError) return { ok: false, error: e.message, at: e.at };
    return { ok: false, error: `the filter could not be read (${e instanceof Error ? e.message : String(e)})`, at: 0 };
  }
}

/**
 * Compiles a display filter to a predicate over the frames of `columns` (frame index i, frame.number i + 1).
 * An empty filter matches every frame, as in Wireshark. Never throws; errors name the problem and position.
 */
export function compileFilter(text: string, columns: FrameColumns): CompiledFilter {
  const parsed = parseFilter(text);
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, predicate: bind(parsed.node, columns), fields: parsed.fields };
  } catch (e) {
    return { ok: false, error: `the filter could not be applied (${e instanceof Error ? e.message : String(e)})`, at: 0 };
  }
}

/** Frame indices (0-based, ascending) the predicate accepts. */
export function matchingFrames(predicate: Predicate, count: number): Uint32Array {
  const out = new Uint32Array(count);
  let n = 0;
  for (let i = 0; i < count; i++) if (predicate(i)) out[n++] = i;
  return out.slice(0, n);
}

function bind(n: FilterNode, c: FrameColumns): Predicate {
  switch (n.kind) {
    case 'all':
      return () => true;
    case 'not': {
      const a = bind(n.item, c);
      return (i) => !a(i);
    }
    case 'and':
    case 'or': {
      const ps = n.items.map((x) => bind(x, c));
      if (ps.length === 2) {
        const [a, b] = ps as [Predicate, Predicate];
        return n.kind === 'and' ? (i) => a(i) && b(i) : (i) => a(i) || b(i);
      }
      return n.kind === 'and' ? (i) => ps.every((p) => p(i)) : (i) => ps.some((p) => p(i));
    }
    case 'exists':
      return reader(n.field.def, c).exists;
    case 'compare': {
      const r = reader(n.field.def, c);
      if (n.value.kind === 'num' && n.field.def.name === 'frame.number') return frameNumberTest(n.rel, n.value.v);
      return (n.value.kind === 'num' && r.columns !== undefined && numericColumnTest(c.layers, r.columns, n.q, n.rel, n.value.v)) || quantify(r, n.q, valueTest(n.field.def, n.rel, n.value, c), c.layers, n.field.def.type);
    }
    case 'in':
      return quantify(reader(n.field.def, c), 'any', setTest(n.field.def, n.items, c), c.layers, n.field.def.type);
    case 'compare-fields':
      return quantifyPairs(reader(n.field.def, c), reader(n.other.def, c), n.q, pairTest(n.field.def, n.rel, c.addresses));
  }
}

/** Time fields read the frame index itself as their value; valueTest turns it into the frame's time. */
function reader(f: FieldDef, c: FrameColumns): FieldReader {
  if (f.type !== 'time') return f.bind(c);
  const exists = f.bind(c).exists;
  return {
    exists,
    read: (i, out) => {
      if (!exists(i)) return 0;
      out[0] = i;
      return 1;
    },
  };
}

function quantify(r: FieldReader, q: Quantifier, t: (v: Value) => boolean, layers: ArrayLike<number>, type: FieldDef['type']): Predicate {
  const cols = r.columns;
  if (cols !== undefined && !(cols.b !== null && q === 'all' && (type === 'ipv4' || type === 'ipv6'))) {
    // straight from the typed arrays: no read() into a buffer (the common filters: tcp.port == 443...)
    const { mask, a, b, flag } = cols;
    if (flag !== 0) return (i) => (layers[i]! & mask) !== 0 && t((a[i]! & flag) !== 0 ? 1 : 0);
    if (b === null) return mask === 0 ? (i) => t(a[i]!) : (i) => (layers[i]! & mask) !== 0 && t(a[i]!);
    // an address pair: id 0 (no address) fails every address test, so `any` needs no check for it
    return q === 'any' ? (i) => (layers[i]! & mask) !== 0 && (t(a[i]!) || t(b[i]!)) : (i) => (layers[i]! & mask) !== 0 && t(a[i]!) && t(b[i]!);
  }
  const buf: Value[] = [];
  if (q === 'any') {
    return (i) => {
      const n = r.read(i, buf);
      for (let k = 0; k < n; k++) if (t(buf[k]!)) return true;
      return false;
    };
  }
  return (i) => {
    const n = r.read(i, buf);
    if (n === 0) return false;
    for (let k = 0; k < n; k++) if (!t(buf[k]!)) return false;
    return true;
  };
}

function quantifyPairs(ra: FieldReader, rb: FieldReader, q: Quantifier, t: (a: Value, b: Value) => boolean): Predicate {
  const a: Value[] = [];
  const b: Value[] = [];
  return (i) => {
    const na = ra.read(i, a);
    const nb = rb.read(i, b);
    if (na === 0 || nb === 0) return false;
    for (let x = 0; x < na; x++) {
      for (let y = 0; y < nb; y++) {
        const ok = t(a[x]!, b[y]!);
        if (q === 'any' ? ok : !ok) return q === 'any';
      }
    }
    return q === 'all';
  };
}
