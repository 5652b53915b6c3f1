// RADIUS on a port that is not a RADIUS port, found in one pass: a datagram that passes the strict structural
// test (looksLikeRadius) with a request code is kept here as a candidate; a later datagram that passes the
// same test with a response code, coming back from the candidate's server port to its NAS address and port
// with the same Identifier and a matching code class, confirms it. Then every candidate to that server port
// is promoted to RADIUS and the port is learned. Only datagrams that pass the test are copied (never one per
// ordinary UDP frame), and the buffer is bounded: the oldest flow goes first when it is full.

import { radiusCallClass } from '../../dissect/radius-codes.ts';

export interface RadiusDatagram {
  frame: number;
  hasTime: boolean;
  sec: number;
  nsec: number;
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  /** UDP payload as sent (UDP Length - 8). */
  reported: number;
  /** An owned copy of the captured payload. */
  bytes: Uint8Array;
}

/** Candidates kept at most, over all flows, and per flow (NAS address, NAS port, server port). */
export const MAX_CANDIDATES = 512;
export const MAX_CANDIDATES_PER_FLOW = 16;

export class RadiusCandidates {
  private readonly byFlow = new Map<string, RadiusDatagram[]>();
  private count = 0;
  dropped = 0;

  add(d: RadiusDatagram): void {
    const key = `${d.src}|${d.srcPort}|${d.dstPort}`;
    let list = this.byFlow.get(key);
    if (list === undefined) {
      list = [];
      this.byFlow.set(key, list);
    }
    if (list.length >= MAX_CANDIDATES_PER_FLOW) {
      list.shift();
      this.count--;
      this.dropped++;
    }
    list.push(d);
    this.count++;
    while (this.count > MAX_CANDIDATES) this.dropOldestFlow();
  }

  private dropOldestFlow(): void {
    const first = this.byFlow.keys().next();
    if (first.done) return;
    const n = this.byFlow.get(first.value)!.length;
    this.byFlow.delete(first.value);
    this.count -= n;
    this.dropped += n;
  }

  /**
   * For a response-like datagram from `serverPort` to `nas`:`nasPort` with Identifier `id` and code `code`:
   * when a candidate of that flow has the same Identifier and a code the response answers, removes and returns
   * every candidate to `serverPort` (all flows), in frame order; else returns [].
   */
  confirm(nas: string, nasPort: number, serverPort: number, id: number, code: number): RadiusDatagram[] {
    const callClass = radiusCallClass(code);
    const flow = this.byFlow.get(`${nas}|${nasPort}|${serverPort}`);
    if (flow === undefined || !flow.some((d) => d.bytes[1] === id && radiusCallClass(d.bytes[0]!) === callClass)) return [];
    const out: RadiusDatagram[] = [];
    for (const [key, list] of this.byFlow) {
      if (list[0]!.dstPort !== serverPort) continue;
      out.push(...list);
      this.count -= list.length;
      this.byFlow.delete(key);
    }
    return out.sort((a, b) => a.frame - b.frame);
  }
}
