// RADIUS transactions over one pass of a capture: which UDP datagrams are RADIUS (the default ports of
// protocol-facts.md section 3.1, the caller's ports, and ports learned from request/response pairs), how
// requests, retransmissions and answers pair up (Wireshark's algorithm, radius-calls.ts), and which shared
// secret fits each packet (radius-secrets.ts). Objects are made only for RADIUS datagrams.

import type { LimitHits } from '../../base/limits.ts';
import { diffSeconds } from '../../base/time.ts';
import { isRadiusRequestCode, isRadiusResponseCode, radiusCallClass, radiusCodeName } from '../../dissect/radius-codes.ts';
import { encodeSecret } from '../../dissect/radius-crypto.ts';
import { Proto, type Packet } from '../../dissect/packet.ts';
import { RADIUS_AUTHENTICATOR_LENGTH, RADIUS_MAX_ATTRIBUTES, authenticatorHex, decodeRadius, looksLikeRadius, type RadiusPacket } from '../../dissect/radius.ts';
import type { RawFrame } from '../../formats/raw-frame.ts';
import { RadiusCalls, radiusCallKey, sameAuthenticator, type RadiusCall } from './radius-calls.ts';
import { RadiusCandidates, type RadiusDatagram } from './radius-candidates.ts';
import { checkRadiusSecrets } from './radius-secrets.ts';
import { summarizeRadius } from './radius-summary.ts';
import {
  DEFAULT_RADIUS_PORTS, MAX_LISTED, type RadiusFrameInfo, type RadiusSummary, type RadiusTrackerOptions,
  type RadiusTransaction,
} from './radius-types.ts';

const UDP_HEADER = 8;

/** The parts of a FrameVisit the tracker reads. */
export interface RadiusVisit {
  raw: RawFrame;
  packet: Packet;
}

export class RadiusTracker {
  private readonly ports: Set<number>;
  private readonly learned = new Set<number>();
  /** Per UDP port: 1 a RADIUS port (given or default), 2 learned; the test runs for every UDP datagram. */
  private readonly portKind = new Uint8Array(65536);
  private readonly heuristics: boolean;
  private readonly secrets: Uint8Array[];
  private readonly revealPasswords: boolean;
  private readonly calls = new RadiusCalls();
  private readonly candidates = new RadiusCandidates();
  private readonly infos = new Map<number, RadiusFrameInfo>();
  private readonly txs: RadiusTransaction[] = [];
  private readonly counts = { requests: 0, responses: 0, dupRequests: 0, dupResponses: 0, orphans: 0 };

  constructor(
    opts: RadiusTrackerOptions = {},
    /** Where limits hit are noted (limit.radius.attributes). */
    private readonly hits: LimitHits | null = null,
  ) {
    this.ports = new Set([...DEFAULT_RADIUS_PORTS, ...(opts.ports ?? [])]);
    for (const port of this.ports) if (port >= 0 && port < 65536) this.portKind[port] = 1;
    this.heuristics = opts.heuristics ?? true;
    this.secrets = (opts.secrets ?? []).map(encodeSecret);
    this.revealPasswords = opts.revealPasswords ?? false;
  }

  /**
   * Looks at one frame. Returns the info of this frame when it is RADIUS (its rspFrame may still change),
   * else null. A request first seen on an unknown port gets its info later, when its answer confirms the
   * port: read infoForFrame(n) after finish() for the final word on every frame.
   */
  onUdp(v: RadiusVisit): RadiusFrameInfo | null {
    const p = v.packet;
    if (p.proto !== Proto.UDP && p.proto !== Proto.RADIUS) return null;
    if (p.payloadLen < 4) return null;
    const reported = p.udpLength >= UDP_HEADER ? p.udpLength - UDP_HEADER : p.payloadLen;
    const b = p.payload;
    const at = p.payloadAt;
    const kinds = this.portKind;
    const known = kinds[p.srcPort] === 1 || kinds[p.dstPort] === 1;
    const learned = !known && (kinds[p.srcPort] === 2 || kinds[p.dstPort] === 2);
    if (known || learned) {
      const pkt = decodeRadius(b, at, p.payloadLen, reported);
      return pkt === null ? null : this.handle(datagram(v, pkt.bytes, reported), pkt, learned);
    }
    if (!this.heuristics || !looksLikeRadius(b, at, p.payloadLen, reported)) return null;
    const code = b[at]!;
    if (isRadiusRequestCode(code)) {
      this.candidates.add(datagram(v, b.slice(at, at + p.payloadLen), reported));
      return null;
    }
    if (!isRadiusResponseCode(code)) return null;
    const confirmed = this.candidates.confirm(p.dst(), p.dstPort, p.srcPort, b[at + 1]!, code);
    if (confirmed.length === 0) return null;
    this.learned.add(p.srcPort);
    if (this.portKind[p.srcPort] === 0) this.portKind[p.srcPort] = 2;
    for (const d of confirmed) this.handle(d, decodeRadius(d.bytes, 0, d.bytes.length, d.reported)!, true);
    const pkt = decodeRadius(b, at, p.payloadLen, reported)!;
    return this.handle(datagram(v, pkt.bytes, reported), pkt, true);
  }

  /** The RADIUS info of a frame (final once the pass is over), or undefined when it is not RADIUS. */
  infoForFrame(frame: number): RadiusFrameInfo | undefined {
    return this.infos.get(frame);
  }

  /** Every RADIUS frame info, in frame order. */
  frames(): RadiusFrameInfo[] {
    return [...this.infos.values()].sort((a, b) => a.frame - b.frame);
  }

  transactions(): readonly RadiusTransaction[] {
    return this.txs;
  }

  /** Requests that no response answered (an Access-Challenge counts as an answer). */
  unanswered(): RadiusTransaction[] {
    return this.txs.filter((t) => t.rspFrame === null);
  }

  finish(): RadiusSummary {
    return {
      packets: this.infos.size,
      requests: this.counts.requests,
      responses: this.counts.responses,
      duplicateRequests: this.counts.dupRequests,
      duplicateResponses: this.counts.dupResponses,
      responsesWithoutRequest: this.counts.orphans,
      transactions: this.txs.length,
      unanswered: this.unanswered().length,
      learnedPorts: [...this.learned].sort((a, b) => a - b),
      candidatesDropped: this.candidates.dropped,
    };
  }

  private handle(d: RadiusDatagram, pkt: RadiusPacket, heuristic: boolean): RadiusFrameInfo {
    if (pkt.attributesCapped) {
      const frame = d.frame;
      this.hits?.hit('limit.radius.attributes', () => `the RADIUS packet in frame ${frame} has more than ${RADIUS_MAX_ATTRIBUTES} attributes; radscope decoded the first ${RADIUS_MAX_ATTRIBUTES} only`);
    }
    const role = isRadiusRequestCode(pkt.code) ? 'request' : isRadiusResponseCode(pkt.code) ? 'response' : 'other';
    const info: RadiusFrameInfo = {
      frame: d.frame,
      code: pkt.code,
      codeName: pkt.codeName,
      id: pkt.id,
      length: pkt.length,
      authenticator: authenticatorHex(pkt),
      role,
      src: d.src,
      dst: d.dst,
      srcPort: d.srcPort,
      dstPort: d.dstPort,
      heuristic,
      reqFrame: null,
      rspFrame: null,
      dup: null,
      sinceFirstCopy: null,
      rspDup: null,
      time: null,
      lastCopy: null,
      timeFromLastCopy: null,
      transaction: null,
      attrs: summarizeRadius(pkt),
      eap: pkt.eap,
      secrets: null,
      truncated: pkt.truncated,
      lengthInvalid: pkt.lengthInvalid,
      problems: pkt.problems,
    };
    this.infos.set(d.frame, info);
    // Wireshark copies the 16-octet authenticator before it pairs; a packet cut before that is not paired
    const pairable = pkt.authenticator.length === RADIUS_AUTHENTICATOR_LENGTH;
    let call: RadiusCall | undefined;
    if (role === 'request') {
      this.counts.requests++;
      if (pairable) call = this.onRequest(d, pkt, info);
    } else if (role === 'response') {
      this.counts.responses++;
      if (pairable) call = this.onResponse(d, pkt, info);
    }
    info.secrets = checkRadiusSecrets(pkt, role, role === 'response' ? (call?.authenticator ?? null) : null, this.secrets, this.revealPasswords);
    return info;
  }

  private onRequest(d: RadiusDatagram, pkt: RadiusPacket, info: RadiusFrameInfo): RadiusCall {
    const key = radiusCallKey(d.src, d.srcPort, d.dstPort, pkt.id, radiusCallClass(pkt.code));
    const prev = this.calls.find(key, d.frame);
    if (prev !== undefined && prev.reqFrame !== d.frame && sameAuthenticator(prev.authenticator, pkt.authenticator)) {
      this.counts.dupRequests++;
      info.dup = prev.reqFrame;
      if (d.hasTime && prev.hasTime) info.sinceFirstCopy = diffSeconds(prev.sec, prev.nsec, d.sec, d.nsec);
      info.rspFrame = prev.rspFrame || null;
      info.transaction = prev.transaction.index;
      prev.requestInfos.push(info);
      prev.lastCopyFrame = d.frame;
      prev.lastCopyHasTime = d.hasTime;
      prev.lastCopySec = d.sec;
      prev.lastCopyNsec = d.nsec;
      const t = prev.transaction;
      t.duplicates++;
      if (t.duplicateFrames.length < MAX_LISTED) {
        t.duplicateFrames.push(d.frame);
        t.duplicateOffsets.push(info.sinceFirstCopy);
      }
      return prev;
    }
    const t: RadiusTransaction = {
      index: this.txs.length,
      code: pkt.code,
      codeName: pkt.codeName,
      id: pkt.id,
      authenticator: info.authenticator,
      nas: d.src,
      nasPort: d.srcPort,
      server: d.dst,
      serverPort: d.dstPort,
      heuristic: info.heuristic,
      userName: info.attrs.userName,
      requestFrame: d.frame,
      duplicateFrames: [],
      duplicateOffsets: [],
      duplicates: 0,
      responseFrames: [],
      rspFrame: null,
      rspCode: null,
      rspCodeName: null,
      time: null,
    };
    this.txs.push(t);
    info.transaction = t.index;
    const call: RadiusCall = {
      reqFrame: d.frame,
      authenticator: pkt.authenticator.slice(),
      hasTime: d.hasTime,
      sec: d.sec,
      nsec: d.nsec,
      lastCopyFrame: d.frame,
      lastCopyHasTime: d.hasTime,
      lastCopySec: d.sec,
      lastCopyNsec: d.nsec,
      rspFrame: 0,
      rspCode: 0,
      transaction: t,
      requestInfos: [info],
    };
    this.calls.insert(key, call);
    return call;
  }

  private onResponse(d: RadiusDatagram, pkt: RadiusPacket, info: RadiusFrameInfo): RadiusCall | undefined {
    const key = radiusCallKey(d.dst, d.dstPort, d.srcPort, pkt.id, radiusCallClass(pkt.code));
    const call = this.calls.find(key, d.frame);
    if (call === undefined) {
      this.counts.orphans++;
      return undefined;
    }
    const t = call.transaction;
    info.reqFrame = call.reqFrame;
    info.transaction = t.index;
    info.lastCopy = call.lastCopyFrame;
    if (d.hasTime && call.hasTime) info.time = diffSeconds(call.sec, call.nsec, d.sec, d.nsec);
    if (d.hasTime && call.lastCopyHasTime) info.timeFromLastCopy = diffSeconds(call.lastCopySec, call.lastCopyNsec, d.sec, d.nsec);
    if (call.rspFrame === 0) {
      call.rspFrame = d.frame;
      for (const r of call.requestInfos) r.rspFrame = d.frame;
      t.rspFrame = d.frame;
      t.rspCode = pkt.code;
      t.rspCodeName = radiusCodeName(pkt.code);
      t.time = info.time;
    } else if (call.rspFrame !== d.frame && call.rspCode === pkt.code) {
      this.counts.dupResponses++;
      info.rspDup = call.rspFrame;
    }
    call.rspCode = pkt.code;
    if (t.responseFrames.length < MAX_LISTED) t.responseFrames.push(d.frame);
    return call;
  }
}

function datagram(v: RadiusVisit, bytes: Uint8Array, reported: number): RadiusDatagram {
  const p = v.packet;
  const r = v.raw;
  return { frame: r.number, hasTime: r.hasTime, sec: r.sec, nsec: r.nsec, src: p.src(), dst: p.dst(), srcPort: p.srcPort, dstPort: p.dstPort, reported, bytes };
}

