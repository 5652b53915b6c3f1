// Reading one RADIUS attribute value by its dictionary type (RFC 2865 section 5 "text, string, address,
// integer, time"; RFC 3162 section 2 for the IPv6 types; RFC 2868 section 3 for tags). A value of the wrong
// size is never an exception: it is shown as hex with a problem note, as tcpdump prints "[length 3 != 4]".

import { formatIpv4, formatIpv6 } from '../base/address.ts';
import { u16, u24, u32 } from '../base/bytes.ts';
import { decodeUtf8, toHex } from '../base/text.ts';
import type { RadiusAttributeDef } from './radius-dictionary.ts';
import { MIP6_FEATURES, VLAN_TAG_INDICATION } from './radius-values.ts';

export interface RadiusValue {
  /** Text, number or address text; hex for octets; null when hidden (encrypted) or unreadable. */
  value: string | number | null;
  display: string;
  /** RFC 2868 section 3 tag (0 = unused), or null for untagged attributes. */
  tag: number | null;
  /** Where the value proper starts (after a tag octet) and its length. */
  valueAt: number;
  valueLen: number;
  problem: string | null;
}

const ATTR_FRAMED_IP_ADDRESS = 8;
const ATTR_LOGIN_IP_HOST = 14;
const ATTR_TUNNEL_PASSWORD = 69;
const MAX_TAG = 0x1f; // RFC 2868 section 3.1: tags are 0x01-0x1F

/** True when decoded text has no control characters and no replacement characters (shown as text). */
export function isPrintableText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0xfffd || (c >= 0x80 && c < 0xa0)) return false;
  }
  return true;
}

function hexValue(b: Uint8Array, at: number, len: number, problem: string | null, tag: number | null = null): RadiusValue {
  const hex = toHex(b, at, at + len);
  return { value: hex, display: len === 0 ? '(empty)' : '0x' + hex, tag, valueAt: at, valueLen: len, problem };
}

function ipv6Padded(b: Uint8Array, at: number, len: number): string {
  const full = new Uint8Array(16);
  full.set(b.subarray(at, at + Math.min(len, 16)));
  return formatIpv6(full, 0);
}

/** `b[at, at + len)` is the attribute value (after Type and Length). `type` is the attribute or vendor type. */
export function decodeRadiusValue(def: RadiusAttributeDef, type: number, b: Uint8Array, at: number, len: number): RadiusValue {
  let tag: number | null = null;
  if (def.tagged) {
    if (def.kind === 'integer' || type === ATTR_TUNNEL_PASSWORD) {
      // RFC 2868 sections 3.1, 3.2, 3.5, 3.10: the tag octet is always there for these
      if (len < 1) return hexValue(b, at, len, 'too short for its tag octet');
      tag = b[at]!;
      at++;
      len--;
    } else if (len >= 1 && b[at]! <= MAX_TAG) {
      tag = b[at]!;
      at++;
      len--;
    }
  }
  const done = (value: string | number | null, display: string, problem: string | null = null): RadiusValue => ({
    value,
    display,
    tag,
    valueAt: at,
    valueLen: len,
    problem,
  });
  switch (def.kind) {
    case 'text':
    case 'string': {
      const text = decodeUtf8(b, at, at + len);
      return done(text, isPrintableText(text) ? text : '0x' + toHex(b, at, at + len));
    }
    case 'integer': {
      if (def.tagged) {
        // RFC 2868 section 3.1: Tag (1 octet) + Value (3 octets)
        if (len !== 3) return hexValue(b, at, len, `length ${len + 1} != 4`, tag);
        const v = u24(b, at);
        return done(v, named(def, v));
      }
      if (len !== 4) return hexValue(b, at, len, `length ${len} != 4`);
      const v = u32(b, at);
      return done(v, named(def, v));
    }
    case 'integer64': {
      if (len !== 8) return hexValue(b, at, len, `length ${len} != 8`);
      const v = (BigInt(u32(b, at)) << 32n) | BigInt(u32(b, at + 4));
      return done(v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString(), v.toString());
    }
    case 'ipaddr': {
      if (len !== 4) return hexValue(b, at, len, `length ${len} != 4`);
      const text = formatIpv4(b, at);
      // RFC 2865 sections 5.8 and 5.14: 0xFFFFFFFF lets the user choose, 0xFFFFFFFE tells the NAS to choose
      const special = type === ATTR_FRAMED_IP_ADDRESS || type === ATTR_LOGIN_IP_HOST ? SPECIAL_ADDRESSES.get(u32(b, at)) : undefined;
      return done(text, special ? `${text} (${special})` : text);
    }
    case 'ipv6addr':
      if (len !== 16) return hexValue(b, at, len, `length ${len} != 16`);
      return done(formatIpv6(b, at), formatIpv6(b, at));
    case 'ipv6prefix': {
      // RFC 3162 section 2.3: Reserved (1), Prefix-Length (1), Prefix (0-16 octets)
      if (len < 2) return hexValue(b, at, len, `length ${len} < 2`);
      if (len > 18) return hexValue(b, at, len, `length ${len} > 18`);
      const plen = b[at + 1]!;
      if (plen > 128) return hexValue(b, at, len, `prefix length ${plen} > 128`);
      const text = `${ipv6Padded(b, at + 2, len - 2)}/${plen}`;
      return done(text, text, plen > 8 * (len - 2) ? 'prefix length longer than the prefix octets' : null);
    }
    case 'ipv4prefix': {
      // RFC 6572 section 6.3: Reserved (1), Prefix-Length (1), IPv4 address (4)
      if (len !== 6) return hexValue(b, at, len, `length ${len} != 6`);
      const plen = b[at + 1]! & 0x3f;
      if (plen > 32) return hexValue(b, at, len, `prefix length ${plen} > 32`);
      const text = `${formatIpv4(b, at + 2)}/${plen}`;
      return done(text, text);
    }
    case 'ifid': {
      if (len !== 8) return hexValue(b, at, len, `length ${len} != 8`);
      const text = [0, 2, 4, 6].map((i) => toHex(b, at + i, at + i + 2)).join(':');
      return done(text, text);
    }
    case 'date': {
      if (len !== 4) return hexValue(b, at, len, `length ${len} != 4`);
      const s = u32(b, at);
      return done(s, new Date(s * 1000).toISOString().replace('.000Z', 'Z'));
    }
    case 'encrypted': {
      if (type === ATTR_TUNNEL_PASSWORD && len >= 2) {
        // RFC 2868 section 3.5: Salt (2 octets, high bit set) + encrypted String
        return done(null, `(encrypted, salt 0x${u16(b, at).toString(16)}, ${len - 2} octets)`);
      }
      return done(null, `(encrypted, ${len} octets)`);
    }
    case 'mip6-features': {
      if (len !== 8) return hexValue(b, at, len, `length ${len} != 8`);
      let v = (BigInt(u32(b, at)) << 32n) | BigInt(u32(b, at + 4));
      const names: string[] = [];
      for (const [bit, name] of MIP6_FEATURES) {
        if (v & bit) {
          names.push(name);
          v &= ~bit;
        }
      }
      if (v !== 0n) names.push('0x' + v.toString(16));
      return done('0x' + toHex(b, at, at + 8), `[${names.join(', ')}]`);
    }
    case 'mip6-prefix': {
      // RFC 5447 section 4.2.6: Prefix-Length (1) + 16-octet prefix
      if (len !== 17) return hexValue(b, at, len, `length ${len} != 17`);
      const plen = b[at]!;
      if (plen > 128) return hexValue(b, at, len, `prefix length ${plen} > 128`);
      const text = `${formatIpv6(b, at + 1)}/${plen}`;
      return done(text, text);
    }
    case 'vlan-id': {
      // RFC 4675 section 2.1: Tag Indication (1), Pad (12 bits), VLANID (12 bits)
      if (len !== 4) return hexValue(b, at, len, `length ${len} != 4`);
      const vlan = u32(b, at) & 0xfff;
      return done(vlan, `${tagIndication(b[at]!)}, VLAN ${vlan}`);
    }
    case 'vlan-name': {
      // RFC 4675 section 2.3: Tag Indication (1) + name
      if (len < 1) return hexValue(b, at, len, 'too short for its tag indication');
      const name = decodeUtf8(b, at + 1, at + len);
      return done(name, `${tagIndication(b[at]!)}, ${name}`);
    }
    case 'operator-name': {
      // RFC 5580 section 4.1: Namespace ID (1 octet, '0' TADIG, '1' REALM, '2' E212, '3' ICC) + name
      if (len < 2) return hexValue(b, at, len, `length ${len} < 2`);
      const name = decodeUtf8(b, at + 1, at + len);
      const ns = OPERATOR_NAMESPACES[b[at]! - 0x30] ?? `unknown (0x${b[at]!.toString(16).padStart(2, '0')})`;
      return done(name, `[${ns}] ${name}`);
    }
    case 'eap':
      return done(toHex(b, at, at + len), `EAP fragment, ${len} octets`);
    case 'vsa':
    case 'octets':
      return hexValue(b, at, len, null, tag);
  }
}

const OPERATOR_NAMESPACES = ['TADIG', 'REALM', 'E212', 'ICC'];

const SPECIAL_ADDRESSES: ReadonlyMap<number, string> = new Map([
  [0xffffffff, 'User Selected'],
  [0xfffffffe, 'NAS Select'],
]);

function named(def: RadiusAttributeDef, v: number): string {
  const name = def.values?.get(v);
  return name === undefined ? String(v) : `${name} (${v})`;
}

function tagIndication(t: number): string {
  return VLAN_TAG_INDICATION.get(t) ?? `Unknown tag (0x${t.toString(16).padStart(2, '0')})`;
}
