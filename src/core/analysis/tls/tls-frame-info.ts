// What TLS shows in one frame, as tshark attributes it: a record, a handshake message or an alert belongs to the
// frame whose bytes complete it (packet-tcp.c / packet-tls.c desegmentation show a reassembled PDU in its last
// segment's frame). One object is reused for every frame (no allocation per packet): copy what you keep, or
// take `tlsFrameRecord(info)` for a plain JSON-safe copy.

import type { TlsCertificateChain } from '../../dissect/tls-certificate.ts';
import type { TlsClientHello, TlsServerHello } from '../../dissect/tls-hello.ts';
import { ja4, type Ja4 } from './ja4.ts';
import { ja3, ja3s, type Fingerprint } from './tls-fingerprints.ts';

export interface TlsAlert {
  level: number;
  description: number;
}

export interface TlsFrameInfo {
  frame: number;
  stream: number;
  /** Sent by the TLS client (the ClientHello's sender; before one is seen, a guess from the ports). */
  fromClient: boolean;
  /** tls.record.content_type of each record completed here; TLS 1.3 encrypted records are left out, as tshark
   * shows their type as tls.record.opaque_type. */
  contentTypes: number[];
  /** tls.record.version of every record completed here (2 for SSL 2.0 records). */
  recordVersions: number[];
  /** tls.handshake.type of each unencrypted handshake message completed here (HelloRetryRequest shows 2). */
  handshake: number[];
  sni: string | null;
  alpn: string[];
  /** supported_versions: the ClientHello's list (GREASE included), or the ServerHello's selected version. */
  supportedVersions: number[];
  ja3: string | null;
  ja3Full: string | null;
  ja3s: string | null;
  ja3sFull: string | null;
  ja4: string | null;
  ja4r: string | null;
  helloRetryRequest: boolean;
  alerts: TlsAlert[];
  /** Subjects and issuers of a Certificate message completed here (TLS 1.2 and earlier). */
  certificates: TlsCertificateChain | null;
  /** Problems met here: malformed fields, missing bytes, limits reached. */
  problems: string[];
}

/**
 * The reused per-frame object. JA3, JA3S and JA4 are worked out only when read: hashing every ClientHello and
 * ServerHello of a capture costs about a tenth of the pass, and the analysis itself never reads them.
 */
export class TlsFrameInfoState implements TlsFrameInfo {
  frame = 0;
  stream = -1;
  fromClient = true;
  contentTypes: number[] = [];
  recordVersions: number[] = [];
  handshake: number[] = [];
  sni: string | null = null;
  alpn: string[] = [];
  supportedVersions: number[] = [];
  helloRetryRequest = false;
  alerts: TlsAlert[] = [];
  certificates: TlsCertificateChain | null = null;
  problems: string[] = [];
  // the hellos the fingerprints come from, and the fingerprints once worked out (undefined: not yet)
  private hello: TlsClientHello | null = null;
  private serverHello: TlsServerHello | null = null;
  private j3: Fingerprint | null | undefined = null;
  private j4: Ja4 | null | undefined = null;
  private j3s: Fingerprint | null | undefined = null;

  /** The frame's first ClientHello: its fingerprints are this frame's JA3 and JA4. */
  setClientHello(h: TlsClientHello): void {
    this.hello = h;
    this.j3 = this.j4 = undefined;
  }

  /** Whether a ClientHello was completed in this frame. */
  get hasClientHello(): boolean {
    return this.hello !== null;
  }

  /** The frame's first ServerHello: its fingerprint is this frame's JA3S. */
  setServerHello(h: TlsServerHello): void {
    this.serverHello = h;
    this.j3s = undefined;
  }

  get hasServerHello(): boolean {
    return this.serverHello !== null;
  }

  clear(): void {
    this.hello = this.serverHello = null;
    this.j3 = this.j4 = this.j3s = null;
  }

  private ja3Of(): Fingerprint | null {
    if (this.j3 === undefined) this.j3 = this.hello === null ? null : ja3(this.hello);
    return this.j3;
  }

  private ja4Of(): Ja4 | null {
    if (this.j4 === undefined) this.j4 = this.hello === null ? null : ja4(this.hello);
    return this.j4;
  }

  private ja3sOf(): Fingerprint | null {
    if (this.j3s === undefined) this.j3s = this.serverHello === null ? null : ja3s(this.serverHello);
    return this.j3s;
  }

  get ja3(): string | null {
    return this.ja3Of()?.hash ?? null;
  }
  set ja3(v: string | null) {
    this.override('ja3', v);
  }
  get ja3Full(): string | null {
    return this.ja3Of()?.full ?? null;
  }
  set ja3Full(v: string | null) {
    this.override('ja3Full', v);
  }
  get ja4(): string | null {
    return this.ja4Of()?.ja4 ?? null;
  }
  set ja4(v: string | null) {
    this.override('ja4', v);
  }
  get ja4r(): string | null {
    return this.ja4Of()?.raw ?? null;
  }
  set ja4r(v: string | null) {
    this.override('ja4r', v);
  }
  get ja3s(): string | null {
    return this.ja3sOf()?.hash ?? null;
  }
  set ja3s(v: string | null) {
    this.override('ja3s', v);
  }
  get ja3sFull(): string | null {
    return this.ja3sOf()?.full ?? null;
  }
  set ja3sFull(v: string | null) {
    this.override('ja3sFull', v);
  }

  /** A fingerprint set directly (the hello's is not worked out then): null clears the pair it belongs to. */
  private override(field: 'ja3' | 'ja3Full' | 'ja4' | 'ja4r' | 'ja3s' | 'ja3sFull', v: string | null): void {
    if (field === 'ja3' || field === 'ja3Full') {
      const f = this.ja3Of();
      this.j3 = v === null ? null : { hash: field === 'ja3' ? v : (f?.hash ?? ''), full: field === 'ja3Full' ? v : (f?.full ?? '') };
    } else if (field === 'ja4' || field === 'ja4r') {
      const f = this.ja4Of();
      this.j4 = v === null ? null : { ja4: field === 'ja4' ? v : (f?.ja4 ?? ''), raw: field === 'ja4r' ? v : (f?.raw ?? '') };
    } else {
      const f = this.ja3sOf();
      this.j3s = v === null ? null : { hash: field === 'ja3s' ? v : (f?.hash ?? ''), full: field === 'ja3sFull' ? v : (f?.full ?? '') };
    }
  }
}

export function newTlsFrameInfo(): TlsFrameInfoState {
  return new TlsFrameInfoState();
}

/** Clears `i` for a new frame (a used list is replaced by a new one: emptying an array in place costs more). */
export function resetTlsFrameInfo(i: TlsFrameInfo, frame: number): void {
  i.frame = frame;
  i.stream = -1;
  i.fromClient = true;
  if (i.contentTypes.length !== 0) i.contentTypes = [];
  if (i.recordVersions.length !== 0) i.recordVersions = [];
  if (i.handshake.length !== 0) i.handshake = [];
  i.sni = null;
  if (i.alpn.length !== 0) i.alpn = [];
  if (i.supportedVersions.length !== 0) i.supportedVersions = [];
  if (i instanceof TlsFrameInfoState) i.clear();
  else i.ja3 = i.ja3Full = i.ja3s = i.ja3sFull = i.ja4 = i.ja4r = null;
  i.helloRetryRequest = false;
  if (i.alerts.length !== 0) i.alerts = [];
  i.certificates = null;
  if (i.problems.length !== 0) i.problems = [];
}

/** True when the frame carried anything TLS (a record, or a problem while reading one). */
export function hasTls(i: TlsFrameInfo): boolean {
  return i.recordVersions.length > 0 || i.handshake.length > 0 || i.problems.length > 0;
}

/** The per-frame record the CLI prints (`tls: {...}`), as a plain object. */
export interface TlsFrameRecord {
  contentTypes: number[];
  handshake: number[];
  sni: string | null;
  alpn: string[];
  supportedVersions: number[];
  alert: TlsAlert | null;
  alerts: TlsAlert[];
  ja3: string | null;
  ja3s: string | null;
  ja4: string | null;
  helloRetryRequest: boolean;
  certificate: { subject: string; issuer: string } | null;
  problems: string[];
}

export function tlsFrameRecord(i: TlsFrameInfo): TlsFrameRecord {
  const cert = i.certificates?.chain[0];
  return {
    contentTypes: [...i.contentTypes],
    handshake: [...i.handshake],
    sni: i.sni,
    alpn: [...i.alpn],
    supportedVersions: [...i.supportedVersions],
    alert: i.alerts.length > 0 ? { ...i.alerts[0]! } : null,
    alerts: i.alerts.map((a) => ({ ...a })),
    ja3: i.ja3,
    ja3s: i.ja3s,
    ja4: i.ja4,
    helloRetryRequest: i.helloRetryRequest,
    certificate: cert !== undefined ? { subject: cert.subject, issuer: cert.issuer } : null,
    problems: [...i.problems],
  };
}
