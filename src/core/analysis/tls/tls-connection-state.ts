// What one TLS connection showed, kept after its bytes are gone, for diagnosis: the ClientHello (frame, SNI,
// fingerprints), the ServerHello or HelloRetryRequest, the server certificate names, alerts by side,
// ChangeCipherSpec / Finished / application data by side, how the streams ended, and problems. Sides are 0
// (TCP endpoint A, or the requesting side of a tunnel) and 1; `snapshot()` turns them into client / server.

import type { TlsClientHello } from '../../dissect/tls-hello.ts';
import { alertName, VERSION_TLS13 } from '../../dissect/tls-constants.ts';
import type { X509Names } from '../../dissect/x509-name.ts';

const MAX_ALERTS = 16;
const MAX_PROBLEMS = 16;
const MAX_HELLOS = 4;

export interface TlsAlertEvent {
  frame: number;
  fromClient: boolean;
  /** -1 for an encrypted alert (record length other than 2). */
  level: number;
  description: number;
  name: string;
  encrypted: boolean;
}

export interface TlsClientHelloSummary {
  /** The frame that completed the ClientHello (where tshark shows it). */
  frame: number;
  sni: string | null;
  alpn: string[];
  legacyVersion: number;
  /** supported_versions as sent (GREASE included), empty when absent. */
  supportedVersions: number[];
  ja3: string | null;
  ja4: string;
  ja4r: string;
  ssl2: boolean;
}

export interface TlsConnectionState {
  stream: number;
  /** Fed by another parser (an HTTP CONNECT tunnel), not straight from TCP. */
  tunnel: boolean;
  /** Which side is the client: 'a' (TCP endpoint A, or the tunnel's requester) or 'b'; a guess from the ports
   * until a ClientHello or ServerHello is seen (`clientKnown`). */
  clientSide: 'a' | 'b';
  clientKnown: boolean;
  firstFrame: number;
  lastFrame: number;
  clientHello: TlsClientHelloSummary | null;
  /** ClientHellos seen (2 after a HelloRetryRequest); retransmitted copies are never counted. */
  clientHelloCount: number;
  clientHelloFrames: number[];
  helloRetryRequestFrame: number | null;
  serverHello: { frame: number; version: number; cipherSuite: number; alpn: string | null; ja3s: string | null } | null;
  /** The negotiated version (ServerHello supported_versions, else its version field), 0 if unknown. */
  version: number;
  certificate: { frame: number; chain: X509Names[] } | null;
  alerts: TlsAlertEvent[];
  changeCipherSpec: { client: number; server: number };
  /** Frames of the encrypted Finished after each side's ChangeCipherSpec (TLS 1.2 and earlier), 0 if unseen. */
  finished: { client: number; server: number };
  applicationData: { client: number; server: number };
  firstApplicationDataFrame: number;
  /** TLS 1.2 and earlier: both Finished messages seen. TLS 1.3 (suspected): ServerHello, then encrypted
   * records from both sides (the Finished messages themselves are encrypted). */
  handshakeComplete: boolean;
  ended: { client: 'fin' | 'reset' | null; server: 'fin' | 'reset' | null };
  problems: { frame: number; fromClient: boolean; message: string }[];
}

interface HelloRecord {
  frame: number;
  side: 0 | 1;
  hello: TlsClientHello;
  ja3: string | null;
  ja4: string;
  ja4r: string;
}

/** The mutable, side-indexed form the connection fills. */
export class TlsConnectionRecord {
  clientSide: 0 | 1;
  firstFrame = 0;
  lastFrame = 0;
  clientHelloCount = 0;
  readonly clientHellos: HelloRecord[] = [];
  helloRetryFrame = 0;
  serverHello: { frame: number; version: number; cipherSuite: number; alpn: string | null; ja3s: string | null; side: 0 | 1 } | null = null;
  version = 0;
  certificate: { frame: number; side: 0 | 1; chain: X509Names[] } | null = null;
  readonly alerts: { frame: number; side: 0 | 1; level: number; description: number; encrypted: boolean }[] = [];
  readonly ccs: [number, number] = [0, 0];
  readonly finished: [number, number] = [0, 0];
  readonly appData: [number, number] = [0, 0];
  firstAppDataFrame = 0;
  heartbeats = 0;
  readonly ended: [('fin' | 'reset' | null), ('fin' | 'reset' | null)] = [null, null];
  readonly problems: { frame: number; side: 0 | 1; message: string }[] = [];
  problemsDropped = 0;

  constructor(
    readonly stream: number,
    readonly tunnel: boolean,
    private readonly guessClient: 0 | 1,
  ) {
    this.clientSide = guessClient;
  }

  touch(frame: number): void {
    if (this.firstFrame === 0) this.firstFrame = frame;
    this.lastFrame = frame;
  }

  alert(frame: number, side: 0 | 1, level: number, description: number, encrypted: boolean): void {
    if (this.alerts.length < MAX_ALERTS) this.alerts.push({ frame, side, level, description, encrypted });
  }

  problem(frame: number, side: 0 | 1, message: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ frame, side, message });
    else this.problemsDropped++;
  }

  snapshot(): TlsConnectionState {
    const c = this.clientSide;
    const s = c === 0 ? 1 : 0;
    const first = this.clientHellos[0];
    const sh = this.serverHello;
    const tls13 = this.version === VERSION_TLS13;
    const complete = tls13 ? sh !== null && this.appData[c] > 0 && this.appData[s] > 0 : this.finished[c] !== 0 && this.finished[s] !== 0;
    return {
      stream: this.stream,
      tunnel: this.tunnel,
      clientSide: c === 0 ? 'a' : 'b',
      clientKnown: this.clientHelloCount > 0 || sh !== null || this.clientSide !== this.guessClient,
      firstFrame: this.firstFrame,
      lastFrame: this.lastFrame,
      clientHello:
        first === undefined
          ? null
          : {
              frame: first.frame,
              sni: first.hello.sni,
              alpn: first.hello.alpn,
              legacyVersion: first.hello.legacyVersion,
              supportedVersions: first.hello.supportedVersions,
              ja3: first.ja3,
              ja4: first.ja4,
              ja4r: first.ja4r,
              ssl2: first.hello.ssl2,
            },
      clientHelloCount: this.clientHelloCount,
      clientHelloFrames: this.clientHellos.slice(0, MAX_HELLOS).map((h) => h.frame),
      helloRetryRequestFrame: this.helloRetryFrame || null,
      serverHello: sh === null ? null : { frame: sh.frame, version: sh.version, cipherSuite: sh.cipherSuite, alpn: sh.alpn, ja3s: sh.ja3s },
      version: this.version,
      certificate: this.certificate === null ? null : { frame: this.certificate.frame, chain: this.certificate.chain },
      alerts: this.alerts.map((a) => ({
        frame: a.frame,
        fromClient: a.side === c,
        level: a.level,
        description: a.description,
        name: a.encrypted ? 'encrypted' : alertName(a.description),
        encrypted: a.encrypted,
      })),
      changeCipherSpec: { client: this.ccs[c], server: this.ccs[s] },
      finished: { client: this.finished[c], server: this.finished[s] },
      applicationData: { client: this.appData[c], server: this.appData[s] },
      firstApplicationDataFrame: this.firstAppDataFrame,
      handshakeComplete: complete,
      ended: { client: this.ended[c], server: this.ended[s] },
      problems: this.problems.map((p) => ({ frame: p.frame, fromClient: p.side === c, message: p.message })),
    };
  }
}
