// Microsoft vendor-specific attributes (Vendor-Id 311): RFC 2548 section 2 (1-31) and [MS-RNAP] (34-63), as
// listed by FreeRADIUS share/dictionary.microsoft (protocol-facts.md section 3.8). Microsoft uses the RFC 2865
// section 5.26 layout: vendor-type (1 octet), vendor-length (1 octet, includes both), value.

import type { RadiusAttributeDef, RadiusValueKind } from './radius-dictionary.ts';

export const VENDOR_MICROSOFT = 311;

const n = (pairs: [number, string][]): ReadonlyMap<number, string> => new Map(pairs);

type Row = [number, string, RadiusValueKind, ReadonlyMap<number, string>?];

const ROWS: Row[] = [
  [1, 'MS-CHAP-Response', 'octets'],
  [2, 'MS-CHAP-Error', 'string'], // Ident octet + "E=eeeeeeeeee R=r C=... V=..." (RFC 2548 section 2.1.5)
  [3, 'MS-CHAP-CPW-1', 'octets'],
  [4, 'MS-CHAP-CPW-2', 'octets'],
  [5, 'MS-CHAP-LM-Enc-PW', 'octets'],
  [6, 'MS-CHAP-NT-Enc-PW', 'octets'],
  [7, 'MS-MPPE-Encryption-Policy', 'integer', n([[1, 'Encryption-Allowed'], [2, 'Encryption-Required']])],
  [8, 'MS-MPPE-Encryption-Types', 'integer', n([[1, 'RC4-40bit-Allowed'], [2, 'RC4-128bit-Allowed'], [6, 'RC4-40or128-bit-Allowed']])],
  [9, 'MS-RAS-Vendor', 'integer'],
  [10, 'MS-CHAP-Domain', 'string'],
  [11, 'MS-CHAP-Challenge', 'octets'],
  [12, 'MS-CHAP-MPPE-Keys', 'encrypted'], // RFC 2548 section 2.4.1, encrypt=1
  [13, 'MS-BAP-Usage', 'integer', n([[0, 'Not-Allowed'], [1, 'Allowed'], [2, 'Required']])],
  [14, 'MS-Link-Utilization-Threshold', 'integer'],
  [15, 'MS-Link-Drop-Time-Limit', 'integer'],
  [16, 'MS-MPPE-Send-Key', 'encrypted'], // RFC 2548 section 2.4.2, salted (encrypt=2)
  [17, 'MS-MPPE-Recv-Key', 'encrypted'], // RFC 2548 section 2.4.3
  [18, 'MS-RAS-Version', 'string'],
  [19, 'MS-Old-ARAP-Password', 'octets'],
  [20, 'MS-New-ARAP-Password', 'octets'],
  [
    21,
    'MS-ARAP-PW-Change-Reason',
    'integer',
    n([[1, 'Just-Change-Password'], [2, 'Expired-Password'], [3, 'Admin-Requires-Password-Change'], [4, 'Password-Too-Short']]),
  ],
  [22, 'MS-Filter', 'octets'],
  [23, 'MS-Acct-Auth-Type', 'integer', n([[1, 'PAP'], [2, 'CHAP'], [3, 'MS-CHAP-1'], [4, 'MS-CHAP-2'], [5, 'EAP']])],
  [24, 'MS-Acct-EAP-Type', 'integer', n([[4, 'MD5'], [5, 'OTP'], [6, 'Generic-Token-Card'], [13, 'TLS']])],
  [25, 'MS-CHAP2-Response', 'octets'], // Ident, Flags, Peer-Challenge(16), Reserved(8), NT-Response(24)
  [26, 'MS-CHAP2-Success', 'string'], // Ident octet + "S=" + 40 hex digits
  [27, 'MS-CHAP2-CPW', 'octets'],
  [28, 'MS-Primary-DNS-Server', 'ipaddr'],
  [29, 'MS-Secondary-DNS-Server', 'ipaddr'],
  [30, 'MS-Primary-NBNS-Server', 'ipaddr'],
  [31, 'MS-Secondary-NBNS-Server', 'ipaddr'],
  [34, 'MS-RAS-Client-Name', 'string'],
  [35, 'MS-RAS-Client-Version', 'string'],
  [36, 'MS-Quarantine-IPFilter', 'octets'],
  [37, 'MS-Quarantine-Session-Timeout', 'integer'],
  [40, 'MS-User-Security-Identity', 'string'],
  [41, 'MS-Identity-Type', 'integer', n([[1, 'Machine-Health-Check'], [2, 'Ignore-User-Lookup-Failure']])],
  [42, 'MS-Service-Class', 'string'],
  [44, 'MS-Quarantine-User-Class', 'string'],
  [45, 'MS-Quarantine-State', 'integer', n([[0, 'Full-Access'], [1, 'Quarantine'], [2, 'Probation']])],
  [46, 'MS-Quarantine-Grace-Time', 'integer'],
  [
    47,
    'MS-Network-Access-Server-Type',
    'integer',
    n([
      [0, 'Unspecified'],
      [1, 'Terminal-Server-Gateway'],
      [2, 'Remote-Access-Server'],
      [3, 'DHCP-Server'],
      [4, 'Wireless-Access-Point'],
      [5, 'HRA'],
      [6, 'HCAP-Server'],
    ]),
  ],
  [48, 'MS-AFW-Zone', 'integer', n([[1, 'MS-AFW-Zone-Boundary-Policy'], [2, 'MS-AFW-Zone-Unprotected-Policy'], [3, 'MS-AFW-Zone-Protected-Policy']])],
  [49, 'MS-AFW-Protection-Level', 'integer', n([[1, 'HECP-Response-Sign-Only'], [2, 'HECP-Response-Sign-And-Encrypt']])],
  [50, 'MS-Machine-Name', 'string'],
  [51, 'MS-IPv6-Filter', 'octets'],
  [52, 'MS-IPv4-Remediation-Servers', 'octets'],
  [53, 'MS-IPv6-Remediation-Servers', 'octets'],
  [54, 'MS-RNAP-Not-Quarantine-Capable', 'integer', n([[0, 'SoH-Sent'], [1, 'SoH-Not-Sent']])],
  [55, 'MS-Quarantine-SOH', 'octets'],
  [56, 'MS-RAS-Correlation', 'octets'],
  [57, 'MS-Extended-Quarantine-State', 'integer', n([[1, 'Transition'], [2, 'Infected'], [3, 'Unknown'], [4, 'No-Data']])],
  [58, 'MS-HCAP-User-Groups', 'string'],
  [59, 'MS-HCAP-Location-Group-Name', 'string'],
  [60, 'MS-HCAP-User-Name', 'string'],
  [61, 'MS-User-IPv4-Address', 'ipaddr'],
  [62, 'MS-User-IPv6-Address', 'ipv6addr'],
  [63, 'MS-TSG-Device-Redirection', 'integer'],
];

const MICROSOFT = new Map<number, RadiusAttributeDef>();
for (const [type, name, kind, values] of ROWS) MICROSOFT.set(type, { name, kind, values });

export function microsoftAttribute(vendorType: number): RadiusAttributeDef | undefined {
  return MICROSOFT.get(vendorType);
}

/** Display names of a few SMI enterprise numbers seen in RADIUS (IANA "Private Enterprise Numbers"). */
export const VENDOR_NAMES: ReadonlyMap<number, string> = new Map([
  [9, 'Cisco'],
  [311, 'Microsoft'],
  [2011, 'Huawei'],
  [2636, 'Juniper'],
  [3076, 'Altiga (Cisco VPN 3000)'],
  [14122, 'WISPr'],
  [14179, 'Airespace'],
  [14823, 'Aruba'],
]);
