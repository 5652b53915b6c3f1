// Domain names in DNS messages (RFC 1035 section 3.1 and 4.1.4): a sequence of labels, each a length octet
// (at most 63, section 2.3.4) and that many octets, ended by the zero-length root label or by a compression
// pointer (two octets, top bits 11, 14-bit offset from the start of the message). The other two prefixes
// (01, 10) are reserved (RFC 6891 section 5 retired the 01 "extended label" type).
//
// Bad input never throws and never loops: a name is cut at 255 octets (section 3.1, counting length octets
// and the root), pointers must land inside the message, and at most MAX_POINTER_JUMPS are followed (a loop
// of pointers adds no octets, so the length limit alone would not stop it). Forward pointers are followed, as
// Wireshark does, since the jump limit already makes them safe.

import { codesFlat } from './flat-text.ts';

export const MAX_NAME_OCTETS = 255; // RFC 1035 section 3.1
export const MAX_LABEL_OCTETS = 63; // RFC 1035 section 2.3.4
/** More jumps than a 255-octet name can need (each followed label costs at least 2 octets). */
export const MAX_POINTER_JUMPS = 127;
/** How Wireshark shows the root name; radscope shows it the same way. */
export const ROOT_NAME = '<Root>';

export interface DnsName {
  /** Presentation form: labels joined by '.', with RFC 1035 section 5.1 escapes (`\.`, `\\`, `\DDD`). */
  name: string;
  /** Offset just after the name where it started (after the first pointer, if any). */
  next: number;
  /** Octets of the name in wire form (length octets, labels and the root). */
  octets: number;
  /** Why reading stopped early, or null for a well-formed name. `name` then holds the labels read so far. */
  problem: string | null;
  /** 'truncated' when the octets ran out, 'malformed' for a bad pointer, label type or length. */
  problemKind: 'truncated' | 'malformed';
  /** Offset (in the buffer) where the problem was found. */
  problemAt: number;
}

/**
 * Reads the name at `at`. `msgStart`/`msgEnd` bound the DNS message in `b`: compression offsets count from
 * `msgStart`, and nothing at or past `msgEnd` is read.
 */
export function readDnsName(b: Uint8Array, msgStart: number, msgEnd: number, at: number): DnsName {
  let o = at;
  let next = -1;
  let jumps = 0;
  let octets = 1; // the root label's length octet
  // the presentation form is built as character codes and made a string once (flat, one allocation)
  let n = 0;
  for (;;) {
    if (o >= msgEnd) return failed(n, next, octets, msgEnd, 'name runs past the end of the message', o, 'truncated');
    const len = b[o]!;
    if (len === 0) {
      if (next < 0) next = o + 1;
      return { name: n === 0 ? ROOT_NAME : codesText(n), next, octets, problem: null, problemKind: 'malformed', problemAt: -1 };
    }
    const prefix = len & 0xc0;
    if (prefix === 0xc0) {
      if (o + 1 >= msgEnd) return failed(n, next, octets, msgEnd, 'compression pointer cut short', o, 'truncated');
      const target = ((len & 0x3f) << 8) | b[o + 1]!;
      if (next < 0) next = o + 2;
      if (msgStart + target >= msgEnd) return failed(n, next, octets, msgEnd, `compression pointer to offset ${target}, past the end of the message`, o);
      if (++jumps > MAX_POINTER_JUMPS) return failed(n, next, octets, msgEnd, `compression loop (more than ${MAX_POINTER_JUMPS} pointers)`, o);
      o = msgStart + target;
      continue;
    }
    if (prefix !== 0) {
      return failed(n, next, octets, msgEnd, `label length octet 0x${len.toString(16)}: labels are at most ${MAX_LABEL_OCTETS} octets and type 0x${prefix.toString(16)} is reserved`, o);
    }
    octets += len + 1;
    if (octets > MAX_NAME_OCTETS) return failed(n, next, octets, msgEnd, `name longer than ${MAX_NAME_OCTETS} octets`, o);
    if (o + 1 + len > msgEnd) return failed(n, next, octets, msgEnd, 'label runs past the end of the message', o, 'truncated');
    if (n > 0) CODES[n++] = 0x2e;
    n = labelCodes(b, o + 1, o + 1 + len, n);
    o += 1 + len;
  }
}

function failed(n: number, next: number, octets: number, msgEnd: number, problem: string, where: number, problemKind: DnsName['problemKind'] = 'malformed'): DnsName {
  return {
    name: n === 0 ? ROOT_NAME : codesText(n),
    next: next >= 0 ? next : Math.min(where, msgEnd),
    octets,
    problem,
    problemKind,
    problemAt: where,
  };
}

// At most 255 octets of name, each written as up to 4 characters (\DDD), plus the dots between labels.
const CODES = new Uint16Array(MAX_NAME_OCTETS * 4 + 128);

function codesText(n: number): string {
  return codesFlat(CODES, n);
}

/** Writes one label's presentation form (see labelText) to CODES from `n`; returns the new end. */
function labelCodes(b: Uint8Array, from: number, to: number, n: number): number {
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if (c === 0x2e || c === 0x5c) {
      CODES[n++] = 0x5c;
      CODES[n++] = c;
    } else if (c > 0x20 && c < 0x7f) {
      CODES[n++] = c;
    } else {
      CODES[n++] = 0x5c;
      CODES[n++] = 0x30 + Math.floor(c / 100);
      CODES[n++] = 0x30 + (Math.floor(c / 10) % 10);
      CODES[n++] = 0x30 + (c % 10);
    }
  }
  return n;
}

/** One label in presentation form (RFC 1035 section 5.1): printable ASCII as is, `.` and `\` escaped, the rest `\DDD`. */
export function labelText(b: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if (c === 0x2e || c === 0x5c) s += '\\' + String.fromCharCode(c);
    else if (c > 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else s += '\\' + String(c).padStart(3, '0');
  }
  return s;
}

/** A name as a lookup key: lower case (RFC 4343 section 3: names compare case-insensitively), no final dot. */
export function dnsNameKey(name: string): string {
  const n = name.endsWith('.') && name.length > 1 ? name.slice(0, -1) : name;
  return n.toLowerCase();
}
