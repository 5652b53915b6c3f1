// Request/response matching exactly as Wireshark 4.0's packet-radius.c (protocol-facts.md section 3.3):
// - calls are keyed by (request source address, source port, destination port, Identifier, code class); the
//   server's address is wildcarded because answers may come from another address;
// - under one key every non-duplicate request is kept by frame number; a packet looks up the latest call at
//   or before its own frame;
// - a request whose latest call has the same Request Authenticator (in another frame) is a duplicate and
//   opens no call; a reused Identifier with a different authenticator opens a new call;
// - a response pairs with the latest call under (its destination address, destination port, source port,
//   Identifier, class); the first response becomes the call's response; a later one with the same code as
//   the answer before it is a duplicate response.

import type { RadiusTransaction, RadiusFrameInfo } from './radius-types.ts';

export interface RadiusCall {
  reqFrame: number;
  /** Copy of the Request Authenticator (16 octets). */
  authenticator: Uint8Array;
  hasTime: boolean;
  sec: number;
  nsec: number;
  /** The latest copy (original or duplicate) seen so far, for "time since the last retransmission". */
  lastCopyFrame: number;
  lastCopySec: number;
  lastCopyNsec: number;
  lastCopyHasTime: boolean;
  /** First response frame, 0 while unanswered (Wireshark's rsp_num). */
  rspFrame: number;
  /** Code of the latest response (Wireshark's rspcode). */
  rspCode: number;
  transaction: RadiusTransaction;
  /** Infos of the request and its duplicates: they learn rspFrame when the answer arrives. */
  requestInfos: RadiusFrameInfo[];
}

export function radiusCallKey(nas: string, nasPort: number, serverPort: number, id: number, callClass: number): string {
  return `${nas}|${nasPort}|${serverPort}|${id}|${callClass}`;
}

export function sameAuthenticator(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class RadiusCalls {
  /** Per key, calls in increasing request frame order. */
  private readonly byKey = new Map<string, RadiusCall[]>();

  /** The latest call under `key` whose request frame is at or before `frame` (wmem_tree_lookup32_le). */
  find(key: string, frame: number): RadiusCall | undefined {
    const list = this.byKey.get(key);
    if (list === undefined) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    let found: RadiusCall | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = list[mid]!;
      if (c.reqFrame <= frame) {
        found = c;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** Stores a call, keeping frame order (calls of a port learned late arrive out of order). */
  insert(key: string, call: RadiusCall): void {
    let list = this.byKey.get(key);
    if (list === undefined) {
      list = [];
      this.byKey.set(key, list);
    }
    let i = list.length;
    while (i > 0 && list[i - 1]!.reqFrame > call.reqFrame) i--;
    list.splice(i, 0, call);
  }
}
