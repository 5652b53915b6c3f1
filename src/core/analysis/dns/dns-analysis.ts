// DNS in the one pass: UDP datagrams and TCP byte streams on the DNS ports (dns-codes.ts: 53, mDNS 5353,
// LLMNR 5355) are decoded and handed to the tracker. The composition root calls `udp` for every UDP frame
// (it returns at once for other ports), and for TCP offers each new stream to `tcpOpen` and, when taken,
// feeds it the reassembled bytes of each direction (`tcpData`, `tcpGap`).

import { dnsFlavourOf, dnsTypeName, type DnsFlavour } from '../../dissect/dns-codes.ts';
import { decodeDnsMessage, type DnsMessage, type DnsSection } from '../../dissect/dns-message.ts';
import { DnsTcpStreams, type DnsTcpMessage } from '../../dissect/dns-tcp.ts';
import type { DnsTransaction } from './dns-lookups.ts';
import { DnsTracker, endpointText } from './dns-tracker.ts';

/** The parts of a decoded packet this needs (dissect/packet.ts Packet has them). */
export interface DnsPacketView {
  srcPort: number;
  dstPort: number;
  payload: Uint8Array;
  payloadAt: number;
  payloadLen: number;
  src(): string;
  dst(): string;
}

export interface DnsDecoded {
  message: DnsMessage;
  flavour: DnsFlavour;
  transport: 'udp' | 'tcp';
  /** The frame that completed the message. */
  frame: number;
  transaction: DnsTransaction | null;
}

/** A resource record as the per-frame info shows it: type mnemonic, and the A/AAAA address or CNAME target (other types: their data length). */
export interface DnsFrameRecord {
  section: DnsSection;
  type: string;
  value: string;
}

/** What the CLI shows per frame (`dns` key of a packet record). Built once per DNS frame, never reused. */
export interface DnsFrameInfo {
  id: number;
  response: boolean;
  /** First question (null when none, e.g. an mDNS announcement). */
  qname: string | null;
  qtype: number | null;
  /** Response code (with the EDNS extension), null for queries as tshark shows it. */
  rcode: number | null;
  rcodeName: string | null;
  /** Answer section: A/AAAA addresses, CNAME targets, other types as their data length. */
  answers: { type: string; value: string }[];
  /** Every question, in message order (tshark's dns.qry.name and dns.qry.type). */
  questions: { name: string; type: number }[];
  /** Every record of the answer, authority and additional sections in message order (the OPT pseudo-record
   * excluded), values as in `answers` (tshark's dns.a, dns.aaaa, dns.cname list these over all sections). */
  records: DnsFrameRecord[];
  /** The header's 4-bit RCODE (tshark's dns.flags.rcode), null for queries; `rcode` adds the EDNS bits. */
  headerRcode: number | null;
}

export function dnsFrameInfo(m: DnsMessage): DnsFrameInfo {
  const q = m.questions[0];
  const answers: DnsFrameInfo['answers'] = [];
  const records: DnsFrameRecord[] = [];
  for (const r of m.records) {
    const type = dnsTypeName(r.type);
    const value = r.value ?? `${r.dataLength} octets`;
    records.push({ section: r.section, type, value });
    if (r.section === 'answer') answers.push({ type, value });
  }
  return {
    id: m.id,
    response: m.response,
    qname: q?.name ?? null,
    qtype: q?.type ?? null,
    rcode: m.response ? m.extendedRcode : null,
    rcodeName: m.response ? m.rcodeName : null,
    answers,
    questions: m.questions.map((x) => ({ name: x.name, type: x.type })),
    records,
    headerRcode: m.response ? m.rcode : null,
  };
}

/** A copy that shares nothing with `d` (for keeping past the frame, or printing). */
export function copyDnsFrameInfo(d: DnsFrameInfo): DnsFrameInfo {
  return {
    ...d,
    answers: d.answers.map((a) => ({ ...a })),
    questions: d.questions.map((x) => ({ ...x })),
    records: d.records.map((r) => ({ ...r })),
  };
}

const LLMNR_GROUPS = new Set(['224.0.0.252', 'ff02::1:3']); // RFC 4795 section 2

export class DnsAnalysis {
  readonly tracker = new DnsTracker();
  private readonly tcp: DnsTcpStreams;
  private readonly streams = new Map<number, { flavour: DnsFlavour; a: string; b: string }>();
  private sec = 0;
  private nsec = 0;

  constructor(private readonly onMessage: (d: DnsDecoded) => void = () => {}) {
    this.tcp = new DnsTcpStreams((m) => this.fromTcp(m), false);
  }

  /** A UDP datagram of frame `frame`; returns the decoded message, or null when no port is a DNS port. */
  udp(p: DnsPacketView, frame: number, sec: number, nsec: number): DnsMessage | null {
    const flavour = dnsFlavourOf(p.srcPort, p.dstPort, false);
    if (flavour === null) return null;
    const message = decodeDnsMessage(p.payload, p.payloadAt, p.payloadAt + p.payloadLen, flavour === 'mdns');
    const dst = p.dst();
    const transaction = this.tracker.track(message, {
      frame, sec, nsec, src: endpointText(p.src(), p.srcPort), dst: endpointText(dst, p.dstPort), transport: 'udp', flavour,
      multicast: flavour === 'llmnr' && LLMNR_GROUPS.has(dst), // (only LLMNR reads it)
    });
    this.onMessage({ message, flavour, transport: 'udp', frame, transaction });
    return message;
  }

  /**
   * A TCP stream begins (call once, before its bytes): `a`/`b` are "address:port" of the two ends, `a` the side
   * whose bytes come with fromA = true. Returns false (and ignores the stream) when no port is a DNS port.
   */
  tcpOpen(stream: number, aPort: number, bPort: number, a: string, b: string): boolean {
    const flavour = dnsFlavourOf(aPort, bPort, true);
    if (flavour !== null) this.streams.set(stream, { flavour, a, b });
    return flavour !== null;
  }

  /** Ordered bytes of one direction of an opened TCP stream, delivered while frame `frame` (at sec, nsec) is read. */
  tcpData(stream: number, fromA: boolean, bytes: Uint8Array, frame: number, sec: number, nsec: number): void {
    if (!this.streams.has(stream)) return;
    this.sec = sec;
    this.nsec = nsec;
    this.tcp.data(stream, fromA, bytes, frame);
  }

  /** Bytes of a TCP direction were lost: its message framing cannot be trusted any more. */
  tcpGap(stream: number, fromA: boolean): void {
    if (this.streams.has(stream)) this.tcp.gap(stream, fromA);
  }

  /** The TCP stream is over (an unfinished message in it is dropped, as tshark drops it). */
  tcpClose(stream: number): void {
    if (this.streams.delete(stream)) this.tcp.release(stream);
  }

  private fromTcp(m: DnsTcpMessage): void {
    const st = this.streams.get(m.stream)!;
    const transaction = this.tracker.track(m.message, {
      frame: m.frame, sec: this.sec, nsec: this.nsec, src: m.fromA ? st.a : st.b, dst: m.fromA ? st.b : st.a,
      transport: 'tcp', flavour: st.flavour,
    });
    this.onMessage({ message: m.message, flavour: st.flavour, transport: 'tcp', frame: m.frame, transaction });
  }
}
