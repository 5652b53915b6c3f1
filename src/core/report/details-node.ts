// The packet-details tree of one frame (Wireshark's middle pane): its node shape, what the caller knows of
// the frame from the pass (DetailContext), and the small helpers every layer uses to make nodes. Byte ranges
// are offsets into the frame, so the hex pane can highlight the bytes of the selected node; a node always
// lies inside its parent and inside the captured bytes.

import { toHex } from '../base/text.ts';
import { formatEpoch } from '../base/time.ts';

export interface DetailNode {
  /** What Wireshark shows, e.g. "Source Port: 52892"; generated (not on the wire) items in [brackets]. */
  label: string;
  /** First byte of the frame the node covers, and how many (0 for generated items). */
  start: number;
  length: number;
  children?: DetailNode[];
  /** Wireshark's field name when there is one, e.g. "tcp.srcport" (usable in display filters). */
  field?: string;
}

/** The frame, as a RawFrame (src/core/formats/raw-frame.ts) or a copy of one: the fields the tree needs. */
export interface DetailFrame {
  number: number;
  data: Uint8Array;
  capLen: number;
  origLen: number;
  sec: number;
  nsec: number;
  hasTime: boolean;
  linkType: number;
  interfaceId: number;
}

export interface DetailTime {
  sec: number;
  nsec: number;
}

/** What the pass knew of a TCP frame (TcpStreams and TcpAnalysis results for it). */
export interface DetailTcpContext {
  stream: number;
  seqRel: number;
  ackRel: number;
  /** tcp.analysis flag names, as tcpFlagNames() gives them: 'retransmission', 'duplicate_ack'... */
  analysis?: string[];
  dupAckNum?: number;
  dupAckFrame?: number;
  /** Frame whose segment this ACK acknowledges, and the RTT to it in seconds. */
  acksFrame?: number;
  ackRtt?: number;
  /** Initial RTT in seconds (tcp.analysis.initial_rtt). */
  initialRtt?: number;
  /** The sender's window scale shift; -1 unknown, -2 no scaling used (then the window is not scaled). */
  windowScale?: number;
}

/** Links the pass made for a RADIUS or DNS message (frame numbers, seconds). */
export interface DetailExchangeContext {
  requestIn?: number;
  responseIn?: number;
  /** Response: seconds since the request. */
  time?: number;
  /** Duplicate request: the original's frame. */
  duplicateOf?: number;
}

export type DetailApp = 'radius' | 'dns' | 'tls' | 'http';

export interface DetailContext {
  /** pcapng interface name: the Frame line then says "on interface NAME, id N" as Wireshark does. */
  interfaceName?: string;
  /** First frame's time ("Time since reference or first frame") and the previous frame's ("Time delta"). */
  firstTime?: DetailTime | null;
  previousTime?: DetailTime | null;
  tcp?: DetailTcpContext;
  udpStream?: number;
  /** The pass recognised this protocol in the payload on a port that is not its own. */
  app?: DetailApp;
  /** The TLS version the connection settled on (record layers are then named by it, as Wireshark does). */
  tlsVersion?: number;
  radius?: DetailExchangeContext;
  dns?: DetailExchangeContext;
}

/** Shared by the layer decoders of one frame. */
export interface DetailState {
  b: Uint8Array;
  /** End of the captured bytes. */
  end: number;
  ctx: DetailContext;
  /** Wireshark's frame.protocols, e.g. ['eth', 'ethertype', 'ip', 'tcp']. */
  protocols: string[];
  /** Inside an ICMP error (the quoted datagram): no application layer, no stream context, no truncation notes. */
  inner: boolean;
  /** End of the outermost network-layer datagram, for the Ethernet padding after it (-1 unknown). */
  netEnd: number;
  /** IP headers decoded so far (tunnels nest them; bounded so a crafted frame cannot exhaust the stack). */
  ipLayers: number;
  /** The capture kept fewer bytes than the frame had on the wire (snaplen): shorter layers are truncated, not malformed. */
  cut: boolean;
}

export function node(label: string, start: number, length: number, field?: string, children?: DetailNode[]): DetailNode {
  const n: DetailNode = { label, start, length };
  if (children !== undefined) n.children = children;
  if (field !== undefined) n.field = field;
  return n;
}

/** A generated item (not on the wire): bracketed and zero-length, as Wireshark shows it. */
export function generated(label: string, at: number, field?: string, children?: DetailNode[]): DetailNode {
  return node(`[${label}]`, at, 0, field, children);
}

/** Wireshark's bit picture of `mask` in a `width`-bit field: "0100 ....", "...0 0000 0000 0000". */
export function bits(value: number, mask: number, width: number): string {
  let s = '';
  for (let i = width - 1; i >= 0; i--) {
    const m = 2 ** i;
    const inMask = Math.floor(mask / m) % 2 === 1;
    s += inMask ? (Math.floor(value / m) % 2 === 1 ? '1' : '0') : '.';
    if (i % 4 === 0 && i > 0) s += ' ';
  }
  return s;
}

export function bitNode(value: number, mask: number, width: number, text: string, start: number, length: number, field: string): DetailNode {
  return node(`${bits(value, mask, width)} = ${text}`, start, length, field);
}

export function setText(on: boolean): string {
  return on ? 'Set' : 'Not set';
}

export function hex(v: number, digits: number): string {
  return '0x' + v.toString(16).padStart(digits, '0');
}

/** "Name (value)" from a table, Wireshark's "Unknown (value)" otherwise. */
export function named(table: Record<number, string>, v: number, shown = String(v)): string {
  return `${table[v] ?? 'Unknown'} (${shown})`;
}

/** A field the capture cut short: decoding of the frame stops after it. */
export function truncatedNode(what: string, at: number, have: number, need: number): DetailNode {
  return node(`[Truncated: ${what} cut short (${Math.max(0, have)} of ${need} bytes captured)]`, at, Math.max(0, have), '_ws.short');
}

export function malformedNode(why: string, at: number, length = 0): DetailNode {
  return node(`[Malformed: ${why}]`, at, Math.max(0, length), '_ws.malformed');
}

const DATA_SHOWN = 36;

/** Wireshark's "Data (n bytes)" for bytes nothing decodes. */
export function dataNode(b: Uint8Array, start: number, length: number, label = `Data (${length} bytes)`, field = 'data'): DetailNode {
  const shown = toHex(b, start, start + Math.min(length, DATA_SHOWN)) + (length > DATA_SHOWN ? '…' : '');
  return node(label, start, length, field, [node(`Data: ${shown}`, start, length, 'data.data'), generated(`Length: ${length}`, start, 'data.len')]);
}

/** Wireshark's unsigned_time_secs_to_str: "5 minutes", "1 day, 2 hours, 3 seconds", "0 seconds". */
export function secondsText(secs: number): string {
  if (secs === 0) return '0 seconds';
  const parts: string[] = [];
  const units: [number, string][] = [[86400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']];
  let rest = secs;
  for (const [size, name] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
  }
  return parts.join(', ');
}

/** Seconds as Wireshark prints relative times: "0.000148000". */
export function secondsFixed(s: number): string {
  return s.toFixed(9);
}

/**
 * The nodes of a fixed header that lie inside the captured bytes; when some do not, a "[Truncated: ...]"
 * node for the rest of the header (`at`, `need` bytes from it) replaces them. Returns whether all fitted.
 */
export function keepCaptured(nodes: DetailNode[], end: number, what: string, at: number, need: number): boolean {
  const all = nodes.length;
  let w = 0;
  for (const n of nodes) if (n.start + n.length <= end) nodes[w++] = n;
  nodes.length = w;
  if (w === all) return true;
  nodes.push(truncatedNode(what, at, end - at, need));
  return false;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Wireshark's absolute time in UTC: "Nov 26, 2026 00:24:51.591834000 UTC" (day padded with a space). */
export function wiresharkDate(sec: number, nsec: number): string {
  const d = new Date(sec * 1000);
  if (!Number.isFinite(sec) || Number.isNaN(d.getTime())) return `${formatEpoch(sec, nsec)} (out of calendar range)`;
  const p2 = (n: number) => String(n).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const time = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(nsec).padStart(9, '0')}`;
  return `${MONTHS[d.getUTCMonth()]} ${day}, ${d.getUTCFullYear()} ${time} UTC`;
}

