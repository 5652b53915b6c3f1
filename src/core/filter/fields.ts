// The fields the filter knows, with Wireshark 4.0's names and types, and how each reads the columns.
// Types follow Wireshark's: a protocol or a tcp.analysis.* expert label is FT_NONE / FT_PROTOCOL (only its
// presence can be tested), tcp.flags.syn is FT_BOOLEAN (present, 0 or 1, on every TCP frame: the famous
// "bare `tcp.flags.syn` matches all TCP" of Wireshark), ports are FT_UINT16, and so on.
// Every finding id of the diagnosis catalogue is a boolean field too, present (true) on its evidence frames.

import { CATALOGUE } from '../analysis/diagnosis/catalogue.ts';
import { TCP_FLAG_NAMES, TcpFlag } from '../analysis/tcp/tcp-flags.ts';
import { Layer, type FrameColumns } from './columns.ts';

export type FieldType = 'none' | 'bool' | 'uint' | 'time' | 'ipv4' | 'ipv6' | 'string';
/** A field value: numbers (addresses as AddressTable ids, booleans as 0/1) or text. */
export type Value = number | string;

export interface FieldReader {
  exists(i: number): boolean;
  /** Writes frame i's values into `out` from index 0 and returns how many (0 when the field is absent). */
  read(i: number, out: Value[]): number;
  /** For the compiler's fast path: the value is column `a` (and `b` for a pair), present when the frame has a
   * layer of `mask` (0: always); with `flag`, the value is whether that bit of `a` is set. */
  columns?: { mask: number; a: ArrayLike<number>; b: ArrayLike<number> | null; flag: number };
}

export interface FieldDef {
  name: string;
  type: FieldType;
  /** Largest value of an unsigned field (Wireshark: "too big for this field, maximum 65535"). */
  max: number;
  /** A protocol (`tcp`) rather than a label (`tcp.analysis.flags`): only changes error wording. */
  protocol: boolean;
  bind(c: FrameColumns): FieldReader;
}

const U8 = 0xff;
const U16 = 0xffff;
const U32 = 0xffffffff;

// TCP header flag bits (RFC 9293 section 3.1), as in core/dissect/packet.ts
const TCP_FIN = 0x01;
const TCP_SYN = 0x02;
const TCP_RST = 0x04;
const TCP_PSH = 0x08;
const TCP_ACK = 0x10;
const TCP_URG = 0x20;

const defs: FieldDef[] = [];

function def(name: string, type: FieldType, max: number, bind: FieldDef['bind'], protocol = false): void {
  defs.push({ name, type, max, protocol, bind });
}

const has = (c: FrameColumns, bit: number) => (i: number) => (c.layers[i]! & bit) !== 0;

/** A protocol field: present when the frame carries the layer. */
function proto(name: string, bit: number): void {
  def(name, 'none', 0, (c) => ({ exists: bit === 0 ? () => true : has(c, bit), read: () => 0 }), true);
}

/**
 * One value per frame from a column, present when the frame has layer `bit` (0: every frame); with `flag`,
 * the value is 1 when that bit of the column is set, else 0 (TCP header flags).
 */
function scalar(name: string, type: FieldType, max: number, bit: number, col: (c: FrameColumns) => ArrayLike<number>, flag = 0): void {
  def(name, type, max, (c) => {
    const layers = c.layers;
    const a = col(c);
    const columns = { mask: bit, a, b: null, flag };
    if (flag !== 0) {
      return {
        exists: has(c, bit),
        read: (i, out) => {
          if ((layers[i]! & bit) === 0) return 0;
          out[0] = (a[i]! & flag) !== 0 ? 1 : 0;
          return 1;
        },
        columns,
      };
    }
    return {
      exists: bit === 0 ? () => true : has(c, bit),
      read: (i, out) => {
        if (bit !== 0 && (layers[i]! & bit) === 0) return 0;
        out[0] = a[i]!;
        return 1;
      },
      columns,
    };
  });
}

/** Wireshark's multi-occurrence pairs: ip.addr is ip.src and ip.dst, tcp.port is srcport and dstport. */
function pair(name: string, type: FieldType, max: number, bit: number, colA: (c: FrameColumns) => ArrayLike<number>, colB: (c: FrameColumns) => ArrayLike<number>): void {
  def(name, type, max, (c) => {
    const layers = c.layers;
    const a = colA(c);
    const b = colB(c);
    const nonZero = type === 'ipv4' || type === 'ipv6'; // address id 0: a header cut before the address
    return {
      exists: has(c, bit),
      read: (i, out) => {
        if ((layers[i]! & bit) === 0) return 0;
        let n = 0;
        const x = a[i]!;
        const y = b[i]!;
        if (!nonZero || x !== 0) out[n++] = x;
        if (!nonZero || y !== 0) out[n++] = y;
        return n;
      },
      columns: { mask: bit, a, b, flag: 0 },
    };
  });
}

const scratch: Value[] = [];

/** A field of a sparse per-frame record (frames with layer `bit`): a value or a list; null or [] is absent. */
function sparse<T>(name: string, type: FieldType, max: number, bit: number, map: (c: FrameColumns) => ReadonlyMap<number, T>, get: (r: T) => Value | readonly Value[] | null): void {
  def(name, type, max, (c) => {
    const m = map(c);
    const layers = c.layers;
    const read = (i: number, out: Value[]): number => {
      if ((layers[i]! & bit) === 0) return 0; // the map only for frames of the protocol
      const r = m.get(i);
      if (r === undefined) return 0;
      const v = get(r);
      if (v === null) return 0;
      if (typeof v !== 'object') {
        out[0] = v;
        return 1;
      }
      for (let k = 0; k < v.length; k++) out[k] = v[k]!;
      return v.length;
    };
    return { exists: (i) => read(i, scratch) > 0, read };
  });
}

// frame (packet-frame.c)
proto('frame', 0);
def('frame.number', 'uint', U32, () => ({
  exists: () => true,
  read: (i, out) => {
    out[0] = i + 1;
    return 1;
  },
}));
scalar('frame.len', 'uint', U32, 0, (c) => c.len);
scalar('frame.cap_len', 'uint', U32, 0, (c) => c.capLen);
def('frame.time_relative', 'time', 0, (c) => ({ exists: (i) => !Number.isNaN(c.sec[i]!), read: () => 0 }));

// protocols
proto('ip', Layer.IP);
proto('ipv6', Layer.IPV6);
proto('arp', Layer.ARP);
proto('icmp', Layer.ICMP);
proto('icmpv6', Layer.ICMPV6);
proto('udp', Layer.UDP);
proto('tcp', Layer.TCP);
proto('dns', Layer.DNS);
proto('radius', Layer.RADIUS);
proto('tls', Layer.TLS);
proto('http', Layer.HTTP);

// IPv4 / IPv6 (packet-ip.c, packet-ipv6.c): the innermost header of a tunnel only
for (const [p, type, bit] of [['ip', 'ipv4', Layer.IP], ['ipv6', 'ipv6', Layer.IPV6]] as const) {
  pair(`${p}.addr`, type, 0, bit, (c) => c.srcAddr, (c) => c.dstAddr);
  scalar(`${p}.src`, type, 0, bit, (c) => c.srcAddr);
  scalar(`${p}.dst`, type, 0, bit, (c) => c.dstAddr);
}

// TCP and UDP (packet-tcp.c, packet-udp.c)
for (const [p, bit] of [['tcp', Layer.TCP], ['udp', Layer.UDP]] as const) {
  pair(`${p}.port`, 'uint', U16, bit, (c) => c.srcPort, (c) => c.dstPort);
  scalar(`${p}.srcport`, 'uint', U16, bit, (c) => c.srcPort);
  scalar(`${p}.dstport`, 'uint', U16, bit, (c) => c.dstPort);
}
scalar('tcp.stream', 'uint', U32, Layer.TCP, (c) => c.stream);
scalar('tcp.len', 'uint', U32, Layer.TCP, (c) => c.tcpLen);
scalar('tcp.flags', 'uint', U16, Layer.TCP, (c) => c.tcpFlags);
for (const [name, bit] of [['fin', TCP_FIN], ['syn', TCP_SYN], ['reset', TCP_RST], ['push', TCP_PSH], ['ack', TCP_ACK], ['urg', TCP_URG]] as const) {
  scalar(`tcp.flags.${name}`, 'bool', 1, Layer.TCP, (c) => c.tcpFlags, bit);
}

// tcp.analysis.* are expert labels (FT_NONE): present or not. A fast or spurious retransmission also carries
// tcp.analysis.retransmission (packet-tcp.c adds both), as tcpFlagNames() says.
def('tcp.analysis.flags', 'none', 0, (c) => ({ exists: (i) => c.analysisFlags[i]! !== 0, read: () => 0 }));
for (const [bit, name] of TCP_FLAG_NAMES) {
  const mask = bit === TcpFlag.RETRANSMISSION ? bit | TcpFlag.FAST_RETRANSMISSION | TcpFlag.SPURIOUS_RETRANSMISSION : bit;
  def(`tcp.analysis.${name}`, 'none', 0, (c) => ({ exists: (i) => (c.analysisFlags[i]! & mask) !== 0, read: () => 0 }));
}

// RADIUS (packet-radius.c)
sparse('radius.code', 'uint', U8, Layer.RADIUS, (c) => c.radius, (r) => r.code);
sparse('radius.id', 'uint', U8, Layer.RADIUS, (c) => c.radius, (r) => r.id);

// TLS (packet-tls.c, packet-tls-utils.c)
sparse('tls.handshake.type', 'uint', U8, Layer.TLS, (c) => c.tls, (r) => (r.handshake.length > 0 ? r.handshake : null));
sparse('tls.handshake.extensions_server_name', 'string', 0, Layer.TLS, (c) => c.tls, (r) => r.sni);
sparse('tls.record.content_type', 'uint', U8, Layer.TLS, (c) => c.tls, (r) => (r.contentTypes.length > 0 ? r.contentTypes : null));
sparse('tls.alert_message.level', 'uint', U8, Layer.TLS, (c) => c.tls, (r) => (r.alertLevels.length > 0 ? r.alertLevels : null));
sparse('tls.alert_message.desc', 'uint', U8, Layer.TLS, (c) => c.tls, (r) => (r.alertDescriptions.length > 0 ? r.alertDescriptions : null));

// DNS (packet-dns.c)
sparse('dns.id', 'uint', U16, Layer.DNS, (c) => c.dns, (r) => r.id);
sparse('dns.flags.response', 'bool', 1, Layer.DNS, (c) => c.dns, (r) => (r.response ? 1 : 0));
sparse('dns.flags.rcode', 'uint', U16, Layer.DNS, (c) => c.dns, (r) => r.rcode);
sparse('dns.qry.name', 'string', 0, Layer.DNS, (c) => c.dns, (r) => (r.names.length > 0 ? r.names : null));
sparse('dns.qry.type', 'uint', U16, Layer.DNS, (c) => c.dns, (r) => (r.types.length > 0 ? r.types : null));

// HTTP (packet-http.c): http.request / http.response are FT_BOOLEAN labels shown only when true
def('http.request', 'none', 0, (c) => ({ exists: (i) => (c.layers[i]! & Layer.HTTP) !== 0 && (c.http.get(i)?.method ?? null) !== null, read: () => 0 }));
def('http.response', 'none', 0, (c) => ({ exists: (i) => (c.layers[i]! & Layer.HTTP) !== 0 && (c.http.get(i)?.status ?? null) !== null, read: () => 0 }));
sparse('http.request.method', 'string', 0, Layer.HTTP, (c) => c.http, (r) => r.method);
sparse('http.request.uri', 'string', 0, Layer.HTTP, (c) => c.http, (r) => r.uri);
sparse('http.response.code', 'uint', U16, Layer.HTTP, (c) => c.http, (r) => r.status);

export const FIELDS: ReadonlyMap<string, FieldDef> = (() => {
  const m = new Map<string, FieldDef>(defs.map((d) => [d.name, d]));
  // Finding ids last, so that one that ever shadowed a field name would win (they are what the user means).
  for (const id of CATALOGUE.keys()) {
    def(id, 'bool', 1, (c) => {
      // a byte per frame, made when a filter uses the finding: cheaper per frame than Set.has
      const on = new Uint8Array(c.count);
      for (const i of c.findings.get(id) ?? []) if (i >= 0 && i < c.count) on[i] = 1;
      return {
        exists: (i) => on[i] === 1,
        read: (i, out) => {
          if (on[i] !== 1) return 0;
          out[0] = 1;
          return 1;
        },
      };
    });
    m.set(id, defs[defs.length - 1]!);
  }
  return m;
})();

/** The finding ids (catalogue order): fields that are true on a finding's evidence frames. */
export const FINDING_FIELDS: readonly string[] = [...CATALOGUE.keys()];

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions: "prot" -> "port" is 1). */
function distance(a: string, b: string): number {
  const d: number[][] = [];
  for (let x = 0; x <= a.length; x++) d.push([x]);
  for (let y = 1; y <= b.length; y++) d[0]![y] = y;
  for (let x = 1; x <= a.length; x++) {
    for (let y = 1; y <= b.length; y++) {
      const cost = a[x - 1] === b[y - 1] ? 0 : 1;
      let v = Math.min(d[x - 1]![y]! + 1, d[x]![y - 1]! + 1, d[x - 1]![y - 1]! + cost);
      if (x > 1 && y > 1 && a[x - 1] === b[y - 2] && a[x - 2] === b[y - 1]) v = Math.min(v, d[x - 2]![y - 2]! + 1);
      d[x]![y] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest known field name to a mistyped one, or null when none is close. */
export function suggestField(name: string): string | null {
  if (name.length > 64) return null;
  const lower = name.toLowerCase();
  if (FIELDS.has(lower)) return lower; // Wireshark field names are lowercase
  let best: string | null = null;
  let bestD = Math.max(1, Math.min(3, Math.floor(name.length / 4)));
  for (const known of FIELDS.keys()) {
    const d = distance(lower, known);
    if (d < bestD || (d === bestD && best === null)) {
      best = known;
      bestD = d;
    }
  }
  return best;
}
