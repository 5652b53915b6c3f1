// Details of a DNS message (RFC 1035 section 4.1), also mDNS (RFC 6762) and LLMNR (RFC 4795) and DNS over
// TCP (RFC 1035 section 4.2.2: a 2-byte length first): header and flags, the questions, and the answer,
// authority and additional records with their fields. The header comes from decodeDnsMessage
// (src/core/dissect/dns-message.ts); the sections are walked here again for each field's place.

import { formatIpv4, formatIpv6 } from '../base/address.ts';
import { u16, u32 } from '../base/bytes.ts';
import { decodeUtf8 } from '../base/text.ts';
import { DNS_HEADER_LENGTH, DnsType, dnsTypeName, type DnsFlavour } from '../dissect/dns-codes.ts';
import { decodeDnsMessage, type DnsMessage } from '../dissect/dns-message.ts';
import { readDnsName, ROOT_NAME } from '../dissect/dns-name.ts';
import { bitNode, dataNode, generated, hex, malformedNode, node, secondsFixed, secondsText, truncatedNode, type DetailNode, type DetailState } from './details-node.ts';

const TYPE_TEXT: Record<number, string> = {
  1: 'A (Host Address)', 2: 'NS (authoritative Name Server)', 5: 'CNAME (Canonical NAME for an alias)',
  6: 'SOA (Start Of a zone of Authority)', 12: 'PTR (domain name PoinTeR)', 15: 'MX (Mail eXchange)', 16: 'TXT (Text strings)',
  28: 'AAAA (IPv6 Address)', 33: 'SRV (Server Selection)', 43: 'DS (Delegation Signer)', 46: 'RRSIG (Resource Record Signature)',
  48: 'DNSKEY (DNS Public Key)', 64: 'SVCB (General Purpose Service Endpoints)', 65: 'HTTPS (HTTPS Specific Service Endpoints)',
};
const CLASS_NAMES: Record<number, string> = { 1: 'IN', 3: 'CH', 4: 'HS', 254: 'NONE', 255: 'ANY' };
const OPCODES: Record<number, string> = { 0: 'Standard query', 1: 'Inverse query', 2: 'Server status request', 4: 'Zone change notification', 5: 'Dynamic update' };
const RCODES = ['No error', 'Format error', 'Server failure', 'No such name', 'Not implemented', 'Refused', 'Name exists', 'RRset exists', 'RRset does not exist', 'Not authoritative', 'Name out of zone'];
const TITLES: Record<DnsFlavour, string> = { dns: 'Domain Name System', mdns: 'Multicast Domain Name System', llmnr: 'Link-local Multicast Name Resolution' };
const SECTIONS: [string, string][] = [['Answers', 'answer'], ['Authoritative nameservers', 'authority'], ['Additional records', 'additional']];

const typeText = (t: number) => `${TYPE_TEXT[t] ?? dnsTypeName(t)} (${t})`;
const classText = (c: number) => `${CLASS_NAMES[c] ?? 'Unknown'} (${hex(c, 4)})`;

const MAX_TCP_MESSAGES = 64;

/**
 * DNS over TCP (RFC 1035 section 4.2.2): a 2-byte length before each message. A segment may hold several
 * messages, or the start of one that continues in a later segment.
 */
export function decodeDnsTcpDetails(st: DetailState, out: DetailNode[], off: number, end: number, flavour: DnsFlavour): void {
  let o = off;
  for (let k = 0; o < end && k < MAX_TCP_MESSAGES; k++) {
    const next = end - o >= 2 ? o + 2 + u16(st.b, o) : end + 1;
    if (next > end) {
      st.protocols.push(flavour);
      const c = end - o >= 2 ? [node(`Length: ${next - o - 2}`, o, 2, 'dns.length')] : [];
      return void out.push(node(`${TITLES[flavour]} (continues in a later segment: ${end - o} bytes here)`, o, end - o, flavour, c));
    }
    decodeDnsDetails(st, out, o, next, flavour, true);
    o = next;
  }
  if (o < end) out.push(dataNode(st.b, o, end - o, `Data (${end - o} bytes): more than ${MAX_TCP_MESSAGES} DNS messages in one segment`));
}

/** One DNS message in b[off, end); over TCP, `off` is at its 2-byte length and `end` is where the length says. */
export function decodeDnsDetails(st: DetailState, out: DetailNode[], off: number, end: number, flavour: DnsFlavour, tcp: boolean): void {
  const b = st.b;
  const c: DetailNode[] = [];
  st.protocols.push(flavour);
  const s = tcp ? off + 2 : off;
  const e = end;
  if (tcp) c.push(node(`Length: ${end - off - 2}`, off, 2, 'dns.length'));
  const m = decodeDnsMessage(b, s, e, flavour === 'mdns');
  const title = `${TITLES[flavour]} (${m.response ? 'response' : 'query'})`;
  const dns = node(m.hasHeader ? title : TITLES[flavour], off, e - off, flavour, c);
  out.push(dns);
  if (!m.hasHeader) return void c.push(truncatedNode('DNS header', s, e - s, DNS_HEADER_LENGTH));
  c.push(node(`Transaction ID: ${hex(m.id, 4)}`, s, 2, 'dns.id'), flagsNode(m, s + 2));
  const k = m.counts;
  c.push(
    node(`Questions: ${k.questions}`, s + 4, 2, 'dns.count.queries'), node(`Answer RRs: ${k.answers}`, s + 6, 2, 'dns.count.answers'),
    node(`Authority RRs: ${k.authority}`, s + 8, 2, 'dns.count.auth_rr'), node(`Additional RRs: ${k.additional}`, s + 10, 2, 'dns.count.add_rr'),
  );
  let o = s + DNS_HEADER_LENGTH;
  const stop = (n: DetailNode, items: DetailNode[], label: string, from: number) => {
    items.push(n);
    c.push(node(label, from, Math.max(...items.map((x) => x.start + x.length)) - from, undefined, items));
  };
  const queries: DetailNode[] = [];
  for (let i = 0; i < k.questions; i++) {
    const n = readDnsName(b, s, e, o);
    if (n.problem !== null) return stop(problemNode(n.problemKind, `question ${i + 1}: ${n.problem}`, o, e), queries, 'Queries', s + DNS_HEADER_LENGTH);
    if (n.next + 4 > e) return stop(truncatedNode(`question ${i + 1}`, o, e - o, n.next + 4 - o), queries, 'Queries', s + DNS_HEADER_LENGTH);
    const type = u16(b, n.next);
    const klass = u16(b, n.next + 2) & (flavour === 'mdns' ? 0x7fff : 0xffff);
    queries.push(node(`${n.name}: type ${dnsTypeName(type)}, class ${CLASS_NAMES[klass] ?? klass}`, o, n.next + 4 - o, undefined, [
      ...nameNodes(n.name, o, n.next - o, 'dns.qry.name'),
      node(`Type: ${typeText(type)}`, n.next, 2, 'dns.qry.type'), node(`Class: ${classText(klass)}`, n.next + 2, 2, 'dns.qry.class'),
    ]));
    o = n.next + 4;
  }
  if (queries.length) c.push(node('Queries', s + DNS_HEADER_LENGTH, o - s - DNS_HEADER_LENGTH, undefined, queries));
  const counts = [k.answers, k.authority, k.additional];
  for (let x = 0; x < 3; x++) {
    const [label] = SECTIONS[x]!;
    const from = o;
    const items: DetailNode[] = [];
    for (let i = 0; i < counts[x]!; i++) {
      const r = recordNode(b, s, e, o, flavour === 'mdns');
      if (typeof r === 'string' || r.problem) return stop(typeof r === 'string' ? problemNode('truncated', r, o, e) : r.node, items, label, from);
      items.push(r.node);
      o = r.next;
    }
    if (items.length) c.push(node(label, from, o - from, undefined, items));
  }
  const x = st.ctx.dns;
  if (x?.requestIn) c.push(generated(`Request In: ${x.requestIn}`, s, 'dns.response_to'));
  if (x?.responseIn) c.push(generated(`Response In: ${x.responseIn}`, s, 'dns.response_in'));
  if (x?.time !== undefined) c.push(generated(`Time: ${secondsFixed(x.time)} seconds`, s, 'dns.time'));
}

function problemNode(kind: 'truncated' | 'malformed', why: string, at: number, end: number): DetailNode {
  return kind === 'truncated' ? node(`[Truncated: ${why}]`, at, Math.max(0, end - at), '_ws.short') : malformedNode(why, at, Math.max(0, end - at));
}

function flagsNode(m: DnsMessage, at: number): DetailNode {
  const f = m.flags;
  const bit = (mask: number, text: string, field: string) => bitNode(f, mask, 16, text, at, 2, `dns.flags.${field}`);
  const on = (mask: number) => (f & mask) !== 0;
  const c = [
    bit(0x8000, `Response: Message is a ${m.response ? 'response' : 'query'}`, 'response'),
    bit(0x7800, `Opcode: ${OPCODES[m.opcode] ?? 'Unknown'} (${m.opcode})`, 'opcode'),
  ];
  if (m.response) c.push(bit(0x0400, `Authoritative: Server is ${on(0x0400) ? '' : 'not '}an authority for domain`, 'authoritative'));
  c.push(bit(0x0200, `Truncated: Message is ${on(0x0200) ? '' : 'not '}truncated`, 'truncated'));
  c.push(bit(0x0100, `Recursion desired: ${on(0x0100) ? 'Do' : "Don't do"} query recursively`, 'recdesired'));
  if (m.response) c.push(bit(0x0080, `Recursion available: Server ${on(0x0080) ? 'can' : "can't"} do recursive queries`, 'recavail'));
  c.push(bit(0x0040, `Z: reserved (${on(0x0040) ? 1 : 0})`, 'z'));
  if (m.response) c.push(bit(0x0020, `Answer authenticated: Answer/authority portion was ${on(0x0020) ? '' : 'not '}authenticated by the server`, 'authenticated'));
  else c.push(bit(0x0020, `AD bit: ${on(0x0020) ? 'Set' : 'Not set'}`, 'authenticated'));
  c.push(bit(0x0010, `Non-authenticated data: ${on(0x0010) ? 'Acceptable' : 'Unacceptable'}`, 'checkdisable'));
  const rcode = RCODES[m.rcode] ?? 'Unknown';
  if (m.response) c.push(bit(0x000f, `Reply code: ${rcode} (${m.rcode})`, 'rcode'));
  const summary = `${OPCODES[m.opcode] ?? 'Unknown operation'}${m.response ? ` response, ${RCODES[m.extendedRcode] ?? m.rcodeName}` : ''}`;
  return node(`Flags: ${hex(f, 4)} ${summary}`, at, 2, 'dns.flags', c);
}

/** Name, [Name Length] and [Label Count] over the name's octets in the message. */
function nameNodes(name: string, at: number, wire: number, field: string): DetailNode[] {
  const root = name === ROOT_NAME;
  const labels = root ? 0 : name.split(/(?<!\\)\./).length;
  const prefix = field.slice(0, field.lastIndexOf('.'));
  return [
    node(`Name: ${name}`, at, wire, field),
    node(`[Name Length: ${root ? 0 : name.length}]`, at, wire, `${prefix}.name.len`),
    node(`[Label Count: ${labels}]`, at, wire, 'dns.count.labels'),
  ];
}

interface RecordResult {
  node: DetailNode;
  next: number;
  problem: boolean;
}

/** One resource record at `o`, or why it cannot be read (the octets ran out). */
function recordNode(b: Uint8Array, s: number, e: number, o: number, mdns: boolean): RecordResult | string {
  const n = readDnsName(b, s, e, o);
  if (n.problem !== null) return { node: problemNode(n.problemKind, n.problem, o, e), next: e, problem: true };
  const f = n.next;
  if (f + 10 > e) return `record of ${n.name} cut short`;
  const type = u16(b, f);
  const klass = u16(b, f + 2) & (mdns ? 0x7fff : 0xffff);
  const ttl = u32(b, f + 4);
  const rdlen = u16(b, f + 8);
  const at = f + 10;
  if (at + rdlen > e) return `${dnsTypeName(type)} record of ${n.name} declares ${rdlen} data octets, ${e - at} remain`;
  const c: DetailNode[] = [];
  if (type === DnsType.SRV && /^_[^.]+\._[^.]+\./.test(n.name)) {
    const [service, proto] = n.name.split('.');
    c.push(node(`Service: ${service}`, o, f - o, 'dns.srv.service'), node(`Protocol: ${proto}`, o, f - o, 'dns.srv.proto'));
    c.push(node(`Name: ${n.name.slice(service!.length + proto!.length + 2)}`, o, f - o, 'dns.srv.name'));
  } else {
    c.push(node(`Name: ${n.name}`, o, f - o, 'dns.resp.name'));
  }
  c.push(node(`Type: ${typeText(type)}`, f, 2, 'dns.resp.type'));
  let summary = '';
  if (type === DnsType.OPT) {
    c.push(node(`UDP payload size: ${u16(b, f + 2)}`, f + 2, 2, 'dns.rr.udp_payload_size'));
    c.push(node(`Higher bits in extended RCODE: ${hex(b[f + 4]!, 2)}`, f + 4, 1, 'dns.resp.ext_rcode'), node(`EDNS0 version: ${b[f + 5]}`, f + 5, 1, 'dns.resp.edns0_version'));
    const z = u16(b, f + 6);
    c.push(node(`Z: ${hex(z, 4)}`, f + 6, 2, 'dns.resp.z', [bitNode(z, 0x8000, 16, `DO bit: ${z & 0x8000 ? 'Accepts' : 'Cannot handle'} DNSSEC security RRs`, f + 6, 2, 'dns.resp.z.do')]));
  } else {
    c.push(node(`Class: ${classText(klass)}`, f + 2, 2, 'dns.resp.class'), node(`Time to live: ${ttl} (${secondsText(ttl)})`, f + 4, 4, 'dns.resp.ttl'));
    summary = `, class ${CLASS_NAMES[klass] ?? klass}`;
  }
  c.push(node(`Data length: ${rdlen}`, f + 8, 2, 'dns.resp.len'));
  const data = rdata(b, s, e, type, at, rdlen);
  c.push(...data.nodes);
  const label = `${n.name}: type ${dnsTypeName(type)}${summary}${data.summary}`;
  return { node: node(label, o, at + rdlen - o, undefined, c), next: at + rdlen, problem: false };
}

function rdata(b: Uint8Array, s: number, e: number, type: number, at: number, len: number): { nodes: DetailNode[]; summary: string } {
  const name = (p: number) => readDnsName(b, s, Math.min(e, at + len), p);
  const nodes: DetailNode[] = [];
  const bad = (why: string) => ({ nodes: [malformedNode(why, at, len)], summary: '' });
  if (len === 0) return { nodes, summary: '' };
  switch (type) {
    case DnsType.A:
    case DnsType.AAAA: {
      const want = type === DnsType.A ? 4 : 16;
      if (len !== want) return bad(`${dnsTypeName(type)} data of ${len} octets (expected ${want})`);
      const addr = type === DnsType.A ? formatIpv4(b, at) : formatIpv6(b, at);
      return { nodes: [node(`${type === DnsType.A ? 'Address' : 'AAAA Address'}: ${addr}`, at, len, type === DnsType.A ? 'dns.a' : 'dns.aaaa')], summary: `, addr ${addr}` };
    }
    case DnsType.CNAME:
    case DnsType.NS:
    case DnsType.PTR: {
      const t = name(at);
      if (t.problem !== null) return bad(t.problem);
      const [what, field, word] = type === DnsType.CNAME ? ['CNAME', 'dns.cname', 'cname '] : type === DnsType.NS ? ['Name Server', 'dns.ns', 'ns '] : ['Domain Name', 'dns.ptr.domain_name', ''];
      return { nodes: [node(`${what}: ${t.name}`, at, len, field)], summary: `, ${word}${t.name}` };
    }
    case DnsType.MX: {
      const t = len >= 3 ? name(at + 2) : null;
      if (t === null || t.problem !== null) return bad(t?.problem ?? 'MX data too short');
      nodes.push(node(`Preference: ${u16(b, at)}`, at, 2, 'dns.mx.preference'), node(`Mail Exchange: ${t.name}`, at + 2, len - 2, 'dns.mx.mail_exchange'));
      return { nodes, summary: `, preference ${u16(b, at)}, mx ${t.name}` };
    }
    case DnsType.SRV: {
      const t = len >= 7 ? name(at + 6) : null;
      if (t === null || t.problem !== null) return bad(t?.problem ?? 'SRV data too short');
      const [pri, weight, port] = [u16(b, at), u16(b, at + 2), u16(b, at + 4)];
      nodes.push(node(`Priority: ${pri}`, at, 2, 'dns.srv.priority'), node(`Weight: ${weight}`, at + 2, 2, 'dns.srv.weight'), node(`Port: ${port}`, at + 4, 2, 'dns.srv.port'));
      nodes.push(node(`Target: ${t.name}`, at + 6, t.next - at - 6, 'dns.srv.target'));
      return { nodes, summary: `, priority ${pri}, weight ${weight}, port ${port}, target ${t.name}` };
    }
    case DnsType.SOA: {
      const mname = name(at);
      const rname = mname.problem === null ? name(mname.next) : mname;
      if (rname.problem !== null || rname.next + 20 > at + len) return bad(rname.problem ?? 'SOA data too short');
      nodes.push(node(`Primary name server: ${mname.name}`, at, mname.next - at, 'dns.soa.mname'));
      nodes.push(node(`Responsible authority's mailbox: ${rname.name}`, mname.next, rname.next - mname.next, 'dns.soa.rname'));
      const fields: [string, string][] = [['Serial Number', 'serial_number'], ['Refresh Interval', 'refresh_interval'], ['Retry Interval', 'retry_interval'], ['Expire limit', 'expire_limit'], ['Minimum TTL', 'minimum_ttl']];
      fields.forEach(([label, f], i) => {
        const v = u32(b, rname.next + 4 * i);
        nodes.push(node(`${label}: ${v}${i > 0 ? ` (${secondsText(v)})` : ''}`, rname.next + 4 * i, 4, `dns.soa.${f}`));
      });
      return { nodes, summary: `, mname ${mname.name}` };
    }
    case DnsType.TXT: {
      for (let p = at; p < at + len; ) {
        const l = b[p]!;
        if (p + 1 + l > at + len) return { nodes: [...nodes, malformedNode(`TXT string of ${l} octets runs past the data`, p, at + len - p)], summary: '' };
        nodes.push(node(`TXT Length: ${l}`, p, 1, 'dns.txt.length'), node(`TXT: ${decodeUtf8(b, p + 1, p + 1 + l)}`, p + 1, l, 'dns.txt'));
        p += 1 + l;
      }
      return { nodes, summary: '' };
    }
  }
  return { nodes: [node(`Data (${len} bytes)`, at, len, 'dns.data')], summary: '' };
}
