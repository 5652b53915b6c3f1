// Per-name lookup outcomes, for diagnoses such as "every A/AAAA lookup of login.microsoftonline.com failed".
// A name counts as resolved when any A or AAAA lookup of it, or of a search-suffix variant of it (the stub
// appends the DNS suffix search list: login.microsoftonline.com.corp.example, RFC 1536 section 6), gave an
// address. An empty AAAA answer (NOERROR, no records: RFC 2308 section 2.2 "NODATA") beside a good A answer is
// therefore not a failure; NXDOMAIN, SERVFAIL, REFUSED, no records at all and no response are.

import { DnsRcode, DnsType, type DnsFlavour } from '../../dissect/dns-codes.ts';
import { dnsNameKey } from '../../dissect/dns-name.ts';

export type LookupOutcome = 'answered' | 'no-records' | 'truncated' | 'nxdomain' | 'servfail' | 'refused' | 'error' | 'no-response';

/** One query and what became of it (the tracker fills the response fields when it arrives). */
export interface DnsTransaction {
  flavour: DnsFlavour;
  transport: 'udp' | 'tcp';
  /** "address:port" (IPv6 in brackets) of the asking and the answering side. */
  client: string;
  server: string;
  id: number;
  /** The first question (most queries carry exactly one). */
  name: string;
  type: number;
  /** Frame and time of the first transmission; queryFrame 0 when only the response was captured. */
  queryFrame: number;
  querySec: number;
  queryNsec: number;
  /** Later frames that sent the same query again (same id, endpoints and question) before an answer. */
  retransmissions: number[];
  responseFrame: number | null;
  /** Seconds from the first transmission to the response. */
  responseTime: number | null;
  rcode: number | null;
  rcodeName: string | null;
  /** The response had TC set (RFC 1035 section 4.1.1): the stub should retry over TCP. */
  truncatedFlag: boolean;
  /** Answer section values (A, AAAA, CNAME; other types as their mnemonic and data length). */
  answers: { type: string; value: string }[];
  /** A/AAAA addresses of the answer section. */
  addresses: string[];
  /** Further responses to the same query (dns-two-responses style). */
  duplicateResponses: number[];
}

export function lookupOutcome(t: DnsTransaction): LookupOutcome {
  if (t.responseFrame === null) return 'no-response';
  switch (t.rcode) {
    case DnsRcode.NOERROR: {
      const wanted = t.type === DnsType.A ? 'A' : t.type === DnsType.AAAA ? 'AAAA' : null;
      const got = wanted === null ? t.answers.length > 0 : t.answers.some((a) => a.type === wanted);
      if (got) return 'answered';
      return t.truncatedFlag ? 'truncated' : 'no-records';
    }
    case DnsRcode.NXDOMAIN:
      return 'nxdomain';
    case DnsRcode.SERVFAIL:
      return 'servfail';
    case DnsRcode.REFUSED:
      return 'refused';
    default:
      return 'error';
  }
}

export interface AddressResolution {
  /** The name as asked. */
  name: string;
  /** Search-suffix variants that were looked up too (e.g. name.corp.example). */
  variants: string[];
  /** A and AAAA lookups of the name and its variants, in query order. */
  lookups: { transaction: DnsTransaction; outcome: LookupOutcome }[];
  addresses: string[];
  /** At least one A/AAAA lookup, and none of them gave an address. */
  failed: boolean;
}

export class DnsLookups {
  private readonly byName = new Map<string, DnsTransaction[]>();

  add(t: DnsTransaction): void {
    const k = dnsNameKey(t.name);
    let list = this.byName.get(k);
    if (list === undefined) this.byName.set(k, (list = []));
    list.push(t);
  }

  /** Every lookup of exactly this name (any type). */
  of(name: string): readonly DnsTransaction[] {
    return this.byName.get(dnsNameKey(name)) ?? [];
  }

  /** Names looked up that are `name` with a suffix appended ("name.corp.example"). */
  variantsOf(name: string): string[] {
    const prefix = dnsNameKey(name) + '.';
    const out: string[] = [];
    for (const [k, list] of this.byName) if (k.startsWith(prefix)) out.push(list[0]!.name);
    return out;
  }

  /** Names looked up, as first written. */
  names(): string[] {
    return [...this.byName.values()].map((l) => l[0]!.name);
  }

  /** How the A/AAAA lookups of `name` (and its search-suffix variants) went. */
  resolution(name: string): AddressResolution {
    const variants = this.variantsOf(name);
    const all = [name, ...variants].flatMap((n) => this.of(n)).filter((t) => t.type === DnsType.A || t.type === DnsType.AAAA);
    all.sort((a, b) => a.queryFrame - b.queryFrame);
    const lookups = all.map((transaction) => ({ transaction, outcome: lookupOutcome(transaction) }));
    const addresses = [...new Set(lookups.filter((l) => l.outcome === 'answered').flatMap((l) => l.transaction.addresses))];
    return { name, variants, lookups, addresses, failed: lookups.length > 0 && !lookups.some((l) => l.outcome === 'answered') };
  }
}
