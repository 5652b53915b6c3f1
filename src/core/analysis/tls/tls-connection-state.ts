// What one TLS connection showed, kept after its bytes are gone, for diagnosis: the ClientHello (frame, SNI,
// fingerprints), the ServerHello or HelloRetryRequest, the server certificate names, alerts by side,
// ChangeCipherSpec / Finished / application data by side, how the streams ended, and problems. Sides are 0
// (TCP endpoint A, or the requesting side of a tunnel) and 1; `snapshot()` turns them into client / server.

import type { TlsClientHello, TlsServerHello } from '../../dissect/tls-hello.ts';
import { ja4 } from './ja4.ts';
import { ja3, ja3s } from './tls-fingerprints.ts';
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
  /** The first ClientHello's summary (null for later ones: only their frames are kept). */
  summary: TlsClientHelloSummary | null;
}

/** The mutable, side-indexed form the connection fills. */
export class TlsConnectionRecord {
  clientSide: 0 | 1;
  firstFrame = 0;
  lastFrame = 0;
  clientHelloCount = 0;
  readonly clientHellos: HelloRecord[] = [];
  helloRetryFrame = 0;
  serverHello: { frame: number; version: number; cipherSuite: number; alpn: string | null; side: 0 | 1; summary: NonNullable<TlsConnectionState['serverHello']> } | null = null;
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

  /** A ClientHello (the first few are kept: the first one's summary, the others' frames). */
  addClientHello(frame: number, side: 0 | 1, h: TlsClientHello): void {
    if (this.clientHellos.length < MAX_HELLOS) this.clientHellos.push({ frame, side, summary: this.clientHellos.length === 0 ? new ClientHelloSummary(frame, h) : null });
  }

  /** The connection's ServerHello (the first one; `h` is null for SSL 2.0's SERVER-HELLO). */
  setServerHello(frame: number, side: 0 | 1, version: number, cipherSuite: number, alpn: string | null, h: TlsServerHello | null): void {
    this.serverHello ??= { frame, version, cipherSuite, alpn, side, summary: new ServerHelloSummary(frame, version, cipherSuite, alpn, h) };
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
      clientHello: first?.summary ?? null,
      clientHelloCount: this.clientHelloCount,
      clientHelloFrames: this.clientHellos.slice(0, MAX_HELLOS).map((h) => h.frame),
      helloRetryRequestFrame: this.helloRetryFrame || null,
      serverHello: sh === null ? null : sh.summary,
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

// The fingerprints of a kept connection are worked out when first read (the diagnosis never reads them; a
// large capture has tens of thousands of connections). Until then a summary keeps only the numbers they are
// made of, packed in one short string (16-bit values as characters: flat and exactly sized), not the hello
// (made when the hello is read, so the hello itself is not kept). `toJSON` gives the plain object the
// summary describes.

class ClientHelloSummary implements TlsClientHelloSummary {
  readonly sni: string | null;
  readonly alpn: string[];
  readonly legacyVersion: number;
  readonly supportedVersions: number[];
  readonly ssl2: boolean;
  #inputs: string | null;
  #ja3: string | null = null;
  #ja4 = '';
  #ja4r = '';

  constructor(
    readonly frame: number,
    h: TlsClientHello,
  ) {
    this.sni = h.sni;
    // exact-size copies: the decoder's arrays grew by push() and reserve spare slots
    this.alpn = h.alpn.slice();
    this.legacyVersion = h.legacyVersion;
    this.supportedVersions = h.supportedVersions.slice();
    this.ssl2 = h.ssl2;
    this.#inputs = packClientHello(h);
  }

  get ja3(): string | null {
    this.#fill();
    return this.#ja3;
  }

  get ja4(): string {
    this.#fill();
    return this.#ja4;
  }

  get ja4r(): string {
    this.#fill();
    return this.#ja4r;
  }

  #fill(): void {
    if (this.#inputs === null) return;
    const h = unpackClientHello(this.#inputs, this);
    this.#inputs = null;
    this.#ja3 = ja3(h)?.hash ?? null;
    const j4 = ja4(h);
    this.#ja4 = j4.ja4;
    this.#ja4r = j4.raw;
  }

  toJSON(): TlsClientHelloSummary {
    const { frame, sni, alpn, legacyVersion, supportedVersions, ja3, ja4, ja4r, ssl2 } = this;
    return { frame, sni, alpn, legacyVersion, supportedVersions, ja3, ja4, ja4r, ssl2 };
  }
}

class ServerHelloSummary {
  #inputs: string | null;
  #ja3s: string | null = null;

  constructor(
    readonly frame: number,
    readonly version: number,
    readonly cipherSuite: number,
    readonly alpn: string | null,
    h: TlsServerHello | null,
  ) {
    this.#inputs = h === null ? null : pack([h.legacyVersion, h.cipherSuite + 1, ...h.extensions]);
  }

  get ja3s(): string | null {
    const x = this.#inputs;
    if (x !== null) {
      this.#inputs = null;
      const v = unpack(x);
      const h = { legacyVersion: v[0]!, cipherSuite: v[1]! - 1, extensions: v.slice(2) } as TlsServerHello;
      this.#ja3s = ja3s(h)?.hash ?? null;
    }
    return this.#ja3s;
  }

  toJSON(): NonNullable<TlsConnectionState['serverHello']> {
    const { frame, version, cipherSuite, alpn, ja3s } = this;
    return { frame, version, cipherSuite, alpn, ja3s };
  }
}

/** What JA3 and JA4 read of a hello, as counted lists: ciphers, extensions, groups, point formats, versions,
 * signature algorithms, then the first ALPN value's bytes (count 0xffff when there is none). */
function packClientHello(h: TlsClientHello): string {
  const out: number[] = [];
  for (const list of [h.cipherSuites, h.extensions, h.supportedGroups, h.ecPointFormats, h.supportedVersions, h.signatureAlgorithms]) {
    out.push(list.length);
    for (const v of list) out.push(v);
  }
  if (h.alpnFirst === null) out.push(NO_ALPN);
  else {
    out.push(h.alpnFirst.length);
    for (const v of h.alpnFirst) out.push(v);
  }
  return pack(out);
}

const NO_ALPN = 0xffff;

/** 16-bit values as one string (every TLS list value, and every count, fits in 16 bits). */
function pack(values: number[]): string {
  let s = '';
  for (let i = 0; i < values.length; i += 4096) s += String.fromCharCode(...values.slice(i, i + 4096));
  return s;
}

function unpack(s: string): number[] {
  const out = new Array<number>(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function unpackClientHello(packed: string, s: { legacyVersion: number; ssl2: boolean; sni: string | null }): TlsClientHello {
  const x = unpack(packed);
  let o = 0;
  const list = (): number[] => {
    const n = x[o++]!;
    const l = x.slice(o, o + n);
    o += n;
    return l;
  };
  const cipherSuites = list();
  const extensions = list();
  const supportedGroups = list();
  const ecPointFormats = list();
  const supportedVersions = list();
  const signatureAlgorithms = list();
  const alpnFirst = x[o] === NO_ALPN ? null : Uint8Array.from(list());
  return {
    ssl2: s.ssl2, legacyVersion: s.legacyVersion, random: '', sessionId: '', cipherSuites, ssl2CipherSpecs: [], compressionMethods: [], extensions,
    sni: s.sni, alpn: [], alpnFirst, supportedVersions, supportedGroups, ecPointFormats, signatureAlgorithms, keyShareGroups: [], truncated: false,
  };
}
