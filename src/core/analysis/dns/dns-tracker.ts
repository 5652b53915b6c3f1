// DNS transactions: a response answers the latest open query with the same ID between the same two endpoints
// (RFC 1035 section 7.3: "the ID field ... the response comes from the same address the query went to";
// RFC 5452 section 9.1 adds the ports). For LLMNR a query to the multicast group is answered from the
// responder's own address (RFC 4795 section 2.1.1), so only the asking endpoint and the ID must match.
// mDNS (RFC 6762) is not query/response shaped (ID 0, unsolicited announcements): its answers feed the name
// map only. The tracker also keeps response times, queries never answered, per-name outcomes
// (dns-lookups.ts) and the address-to-name map (dns-name-map.ts).

import { diffSeconds } from '../../base/time.ts';
import { DnsType, dnsTypeName, type DnsFlavour } from '../../dissect/dns-codes.ts';
import type { DnsMessage } from '../../dissect/dns-message.ts';
import { dnsNameKey } from '../../dissect/dns-name.ts';
import { DnsLookups, type DnsTransaction } from './dns-lookups.ts';
import { DnsNameMap } from './dns-name-map.ts';

/** Where and when a message was seen. Endpoints are "address:port" strings (IPv6 in brackets). */
export interface DnsSeen {
  frame: number;
  sec: number;
  nsec: number;
  src: string;
  dst: string;
  transport: 'udp' | 'tcp';
  flavour: DnsFlavour;
  /** The query went to a multicast group (LLMNR 224.0.0.252 / ff02::1:3). */
  multicast?: boolean;
}

export class DnsTracker {
  readonly names = new DnsNameMap();
  readonly lookups = new DnsLookups();
  /** Every query, in the order first sent (responses without a captured query are added when they arrive). */
  readonly transactions: DnsTransaction[] = [];
  /** Messages seen, and those with problems (malformed or truncated). */
  messages = 0;
  damaged = 0;
  private readonly open = new Map<string, DnsTransaction>();
  private readonly answered = new Map<string, DnsTransaction>();

  /** Records one decoded message; returns the transaction it belongs to (null for mDNS and headerless ones). */
  track(m: DnsMessage, at: DnsSeen): DnsTransaction | null {
    this.messages++;
    if (m.problems.length > 0) this.damaged++;
    if (!m.hasHeader) return null;
    if (at.flavour === 'mdns') {
      if (m.response) this.names.addResponse(m, at.frame, 0);
      return null;
    }
    return m.response ? this.response(m, at) : this.query(m, at);
  }

  /** Queries with no response (so far: call at the end of the capture). */
  unanswered(): DnsTransaction[] {
    return this.transactions.filter((t) => t.responseFrame === null);
  }

  private key(flavour: DnsFlavour, transport: string, client: string, server: string | null, id: number): string {
    // one flat string (a template makes a tree of pieces that each Map operation would first flatten)
    return [flavour, transport, client, server ?? '*', id].join(' ');
  }

  private query(m: DnsMessage, at: DnsSeen): DnsTransaction {
    const q = m.questions[0];
    const name = q?.name ?? '';
    const type = q?.type ?? 0;
    const server = at.flavour === 'llmnr' && at.multicast ? null : at.dst;
    const key = this.key(at.flavour, at.transport, at.src, server, m.id);
    const prior = this.open.get(key);
    if (prior !== undefined && dnsNameKey(prior.name) === dnsNameKey(name) && prior.type === type) {
      prior.retransmissions = added(prior.retransmissions, at.frame);
      return prior;
    }
    const t = this.newTransaction(m, at, at.src, at.dst, name, type);
    t.queryFrame = at.frame;
    t.querySec = at.sec;
    t.queryNsec = at.nsec;
    this.open.set(key, t); // a different question under the same key leaves the older one unanswered
    return t;
  }

  private response(m: DnsMessage, at: DnsSeen): DnsTransaction {
    const exact = this.key(at.flavour, at.transport, at.dst, at.src, m.id);
    const loose = at.flavour === 'llmnr' ? this.key(at.flavour, at.transport, at.dst, null, m.id) : '';
    let key = exact;
    let t = this.open.get(exact);
    if (t === undefined && at.flavour === 'llmnr') t = this.open.get((key = loose));
    if (t === undefined) {
      const done = this.answered.get(exact) ?? (at.flavour === 'llmnr' ? this.answered.get(loose) : undefined);
      if (done !== undefined) {
        done.duplicateResponses = added(done.duplicateResponses, at.frame);
        return done;
      }
      // the query was not captured (the capture started after it)
      const q = m.questions[0];
      t = this.newTransaction(m, at, at.dst, at.src, q?.name ?? '', q?.type ?? 0);
    } else {
      this.open.delete(key);
      t.responseTime = diffSeconds(t.querySec, t.queryNsec, at.sec, at.nsec);
    }
    this.answered.set(key, t);
    t.server = at.src;
    t.responseFrame = at.frame;
    t.rcode = m.extendedRcode;
    t.rcodeName = m.rcodeName;
    t.truncatedFlag = m.truncatedFlag;
    // exact-size lists (kept for every lookup of the capture; push() would reserve spare slots)
    let answers = 0;
    let addresses = 0;
    for (const r of m.records) {
      if (r.section !== 'answer') continue;
      answers++;
      if (r.value !== null && (r.type === DnsType.A || r.type === DnsType.AAAA)) addresses++;
    }
    if (answers > 0) {
      const list: DnsTransaction['answers'] = new Array(t.answers.length + answers);
      const addrs: string[] = addresses === 0 ? t.addresses : new Array(t.addresses.length + addresses);
      let i = 0;
      let j = 0;
      for (const a of t.answers) list[i++] = a;
      if (addresses > 0) for (const a of t.addresses) addrs[j++] = a;
      for (const r of m.records) {
        if (r.section !== 'answer') continue;
        list[i++] = { type: dnsTypeName(r.type), value: r.value ?? `${r.dataLength} octets` };
        if (r.value !== null && (r.type === DnsType.A || r.type === DnsType.AAAA)) addrs[j++] = r.value;
      }
      t.answers = list;
      t.addresses = addrs;
    }
    this.names.addResponse(m, at.frame, t.queryFrame);
    return t;
  }

  private newTransaction(m: DnsMessage, at: DnsSeen, client: string, server: string, name: string, type: number): DnsTransaction {
    const t: DnsTransaction = {
      flavour: at.flavour, transport: at.transport, client, server, id: m.id, name, type,
      queryFrame: 0, querySec: 0, queryNsec: 0, retransmissions: NONE, responseFrame: null, responseTime: null,
      rcode: null, rcodeName: null, truncatedFlag: false, answers: NONE_ANSWERS, addresses: NONE_ADDRESSES, duplicateResponses: NONE,
    };
    this.transactions.push(t);
    this.lookups.add(t);
    return t;
  }
}

// Empty lists are one shared frozen array until their first entry (most lookups are never retransmitted).
const NONE: number[] = Object.freeze([]) as unknown as number[];
const NONE_ANSWERS: DnsTransaction['answers'] = Object.freeze([]) as unknown as DnsTransaction['answers'];
const NONE_ADDRESSES: string[] = Object.freeze([]) as unknown as string[];

function added(list: number[], frame: number): number[] {
  if (list.length === 0) return [frame];
  list.push(frame);
  return list;
}

/** "address:port", with IPv6 addresses in brackets (RFC 3986 section 3.2.2). */
export function endpointText(address: string, port: number): string {
  // join() makes one flat string (a template makes a tree of pieces, kept with every lookup)
  return address.includes(':') ? ['[', address, ']:', port].join('') : [address, port].join(':');
}

