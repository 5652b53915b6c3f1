// DNS code points and the ports DNS-format messages are decoded on.
// Types: RFC 1035 section 3.2.2, RFC 3596 section 2.1 (AAAA), RFC 2782 (SRV), RFC 6891 section 6.1.1 (OPT),
// RFC 9460 (SVCB/HTTPS). RCODEs: RFC 1035 section 4.1.1, RFC 2136 section 2.2, RFC 6895 section 2.3 (the IANA
// registry, with the extended values carried in OPT).

export const DNS_HEADER_LENGTH = 12; // RFC 1035 section 4.1.1

export const DnsType = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  OPT: 41,
  DS: 43,
  RRSIG: 46,
  DNSKEY: 48,
  SVCB: 64,
  HTTPS: 65,
  ANY: 255,
} as const;

const TYPE_NAMES: Record<number, string> = {};
for (const [name, code] of Object.entries(DnsType)) TYPE_NAMES[code] = name;

/** Mnemonic of a TYPE, or RFC 3597 section 5's generic `TYPEnnn`. */
export function dnsTypeName(type: number): string {
  return TYPE_NAMES[type] ?? `TYPE${type}`;
}

export const DnsRcode = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
} as const;

// RFC 6895 section 2.3 (values 16-23 only exist as extended RCODEs, with an OPT record)
const RCODE_NAMES = [
  'NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN', 'YXRRSET',
  'NXRRSET', 'NOTAUTH', 'NOTZONE', 'DSOTYPENI', 'RCODE12', 'RCODE13', 'RCODE14', 'RCODE15',
  'BADVERS', 'BADKEY', 'BADTIME', 'BADMODE', 'BADNAME', 'BADALG', 'BADTRUNC', 'BADCOOKIE',
];

export function dnsRcodeName(rcode: number): string {
  return RCODE_NAMES[rcode] ?? `RCODE${rcode}`;
}

/**
 * Which flavour of the DNS message format a UDP/TCP port carries. radscope decodes:
 * - 53: DNS (RFC 1035 section 4.2), over UDP and TCP;
 * - 5353: multicast DNS (RFC 6762), UDP, same format (top bit of a class is the QU / cache-flush bit);
 * - 5355: LLMNR (RFC 4795), UDP and TCP, same format.
 * tshark 4.0 decodes these three too (as dns, mdns, llmnr); it also decodes DNS on 853 (DoT, TLS) and a few
 * others that carry no plain DNS a RADIUS server would send, which radscope leaves alone.
 */
export type DnsFlavour = 'dns' | 'mdns' | 'llmnr';

export const DNS_PORT = 53;
export const MDNS_PORT = 5353;
export const LLMNR_PORT = 5355;

/** The flavour for a datagram or stream between these ports, or null when neither is a DNS port. */
export function dnsFlavourOf(srcPort: number, dstPort: number, tcp: boolean): DnsFlavour | null {
  if (srcPort === DNS_PORT || dstPort === DNS_PORT) return 'dns';
  if (srcPort === LLMNR_PORT || dstPort === LLMNR_PORT) return 'llmnr';
  if (!tcp && (srcPort === MDNS_PORT || dstPort === MDNS_PORT)) return 'mdns';
  return null;
}
