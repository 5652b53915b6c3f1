// What the RADIUS tracker tells the rest of radscope: one info per RADIUS frame, one transaction per request
// (with its retransmissions and answers), and a summary. All plain data: JSON-safe, no cycles (frames and
// transactions refer to each other by number).

import type { RadiusEap } from '../../dissect/radius-eap.ts';
import type { RadiusProblem } from '../../dissect/radius.ts';

export interface RadiusTrackerOptions {
  /** UDP ports that carry RADIUS besides the defaults (1645, 1646, 1700, 1812, 1813, 3799). */
  ports?: readonly number[];
  /** Recognise RADIUS on other ports when a request and its response pair up there (default true). */
  heuristics?: boolean;
  /** Shared secrets to try, in order; results name them by index. */
  secrets?: readonly string[];
  /** Put a decrypted User-Password into the frame info. Off by default: passwords are never shown unasked. */
  revealPasswords?: boolean;
}

export type RadiusRole = 'request' | 'response' | 'other';

/** The attributes a timeline or a diagnosis wants at hand (the detail pane re-decodes the frame for all). */
export interface RadiusAttrSummary {
  userName: string | null;
  /** NAS-IP-Address (RFC 2865 section 5.4) and NAS-IPv6-Address (RFC 3162 section 2.1). */
  nasIp: string | null;
  nasIpv6: string | null;
  nasIdentifier: string | null;
  nasPort: number | null;
  callingStationId: string | null;
  calledStationId: string | null;
  serviceType: number | null;
  acctStatusType: number | null;
  acctSessionId: string | null;
  replyMessage: string | null;
  errorCause: number | null;
  /** State (RFC 2865 section 5.24) and Class (5.25) as hex. */
  state: string | null;
  class: string | null;
  proxyStateCount: number;
  messageAuthenticator: boolean;
  userPassword: boolean;
  /** How an Access-Request authenticates, from the attributes it carries. */
  authMethod: 'PAP' | 'CHAP' | 'MS-CHAP' | 'MS-CHAPv2' | 'EAP' | null;
}

export type RadiusCheckKind = 'response-authenticator' | 'request-authenticator' | 'message-authenticator' | 'user-password';

export interface RadiusSecretResult {
  /** One entry per check that could be made; `valid[i]` is the verdict with secrets[i]. */
  checks: { kind: RadiusCheckKind; valid: boolean[] }[];
  /** Index of the first secret that passed every check; -1 when none did; null when nothing could be checked. */
  secretIndex: number | null;
  /** The User-Password as decrypted with that secret; only with `revealPasswords`. */
  password?: string;
}

export interface RadiusFrameInfo {
  frame: number;
  code: number;
  codeName: string;
  id: number;
  /** The Length field. */
  length: number;
  /** The Authenticator field, hex (shorter when the capture cut it). */
  authenticator: string;
  role: RadiusRole;
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  /** Recognised on a port that is not a RADIUS port, because a request and a response paired up there. */
  heuristic: boolean;
  /** Response: the request it answers, the first copy (Wireshark radius.reqframe). */
  reqFrame: number | null;
  /** Request and its duplicates: the first response (radius.rspframe); set when that response is seen. */
  rspFrame: number | null;
  /** Duplicate request: the original request (radius.req.dup). */
  dup: number | null;
  /** Duplicate request: seconds since the original (the NAS retransmission timing). */
  sinceFirstCopy: number | null;
  /** Duplicate response (same code as the previous answer): the first response (radius.rsp.dup). */
  rspDup: number | null;
  /** Response: seconds since the first copy of the request (radius.time). */
  time: number | null;
  /** Response: the latest copy of the request at or before it (the original or a retransmission). */
  lastCopy: number | null;
  /** Response: seconds since that copy. */
  timeFromLastCopy: number | null;
  /** Index into RadiusTracker.transactions(); null for responses without a request and other packets. */
  transaction: number | null;
  attrs: RadiusAttrSummary;
  eap: RadiusEap | null;
  /** Null when no secrets were given. */
  secrets: RadiusSecretResult | null;
  truncated: boolean;
  lengthInvalid: boolean;
  problems: RadiusProblem[];
}

/** One request as the NAS meant it: the first copy, its retransmissions, and the answers it got. */
export interface RadiusTransaction {
  index: number;
  code: number;
  codeName: string;
  id: number;
  authenticator: string;
  nas: string;
  nasPort: number;
  /** Destination of the first copy (answers may come from another address: Wireshark ignores it too). */
  server: string;
  serverPort: number;
  heuristic: boolean;
  userName: string | null;
  requestFrame: number;
  /** Later copies with the same authenticator (at most MAX_LISTED), and how many there were. */
  duplicateFrames: number[];
  /** Seconds after the first copy of each listed duplicate (null without time stamps). */
  duplicateOffsets: (number | null)[];
  duplicates: number;
  /** Every response paired with it (at most MAX_LISTED), in order. */
  responseFrames: number[];
  /** The first response: any answer, Access-Challenge included. */
  rspFrame: number | null;
  rspCode: number | null;
  rspCodeName: string | null;
  /** Seconds from the first copy to the first response. */
  time: number | null;
}

export interface RadiusSummary {
  packets: number;
  requests: number;
  responses: number;
  duplicateRequests: number;
  duplicateResponses: number;
  /** Responses with no request before them in the capture. */
  responsesWithoutRequest: number;
  transactions: number;
  unanswered: number;
  /** Server ports learned by the request/response heuristic. */
  learnedPorts: number[];
  /** Candidate datagrams on other ports dropped because the buffer was full. */
  candidatesDropped: number;
}

/** The keys `radscope packets --json` prints for a RADIUS frame. */
export interface RadiusRecord {
  code: number;
  id: number;
  reqFrame: number | null;
  rspFrame: number | null;
  dup: number | null;
  time: number | null;
}

export const DEFAULT_RADIUS_PORTS: readonly number[] = [1645, 1646, 1700, 1812, 1813, 3799]; // protocol-facts.md 3.1
export const MAX_LISTED = 1000;
