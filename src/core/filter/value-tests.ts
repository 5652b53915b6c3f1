// The tests a compiled filter makes of one value, bound to the columns: comparisons with a literal (the
// commonest straight on the typed arrays), set membership as sorted ranges searched by halves, address tests
// answered once per distinct address of the capture, times compared exactly as (sec, nsec).

import { networkKeys, type AddressTable } from './address.ts';
import type { Literal, Quantifier, Relation, SetItem } from './ast.ts';
import type { FrameColumns } from './columns.ts';
import type { FieldDef, FieldReader, Value } from './fields.ts';

export type Predicate = (i: number) => boolean;

/** frame.number is the index plus one: "frame.number >= 10" is "i >= 9". */
export function frameNumberTest(rel: Relation, k: number): Predicate {
  const j = k - 1;
  switch (rel) {
    case 'eq':
      return (i) => i === j;
    case 'ne':
      return (i) => i !== j;
    case 'lt':
      return (i) => i < j;
    case 'le':
      return (i) => i <= j;
    case 'gt':
      return (i) => i > j;
    case 'ge':
      return (i) => i >= j;
    default:
      return (i) => ((i + 1) & k) !== 0;
  }
}

/**
 * The commonest tests (tcp.port == 443, tcp.flags.syn == 1, frame.len > 1000) as one closure reading the typed
 * arrays with the constant inlined; null for the rest, which take the general path.
 */
export function numericColumnTest(layers: ArrayLike<number>, cols: NonNullable<FieldReader['columns']>, q: Quantifier, rel: Relation, k: number): Predicate | null {
  const { mask, a, b, flag } = cols;
  if (flag !== 0 && (rel === 'eq' || rel === 'ne')) {
    const want = (k !== 0) === (rel === 'eq'); // a bit of a present field: == 1 is set, != 1 is clear
    return want ? (i) => (layers[i]! & mask) !== 0 && (a[i]! & flag) !== 0 : (i) => (layers[i]! & mask) !== 0 && (a[i]! & flag) === 0;
  }
  if (flag !== 0) return null;
  if (b === null) {
    const m = mask;
    switch (rel) {
      case 'eq':
        return m === 0 ? (i) => a[i] === k : (i) => (layers[i]! & m) !== 0 && a[i] === k;
      case 'ne':
        return m === 0 ? (i) => a[i] !== k : (i) => (layers[i]! & m) !== 0 && a[i] !== k;
      case 'lt':
        return m === 0 ? (i) => a[i]! < k : (i) => (layers[i]! & m) !== 0 && a[i]! < k;
      case 'le':
        return m === 0 ? (i) => a[i]! <= k : (i) => (layers[i]! & m) !== 0 && a[i]! <= k;
      case 'gt':
        return m === 0 ? (i) => a[i]! > k : (i) => (layers[i]! & m) !== 0 && a[i]! > k;
      case 'ge':
        return m === 0 ? (i) => a[i]! >= k : (i) => (layers[i]! & m) !== 0 && a[i]! >= k;
      default:
        return null;
    }
  }
  // a pair of ports: == is either, != (all_ne) is neither, === both, ~= not both
  if (rel === 'eq') return q === 'any' ? (i) => (layers[i]! & mask) !== 0 && (a[i] === k || b[i] === k) : (i) => (layers[i]! & mask) !== 0 && a[i] === k && b[i] === k;
  if (rel === 'ne') return q === 'all' ? (i) => (layers[i]! & mask) !== 0 && a[i] !== k && b[i] !== k : (i) => (layers[i]! & mask) !== 0 && (a[i] !== k || b[i] !== k);
  return null;
}

/** The test a relation makes of an order (negative, zero, positive). */
function byOrder(rel: Relation): (d: number) => boolean {
  switch (rel) {
    case 'eq':
      return (d) => d === 0;
    case 'ne':
      return (d) => d !== 0;
    case 'lt':
      return (d) => d < 0;
    case 'le':
      return (d) => d <= 0;
    case 'gt':
      return (d) => d > 0;
    case 'ge':
      return (d) => d >= 0;
    default:
      return () => false; // contains / bitand: the parser allows them on text and integers only
  }
}

export function valueTest(f: FieldDef, rel: Relation, lit: Literal, c: FrameColumns): (v: Value) => boolean {
  if (lit.kind === 'num') {
    const k = lit.v;
    switch (rel) {
      case 'eq':
        return (v) => v === k;
      case 'ne':
        return (v) => v !== k;
      case 'lt':
        return (v) => (v as number) < k;
      case 'le':
        return (v) => (v as number) <= k;
      case 'gt':
        return (v) => (v as number) > k;
      case 'ge':
        return (v) => (v as number) >= k;
      case 'bitand':
        return (v) => ((v as number) & k) !== 0;
      default:
        return () => false;
    }
  }
  if (lit.kind === 'str') {
    const k = lit.v;
    if (rel === 'contains') return (v) => (v as string).includes(k);
    if (rel === 'eq') return (v) => v === k;
    if (rel === 'ne') return (v) => v !== k;
    const test = byOrder(rel);
    return (v) => test((v as string) < k ? -1 : (v as string) > k ? 1 : 0);
  }
  if (lit.kind === 'time') {
    const test = byOrder(rel);
    const [ts, tn] = absoluteTime(c)(lit);
    const { sec, nsec } = c;
    return (v) => {
      const d = sec[v as number]! - ts;
      return test(d !== 0 ? d : nsec[v as number]! - tn);
    };
  }
  // An address: answer once per distinct address of the capture; a network literal (10.0.0.0/8) compares the
  // address masked to its prefix (tshark 4.0: `ip.addr > 10.0.0.0/8` is true for 172.30.64.40).
  // As the masked address against the network: below its lowest address, inside it, or above its highest.
  const test = byOrder(rel);
  const [lo, hi] = networkKeys(lit.a);
  const ok = addressBitmap(c.addresses, f.type === 'ipv4' ? 4 : 6, (k) => test(k < lo ? -1 : k > hi ? 1 : 0));
  return (v) => ok[v as number] === 1;
}

/**
 * frame.time_relative is taken against the first frame with a time stamp (Wireshark: against the first
 * frame). A relative literal is turned into an absolute (sec, nsec) once, so each frame compares its own two
 * columns, exactly, with no subtraction.
 */
function absoluteTime(c: FrameColumns): (rel: { sec: number; nsec: number }) => [number, number] {
  let first = 0;
  while (first < c.count && Number.isNaN(c.sec[first]!)) first++;
  const s0 = c.sec[first] ?? 0;
  const n0 = c.nsec[first] ?? 0;
  return (rel) => {
    const ns = n0 + rel.nsec;
    return ns >= 1e9 ? [s0 + rel.sec + 1, ns - 1e9] : [s0 + rel.sec, ns];
  };
}

const pairCmp = (a: readonly [number, number], b: readonly [number, number]) => (a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1]);

/** The answer of a test for each distinct address of the family (by id): computed once per filter. */
function addressBitmap(t: AddressTable, version: 4 | 6, test: (key: number | string) => boolean): Uint8Array {
  const ok = new Uint8Array(t.size);
  for (let id = 1; id < t.size; id++) if (t.version(id) === version && test(t.key(id))) ok[id] = 1;
  return ok;
}

export function pairTest(f: FieldDef, rel: Relation, t: AddressTable): (a: Value, b: Value) => boolean {
  if (rel === 'contains') return (a, b) => (a as string).includes(b as string);
  if (rel === 'bitand') return (a, b) => ((a as number) & (b as number)) !== 0;
  const test = byOrder(rel);
  if (f.type === 'ipv4' || f.type === 'ipv6') {
    return (a, b) => {
      const ka = t.key(a as number);
      const kb = t.key(b as number);
      return test(ka < kb ? -1 : ka > kb ? 1 : 0);
    };
  }
  return (a, b) => test(a < b ? -1 : a > b ? 1 : 0);
}

/** Sorted, merged [lo, hi] ranges of comparable keys, searched by halves. */
function rangeSearch<K>(ranges: [K, K][], cmp: (a: K, b: K) => number): (k: K) => boolean {
  ranges.sort((x, y) => cmp(x[0], y[0]));
  const lo: K[] = [];
  const hi: K[] = [];
  for (const [a, b] of ranges) {
    if (cmp(a, b) > 0) continue; // {5..1} is empty, as in tshark
    if (lo.length > 0 && cmp(a, hi[hi.length - 1]!) <= 0) {
      if (cmp(b, hi[hi.length - 1]!) > 0) hi[hi.length - 1] = b;
    } else {
      lo.push(a);
      hi.push(b);
    }
  }
  return (k) => {
    let l = 0;
    let h = lo.length - 1;
    while (l <= h) {
      const m = (l + h) >> 1;
      if (cmp(k, lo[m]!) < 0) h = m - 1;
      else if (cmp(k, hi[m]!) > 0) l = m + 1;
      else return true;
    }
    return false;
  };
}

const numCmp = (a: number, b: number) => a - b;
const strCmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const keyCmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);

export function setTest(f: FieldDef, items: SetItem[], c: FrameColumns): (v: Value) => boolean {
  const first = items[0]!.lo;
  if (first.kind === 'num') {
    const has = rangeSearch(items.map((x) => [(x.lo as { v: number }).v, ((x.hi ?? x.lo) as { v: number }).v]), numCmp);
    return (v) => has(v as number);
  }
  if (first.kind === 'str') {
    const has = rangeSearch(items.map((x) => [(x.lo as { v: string }).v, ((x.hi ?? x.lo) as { v: string }).v]), strCmp);
    return (v) => has(v as string);
  }
  if (first.kind === 'time') {
    const abs = absoluteTime(c);
    const key = (l: Literal): [number, number] => abs(l as Extract<Literal, { kind: 'time' }>);
    const has = rangeSearch(items.map((x) => [key(x.lo), key(x.hi ?? x.lo)]), pairCmp);
    const probe: [number, number] = [0, 0];
    return (v) => {
      probe[0] = c.sec[v as number]!;
      probe[1] = c.nsec[v as number]!;
      return has(probe);
    };
  }
  // addresses: each distinct address of the capture is looked up once, by its sortable key
  const addr = (l: Literal) => (l as Extract<Literal, { kind: 'addr' }>).a;
  const ranges = items.map((x): [number | string, number | string] => (x.hi !== null ? [networkKeys(addr(x.lo))[0], networkKeys(addr(x.hi))[1]] : networkKeys(addr(x.lo))));
  const has = rangeSearch(ranges, keyCmp);
  const ok = addressBitmap(c.addresses, f.type === 'ipv4' ? 4 : 6, has);
  return (v) => ok[v as number] === 1;
}
