// One TLS connection: its two record readers and handshake readers, the session version as Wireshark tracks it
// (ssl_try_set_version: the first "authoritative" record, then each ServerHello), and what the handshake
// showed, kept for diagnosis (tls-connection-state.ts). Per-frame results go to the tracker's frame info.
// Once a direction is past its handshake (its ChangeCipherSpec before TLS 1.3; the ServerHello in TLS 1.3)
// it only skims record headers, and its TCP stream stops holding out-of-order copies.

import { tls13Draft, CT_ALERT, CT_APPLICATION_DATA, CT_CHANGE_CIPHER_SPEC, CT_HANDSHAKE, CT_HEARTBEAT, HS_CERTIFICATE, HS_CLIENT_HELLO, HS_SERVER_HELLO, isKnownHandshakeType, isValidContentType, SSL2_MESSAGE_NAMES, VERSION_SSL2, VERSION_TLS13 } from '../../dissect/tls-constants.ts';
import { decodeCertificateMessage } from '../../dissect/tls-certificate.ts';
import { decodeClientHello, decodeServerHello, decodeSsl2ClientHello, scanServerHelloVersion, type TlsDecodeProblem } from '../../dissect/tls-hello.ts';
import { isRecordVersion, looksLikeValidSsl2Handshake, TLS12_MAX_CIPHERTEXT, TLS13_MAX_CIPHERTEXT } from '../../dissect/tls-record.ts';
import { u16 } from '../../base/bytes.ts';
import type { MemoryBudget } from '../tcp/tcp-reassembly.ts';
import { TlsConnectionRecord } from './tls-connection-state.ts';
import type { TlsFrameInfoState } from './tls-frame-info.ts';
import { TlsHandshakeReader, type HandshakeListener } from './tls-handshake-reader.ts';
import { ReaderMode, TlsRecordReader, type RecordListener } from './tls-record-reader.ts';

/** What the connection needs from its tracker. */
export interface TlsFrameContext {
  /** The frame being read now (results belong to it). */
  readonly frame: number;
  /** The frame's info object, claimed for this connection. */
  frameInfo(c: TlsConnection, side: 0 | 1): TlsFrameInfoState;
}

/** Optional control of the TCP streams underneath (plain flows; a tunnel's owner keeps its own). */
export interface TlsStreamControl {
  /** The direction needs no out-of-order copies any more. */
  inOrder(side: 0 | 1): void;
  off(side: 0 | 1): void;
}

export class TlsConnection implements RecordListener, HandshakeListener {
  readonly readers: [TlsRecordReader, TlsRecordReader];
  readonly hs: [TlsHandshakeReader, TlsHandshakeReader];
  readonly record: TlsConnectionRecord;
  sessionVersion = 0;

  constructor(
    stream: number,
    private readonly ctx: TlsFrameContext,
    budget: MemoryBudget,
    /** The side believed to be the client until a ClientHello says otherwise. */
    guessClient: 0 | 1,
    tunnel: boolean,
    private readonly control: TlsStreamControl | null = null,
  ) {
    this.readers = [new TlsRecordReader(this, budget, 0), new TlsRecordReader(this, budget, 1)];
    this.hs = [new TlsHandshakeReader(this, budget, 0), new TlsHandshakeReader(this, budget, 1)];
    this.record = new TlsConnectionRecord(stream, tunnel, guessClient);
  }

  isClient(side: 0 | 1): boolean {
    return this.record.clientSide === side;
  }

  private info(side: 0 | 1): TlsFrameInfoState {
    this.record.touch(this.ctx.frame);
    return this.ctx.frameInfo(this, side);
  }

  /** ssl_try_set_version (packet-tls-utils.c) for a record or ServerHello that is "authoritative". */
  private tryVersion(contentType: number, hsType: number, version: number): void {
    const authoritative = contentType === CT_HANDSHAKE ? isKnownHandshakeType(hsType) && hsType !== HS_CLIENT_HELLO : isValidContentType(contentType);
    if (!authoritative) return;
    if (hsType === HS_SERVER_HELLO && contentType === CT_HANDSHAKE && tls13Draft(version) !== 0) version = VERSION_TLS13;
    if (!isRecordVersion(version)) return;
    this.sessionVersion = version;
  }

  onRecord(r: TlsRecordReader, type: number, version: number, length: number, full: boolean, b: Uint8Array, s: number, e: number): void {
    const side = r.side;
    const frame = this.ctx.frame;
    const info = this.info(side);
    info.recordVersions.push(version);
    // tshark shows a TLS 1.3 session's application_data type as tls.record.opaque_type
    if (!(this.sessionVersion === VERSION_TLS13 && type === CT_APPLICATION_DATA)) info.contentTypes.push(type);
    if (this.sessionVersion === 0 && e > s) this.tryVersion(type, b[s]!, version);
    const max = this.sessionVersion === VERSION_TLS13 ? TLS13_MAX_CIPHERTEXT : TLS12_MAX_CIPHERTEXT;
    if (length > max) this.problem(side, info, `record length ${length} is over the ${max} bytes allowed (RFC 8446 section 5.2, RFC 5246 section 6.2.3)`);
    const rec = this.record;
    switch (type) {
      case CT_CHANGE_CIPHER_SPEC:
        if (rec.ccs[side] === 0) rec.ccs[side] = frame;
        // Before TLS 1.3 everything after it is encrypted. In TLS 1.3 it is a compatibility dummy (RFC 8446
        // appendix D.4) that does not count as "the" CCS: tshark 4.0 still dissects the ServerHello that
        // follows a HelloRetryRequest + CCS in a later frame (zeek hrr.pcap with out-of-order reassembly on).
        if (this.sessionVersion !== VERSION_TLS13) {
          if (this.hs[side].ccsFrame === 0) this.hs[side].ccsFrame = frame;
          this.skim(side);
        }
        return;
      case CT_ALERT:
        if (length === 2 && e - s >= 2) {
          info.alerts.push({ level: b[s]!, description: b[s + 1]! });
          rec.alert(frame, side, b[s]!, b[s + 1]!, false);
        } else {
          rec.alert(frame, side, -1, -1, true); // "Encrypted Alert": any length but 2
        }
        return;
      case CT_HANDSHAKE:
        this.hs[side].record(b, s, e, length, full, frame);
        return;
      case CT_APPLICATION_DATA:
        rec.appData[side]++;
        if (rec.firstAppDataFrame === 0) rec.firstAppDataFrame = frame;
        return;
      case CT_HEARTBEAT:
        rec.heartbeats++;
        return;
    }
  }

  onSsl2Record(r: TlsRecordReader, length: number, full: boolean, b: Uint8Array, s: number, e: number): void {
    const side = r.side;
    const info = this.info(side);
    info.recordVersions.push(VERSION_SSL2);
    if (e <= s) return;
    const type = b[s]!;
    // dissect_ssl2_record: a server_hello or later message in the clear makes the session SSL 2.0
    if (this.sessionVersion === 0 && type >= 2 && type <= 8) this.sessionVersion = VERSION_SSL2;
    if (SSL2_MESSAGE_NAMES[type] === undefined || !full || !looksLikeValidSsl2Handshake(b, s, length)) return; // "Encrypted Data"
    info.handshake.push(type);
    if (type === 1) {
      const problems: TlsDecodeProblem[] = [];
      this.clientHello(side, info, decodeSsl2ClientHello(b, s + 1, e, problems), problems);
    } else if (type === 4 && e - s >= 5) {
      this.record.setServerHello(this.ctx.frame, side, u16(b, s + 3), -1, null, null);
      this.record.version = VERSION_SSL2;
    }
  }

  onMessage(side: 0 | 1, type: number, length: number, whole: boolean, b: Uint8Array, s: number, e: number, first: boolean): void {
    if (!isKnownHandshakeType(type)) return; // no tls.handshake.type for an unknown type
    const info = this.info(side);
    if (first && type === HS_SERVER_HELLO && length > 2 && e - s >= 2) this.tryVersion(CT_HANDSHAKE, HS_SERVER_HELLO, scanServerHelloVersion(b, s, e).version);
    info.handshake.push(type);
    const problems: TlsDecodeProblem[] = [];
    if ((type === HS_CLIENT_HELLO || type === HS_SERVER_HELLO) && !whole) {
      this.problem(side, info, `${type === 1 ? 'ClientHello' : 'ServerHello'} of ${length} bytes not kept whole (limit or memory): not parsed`);
      return;
    }
    if (type === HS_CLIENT_HELLO) this.clientHello(side, info, decodeClientHello(b, s, e, problems), problems);
    else if (type === HS_SERVER_HELLO) this.serverHello(side, info, b, s, e, problems);
    else if (type === HS_CERTIFICATE && e > s) {
      const chain = decodeCertificateMessage(b, s, e, this.sessionVersion === VERSION_TLS13, whole, problems);
      if (info.certificates === null) info.certificates = chain;
      if (this.record.certificate === null && chain.chain.length > 0) this.record.certificate = { frame: this.ctx.frame, side, chain: chain.chain };
      this.report(side, info, 'Certificate', problems);
    }
  }

  private clientHello(side: 0 | 1, info: TlsFrameInfoState, h: ReturnType<typeof decodeClientHello>, problems: TlsDecodeProblem[]): void {
    const rec = this.record;
    if (rec.clientHelloCount === 0 && rec.serverHello === null) rec.clientSide = side;
    rec.clientHelloCount++;
    // the fingerprints (JA3, JA4) are worked out from the hello when someone reads them
    if (!info.hasClientHello) {
      info.sni = h.sni;
      info.alpn.push(...h.alpn);
      info.supportedVersions.push(...h.supportedVersions);
      info.setClientHello(h);
    }
    rec.addClientHello(this.ctx.frame, side, h);
    this.report(side, info, 'ClientHello', problems);
  }

  private serverHello(side: 0 | 1, info: TlsFrameInfoState, b: Uint8Array, s: number, e: number, problems: TlsDecodeProblem[]): void {
    const h = decodeServerHello(b, s, e, problems);
    const rec = this.record;
    if (rec.clientHelloCount === 0 && rec.serverHello === null && rec.helloRetryFrame === 0) rec.clientSide = side === 0 ? 1 : 0;
    if (h.alpn !== null) info.alpn.push(h.alpn);
    if (h.selectedVersion !== null) info.supportedVersions.push(h.selectedVersion);
    // JA3S is worked out from the hello when someone reads it
    if (!info.hasServerHello || info.ja3s === null) info.setServerHello(h);
    this.report(side, info, 'ServerHello', problems);
    if (h.helloRetryRequest) {
      info.helloRetryRequest = true;
      if (rec.helloRetryFrame === 0) rec.helloRetryFrame = this.ctx.frame;
      return;
    }
    const version = h.selectedVersion ?? h.legacyVersion;
    rec.setServerHello(this.ctx.frame, side, version, h.cipherSuite, h.alpn, h);
    rec.version = version;
    if (this.sessionVersion === VERSION_TLS13) {
      // the rest of a TLS 1.3 handshake is encrypted, in both directions
      this.skim(0);
      this.skim(1);
    }
  }

  onEncrypted(side: 0 | 1): void {
    const rec = this.record;
    if (rec.ccs[side] !== 0 && rec.finished[side] === 0) rec.finished[side] = this.ctx.frame; // the encrypted Finished
  }

  onLost(sideOrReader: 0 | 1 | TlsRecordReader, message: string, lost = false): void {
    const side = typeof sideOrReader === 'number' ? sideOrReader : sideOrReader.side;
    if (lost) this.hs[side].reset();
    this.problem(side, this.info(side), message);
  }

  onEnd(r: TlsRecordReader, reset: boolean): void {
    this.hs[r.side].reset();
    this.record.ended[r.side] = reset ? 'reset' : 'fin';
  }

  private skim(side: 0 | 1): void {
    const r = this.readers[side];
    if (r.mode !== ReaderMode.FULL || r.wantSkim) return;
    r.wantSkim = true;
    this.control?.inOrder(side);
  }

  private report(side: 0 | 1, info: TlsFrameInfoState, what: string, problems: TlsDecodeProblem[]): void {
    for (const p of problems) this.problem(side, info, `${what}: ${p.message} (offset ${p.offset})`);
  }

  private problem(side: 0 | 1, info: TlsFrameInfoState, message: string): void {
    info.problems.push(message);
    this.record.problem(this.ctx.frame, side, message);
  }
}
