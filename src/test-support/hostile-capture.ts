// A capture crafted to attack the page: every string the app shows from a capture carries markup, script
// URLs, a right-to-left override, control characters or sheer length. Built here, byte by byte, with no help
// from radscope's own code, so the test's ground truth is what these bytes say.
//
// The story it tells (one RADIUS request the NPS server never answers): the NAS sends an Access-Request
// (hostile User-Name and other attributes) and repeats it; the server looks up a hostile DNS name, asks a
// proxy to CONNECT to a hostile target (denied with a hostile reason), fetches a URL over plain HTTP (hostile
// request line, Host and status line), and opens TLS to 443 whose ClientHello (a 10,000-character SNI) is
// retransmitted into silence. The pcapng section, interface and packets carry hostile comments and names.

/** Markup that would run if it were ever parsed as HTML: each calls the test's trap with its own tag. */
export const markup = (tag: string) => `<img src=x onerror="window.__pwned('${tag}')"><script>window.__pwned('${tag}-script')</script>`;
/** The same without spaces, for fields split on spaces (an HTTP request target) or escaped (DNS labels). */
export const markupNoSpace = (tag: string) => `<svg/onload=window.__pwned('${tag}')>`;
export const RLO = '\u202e';
/** NUL, BEL, ESC (an ANSI colour sequence), a line feed and a carriage return. */
export const CONTROLS = '\u0000\u0007\u001b[31m\n\r';

export const ADDR = { nas: '10.0.0.1', nps: '10.0.0.10', dns: '10.0.0.53', proxy: '10.0.0.8', web: '198.51.100.80', tls: '203.0.113.5' };

/** The strings, as the capture holds them (UTF-8 on the wire, except HTTP: bytes as ISO 8859-1). */
export const HOSTILE = {
  /** At most 253 octets (RFC 2865 section 5: an attribute's value). */
  user: `${markup('user')}${RLO}gpj.exe`,
  nasIdentifier: `javascript:window.__pwned('nas-id')//${RLO}evil`,
  /** Control characters: radscope shows a User-Name-like attribute with them as hex. */
  calledStation: `AA-BB${CONTROLS}<b>bold</b>`,
  /** 10,000 characters: markup, an RLO, controls, then filler. */
  sni: '',
  alpn: markup('alpn').slice(0, 120),
  /** DNS labels hold any octets (RFC 2181 section 11); radscope shows them with RFC 1035 escapes. */
  dnsLabels: [`<img src=x onerror=alert(1)>`, `javascript:alert(1)`, `${RLO}moc`, `a\u0000\u0007\u001bb`, 'example'],
  cname: [markupNoSpace('cname'), 'example'],
  /** A request line is printable ASCII (RFC 9112 section 3): radscope reads no other as HTTP. */
  httpTarget: `/${markupNoSpace('target')}?next=javascript:alert(1)&${'x'.repeat(3000)}`,
  httpHost: `${markup('host')}\u0007`,
  httpReason: `${markup('reason')}\u001b[5m`,
  connectTarget: `${markupNoSpace('connect')}.example:443`,
  proxyReason: `Denied ${markup('proxy')}`,
  sectionComment: `${markup('shb')}${CONTROLS}${RLO}section`,
  ifName: `${markup('ifname')}${RLO}0hte${CONTROLS}`,
  ifDescription: `javascript:alert('ifdescr')`,
  packetComment: `${markup('epb')}${CONTROLS}${'c'.repeat(2000)}`,
  fileName: `<img src=x onerror=alert(1)>${RLO}gnp.pcapng`,
};
HOSTILE.sni = `${markup('sni')}${RLO}moc.tfosorcim.nigol${CONTROLS}javascript:alert(1)//`;
HOSTILE.sni += 'A'.repeat(10_000 - HOSTILE.sni.length);

const utf8 = (s: string) => new TextEncoder().encode(s);
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function u16(n: number): Uint8Array {
  return Uint8Array.of(n >> 8, n & 0xff);
}
function u24(n: number): Uint8Array {
  return Uint8Array.of(n >> 16, (n >> 8) & 0xff, n & 0xff);
}
function u32(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
}
const ip = (a: string) => Uint8Array.from(a.split('.').map(Number));

const MAC: Record<string, Uint8Array> = {
  nas: Uint8Array.of(2, 0, 0, 0, 0, 1),
  nps: Uint8Array.of(2, 0, 0, 0, 0, 0x0a),
  router: Uint8Array.of(2, 0, 0, 0, 0, 0xfe),
};
const macOf = (a: string) => (a === ADDR.nas ? MAC.nas! : a === ADDR.nps ? MAC.nps! : MAC.router!);

/** Ethernet II + IPv4 (RFC 791; header checksum computed) around a transport segment. */
function ipv4(src: string, dst: string, proto: number, payload: Uint8Array): Uint8Array {
  const h = concat(Uint8Array.of(0x45, 0), u16(20 + payload.length), u16(0x1234), u16(0x4000), Uint8Array.of(64, proto), u16(0), ip(src), ip(dst));
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += (h[i]! << 8) | h[i + 1]!;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  h.set(u16(~sum & 0xffff), 10);
  return concat(macOf(dst), macOf(src), u16(0x0800), h, payload);
}

/** UDP (RFC 768), checksum 0: "no checksum". */
function udp(src: string, sport: number, dst: string, dport: number, data: Uint8Array): Uint8Array {
  return ipv4(src, dst, 17, concat(u16(sport), u16(dport), u16(8 + data.length), u16(0), data));
}

const SYN = 0x02, ACK = 0x10, PSH = 0x08;

/** TCP (RFC 9293), 20-byte header, checksum left 0 (radscope, like Wireshark by default, does not check it). */
function tcp(src: string, sport: number, dst: string, dport: number, seq: number, ack: number, flags: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  return ipv4(src, dst, 6, concat(u16(sport), u16(dport), u32(seq), u32(ack), Uint8Array.of(0x50, flags), u16(64240), u16(0), u16(0), data));
}

/** RADIUS attribute (RFC 2865 section 5). */
function attr(type: number, value: Uint8Array): Uint8Array {
  if (value.length > 253) throw new Error(`attribute ${type} of ${value.length} octets`);
  return concat(Uint8Array.of(type, value.length + 2), value);
}

function accessRequest(): Uint8Array {
  const attrs = concat(
    attr(1, utf8(HOSTILE.user)),
    attr(4, ip(ADDR.nas)),
    attr(32, utf8(HOSTILE.nasIdentifier)),
    attr(30, utf8(HOSTILE.calledStation)),
    attr(31, utf8(`${RLO}${markup('calling')}`.slice(0, 200))),
  );
  const authenticator = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
  return concat(Uint8Array.of(1, 42), u16(20 + attrs.length), authenticator, attrs);
}

function dnsName(labels: string[]): Uint8Array {
  return concat(...labels.map((l) => concat(Uint8Array.of(utf8(l).length), utf8(l))), Uint8Array.of(0));
}

function dnsMessage(response: boolean): Uint8Array {
  const qname = dnsName(HOSTILE.dnsLabels);
  const question = concat(qname, u16(1), u16(1));
  const header = concat(u16(0x4242), u16(response ? 0x8180 : 0x0100), u16(1), u16(response ? 2 : 0), u16(0), u16(0));
  if (!response) return concat(header, question);
  const target = dnsName(HOSTILE.cname);
  const cname = concat(u16(0xc00c), u16(5), u16(1), u32(60), u16(target.length), target);
  const a = concat(target, u16(1), u16(1), u32(60), u16(4), ip(ADDR.tls));
  return concat(header, question, cname, a);
}

function clientHello(): Uint8Array {
  const name = utf8(HOSTILE.sni);
  const sni = concat(u16(0), u16(name.length + 5), u16(name.length + 3), Uint8Array.of(0), u16(name.length), name);
  const proto = utf8(HOSTILE.alpn);
  const alpn = concat(u16(16), u16(proto.length + 3), u16(proto.length + 1), Uint8Array.of(proto.length), proto);
  const versions = concat(u16(43), u16(3), Uint8Array.of(2), u16(0x0304));
  const exts = concat(sni, alpn, versions);
  const body = concat(u16(0x0303), new Uint8Array(32).fill(7), Uint8Array.of(0), u16(4), u16(0x1301), u16(0x1302), Uint8Array.of(1, 0), u16(exts.length), exts);
  const hs = concat(Uint8Array.of(1), u24(body.length), body);
  return concat(Uint8Array.of(0x16, 3, 1), u16(hs.length), hs);
}

interface Frame {
  t: number;
  data: Uint8Array;
  comment?: string;
  /** The name the test knows this frame by (FrameKey). */
  key?: string;
}

interface Segment {
  fromClient: boolean;
  bytes: Uint8Array;
  t: number;
  key?: string;
  /** A retransmission: the same sequence number as the segment before it. */
  again?: boolean;
  comment?: string;
}

/** One TCP connection from the NPS server: handshake, then its segments (an empty one is a bare ACK). */
function connection(out: Frame[], t0: number, sport: number, dst: string, dport: number, segments: Segment[]) {
  let c = 1000, s = 5000;
  out.push({ t: t0, data: tcp(ADDR.nps, sport, dst, dport, c, 0, SYN) });
  out.push({ t: t0 + 0.01, data: tcp(dst, dport, ADDR.nps, sport, s, c + 1, SYN | ACK) });
  c++, s++;
  out.push({ t: t0 + 0.011, data: tcp(ADDR.nps, sport, dst, dport, c, s, ACK) });
  let last = 0;
  for (const g of segments) {
    const flags = g.bytes.length === 0 ? ACK : PSH | ACK;
    if (g.again) c -= last;
    const data = g.fromClient ? tcp(ADDR.nps, sport, dst, dport, c, s, flags, g.bytes) : tcp(dst, dport, ADDR.nps, sport, s, c, flags, g.bytes);
    out.push({ t: g.t, data, ...(g.key !== undefined && { key: g.key }), ...(g.comment !== undefined && { comment: g.comment }) });
    if (g.fromClient) c += g.bytes.length;
    else s += g.bytes.length;
    last = g.fromClient ? g.bytes.length : 0;
  }
}

const bare = (fromClient: boolean, t: number): Segment => ({ fromClient, bytes: new Uint8Array(0), t });

/** The frames, in time order, with the keys of the ones the test opens. */
function frames(): Frame[] {
  const out: Frame[] = [];
  const request = udp(ADDR.nas, 50123, ADDR.nps, 1812, accessRequest());
  out.push({ t: 0, data: request, comment: HOSTILE.packetComment, key: 'request' });
  out.push({ t: 0.01, data: udp(ADDR.nps, 53001, ADDR.dns, 53, dnsMessage(false)), key: 'dnsQuery' });
  out.push({ t: 0.02, data: udp(ADDR.dns, 53, ADDR.nps, 53001, dnsMessage(true)), key: 'dnsAnswer' });
  const connect = latin1(`CONNECT ${HOSTILE.connectTarget} HTTP/1.1\r\nHost: ${HOSTILE.connectTarget}\r\n\r\n`);
  const denied = latin1(`HTTP/1.1 403 ${HOSTILE.proxyReason}\r\nContent-Length: 0\r\n\r\n`);
  connection(out, 0.03, 50200, ADDR.proxy, 8080, [
    { fromClient: true, bytes: connect, t: 0.045, key: 'connect' },
    { fromClient: false, bytes: denied, t: 0.05, key: 'connectDenied' },
    bare(true, 0.051),
  ]);
  const get = latin1(`GET ${HOSTILE.httpTarget} HTTP/1.1\r\nHost: ${HOSTILE.httpHost}\r\nUser-Agent: ${markup('ua')}\r\n\r\n`);
  const status = latin1(`HTTP/1.1 404 ${HOSTILE.httpReason}\r\nContent-Length: 0\r\n\r\n`);
  connection(out, 0.06, 50300, ADDR.web, 80, [
    { fromClient: true, bytes: get, t: 0.075, key: 'httpGet' },
    { fromClient: false, bytes: status, t: 0.08, key: 'httpStatus' },
    bare(true, 0.081),
  ]);
  // the ClientHello and its retransmissions: the firewall drops them all
  const hello = clientHello();
  const comment = HOSTILE.packetComment.slice(0, 64);
  connection(out, 0.1, 50400, ADDR.tls, 443, [
    { fromClient: true, bytes: hello, t: 0.12, key: 'clientHello', comment },
    ...[0.32, 0.72, 1.52, 3.12, 6.32].map((t): Segment => ({ fromClient: true, bytes: hello, t, again: true, comment })),
  ]);
  // the NAS repeats the request, identically (a retransmission, RFC 2865 section 2.5)
  out.push({ t: 5, data: request });
  out.push({ t: 10, data: request });
  return out.sort((a, b) => a.t - b.t);
}

// pcapng (draft-ietf-opsawg-pcapng), little-endian.
function le16(n: number): Uint8Array {
  return Uint8Array.of(n & 0xff, n >> 8);
}
function le32(n: number): Uint8Array {
  return Uint8Array.of(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24);
}
const pad4 = (b: Uint8Array) => concat(b, new Uint8Array((4 - (b.length % 4)) % 4));

function options(list: [number, Uint8Array][]): Uint8Array {
  return concat(...list.map(([code, v]) => concat(le16(code), le16(v.length), pad4(v))), le32(0));
}

function block(type: number, body: Uint8Array): Uint8Array {
  const len = 12 + body.length;
  return concat(le32(type), le32(len), body, le32(len));
}

const START = 1_760_000_000; // seconds since the epoch

export type FrameKey = 'request' | 'dnsQuery' | 'dnsAnswer' | 'connect' | 'connectDenied' | 'httpGet' | 'httpStatus' | 'clientHello';

/** The capture as a pcapng file, and the frame numbers (1-based, as Wireshark counts) of the key frames. */
export function hostileCapture(): { bytes: Uint8Array; frame: Record<FrameKey, number> } {
  const OPT_COMMENT = 1, IF_NAME = 2, IF_DESCRIPTION = 3;
  const shb = block(0x0a0d0d0a, concat(le32(0x1a2b3c4d), le16(1), le16(0), le32(0xffffffff), le32(0xffffffff), options([[OPT_COMMENT, utf8(HOSTILE.sectionComment)]])));
  const idb = block(1, concat(le16(1), le16(0), le32(262144), options([[IF_NAME, utf8(HOSTILE.ifName)], [IF_DESCRIPTION, utf8(HOSTILE.ifDescription)], [OPT_COMMENT, utf8(HOSTILE.sectionComment)]])));
  const list = frames();
  const frame = {} as Record<FrameKey, number>;
  list.forEach((f, i) => {
    if (f.key !== undefined) frame[f.key as FrameKey] = i + 1;
  });
  const epbs = list.map((f) => {
    const us = START * 1e6 + Math.round(f.t * 1e6);
    const hi = Math.floor(us / 2 ** 32), lo = us % 2 ** 32;
    const opts = f.comment === undefined ? new Uint8Array(0) : options([[OPT_COMMENT, utf8(f.comment)]]);
    return block(6, concat(le32(0), le32(hi), le32(lo), le32(f.data.length), le32(f.data.length), pad4(f.data), opts));
  });
  return { bytes: concat(shb, idb, ...epbs), frame };
}
