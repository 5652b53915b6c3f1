// DNS messages (RFC 1035 section 4.1): header, question section, and the answer, authority and additional
// sections of resource records. A (RFC 1035 section 3.4.1), AAAA (RFC 3596 section 2.2) and CNAME (RFC 1035
// section 3.3.1) data are decoded; other types keep their type and data length. The OPT pseudo-record
// (RFC 6891 section 6.1) is not an answer: it gives the EDNS fields and the upper 8 bits of the RCODE.
//
// Bad input never throws: decoding stops at the first broken field and the message carries a problem
// (truncated: shorter than its counts promise; malformed: a field breaks the RFC), with what was read so far.

import { AddressNames } from './address-names.ts';
import { u16, u32 } from '../base/bytes.ts';
import { DNS_HEADER_LENGTH, DnsType, dnsRcodeName, dnsTypeName } from './dns-codes.ts';
import { readDnsName } from './dns-name.ts';
import type { Problem } from './packet.ts';

/** Address texts of A and AAAA records, shared across messages (bounded: address-names.ts). */
const ADDRESS_NAMES = new AddressNames();

export interface DnsQuestion {
  name: string;
  type: number;
  /** Class without mDNS's unicast-response bit (RFC 6762 section 5.4) when `flavour` is mdns. */
  class: number;
}

export type DnsSection = 'answer' | 'authority' | 'additional';

export interface DnsRecord {
  section: DnsSection;
  name: string;
  type: number;
  class: number;
  ttl: number;
  /** RDLENGTH. */
  dataLength: number;
  /** Offset of the RDATA from the start of the message. */
  dataAt: number;
  /** A and AAAA: the address; CNAME: the canonical name; other types: null. */
  value: string | null;
}

export interface DnsEdns {
  udpPayloadSize: number;
  version: number;
  dnssecOk: boolean;
}

export interface DnsMessage {
  /** False when the 12-octet header itself is cut short (then every other field is empty or 0). */
  hasHeader: boolean;
  id: number;
  /** The 16-bit flags word as sent (QR, Opcode, AA, TC, RD, RA, Z, AD, CD, RCODE). */
  flags: number;
  response: boolean;
  opcode: number;
  /** TC: the answer did not fit (RFC 1035 section 4.1.1); the client is expected to retry over TCP. */
  truncatedFlag: boolean;
  /** The header's 4-bit RCODE, as tshark's dns.flags.rcode. */
  rcode: number;
  /** RCODE with the OPT record's upper bits (RFC 6891 section 6.1.3); equals `rcode` without OPT. */
  extendedRcode: number;
  rcodeName: string;
  counts: { questions: number; answers: number; authority: number; additional: number };
  questions: DnsQuestion[];
  /** Resource records of every section, in message order (OPT excluded). */
  records: DnsRecord[];
  edns: DnsEdns | null;
  /** Octets the message spans. */
  length: number;
  problems: Problem[];
}

const RR_FIXED = 10; // TYPE, CLASS, TTL, RDLENGTH after the owner name (RFC 1035 section 4.1.3)

/**
 * Decodes the DNS message in `b[start, end)`. `mdns` strips the unicast-response / cache-flush bit from
 * classes (RFC 6762 sections 5.4 and 10.2).
 */
export function decodeDnsMessage(b: Uint8Array, start = 0, end = b.length, mdns = false): DnsMessage {
  const m: DnsMessage = {
    hasHeader: false, id: 0, flags: 0, response: false, opcode: 0, truncatedFlag: false, rcode: 0, extendedRcode: 0,
    rcodeName: dnsRcodeName(0), counts: { questions: 0, answers: 0, authority: 0, additional: 0 },
    questions: [], records: [], edns: null, length: end - start, problems: [],
  };
  const problem = (kind: Problem['kind'], offset: number, message: string) => {
    m.problems.push({ kind, layer: 'DNS', offset: offset - start, message });
  };
  if (end - start < DNS_HEADER_LENGTH) {
    problem('truncated', start, `header cut short (${Math.max(0, end - start)} of ${DNS_HEADER_LENGTH} octets)`);
    return m;
  }
  m.hasHeader = true;
  m.id = u16(b, start);
  const flags = u16(b, start + 2);
  m.flags = flags;
  m.response = (flags & 0x8000) !== 0;
  m.opcode = (flags >> 11) & 0xf;
  m.truncatedFlag = (flags & 0x0200) !== 0;
  m.rcode = m.extendedRcode = flags & 0xf;
  m.rcodeName = dnsRcodeName(m.rcode);
  const c = m.counts;
  c.questions = u16(b, start + 4);
  c.answers = u16(b, start + 6);
  c.authority = u16(b, start + 8);
  c.additional = u16(b, start + 10);
  const classMask = mdns ? 0x7fff : 0xffff;

  let o = start + DNS_HEADER_LENGTH;
  for (let i = 0; i < c.questions; i++) {
    const n = readDnsName(b, start, end, o);
    if (n.problem !== null) return stop(m, problem, n.problemKind, n.problemAt, `question ${i + 1} of ${c.questions}: ${n.problem}`);
    if (n.next + 4 > end) return stop(m, problem, 'truncated', n.next, `question ${i + 1} of ${c.questions} cut short`);
    m.questions.push({ name: n.name, type: u16(b, n.next), class: u16(b, n.next + 2) & classMask });
    o = n.next + 4;
  }
  const sections: [DnsSection, number][] = [['answer', c.answers], ['authority', c.authority], ['additional', c.additional]];
  for (const [section, count] of sections) {
    for (let i = 0; i < count; i++) {
      const n = readDnsName(b, start, end, o);
      if (n.problem !== null) return stop(m, problem, n.problemKind, n.problemAt, `${section} record ${i + 1} of ${count}: ${n.problem}`);
      const f = n.next;
      if (f + RR_FIXED > end) return stop(m, problem, 'truncated', f, `${section} record ${i + 1} of ${count} cut short`);
      const type = u16(b, f);
      const klass = u16(b, f + 2);
      const ttl = u32(b, f + 4);
      const dataLength = u16(b, f + 8);
      const dataAt = f + RR_FIXED;
      if (dataAt + dataLength > end) {
        return stop(m, problem, 'truncated', f + 8, `${section} record ${i + 1} (${dnsTypeName(type)}) declares ${dataLength} data octets, ${end - dataAt} remain`);
      }
      o = dataAt + dataLength;
      if (type === DnsType.OPT) {
        // RFC 6891 section 6.1.3: CLASS = UDP payload size; TTL = EXTENDED-RCODE(8) VERSION(8) DO(1) Z(15)
        m.edns = { udpPayloadSize: klass, version: (ttl >>> 16) & 0xff, dnssecOk: (ttl & 0x8000) !== 0 };
        m.extendedRcode = ((ttl >>> 24) << 4) | m.rcode;
        m.rcodeName = dnsRcodeName(m.extendedRcode);
        continue;
      }
      let value: string | null = null;
      if (type === DnsType.A || type === DnsType.AAAA) {
        const want = type === DnsType.A ? 4 : 16;
        if (dataLength !== want) {
          problem('malformed', f + 8, `${dnsTypeName(type)} record with ${dataLength} data octets (expected ${want})`);
        } else {
          // shared texts: the same address string each time, so the maps keyed by it hash it once
          value = type === DnsType.A ? ADDRESS_NAMES.ipv4(b, dataAt) : ADDRESS_NAMES.ipv6(b, dataAt);
        }
      } else if (type === DnsType.CNAME) {
        const t = readDnsName(b, start, end, dataAt);
        if (t.problem !== null) problem('malformed', t.problemAt, `CNAME data: ${t.problem}`);
        else if (t.next !== o) problem('malformed', dataAt, `CNAME name takes ${t.next - dataAt} of ${dataLength} data octets`);
        else value = t.name;
      }
      m.records.push({ section, name: n.name, type, class: klass & classMask, ttl, dataLength, dataAt: dataAt - start, value });
    }
  }
  m.length = o - start;
  return m;
}

/** Decoding stops at the first broken field: note why and keep what was read (m.length stays the span given). */
function stop(m: DnsMessage, problem: (k: Problem['kind'], o: number, s: string) => void, kind: Problem['kind'], at: number, why: string): DnsMessage {
  problem(kind, at, why);
  return m;
}

/** The records of one section. */
export function dnsSection(m: DnsMessage, section: DnsSection): DnsRecord[] {
  return m.records.filter((r) => r.section === section);
}
