// Values after a relation, converted to the field's type the way Wireshark 4.0's dfilter does it
// (epan/ftypes): integers in decimal, 0x hex, 0b binary or leading-0 octal ("010" is 8, as in tshark);
// booleans as True/False or a number (any non-zero is true: tshark's `tcp.flags.syn == 2` is `== 1`);
// relative times as [-]seconds[.fraction] (no exponent, nanoseconds at most); addresses unquoted with an optional /prefix;
// strings quoted, or a bare word. Mismatches are errors with tshark's meaning in radscope's words.

import { parseAddressLiteral } from './address.ts';
import type { Literal, Relation } from './ast.ts';
import type { FieldDef, FieldType } from './fields.ts';
import { FilterError, type Token } from './lexer.ts';

export const TYPE_NAMES: Record<FieldType, string> = {
  none: 'a label',
  bool: 'a boolean',
  uint: 'an integer',
  time: 'a relative time',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  string: 'a text',
};

/** Why a field cannot be compared at all, or null when it can. */
export function notComparable(f: FieldDef, at: number, op: string): FilterError | null {
  if (f.type !== 'none') return null;
  const what = f.protocol ? 'a protocol' : 'a flag with no value';
  return new FilterError(`${f.name} is ${what} and cannot be compared with '${op}' at ${at}: test it alone ('${f.name}' or '!${f.name}')`, at);
}

/** Whether relation `rel` applies to a field of this type; an error naming the mismatch otherwise. */
export function checkRelation(f: FieldDef, rel: Relation, op: string, at: number): FilterError | null {
  if (rel === 'contains' && f.type !== 'string') {
    return new FilterError(`'contains' needs a text field at ${at}: ${f.name} is ${TYPE_NAMES[f.type]}`, at);
  }
  if (rel === 'bitand' && f.type !== 'uint') {
    return new FilterError(`'${op}' needs an integer field at ${at}: ${f.name} is ${TYPE_NAMES[f.type]}`, at);
  }
  return null;
}

function parseInteger(text: string): number | null {
  let m: RegExpExecArray | null;
  if ((m = /^0[xX]([0-9a-fA-F]+)$/.exec(text))) return parseInt(m[1]!, 16);
  if ((m = /^0[bB]([01]+)$/.exec(text))) return parseInt(m[1]!, 2);
  if (/^0[0-7]+$/.test(text)) return parseInt(text.slice(1), 8);
  if (/^(0|[1-9][0-9]*)$/.test(text)) return Number(text);
  return null;
}

/** "[-]seconds[.fraction]", at most 9 fraction digits (tshark 4.0 rejects a 10th), as exact (sec, nsec) with
 * nsec normalised to 0 .. 1e9 - 1; null when not a time. */
export function parseRelativeTime(text: string): { sec: number; nsec: number } | null {
  const m = /^(-?)([0-9]{1,15})(?:\.([0-9]{1,9}))?$/.exec(text);
  if (!m) return null;
  let sec = Number(m[2]);
  let nsec = Number(((m[3] ?? '') + '000000000').slice(0, 9));
  if (m[1] === '-' && (sec !== 0 || nsec !== 0)) {
    sec = -sec;
    if (nsec !== 0) {
      sec -= 1;
      nsec = 1e9 - nsec;
    }
  }
  return { sec, nsec };
}

const RADIUS_HINT = ' (value names are not supported: Access-Request is 1, Access-Accept 2, Access-Reject 3, Accounting-Request 4, Accounting-Response 5, Access-Challenge 11)';

/** The literal a token denotes for field `f`. */
export function convertLiteral(f: FieldDef, t: Token): Literal | FilterError {
  const quoted = t.kind === 'string';
  const s = t.value;
  const at = t.at;
  switch (f.type) {
    case 'uint':
    case 'bool': {
      if (quoted) return new FilterError(`${f.name} takes a number, not a string, at ${at}: write ${s} without quotes`, at);
      if (f.type === 'bool' && /^(true|false)$/i.test(s)) return { kind: 'num', v: /^true$/i.test(s) ? 1 : 0 };
      if (s.startsWith('-') && parseInteger(s.slice(1)) !== null) return new FilterError(`'${s}' is negative at ${at}: ${f.name} is unsigned`, at);
      const v = parseInteger(s);
      if (v === null) {
        const hint = f.name === 'radius.code' ? RADIUS_HINT : f.type === 'bool' ? ' (use 1, 0, True or False)' : '';
        return new FilterError(`'${s}' is not a valid integer for ${f.name} at ${at}${hint}`, at);
      }
      if (f.type === 'bool') return { kind: 'num', v: v !== 0 ? 1 : 0 };
      if (v > f.max) return new FilterError(`'${s}' is too big for ${f.name} at ${at}: maximum ${f.max}`, at);
      return { kind: 'num', v };
    }
    case 'time': {
      const tm = quoted ? null : parseRelativeTime(s);
      if (tm === null) return new FilterError(`'${s}' is not a valid time for ${f.name} at ${at}: write seconds, like 1.5 (up to 9 decimals)`, at);
      return { kind: 'time', ...tm };
    }
    case 'ipv4':
    case 'ipv6': {
      if (quoted) return new FilterError(`an address is written without quotes at ${at}: ${f.name} == ${s}`, at);
      const a = parseAddressLiteral(s, f.type === 'ipv4' ? 4 : 6);
      if (typeof a === 'string') {
        const hint = /is an IPv6/.test(a) ? '; use ipv6.addr, ipv6.src or ipv6.dst' : /is an IPv4/.test(a) ? '; use ip.addr, ip.src or ip.dst' : '';
        return new FilterError(`${a} at ${at}${hint}`, at);
      }
      return { kind: 'addr', a };
    }
    case 'string':
      return { kind: 'str', v: s };
    case 'none':
      return notComparable(f, at, '==')!;
  }
}

/** Order of two literals of one field type (for set ranges): negative, zero or positive. */
export function compareLiterals(a: Literal, b: Literal): number {
  if (a.kind === 'num' && b.kind === 'num') return a.v - b.v;
  if (a.kind === 'str' && b.kind === 'str') return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
  if (a.kind === 'time' && b.kind === 'time') return a.sec !== b.sec ? a.sec - b.sec : a.nsec - b.nsec;
  if (a.kind === 'addr' && b.kind === 'addr') {
    for (let k = 0; k < a.a.bytes.length; k++) if (a.a.bytes[k] !== b.a.bytes[k]) return a.a.bytes[k]! - b.a.bytes[k]!;
    return 0;
  }
  return 0;
}
