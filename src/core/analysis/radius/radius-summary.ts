// The attribute summary kept per RADIUS frame (User-Name, NAS, stations, State, Class...): what a timeline or
// a diagnosis needs without decoding the frame again.

import {
  ATTR_ACCT_STATUS_TYPE, ATTR_CALLED_STATION_ID, ATTR_CALLING_STATION_ID, ATTR_CLASS, ATTR_EAP_MESSAGE, ATTR_ERROR_CAUSE,
  ATTR_MESSAGE_AUTHENTICATOR, ATTR_NAS_IDENTIFIER, ATTR_NAS_IP_ADDRESS, ATTR_NAS_IPV6_ADDRESS, ATTR_PROXY_STATE, ATTR_STATE,
  ATTR_USER_NAME, ATTR_USER_PASSWORD,
} from '../../dissect/radius-dictionary.ts';
import { VENDOR_MICROSOFT } from '../../dissect/radius-dictionary-microsoft.ts';
import type { RadiusAttribute, RadiusPacket } from '../../dissect/radius.ts';
import type { RadiusAttrSummary } from './radius-types.ts';

const ATTR_CHAP_PASSWORD = 3; // RFC 2865 section 5.3
const ATTR_NAS_PORT = 5;
const ATTR_SERVICE_TYPE = 6;
const ATTR_REPLY_MESSAGE = 18;
const ATTR_ACCT_SESSION_ID = 44;
const MS_CHAP_RESPONSE = 1; // RFC 2548 section 2.1.3
const MS_CHAP2_RESPONSE = 25; // RFC 2548 section 2.3.2

/** Text, address text or hex of an attribute; null when absent or when a fixed-size value had the wrong size. */
function text(a: RadiusAttribute | undefined): string | null {
  if (a === undefined || typeof a.value !== 'string') return null;
  return a.problem !== null && a.kind !== 'text' && a.kind !== 'string' ? null : a.value;
}

function int(a: RadiusAttribute | undefined): number | null {
  return a === undefined || typeof a.value !== 'number' ? null : a.value;
}

export function summarizeRadius(p: RadiusPacket): RadiusAttrSummary {
  const first = new Map<number, RadiusAttribute>();
  let proxyStateCount = 0;
  let msChap: 'MS-CHAP' | 'MS-CHAPv2' | null = null;
  for (const a of p.attributes) {
    if (a.vendorId === VENDOR_MICROSOFT) {
      if (a.vendorType === MS_CHAP2_RESPONSE) msChap = 'MS-CHAPv2';
      else if (a.vendorType === MS_CHAP_RESPONSE && msChap === null) msChap = 'MS-CHAP';
      continue;
    }
    if (a.vendorId !== 0) continue;
    if (a.type === ATTR_PROXY_STATE) proxyStateCount++;
    if (!first.has(a.type)) first.set(a.type, a);
  }
  const has = (t: number) => first.has(t);
  // a packet's authentication method, by the attribute that carries the credentials (RFC 2865 sections 5.2
  // and 5.3, RFC 2548 section 2.3, RFC 3579 section 3.1)
  const authMethod = has(ATTR_EAP_MESSAGE) ? 'EAP' : (msChap ?? (has(ATTR_CHAP_PASSWORD) ? 'CHAP' : has(ATTR_USER_PASSWORD) ? 'PAP' : null));
  return {
    userName: text(first.get(ATTR_USER_NAME)),
    nasIp: text(first.get(ATTR_NAS_IP_ADDRESS)),
    nasIpv6: text(first.get(ATTR_NAS_IPV6_ADDRESS)),
    nasIdentifier: text(first.get(ATTR_NAS_IDENTIFIER)),
    nasPort: int(first.get(ATTR_NAS_PORT)),
    callingStationId: text(first.get(ATTR_CALLING_STATION_ID)),
    calledStationId: text(first.get(ATTR_CALLED_STATION_ID)),
    serviceType: int(first.get(ATTR_SERVICE_TYPE)),
    acctStatusType: int(first.get(ATTR_ACCT_STATUS_TYPE)),
    acctSessionId: text(first.get(ATTR_ACCT_SESSION_ID)),
    replyMessage: text(first.get(ATTR_REPLY_MESSAGE)),
    errorCause: int(first.get(ATTR_ERROR_CAUSE)),
    state: text(first.get(ATTR_STATE)),
    class: text(first.get(ATTR_CLASS)),
    proxyStateCount,
    messageAuthenticator: has(ATTR_MESSAGE_AUTHENTICATOR),
    userPassword: has(ATTR_USER_PASSWORD),
    authMethod: p.code === 1 ? authMethod : null,
  };
}
