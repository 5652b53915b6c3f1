// Address texts shared between everything that keeps one: a capture has a few thousand addresses and tens of
// thousands of conversations, connections and lookups that name them. Each text is made once, flat (a
// template string of four numbers would be a tree of string pieces), and handed out again for the same
// address. Bounded: past MAX_NAMES addresses (a scan with random sources...) texts are made afresh each time.

import { formatIpv6 } from '../base/address.ts';

const MAX_NAMES = 1 << 16;

export class AddressNames {
  private readonly v4 = new Map<number, string>();
  /** IPv6: the 16 bytes as a string of 8 UTF-16 code units (exact, and cheap to hash) -> text. */
  private readonly v6 = new Map<string, string>();

  ipv4(b: Uint8Array, o: number): string {
    const key = ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
    let s = this.v4.get(key);
    if (s === undefined) {
      s = [b[o], b[o + 1], b[o + 2], b[o + 3]].join('.');
      if (this.v4.size < MAX_NAMES) this.v4.set(key, s);
    }
    return s;
  }

  ipv6(b: Uint8Array, o: number): string {
    const key = String.fromCharCode(
      (b[o]! << 8) | b[o + 1]!, (b[o + 2]! << 8) | b[o + 3]!, (b[o + 4]! << 8) | b[o + 5]!, (b[o + 6]! << 8) | b[o + 7]!,
      (b[o + 8]! << 8) | b[o + 9]!, (b[o + 10]! << 8) | b[o + 11]!, (b[o + 12]! << 8) | b[o + 13]!, (b[o + 14]! << 8) | b[o + 15]!,
    );
    let s = this.v6.get(key);
    if (s === undefined) {
      s = flat(formatIpv6(b, o));
      if (this.v6.size < MAX_NAMES) this.v6.set(key, s);
    }
    return s;
  }
}

/** The same text as one flat string. */
function flat(s: string): string {
  return s.length === 0 ? s : String.fromCharCode.apply(null, Array.from(s, (c) => c.charCodeAt(0)));
}
