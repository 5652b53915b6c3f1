// Details of TCP (RFC 9293 section 3.1): ports, sequence and acknowledgement numbers (relative when the pass
// gave them, and raw), header length, the flags as a sub-tree, window, checksum, urgent pointer, the options
// (section 3.2; RFC 7323 window scale and timestamps; RFC 2018 SACK), and the [SEQ/ACK analysis] the pass
// found, with Wireshark's expert texts. A retransmission's payload is not decoded again, as in Wireshark.

import { u16, u32 } from '../base/bytes.ts';
import { decodeAppDetails } from './details-app.ts';
import { bitNode, dataNode, generated, hex, keepCaptured, malformedNode, node, setText, truncatedNode, type DetailNode, type DetailState } from './details-node.ts';

const TCP_MIN_HEADER = 20; // RFC 9293 section 3.1
const SYN = 0x02;
const ACK = 0x10;
const FIN = 0x01;
const RST = 0x04;

// packet-tcp.c: the tree's flag lines (mask in the 12-bit field, name) and the Info-column order of names
const FLAG_BITS: [number, string, string][] = [
  [0x100, 'Accurate ECN', 'ae'], [0x080, 'Congestion Window Reduced', 'cwr'], [0x040, 'ECN-Echo', 'ece'],
  [0x020, 'Urgent', 'urg'], [0x010, 'Acknowledgment', 'ack'], [0x008, 'Push', 'push'], [0x004, 'Reset', 'reset'],
  [0x002, 'Syn', 'syn'], [0x001, 'Fin', 'fin'],
];
const FLAG_NAMES: [number, string][] = [
  [0x001, 'FIN'], [0x002, 'SYN'], [0x004, 'RST'], [0x008, 'PSH'], [0x010, 'ACK'], [0x020, 'URG'], [0x040, 'ECE'], [0x080, 'CWR'], [0x100, 'AE'],
];
const FLAG_LETTERS = 'RRRACEUAPRSF';

// tcp.analysis.* expert infos of packet-tcp.c (severity, text)
const ANALYSIS_EXPERT: Record<string, [string, string]> = {
  retransmission: ['Note', 'This frame is a (suspected) retransmission'],
  fast_retransmission: ['Note', 'This frame is a (suspected) fast retransmission'],
  spurious_retransmission: ['Note', 'This frame is a (suspected) spurious retransmission'],
  out_of_order: ['Warning', 'This frame is a (suspected) out-of-order segment'],
  lost_segment: ['Warning', 'Previous segment(s) not captured (common at capture start)'],
  ack_lost_segment: ['Warning', "ACKed segment that wasn't captured (common at capture start)"],
  window_update: ['Chat', 'TCP window update'],
  window_full: ['Warning', 'TCP window specified by the receiver is now completely full'],
  keep_alive: ['Note', 'TCP keep-alive segment'],
  keep_alive_ack: ['Note', 'ACK to a TCP keep-alive segment'],
  duplicate_ack: ['Note', 'Duplicate ACK'],
  zero_window: ['Warning', 'TCP Zero Window segment'],
  zero_window_probe: ['Note', 'TCP Zero Window Probe'],
  zero_window_probe_ack: ['Note', 'ACK to a TCP Zero Window Probe'],
  reused_ports: ['Note', 'A new tcp session is started with the same ports as an earlier session in this trace'],
};
const RETRANSMISSIONS = new Set(['retransmission', 'fast_retransmission', 'spurious_retransmission']);

/** Wireshark's expert item: "[Expert Info (Note/Sequence): text]" over the field that carries it. */
export function expertNode(severity: string, text: string, field: string, at: number): DetailNode {
  return generated(`Expert Info (${severity}/Sequence): ${text}`, at, '_ws.expert', [
    generated(text, at, field), generated(`Severity level: ${severity}`, at, '_ws.expert.severity'), generated('Group: Sequence', at, '_ws.expert.group'),
  ]);
}

/** "SYN, ACK" (Wireshark's Info-column order), "<None>" for no flags. */
export function tcpFlagList(flags: number): string {
  const names = FLAG_NAMES.filter(([bit]) => flags & bit).map(([, n]) => n);
  return names.length ? names.join(', ') : '<None>';
}

export function decodeTcpDetails(st: DetailState, out: DetailNode[], off: number, end: number, wireLen: number): void {
  const b = st.b;
  st.protocols.push('tcp');
  const ctx = st.inner ? undefined : st.ctx.tcp;
  const title = 'Transmission Control Protocol';
  const src = u16(b, off);
  const dst = u16(b, off + 2);
  const seq = u32(b, off + 4);
  const c: DetailNode[] = [node(`Source Port: ${src}`, off, 2, 'tcp.srcport'), node(`Destination Port: ${dst}`, off + 2, 2, 'tcp.dstport')];
  if (st.inner || end - off < TCP_MIN_HEADER) {
    // inside an ICMP error only the start of the header is quoted (ports and sequence number): no note then
    if (st.inner) c.push(node(`Sequence Number (raw): ${seq}`, off + 4, 4, 'tcp.seq_raw'));
    c.splice(0, c.length, ...c.filter((n) => n.start + n.length <= end));
    if (!st.inner) c.push(truncatedNode('TCP header', off, end - off, TCP_MIN_HEADER));
    const label = end - off >= 4 ? `${title}, Src Port: ${src}, Dst Port: ${dst}` : title;
    return void out.push(node(label, off, Math.max(0, Math.min(end - off, TCP_MIN_HEADER)), 'tcp', c));
  }
  const hdr = (b[off + 12]! >> 4) * 4;
  const flags = u16(b, off + 12) & 0x0fff;
  const ack = u32(b, off + 8);
  const len = Math.max(0, wireLen - hdr);
  const hasAck = (flags & ACK) !== 0;
  const seqShown = ctx ? ctx.seqRel : seq;
  const ackShown = ctx && hasAck ? ctx.ackRel : ack;
  if (ctx) c.push(generated(`Stream index: ${ctx.stream}`, off, 'tcp.stream'));
  c.push(generated(`TCP Segment Len: ${len}`, off, 'tcp.len'));
  const rel = (what: string) => (ctx ? `    (relative ${what} number)` : '');
  c.push(node(`Sequence Number: ${seqShown}${rel('sequence')}`, off + 4, 4, 'tcp.seq'), node(`Sequence Number (raw): ${seq}`, off + 4, 4, 'tcp.seq_raw'));
  if (len > 0 || flags & (SYN | FIN)) {
    const next = (seqShown + len + (flags & SYN ? 1 : 0) + (flags & FIN ? 1 : 0)) % 2 ** 32;
    c.push(generated(`Next Sequence Number: ${next}${rel('sequence')}`, off, 'tcp.nxtseq'));
  }
  const ackNote = !hasAck && ack !== 0 ? ' [should be 0 because ACK flag is not set]' : '';
  c.push(node(`Acknowledgment Number: ${ackShown}${hasAck ? rel('ack') : ackNote}`, off + 8, 4, 'tcp.ack'));
  c.push(node(`Acknowledgment number (raw): ${ack}`, off + 8, 4, 'tcp.ack_raw'));
  c.push(bitNode(b[off + 12]!, 0xf0, 8, `Header Length: ${hdr} bytes (${hdr / 4})`, off + 12, 1, 'tcp.hdr_len'));
  if (hdr < TCP_MIN_HEADER) {
    c.push(malformedNode(`header length ${hdr} is below the minimum of 20`, off + 12, 1));
    return void out.push(node(`${title}, Src Port: ${src}, Dst Port: ${dst}`, off, TCP_MIN_HEADER, 'tcp', c));
  }
  c.push(flagsNode(off, flags, dst, src));
  const window = u16(b, off + 14);
  c.push(node(`Window: ${window}`, off + 14, 2, 'tcp.window_size_value'));
  if (ctx) {
    const scale = flags & SYN ? -3 : (ctx.windowScale ?? -1);
    c.push(node(`[Calculated window size: ${scale >= 0 ? window * 2 ** scale : window}]`, off + 14, 2, 'tcp.window_size'));
    if (scale !== -3) {
      const factor = scale >= 0 ? String(2 ** scale) : scale === -2 ? '-2 (no window scaling used)' : '-1 (unknown)';
      c.push(node(`[Window size scaling factor: ${factor}]`, off + 14, 2, 'tcp.window_size_scalefactor'));
    }
  }
  c.push(node(`Checksum: ${hex(u16(b, off + 16), 4)} [unverified]`, off + 16, 2, 'tcp.checksum'), generated('Checksum Status: Unverified', off + 16, 'tcp.checksum.status'));
  c.push(node(`Urgent Pointer: ${u16(b, off + 18)}`, off + 18, 2, 'tcp.urgent_pointer'));
  if (hdr > TCP_MIN_HEADER) c.push(optionsNode(b, off + TCP_MIN_HEADER, off + hdr, ctx ? (ack - ctx.ackRel) >>> 0 : 0));
  const analysis = ctx ? analysisNode(ctx, off) : null;
  if (analysis) c.push(analysis);
  const ackText = hasAck ? `, Ack: ${ackShown}` : '';
  const tcp = node(`${title}, Src Port: ${src}, Dst Port: ${dst}, Seq: ${seqShown}${ackText}, Len: ${len}`, off, Math.min(hdr, end - off), 'tcp', c);
  out.push(tcp);
  if (!keepCaptured(c, end, 'TCP header', off, hdr)) return;
  if (hdr > wireLen) return void c.push(malformedNode(`header length ${hdr} is more than the ${wireLen} bytes the IP header gives the segment`, off + 12, 1));
  const at = off + hdr;
  if (at >= end) return;
  if (ctx?.analysis?.some((n) => RETRANSMISSIONS.has(n))) {
    return void out.push(dataNode(b, at, end - at, `Retransmitted TCP segment data (${end - at} bytes)`, 'tcp.segment_data'));
  }
  decodeAppDetails(st, out, true, src, dst, at, end, len);
}

function flagsNode(off: number, flags: number, dst: number, src: number): DetailNode {
  const c: DetailNode[] = [bitNode(flags, 0xe00, 12, `Reserved: ${setText((flags & 0xe00) !== 0)}`, off + 12, 1, 'tcp.flags.res')];
  for (const [mask, name, f] of FLAG_BITS) {
    const item = bitNode(flags, mask, 12, `${name}: ${setText((flags & mask) !== 0)}`, mask >= 0x100 ? off + 12 : off + 13, 1, `tcp.flags.${f}`);
    // packet-tcp.c's connection expert infos sit under the flag that raised them
    if (mask === SYN && flags & SYN) {
      const text = flags & ACK ? `Connection establish acknowledge (SYN+ACK): server port ${src}` : `Connection establish request (SYN): server port ${dst}`;
      item.children = [expertNode('Chat', text, flags & ACK ? 'tcp.connection.sack' : 'tcp.connection.syn', off + 13)];
    } else if (mask === RST && flags & RST) {
      item.children = [expertNode('Warning', 'Connection reset (RST)', 'tcp.connection.rst', off + 13)];
    } else if (mask === FIN && flags & FIN) {
      item.children = [expertNode('Chat', 'Connection finish (FIN)', 'tcp.connection.fin', off + 13)];
    }
    c.push(item);
  }
  let letters = '';
  for (let i = 0; i < 12; i++) letters += flags & (0x800 >> i) ? FLAG_LETTERS[i] : '·';
  c.push(node(`[TCP Flags: ${letters}]`, off + 12, 2, 'tcp.flags.str'));
  return node(`Flags: ${hex(flags, 3)} (${tcpFlagList(flags)})`, off + 12, 2, 'tcp.flags', c);
}

const OPTION_NAMES: Record<number, string> = {
  0: 'End of Option List (EOL)', 1: 'No-Operation (NOP)', 2: 'Maximum segment size', 3: 'Window scale', 4: 'SACK permitted',
  5: 'SACK', 8: 'Timestamps', 19: 'TCP MD5 signature', 28: 'User Timeout', 29: 'TCP Authentication Option', 30: 'Multipath TCP',
  34: 'TCP Fast Open',
};
const KIND_NAMES: Record<number, string> = {
  0: 'End of Option List', 1: 'No-Operation', 2: 'Maximum Segment Size', 3: 'Window Scale', 4: 'SACK Permitted', 5: 'SACK', 8: 'Time Stamp Option',
};
// lengths RFC 9293 / RFC 7323 / RFC 2018 require
const FIXED_LENGTH: Record<number, number> = { 2: 4, 3: 3, 4: 2, 8: 10 };

/** The options area; `ackBase` turns SACK edges relative (the peer's initial sequence number), 0 for raw. */
function optionsNode(b: Uint8Array, from: number, to: number, ackBase: number): DetailNode {
  const items: DetailNode[] = [];
  const names: string[] = [];
  let o = from;
  while (o < to) {
    const kind = b[o]!;
    const name = OPTION_NAMES[kind] ?? `Unknown (${kind})`;
    const kindNode = node(`Kind: ${KIND_NAMES[kind] ?? name} (${kind})`, o, 1, 'tcp.option_kind');
    names.push(name);
    if (kind <= 1) {
      items.push(node(`TCP Option - ${name}`, o, 1, kind === 0 ? 'tcp.options.eol' : 'tcp.options.nop', [kindNode]));
      if (kind === 0) break;
      o++;
      continue;
    }
    const len = o + 1 < to ? b[o + 1]! : 0;
    if (len < 2 || o + len > to || (FIXED_LENGTH[kind] !== undefined && len !== FIXED_LENGTH[kind])) {
      items.push(malformedNode(`option ${name} has a bad length ${len}`, o, to - o));
      break;
    }
    const c = [kindNode, node(`Length: ${len}`, o + 1, 1, 'tcp.option_len')];
    let label = `TCP Option - ${name}`;
    let field = 'tcp.options';
    if (kind === 2) {
      label += `: ${u16(b, o + 2)} bytes`;
      field = 'tcp.options.mss';
      c.push(node(`MSS Value: ${u16(b, o + 2)}`, o + 2, 2, 'tcp.options.mss_val'));
    } else if (kind === 3) {
      const shift = b[o + 2]!;
      label += `: ${shift} (multiply by ${2 ** shift})`;
      field = 'tcp.options.wscale';
      c.push(node(`Shift count: ${shift}`, o + 2, 1, 'tcp.options.wscale.shift'), node(`[Multiplier: ${2 ** shift}]`, o + 2, 1, 'tcp.options.wscale.multiplier'));
    } else if (kind === 4) {
      field = 'tcp.options.sack_perm';
    } else if (kind === 5) {
      field = 'tcp.options.sack';
      const suffix = ackBase !== 0 ? ' (relative)' : '';
      const edges: string[] = [];
      for (let e = o + 2; e + 8 <= o + len; e += 8) {
        const le = (u32(b, e) - ackBase) >>> 0;
        const re = (u32(b, e + 4) - ackBase) >>> 0;
        edges.push(`${le}-${re}`);
        c.push(node(`left edge = ${le}${suffix}`, e, 4, 'tcp.options.sack_le'), node(`right edge = ${re}${suffix}`, e + 4, 4, 'tcp.options.sack_re'));
      }
      c.push(generated(`TCP SACK Count: ${edges.length}`, o, 'tcp.options.sack.count'));
      label += ` ${edges.join(' ')}`;
    } else if (kind === 8) {
      label += `: TSval ${u32(b, o + 2)}, TSecr ${u32(b, o + 6)}`;
      field = 'tcp.options.timestamp';
      c.push(node(`Timestamp value: ${u32(b, o + 2)}`, o + 2, 4, 'tcp.options.timestamp.tsval'), node(`Timestamp echo reply: ${u32(b, o + 6)}`, o + 6, 4, 'tcp.options.timestamp.tsecr'));
    }
    items.push(node(label, o, len, field, c));
    o += len;
  }
  return node(`Options: (${to - from} bytes), ${names.join(', ')}`, from, to - from, 'tcp.options', items);
}

/** The pass keeps times as one float of seconds since the epoch: digits below the microsecond are noise. */
function microseconds(s: number): string {
  return (Math.round(s * 1e6) / 1e6).toFixed(9);
}

function analysisNode(ctx: NonNullable<DetailState['ctx']['tcp']>, at: number): DetailNode | null {
  const c: DetailNode[] = [];
  if (ctx.acksFrame) c.push(generated(`This is an ACK to the segment in frame: ${ctx.acksFrame}`, at, 'tcp.analysis.acks_frame'));
  if (ctx.acksFrame && ctx.ackRtt !== undefined && ctx.ackRtt >= 0) c.push(generated(`The RTT to ACK the segment was: ${microseconds(ctx.ackRtt)} seconds`, at, 'tcp.analysis.ack_rtt'));
  if (ctx.initialRtt !== undefined && ctx.initialRtt >= 0) c.push(generated(`iRTT: ${microseconds(ctx.initialRtt)} seconds`, at, 'tcp.analysis.initial_rtt'));
  const flags = ctx.analysis ?? [];
  if (flags.length > 0) {
    const experts = flags.map((name) => {
      const [severity, text] = ANALYSIS_EXPERT[name] ?? ['Note', name.replace(/_/g, ' ')];
      const shown = name === 'duplicate_ack' && ctx.dupAckNum ? `${text} (#${ctx.dupAckNum})` : text;
      return expertNode(severity, shown, `tcp.analysis.${name}`, at);
    });
    c.push(generated('TCP Analysis Flags', at, 'tcp.analysis.flags', experts));
  }
  if (ctx.dupAckNum) {
    c.push(generated(`Duplicate ACK #: ${ctx.dupAckNum}`, at, 'tcp.analysis.duplicate_ack_num'));
    if (ctx.dupAckFrame) c.push(generated(`Duplicate to the ACK in frame: ${ctx.dupAckFrame}`, at, 'tcp.analysis.duplicate_ack_frame'));
  }
  return c.length > 0 ? generated('SEQ/ACK analysis', at, 'tcp.analysis', c) : null;
}
