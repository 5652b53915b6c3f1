// What TLS shows in one frame, as tshark attributes it: a record, a handshake message or an alert belongs to the
// frame whose bytes complete it (packet-tcp.c / packet-tls.c desegmentation show a reassembled PDU in its last
// segment's frame). One object is reused for every frame (no allocation per packet): copy what you keep, or
// take `tlsFrameRecord(info)` for a plain JSON-safe copy.

import type { TlsCertificateChain } from '../../dissect/tls-certificate.ts';

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

export function newTlsFrameInfo(): TlsFrameInfo {
  return {
    frame: 0,
    stream: -1,
    fromClient: true,
    contentTypes: [],
    recordVersions: [],
    handshake: [],
    sni: null,
    alpn: [],
    supportedVersions: [],
    ja3: null,
    ja3Full: null,
    ja3s: null,
    ja3sFull: null,
    ja4: null,
    ja4r: null,
    helloRetryRequest: false,
    alerts: [],
    certificates: null,
    problems: [],
  };
}

export function resetTlsFrameInfo(i: TlsFrameInfo, frame: number): void {
  i.frame = frame;
  i.stream = -1;
  i.fromClient = true;
  i.contentTypes.length = 0;
  i.recordVersions.length = 0;
  i.handshake.length = 0;
  i.sni = null;
  i.alpn.length = 0;
  i.supportedVersions.length = 0;
  i.ja3 = i.ja3Full = i.ja3s = i.ja3sFull = i.ja4 = i.ja4r = null;
  i.helloRetryRequest = false;
  i.alerts.length = 0;
  i.certificates = null;
  i.problems.length = 0;
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
