// RADIUS packet codes (RFC 2865 section 3, RFC 2866 section 3, RFC 3575, RFC 5176 section 2) and which
// response codes answer which request code. The set of known codes is Wireshark 4.0's
// `radius_pkt_type_codes` (packet-radius.c): its is_radius() accepts a packet only when the code is in it.
// The request/response pairs are packet-radius.c radius_call_equal() (protocol-facts.md section 3.3).

export const RADIUS_CODE_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'Access-Request'], // RFC 2865
  [2, 'Access-Accept'],
  [3, 'Access-Reject'],
  [4, 'Accounting-Request'], // RFC 2866
  [5, 'Accounting-Response'],
  [6, 'Accounting-Status'], // RFC 3575
  [7, 'Password-Request'],
  [8, 'Password-Ack'],
  [9, 'Password-Reject'],
  [10, 'Accounting-Message'],
  [11, 'Access-Challenge'], // RFC 2865
  [12, 'Status-Server'], // RFC 2865, RFC 5997
  [13, 'Status-Client'],
  [21, 'Resource-Free-Request'], // RFC 3575
  [22, 'Resource-Free-Response'],
  [23, 'Resource-Query-Request'],
  [24, 'Resource-Query-Response'],
  [25, 'Alternate-Resource-Reclaim-Request'],
  [26, 'NAS-Reboot-Request'],
  [27, 'NAS-Reboot-Response'],
  [29, 'Next-Passcode'],
  [30, 'New-Pin'],
  [31, 'Terminate-Session'],
  [32, 'Password-Expired'],
  [33, 'Event-Request'],
  [34, 'Event-Response'],
  [40, 'Disconnect-Request'], // RFC 5176
  [41, 'Disconnect-ACK'],
  [42, 'Disconnect-NAK'],
  [43, 'CoA-Request'],
  [44, 'CoA-ACK'],
  [45, 'CoA-NAK'],
  [50, 'IP-Address-Allocate'], // RFC 3575
  [51, 'IP-Address-Release'],
  [129, 'ALU-State-Request'], // Alcatel-Lucent AAA, in Wireshark's table
  [130, 'ALU-State-Accept'],
  [131, 'ALU-State-Reject'],
  [132, 'ALU-State-Error'],
]);

export const RADIUS_ACCESS_REQUEST = 1;
export const RADIUS_ACCESS_ACCEPT = 2;
export const RADIUS_ACCESS_REJECT = 3;
export const RADIUS_ACCOUNTING_REQUEST = 4;
export const RADIUS_ACCOUNTING_RESPONSE = 5;
export const RADIUS_ACCESS_CHALLENGE = 11;
export const RADIUS_STATUS_SERVER = 12;
export const RADIUS_DISCONNECT_REQUEST = 40;
export const RADIUS_COA_REQUEST = 43;

/** Response code -> the request code it answers (radius_call_equal). */
const RESPONSE_TO_REQUEST: ReadonlyMap<number, number> = new Map([
  [2, 1],
  [3, 1],
  [11, 1], // Access-Challenge answers an Access-Request
  [5, 4],
  [8, 7],
  [9, 7],
  [22, 21],
  [24, 23],
  [27, 26],
  [34, 33],
  [41, 40],
  [42, 40],
  [44, 43],
  [45, 43],
  [130, 129],
  [131, 129],
  [132, 129],
]);

const REQUEST_CODES: ReadonlySet<number> = new Set([1, 4, 7, 21, 23, 26, 33, 40, 43, 129]);

export function radiusCodeName(code: number): string {
  return RADIUS_CODE_NAMES.get(code) ?? `Unknown-Code-${code}`;
}

/** A code Wireshark treats as a request (it opens a call that a response can pair with). */
export function isRadiusRequestCode(code: number): boolean {
  return REQUEST_CODES.has(code);
}

/** A code Wireshark treats as a response (it looks for the call it answers). */
export function isRadiusResponseCode(code: number): boolean {
  return RESPONSE_TO_REQUEST.has(code);
}

/**
 * The request code a packet is paired under: a request's own code, or the request code a response answers;
 * -1 for codes that take no part in pairing (Status-Server, Accounting-Status...).
 */
export function radiusCallClass(code: number): number {
  if (REQUEST_CODES.has(code)) return code;
  return RESPONSE_TO_REQUEST.get(code) ?? -1;
}

/**
 * Requests whose Request Authenticator is an MD5 over the packet and the secret rather than random octets
 * (RFC 2866 section 3; RFC 5176 section 3.5).
 */
export function hasComputedRequestAuthenticator(code: number): boolean {
  return code === RADIUS_ACCOUNTING_REQUEST || code === RADIUS_DISCONNECT_REQUEST || code === RADIUS_COA_REQUEST;
}
