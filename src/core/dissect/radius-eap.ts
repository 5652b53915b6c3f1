// EAP carried in RADIUS: the consecutive EAP-Message attributes of a packet are concatenated into one EAP
// packet (RFC 3579 section 3.1; RFC 2869 section 5.13), as Wireshark's dissect_attribute_value_pairs does
// ("Reassembled EAP"; a later, non-consecutive EAP-Message is flagged and not added). The EAP header is RFC
// 3748 section 4: Code (1), Identifier (1), Length (2), then Type (1) for Request and Response.

import { u16 } from '../base/bytes.ts';
import { decodeUtf8 } from '../base/text.ts';

export interface RadiusEap {
  /** EAP Code (RFC 3748 section 4; 5 and 6 are RFC 6696). */
  code: number;
  codeName: string;
  id: number | null;
  /** The EAP Length field, or null when fewer than 4 octets arrived. */
  length: number | null;
  /** Method type of a Request or Response (RFC 3748 section 5), else null. */
  type: number | null;
  typeName: string | null;
  /** Type-Data of an Identity (type 1) Request/Response, as text. */
  identity: string | null;
  /** How many EAP-Message attributes were joined. */
  segments: number;
  /** Octets joined (the EAP packet as carried). */
  octets: number;
  problem: string | null;
}

export const EAP_CODE_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'Request'],
  [2, 'Response'],
  [3, 'Success'],
  [4, 'Failure'],
  [5, 'Initiate'],
  [6, 'Finish'],
]);

/** IANA "EAP Method Types" (RFC 3748 section 5 and later registrations). */
export const EAP_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'Identity'],
  [2, 'Notification'],
  [3, 'Legacy Nak'],
  [4, 'MD5-Challenge'],
  [5, 'One-Time Password'],
  [6, 'Generic Token Card'],
  [13, 'EAP-TLS'],
  [17, 'LEAP'],
  [18, 'EAP-SIM'],
  [21, 'EAP-TTLS'],
  [23, 'EAP-AKA'],
  [25, 'PEAP'],
  [26, 'EAP-MSCHAPv2'],
  [29, 'EAP-MSCHAP-V2'],
  [33, 'MS-Authentication-TLV'],
  [43, 'EAP-FAST'],
  [47, 'EAP-PSK'],
  [49, 'EAP-IKEv2'],
  [50, "EAP-AKA'"],
  [52, 'EAP-pwd'],
  [55, 'TEAP'],
  [254, 'Expanded'],
  [255, 'Experimental'],
]);

const EAP_HEADER = 4;
const EAP_REQUEST = 1;
const EAP_RESPONSE = 2;
const EAP_TYPE_IDENTITY = 1;

/** Decodes the joined EAP-Message octets `b` (at least one octet). */
export function decodeRadiusEap(b: Uint8Array, segments: number): RadiusEap {
  const code = b[0]!;
  const eap: RadiusEap = {
    code,
    codeName: EAP_CODE_NAMES.get(code) ?? `Unknown (${code})`,
    id: b.length >= 2 ? b[1]! : null,
    length: b.length >= EAP_HEADER ? u16(b, 2) : null,
    type: null,
    typeName: null,
    identity: null,
    segments,
    octets: b.length,
    problem: null,
  };
  if (eap.length === null) {
    eap.problem = `EAP header cut short (${b.length} of 4 octets)`;
    return eap;
  }
  if (eap.length < EAP_HEADER) eap.problem = `EAP Length ${eap.length} is below the header size`;
  else if (eap.length > b.length) eap.problem = `EAP Length ${eap.length} is more than the ${b.length} octets carried`;
  else if (eap.length < b.length) eap.problem = `${b.length - eap.length} octets after the EAP packet`;
  if ((code === EAP_REQUEST || code === EAP_RESPONSE) && b.length > EAP_HEADER && eap.length > EAP_HEADER) {
    eap.type = b[EAP_HEADER]!;
    eap.typeName = EAP_TYPE_NAMES.get(eap.type) ?? `Type ${eap.type}`;
    if (eap.type === EAP_TYPE_IDENTITY) eap.identity = decodeUtf8(b, EAP_HEADER + 1, Math.min(b.length, eap.length));
  }
  return eap;
}
