// Addresses for the display filter: a table that gives every distinct IPv4/IPv6 address of a capture a small
// integer id (the per-frame columns hold ids, 4 bytes a frame, never strings), and the parser of address
// literals as Wireshark 4.0 accepts them after ip.addr / ipv6.addr: a dotted quad or an RFC 4291 section 2.2
// text form, optionally with a CIDR prefix ("10.0.0.0/8", "fe80::/10"). Host names are not resolved (Wireshark
// would look them up; a filter in radscope never touches the network).

import { formatIpv4, formatIpv6 } from '../base/address.ts';

export interface AddressLiteral {
  version: 4 | 6;
  /** 4 or 16 bytes, already masked to the prefix when one was given. */
  bytes: Uint8Array;
  /** Prefix length: 32 or 128 for a single address. */
  prefix: number;
}

/** Parses "a.b.c.d" (each part 0-255, decimal) into `out` at `at`; false when it is not one. */
function parseIpv4Into(text: string, out: Uint8Array, at: number): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  for (let k = 0; k < 4; k++) {
    const p = parts[k]!;
    if (!/^[0-9]{1,3}$/.test(p)) return false;
    const n = Number(p);
    if (n > 255) return false;
    out[at + k] = n;
  }
  return true;
}

/** RFC 4291 section 2.2 forms 1-3: hex groups, one "::", an IPv4 tail. No zone ids ("%eth0"). */
function parseIpv6Into(text: string, out: Uint8Array): boolean {
  if (text.length > 45 || text.length < 2) return false;
  const dbl = text.indexOf('::');
  if (dbl >= 0 && text.indexOf('::', dbl + 1) >= 0) return false;
  const head = dbl >= 0 ? text.slice(0, dbl) : text;
  const tail = dbl >= 0 ? text.slice(dbl + 2) : '';
  const groups = (s: string): number[] | null => {
    if (s === '') return [];
    const g: number[] = [];
    const parts = s.split(':');
    for (let k = 0; k < parts.length; k++) {
      const p = parts[k]!;
      if (k === parts.length - 1 && p.includes('.')) {
        const v4 = new Uint8Array(4);
        if (!parseIpv4Into(p, v4, 0)) return null;
        g.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) g.push(parseInt(p, 16));
      else return null;
    }
    return g;
  };
  const a = groups(head);
  const b = groups(tail);
  if (a === null || b === null) return false;
  if (head.includes('.') && dbl >= 0) return false; // an IPv4 tail only at the very end
  const total = a.length + b.length;
  if (dbl >= 0 ? total > 7 : total !== 8) return false;
  const all = [...a, ...new Array<number>(8 - total).fill(0), ...b];
  for (let k = 0; k < 8; k++) {
    out[2 * k] = all[k]! >> 8;
    out[2 * k + 1] = all[k]! & 255;
  }
  return true;
}

function maskTo(bytes: Uint8Array, prefix: number): void {
  for (let k = 0; k < bytes.length; k++) {
    const keep = Math.max(0, Math.min(8, prefix - 8 * k));
    bytes[k]! &= (0xff << (8 - keep)) & 0xff;
  }
}

/**
 * An address literal of the given family, or an error sentence (Wireshark 4.0's wording where it has one:
 * "Netmask bits in a CIDR IPv4 address should be <= 32, not 33").
 */
export function parseAddressLiteral(text: string, version: 4 | 6): AddressLiteral | string {
  const slash = text.indexOf('/');
  const host = slash >= 0 ? text.slice(0, slash) : text;
  const max = version === 4 ? 32 : 128;
  let prefix = max;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^[0-9]{1,3}$/.test(p)) return `'${text}' has no valid prefix length after '/'`;
    prefix = Number(p);
    if (prefix > max) return `netmask bits in a CIDR IPv${version} address should be <= ${max}, not ${prefix}`;
  }
  const bytes = new Uint8Array(version === 4 ? 4 : 16);
  const ok = version === 4 ? parseIpv4Into(host, bytes, 0) : parseIpv6Into(host, bytes);
  if (!ok) {
    const other = version === 4 ? parseIpv6Into(host, new Uint8Array(16)) : parseIpv4Into(host, new Uint8Array(4), 0);
    if (other) return `'${text}' is an IPv${version === 4 ? 6 : 4} address, not IPv${version}`;
    return `'${text}' is not a valid IPv${version} address (host names are not resolved)`;
  }
  maskTo(bytes, prefix);
  return { version, bytes, prefix };
}

/** Canonical text of an address (Wireshark's, as src/core/base/address.ts prints it): the table's key. */
export function addressText(a: AddressLiteral): string {
  return a.version === 4 ? formatIpv4(a.bytes, 0) : formatIpv6(a.bytes, 0);
}

/**
 * Every distinct address of a capture, by id. Id 0 means "no address"; ids are dense, so per-id answers to one
 * filter test (does this address fall in 10.0.0.0/8?) fit a Uint8Array computed once per filter.
 */
export class AddressTable {
  private readonly byText = new Map<string, number>();
  private readonly byIpv4 = new Map<number, number>();
  private readonly texts: string[] = [''];
  private readonly versions: number[] = [0];
  private readonly keys: (number | string)[] = [0];
  /** 16 bytes per id (an IPv4 address in the first 4). */
  private bytes = new Uint8Array(16 * 64);

  /** Ids in use are 1 .. size - 1. */
  get size(): number {
    return this.texts.length;
  }

  text(id: number): string {
    return this.texts[id] ?? '';
  }

  version(id: number): number {
    return this.versions[id] ?? 0;
  }

  /** The sortable key of an id (addressKey): what address tests compare, once per distinct address. */
  key(id: number): number | string {
    return this.keys[id] ?? 0;
  }

  /** The address bytes of an id (a view: 4 bytes for IPv4, 16 for IPv6). */
  view(id: number): Uint8Array {
    const at = 16 * id;
    return this.bytes.subarray(at, at + (this.versions[id] === 4 ? 4 : 16));
  }

  /** The id of an IPv4 address held as an unsigned 32-bit number (Packet.ipv4Src), adding it when new. */
  internIpv4(v: number): number {
    v >>>= 0;
    const known = this.byIpv4.get(v);
    if (known !== undefined) return known;
    const b = new Uint8Array([v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255]);
    const id = this.add(formatIpv4(b, 0), 4, b);
    this.byIpv4.set(v, id);
    return id;
  }

  /** The id of the address at `buf[at..]` (4 or 16 bytes by `version`), adding it when new. */
  internBytes(buf: Uint8Array, at: number, version: 4 | 6): number {
    if (version === 4) return this.internIpv4(((buf[at]! << 24) | (buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!) >>> 0);
    return this.internIpv6(formatIpv6(buf, at), buf, at);
  }

  /** internBytes for an IPv6 address whose text the caller has already (Packet.src(): formatIpv6's text). */
  internIpv6(text: string, buf: Uint8Array, at: number): number {
    return this.byText.get(text) ?? this.add(text, 6, buf.subarray(at, at + 16));
  }

  /** The id of an address text ("10.0.0.1", "2001:DB8::1" in any valid form), adding it when new; 0 if invalid. */
  intern(text: string): number {
    const lit = parseAddressLiteral(text, text.includes(':') ? 6 : 4);
    if (typeof lit === 'string' || lit.prefix !== lit.bytes.length * 8) return 0;
    return this.internBytes(lit.bytes, 0, lit.version);
  }

  /** The id of an address literal without adding it: 0 when the capture never shows it. */
  idOf(text: string): number {
    const lit = parseAddressLiteral(text, text.includes(':') ? 6 : 4);
    if (typeof lit === 'string' || lit.prefix !== lit.bytes.length * 8) return 0;
    return this.byText.get(addressText(lit)) ?? 0;
  }

  private add(text: string, version: 4 | 6, b: Uint8Array): number {
    const id = this.texts.length;
    if (16 * (id + 1) > this.bytes.length) {
      const next = new Uint8Array(this.bytes.length * 2);
      next.set(this.bytes);
      this.bytes = next;
    }
    this.bytes.set(b.subarray(0, version === 4 ? 4 : 16), 16 * id);
    this.texts.push(text);
    this.versions.push(version);
    this.keys.push(addressKey(b, 0, version === 4 ? 4 : 16));
    this.byText.set(text, id);
    return id;
  }
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * A sortable key for address bytes: an IPv4 address as its unsigned 32-bit value, an IPv6 address as 32 hex
 * digits. Keys of one family compare (< >) in network byte order, as Wireshark orders FT_IPv4 / FT_IPv6.
 */
export function addressKey(bytes: Uint8Array, at = 0, length = bytes.length - at): number | string {
  if (length === 4) return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
  let s = '';
  for (let k = 0; k < length; k++) s += HEX[bytes[at + k]!];
  return s;
}

/** The lowest and highest address of a literal's network (the address itself twice without a prefix). */
export function networkKeys(a: AddressLiteral): [lo: number | string, hi: number | string] {
  const top = a.bytes.slice();
  for (let k = 0; k < top.length; k++) top[k]! |= 0xff >> Math.max(0, Math.min(8, a.prefix - 8 * k));
  return [addressKey(a.bytes), addressKey(top)];
}
