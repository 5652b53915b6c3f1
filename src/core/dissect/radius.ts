// RADIUS packets (RFC 2865 section 3): Code (1) | Identifier (1) | Length (2) | Authenticator (16) |
// Attributes, each Type (1) | Length (1, >= 2, includes both) | Value. Called only for UDP payloads that a
// port or the tracker says may be RADIUS, so objects per packet are fine here. Bad input never throws: a
// truncated or malformed packet decodes as far as it goes and carries problem notes (ARCHITECTURE.md
// "Bad input, three kinds").

import type { ProblemKind } from '../base/diagnostics.ts';
import { LIMITS } from '../base/limits.ts';
import { u16, u32 } from '../base/bytes.ts';
import { hexFlat } from './flat-text.ts';
import { RADIUS_CODE_NAMES, radiusCodeName } from './radius-codes.ts';
import { ATTR_EAP_MESSAGE, ATTR_VENDOR_SPECIFIC, standardAttribute, type RadiusAttributeDef, type RadiusValueKind } from './radius-dictionary.ts';
import { microsoftAttribute, VENDOR_MICROSOFT, VENDOR_NAMES } from './radius-dictionary-microsoft.ts';
import { decodeRadiusEap, type RadiusEap } from './radius-eap.ts';
import { decodeRadiusValue } from './radius-value.ts';

export const RADIUS_HEADER_LENGTH = 20; // RFC 2865 section 3: the minimum Length
export const RADIUS_MAX_LENGTH = 4096; // RFC 2865 section 3: the maximum Length
export const RADIUS_AUTHENTICATOR_LENGTH = 16;
/** Attributes decoded per packet at most (base/limits.ts): 4096 octets hold at most 2038 two-octet attributes. */
export const RADIUS_MAX_ATTRIBUTES = LIMITS.radiusAttributes;

export interface RadiusProblem {
  kind: ProblemKind;
  /** Offset in the RADIUS packet. */
  offset: number;
  message: string;
}

export interface RadiusAttribute {
  /** Offset of the Type octet in the packet (of the vendor-type octet for a vendor sub-attribute). */
  offset: number;
  /** Attribute type (26 for every vendor-specific one). */
  type: number;
  /** The Length octet (vendor-length for a vendor sub-attribute). */
  length: number;
  /** SMI enterprise number of a vendor-specific attribute, else 0. */
  vendorId: number;
  /** Vendor type of a sub-attribute of a known vendor; -1 when not a vendor sub-attribute (or kept raw). */
  vendorType: number;
  name: string;
  kind: RadiusValueKind;
  tag: number | null;
  valueAt: number;
  valueLen: number;
  value: string | number | null;
  display: string;
  problem: string | null;
}

export interface RadiusPacket {
  code: number;
  codeName: string;
  id: number;
  /** The Length field. */
  length: number;
  /** The packet octets as captured (at most Length): an owned copy, valid after the frame is gone. */
  bytes: Uint8Array;
  /** Bytes 4-19 (shorter only when the capture cut the header). */
  authenticator: Uint8Array;
  /** The capture holds fewer octets than Length (snaplen). */
  truncated: boolean;
  /** Length is more than the UDP payload as sent: RFC 2865 section 3 says such a packet is silently discarded. */
  lengthInvalid: boolean;
  attributes: RadiusAttribute[];
  /** The reassembled EAP packet of the first run of EAP-Message attributes (RFC 3579 section 3.1). */
  eap: RadiusEap | null;
  /** More attributes than RADIUS_MAX_ATTRIBUTES: the rest were not decoded. */
  attributesCapped: boolean;
  problems: RadiusProblem[];
}

/** RADIUS codes with a name (RADIUS_CODE_NAMES), as a table: this test runs for every UDP datagram. */
const KNOWN_CODE = Uint8Array.from({ length: 256 }, (_, c) => (RADIUS_CODE_NAMES.has(c) ? 1 : 0));

/**
 * Wireshark's is_radius(): the code is a known one and 20 <= Length <= 4096. `len` is the captured payload
 * length; fewer than 4 octets is not RADIUS.
 */
export function isRadius(b: Uint8Array, at: number, len: number): boolean {
  if (len < 4 || KNOWN_CODE[b[at]!] !== 1) return false;
  const length = u16(b, at + 2);
  return length >= RADIUS_HEADER_LENGTH && length <= RADIUS_MAX_LENGTH;
}

/**
 * A strict, allocation-free structural test for RADIUS on a port not known to carry it: is_radius, the whole
 * packet captured, Length equal to the UDP payload as sent, and attributes that tile the packet exactly.
 */
export function looksLikeRadius(b: Uint8Array, at: number, captured: number, reported: number): boolean {
  if (!isRadius(b, at, captured)) return false;
  const length = u16(b, at + 2);
  if (length !== reported || length > captured) return false;
  let o = RADIUS_HEADER_LENGTH;
  while (o < length) {
    if (o + 2 > length) return false;
    const alen = b[at + o + 1]!;
    if (alen < 2 || o + alen > length) return false;
    o += alen;
  }
  return true;
}

/**
 * Decodes the RADIUS packet in `b[at, at + captured)`; `reported` is the UDP payload length as sent (UDP
 * Length - 8). Returns null when it is not RADIUS by is_radius().
 */
export function decodeRadius(b: Uint8Array, at: number, captured: number, reported = captured): RadiusPacket | null {
  if (!isRadius(b, at, captured)) return null;
  const code = b[at]!;
  const length = u16(b, at + 2);
  const have = Math.min(captured, length);
  const bytes = b.slice(at, at + have);
  const p: RadiusPacket = {
    code,
    codeName: radiusCodeName(code),
    id: b[at + 1]!,
    length,
    bytes,
    authenticator: bytes.subarray(4, Math.min(have, RADIUS_HEADER_LENGTH)),
    truncated: captured < Math.min(length, reported),
    lengthInvalid: length > reported,
    attributes: [],
    eap: null,
    attributesCapped: false,
    problems: [],
  };
  if (p.lengthInvalid) {
    // RFC 2865 section 3: "If the packet is shorter than the Length field indicates, it MUST be silently discarded"
    problem(p, 'malformed', 2, `Length ${length} is more than the ${reported} octets of the UDP payload: a server discards it`);
  }
  if (have < RADIUS_HEADER_LENGTH) {
    if (p.truncated) problem(p, 'truncated', have, `header cut short by the capture (${have} of 20 octets)`);
    return p;
  }
  decodeAttributes(p);
  return p;
}

function problem(p: RadiusPacket, kind: ProblemKind, offset: number, message: string): void {
  p.problems.push({ kind, offset, message });
}

/** An attribute that reaches past the octets we have: cut by the capture, or a packet shorter than Length. */
function cutShort(p: RadiusPacket, o: number, what: string): void {
  if (p.truncated) problem(p, 'truncated', o, `${what} cut short by the capture`);
  else problem(p, 'malformed', o, `${what} runs past the end of the UDP payload`);
}

function decodeAttributes(p: RadiusPacket): void {
  const b = p.bytes;
  const end = b.length; // min(Length, captured)
  // the first run of consecutive EAP-Message values, as [offset, length] pairs
  const eapParts: number[] = [];
  let eapRunOver = false;
  let o = RADIUS_HEADER_LENGTH;
  while (o < p.length) {
    if (p.attributes.length >= RADIUS_MAX_ATTRIBUTES) {
      p.attributesCapped = true;
      problem(p, 'malformed', o, `more than ${RADIUS_MAX_ATTRIBUTES} attributes; the rest is not decoded`);
      break;
    }
    if (o + 2 > p.length) {
      problem(p, 'malformed', o, 'not enough room in the packet for an attribute header');
      break;
    }
    if (o + 2 > end) {
      cutShort(p, o, 'attribute header');
      break;
    }
    const type = b[o]!;
    const alen = b[o + 1]!;
    if (alen < 2) {
      problem(p, 'malformed', o, `attribute ${type} has length ${alen} < 2`);
      break;
    }
    if (o + alen > p.length) {
      problem(p, 'malformed', o, `attribute ${type} of length ${alen} runs past the end of the packet`);
      break;
    }
    if (o + alen > end) {
      cutShort(p, o, `attribute ${type}`);
      break;
    }
    if (type === ATTR_EAP_MESSAGE && !eapRunOver) {
      eapParts.push(o + 2, alen - 2);
    } else if (eapParts.length > 0) {
      eapRunOver = true;
      if (type === ATTR_EAP_MESSAGE) problem(p, 'malformed', o, 'EAP-Message not consecutive with the earlier ones (RFC 3579 section 3.1); not joined');
    }
    if (type === ATTR_VENDOR_SPECIFIC) decodeVendorSpecific(p, o, alen);
    else p.attributes.push(attribute(standardAttribute(type) ?? unknownDef(type), type, 0, -1, b, o, alen, 2));
    o += alen;
  }
  if (eapParts.length > 0) p.eap = joinEap(b, eapParts);
}

function attribute(
  def: RadiusAttributeDef,
  type: number,
  vendorId: number,
  vendorType: number,
  b: Uint8Array,
  o: number,
  alen: number,
  header: number,
): RadiusAttribute {
  const v = decodeRadiusValue(def, vendorType >= 0 ? vendorType : type, b, o + header, alen - header);
  return { offset: o, type, length: alen, vendorId, vendorType, name: def.name, kind: def.kind, ...v };
}

function unknownDef(type: number): RadiusAttributeDef {
  return { name: `Unknown-Attribute-${type}`, kind: 'octets' };
}

/**
 * Vendor-Specific (RFC 2865 section 5.26): Vendor-Id (4) then String. Microsoft's String is a list of
 * vendor-type (1) | vendor-length (1) | value; other vendors are kept raw.
 */
function decodeVendorSpecific(p: RadiusPacket, o: number, alen: number): void {
  const b = p.bytes;
  if (alen < 6) {
    const a = attribute({ name: 'Vendor-Specific', kind: 'octets' }, ATTR_VENDOR_SPECIFIC, 0, -1, b, o, alen, 2);
    p.attributes.push({ ...a, problem: 'too short for a Vendor-Id' });
    return;
  }
  const vendorId = u32(b, o + 2);
  if (vendorId !== VENDOR_MICROSOFT) {
    const a = attribute({ name: 'Vendor-Specific', kind: 'octets' }, ATTR_VENDOR_SPECIFIC, vendorId, -1, b, o, alen, 6);
    a.display = `${VENDOR_NAMES.get(vendorId) ?? 'Vendor'} (${vendorId}): ${a.display}`;
    p.attributes.push(a);
    return;
  }
  const end = o + alen;
  let s = o + 6;
  while (s < end) {
    if (p.attributes.length >= RADIUS_MAX_ATTRIBUTES) {
      p.attributesCapped = true;
      return;
    }
    if (s + 2 > end) {
      problem(p, 'malformed', s, 'not enough room for a vendor attribute header');
      return;
    }
    const vtype = b[s]!;
    const vlen = b[s + 1]!;
    if (vlen < 2 || s + vlen > end) {
      problem(p, 'malformed', s, `vendor attribute ${vendorId}/${vtype} has a bad length ${vlen}`);
      return;
    }
    const def = microsoftAttribute(vtype) ?? { name: `Unknown-Microsoft-Attribute-${vtype}`, kind: 'octets' as const };
    p.attributes.push(attribute(def, ATTR_VENDOR_SPECIFIC, vendorId, vtype, b, s, vlen, 2));
    s += vlen;
  }
}

function joinEap(b: Uint8Array, parts: number[]): RadiusEap | null {
  let total = 0;
  for (let i = 1; i < parts.length; i += 2) total += parts[i]!;
  if (total === 0) return null;
  const joined = new Uint8Array(total);
  let w = 0;
  for (let i = 0; i < parts.length; i += 2) {
    joined.set(b.subarray(parts[i]!, parts[i]! + parts[i + 1]!), w);
    w += parts[i + 1]!;
  }
  return decodeRadiusEap(joined, parts.length / 2);
}

/** The first attribute of a standard type (vendorId 0), or undefined. */
export function findAttribute(p: RadiusPacket, type: number): RadiusAttribute | undefined {
  return p.attributes.find((a) => a.type === type && a.vendorId === 0);
}

/** The raw value octets of an attribute (a view into the packet copy). */
export function attributeBytes(p: RadiusPacket, a: RadiusAttribute): Uint8Array {
  return p.bytes.subarray(a.valueAt, a.valueAt + a.valueLen);
}

/** The authenticator as lowercase hex. */
export function authenticatorHex(p: RadiusPacket): string {
  return hexFlat(p.authenticator);
}
