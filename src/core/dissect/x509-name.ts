// Just enough DER (ITU-T X.690 section 8.1 and 10) to read the issuer and subject of an X.509 certificate
// (RFC 5280 section 4.1): Certificate -> tbsCertificate -> [version], serialNumber, signature, issuer,
// validity, subject. Names print as OpenSSL's default one-line form ("C = US, O = Corp Security, CN = Name",
// RDNs in the order encoded, multi-valued RDNs joined by " + "), the form the lab truth uses. Bad DER
// yields null, never an exception.

import { decodeUtf8 } from '../base/text.ts';

interface Tlv {
  tag: number;
  /** Start and end of the value. */
  start: number;
  end: number;
}

/** One TLV at `o` (low-tag-number form only; definite lengths up to 4 bytes), or null. */
function readTlv(b: Uint8Array, o: number, end: number): Tlv | null {
  if (end - o < 2) return null;
  const tag = b[o]!;
  if ((tag & 0x1f) === 0x1f) return null; // high tag numbers do not occur in the fields read here
  let len = b[o + 1]!;
  let p = o + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || end - p < n) return null; // indefinite lengths are not DER (X.690 section 10.1)
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[p + i]!;
    p += n;
  }
  if (p + len > end) return null;
  return { tag, start: p, end: p + len };
}

const SEQUENCE = 0x30;
const SET = 0x31;
const OID = 0x06;

/** Short names OpenSSL prints (crypto/objects/objects.txt) for the attribute types of RFC 5280 appendix A. */
const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.42': 'GN',
  '2.5.4.43': 'initials',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.65': 'pseudonym',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
  '2.5.4.97': 'organizationIdentifier',
  '1.3.6.1.4.1.311.60.2.1.3': 'jurisdictionC',
  '2.5.4.15': 'businessCategory',
};

function oidText(b: Uint8Array, start: number, end: number): string {
  if (start >= end) return '';
  const parts: number[] = [];
  let v = 0;
  for (let i = start; i < end; i++) {
    v = v * 128 + (b[i]! & 0x7f);
    if (!(b[i]! & 0x80)) {
      if (parts.length === 0) parts.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      else parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** A directory string's text (UTF8String, PrintableString, IA5String, T61String, BMPString, UniversalString). */
function stringValue(b: Uint8Array, t: Tlv): string {
  switch (t.tag) {
    case 0x1e: {
      let s = '';
      for (let i = t.start; i + 1 < t.end; i += 2) s += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
      return s;
    }
    case 0x1c: {
      let s = '';
      for (let i = t.start; i + 3 < t.end; i += 4) s += String.fromCodePoint(Math.min(0x10ffff, ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0));
      return s;
    }
    case 0x14: {
      let s = '';
      for (let i = t.start; i < t.end; i++) s += String.fromCharCode(b[i]!);
      return s;
    }
    default:
      return decodeUtf8(b, t.start, t.end);
  }
}

/** A Name (SEQUENCE OF RelativeDistinguishedName) as one line, or null when it is not well formed. */
export function formatX509Name(b: Uint8Array, name: Tlv): string | null {
  if (name.tag !== SEQUENCE) return null;
  const rdns: string[] = [];
  for (let p = name.start; p < name.end; ) {
    const set = readTlv(b, p, name.end);
    if (set === null || set.tag !== SET) return null;
    const atvs: string[] = [];
    for (let q = set.start; q < set.end; ) {
      const atv = readTlv(b, q, set.end);
      if (atv === null || atv.tag !== SEQUENCE) return null;
      const type = readTlv(b, atv.start, atv.end);
      if (type === null || type.tag !== OID) return null;
      const value = readTlv(b, type.end, atv.end);
      if (value === null) return null;
      const oid = oidText(b, type.start, type.end);
      atvs.push(`${ATTRIBUTE_NAMES[oid] ?? oid} = ${stringValue(b, value)}`);
      q = atv.end;
    }
    rdns.push(atvs.join(' + '));
    p = set.end;
  }
  return rdns.join(', ');
}

export interface X509Names {
  subject: string;
  issuer: string;
}

/** Issuer and subject of the DER certificate in `b[start..end)`, or null. */
export function decodeX509Names(b: Uint8Array, start: number, end: number): X509Names | null {
  const cert = readTlv(b, start, end);
  if (cert === null || cert.tag !== SEQUENCE) return null;
  const tbs = readTlv(b, cert.start, cert.end);
  if (tbs === null || tbs.tag !== SEQUENCE) return null;
  let p = tbs.start;
  const fields: Tlv[] = [];
  while (p < tbs.end && fields.length < 6) {
    const f = readTlv(b, p, tbs.end);
    if (f === null) return null;
    fields.push(f);
    p = f.end;
  }
  // version is [0] EXPLICIT and optional (absent in v1 certificates)
  const base = fields[0]?.tag === 0xa0 ? 1 : 0;
  const issuerTlv = fields[base + 2];
  const subjectTlv = fields[base + 4];
  if (issuerTlv === undefined || subjectTlv === undefined) return null;
  const issuer = formatX509Name(b, issuerTlv);
  const subject = formatX509Name(b, subjectTlv);
  if (issuer === null || subject === null) return null;
  return { subject, issuer };
}
