// The standard RADIUS attributes: number, name and value type, from IANA "RADIUS Types" (radius-types-2) and
// the RFCs that define them: RFC 2865 section 5 (1-39, 60-63), RFC 2866 section 5 (40-51), RFC 2867 (68, 82,
// 86), RFC 2868 section 3 (64-67, 69, 81-83, 90, 91: the tunnel attributes carry a tag), RFC 2869 section 5
// (52-55, 70-80, 84, 85, 87, 88), RFC 3162 section 2 (95-100), RFC 3579 section 3 (79, 80), RFC 4372 (89),
// RFC 4675 (56-59), RFC 4818 (123), RFC 4849 (92), RFC 5090 (103-121), RFC 5176 section 3.5 (101), RFC 5447
// (124, 125), RFC 5580 (126-132), RFC 5607 (133-136), RFC 6572 (145-162), RFC 6911 (168-172), RFC 6929
// (241-246, the extended types, kept raw).

import {
  ACCT_AUTHENTIC, ACCT_STATUS_TYPE, ACCT_TERMINATE_CAUSE, ARAP_ZONE_ACCESS, ERROR_CAUSE, FRAMED_COMPRESSION,
  FRAMED_PROTOCOL, FRAMED_ROUTING, INGRESS_FILTERS, LOGIN_SERVICE, NAS_PORT_TYPE, PROMPT, SERVICE_TYPE,
  TERMINATION_ACTION, TUNNEL_MEDIUM_TYPE, TUNNEL_TYPE,
} from './radius-values.ts';

/** How an attribute's value is read. */
export type RadiusValueKind =
  | 'text' // UTF-8 text (RFC 2865 section 5 "text")
  | 'string' // octets that are often, not always, text (RFC 2865 "string"): shown as text when printable
  | 'octets' // opaque binary: shown as hex
  | 'integer' // 32-bit unsigned
  | 'integer64' // 64-bit unsigned (RFC 6929 section 2.4)
  | 'ipaddr' // IPv4 address
  | 'ipv6addr' // IPv6 address (RFC 3162)
  | 'ipv6prefix' // Reserved, Prefix-Length, Prefix (RFC 3162 section 2.3)
  | 'ipv4prefix' // Reserved, Prefix-Length, Prefix (RFC 6572 section 6.3)
  | 'ifid' // 8-octet interface id (RFC 3162 section 2.2)
  | 'date' // seconds since 1970-01-01 UTC (RFC 2869 section 5.3)
  | 'encrypted' // hidden with the shared secret (User-Password, Tunnel-Password, MS-MPPE keys)
  | 'eap' // an EAP-Message fragment (RFC 3579 section 3.1)
  | 'vsa' // Vendor-Specific (RFC 2865 section 5.26)
  | 'mip6-features' // MIP6-Feature-Vector bit set (RFC 5447 section 4.2.5)
  | 'mip6-prefix' // Prefix-Length + 16-octet prefix (RFC 5447 section 4.2.6)
  | 'vlan-id' // tag indication, 12 pad bits, VLANID (RFC 4675 section 2.1)
  | 'vlan-name' // tag indication + name (RFC 4675 section 2.3)
  | 'operator-name'; // namespace octet + name (RFC 5580 section 4.1)

export interface RadiusAttributeDef {
  name: string;
  kind: RadiusValueKind;
  /** RFC 2868 section 3: the value starts with a tag octet (0x01-0x1f; for strings only when it is <= 0x1f). */
  tagged?: boolean;
  /** Named values of an integer attribute. */
  values?: ReadonlyMap<number, string>;
}

type Row = [number, string, RadiusValueKind, ReadonlyMap<number, string>?, boolean?];

const ROWS: Row[] = [
  [1, 'User-Name', 'text'],
  [2, 'User-Password', 'encrypted'],
  [3, 'CHAP-Password', 'octets'],
  [4, 'NAS-IP-Address', 'ipaddr'],
  [5, 'NAS-Port', 'integer'],
  [6, 'Service-Type', 'integer', SERVICE_TYPE],
  [7, 'Framed-Protocol', 'integer', FRAMED_PROTOCOL],
  [8, 'Framed-IP-Address', 'ipaddr'],
  [9, 'Framed-IP-Netmask', 'ipaddr'],
  [10, 'Framed-Routing', 'integer', FRAMED_ROUTING],
  [11, 'Filter-Id', 'text'],
  [12, 'Framed-MTU', 'integer'],
  [13, 'Framed-Compression', 'integer', FRAMED_COMPRESSION],
  [14, 'Login-IP-Host', 'ipaddr'],
  [15, 'Login-Service', 'integer', LOGIN_SERVICE],
  [16, 'Login-TCP-Port', 'integer'],
  [18, 'Reply-Message', 'text'],
  [19, 'Callback-Number', 'string'],
  [20, 'Callback-Id', 'string'],
  [22, 'Framed-Route', 'text'],
  [23, 'Framed-IPX-Network', 'integer'],
  [24, 'State', 'octets'],
  [25, 'Class', 'octets'],
  [26, 'Vendor-Specific', 'vsa'],
  [27, 'Session-Timeout', 'integer'],
  [28, 'Idle-Timeout', 'integer'],
  [29, 'Termination-Action', 'integer', TERMINATION_ACTION],
  [30, 'Called-Station-Id', 'string'],
  [31, 'Calling-Station-Id', 'string'],
  [32, 'NAS-Identifier', 'string'],
  [33, 'Proxy-State', 'octets'],
  [34, 'Login-LAT-Service', 'string'],
  [35, 'Login-LAT-Node', 'string'],
  [36, 'Login-LAT-Group', 'octets'],
  [37, 'Framed-AppleTalk-Link', 'integer'],
  [38, 'Framed-AppleTalk-Network', 'integer'],
  [39, 'Framed-AppleTalk-Zone', 'string'],
  [40, 'Acct-Status-Type', 'integer', ACCT_STATUS_TYPE],
  [41, 'Acct-Delay-Time', 'integer'],
  [42, 'Acct-Input-Octets', 'integer'],
  [43, 'Acct-Output-Octets', 'integer'],
  [44, 'Acct-Session-Id', 'text'],
  [45, 'Acct-Authentic', 'integer', ACCT_AUTHENTIC],
  [46, 'Acct-Session-Time', 'integer'],
  [47, 'Acct-Input-Packets', 'integer'],
  [48, 'Acct-Output-Packets', 'integer'],
  [49, 'Acct-Terminate-Cause', 'integer', ACCT_TERMINATE_CAUSE],
  [50, 'Acct-Multi-Session-Id', 'string'],
  [51, 'Acct-Link-Count', 'integer'],
  [52, 'Acct-Input-Gigawords', 'integer'],
  [53, 'Acct-Output-Gigawords', 'integer'],
  [55, 'Event-Timestamp', 'date'],
  [56, 'Egress-VLANID', 'vlan-id'],
  [57, 'Ingress-Filters', 'integer', INGRESS_FILTERS],
  [58, 'Egress-VLAN-Name', 'vlan-name'],
  [59, 'User-Priority-Table', 'octets'],
  [60, 'CHAP-Challenge', 'octets'],
  [61, 'NAS-Port-Type', 'integer', NAS_PORT_TYPE],
  [62, 'Port-Limit', 'integer'],
  [63, 'Login-LAT-Port', 'string'],
  [64, 'Tunnel-Type', 'integer', TUNNEL_TYPE, true],
  [65, 'Tunnel-Medium-Type', 'integer', TUNNEL_MEDIUM_TYPE, true],
  [66, 'Tunnel-Client-Endpoint', 'string', undefined, true],
  [67, 'Tunnel-Server-Endpoint', 'string', undefined, true],
  [68, 'Acct-Tunnel-Connection', 'string'],
  [69, 'Tunnel-Password', 'encrypted', undefined, true],
  [70, 'ARAP-Password', 'octets'],
  [71, 'ARAP-Features', 'octets'],
  [72, 'ARAP-Zone-Access', 'integer', ARAP_ZONE_ACCESS],
  [73, 'ARAP-Security', 'integer'],
  [74, 'ARAP-Security-Data', 'string'],
  [75, 'Password-Retry', 'integer'],
  [76, 'Prompt', 'integer', PROMPT],
  [77, 'Connect-Info', 'text'],
  [78, 'Configuration-Token', 'string'],
  [79, 'EAP-Message', 'eap'],
  [80, 'Message-Authenticator', 'octets'],
  [81, 'Tunnel-Private-Group-ID', 'string', undefined, true],
  [82, 'Tunnel-Assignment-ID', 'string', undefined, true],
  [83, 'Tunnel-Preference', 'integer', undefined, true],
  [84, 'ARAP-Challenge-Response', 'octets'],
  [85, 'Acct-Interim-Interval', 'integer'],
  [86, 'Acct-Tunnel-Packets-Lost', 'integer'],
  [87, 'NAS-Port-Id', 'text'],
  [88, 'Framed-Pool', 'string'],
  [89, 'Chargeable-User-Identity', 'string'],
  [90, 'Tunnel-Client-Auth-ID', 'string', undefined, true],
  [91, 'Tunnel-Server-Auth-ID', 'string', undefined, true],
  [92, 'NAS-Filter-Rule', 'text'],
  [94, 'Originating-Line-Info', 'octets'],
  [95, 'NAS-IPv6-Address', 'ipv6addr'],
  [96, 'Framed-Interface-Id', 'ifid'],
  [97, 'Framed-IPv6-Prefix', 'ipv6prefix'],
  [98, 'Login-IPv6-Host', 'ipv6addr'],
  [99, 'Framed-IPv6-Route', 'text'],
  [100, 'Framed-IPv6-Pool', 'string'],
  [101, 'Error-Cause', 'integer', ERROR_CAUSE],
  [102, 'EAP-Key-Name', 'octets'],
  [122, 'SIP-AOR', 'text'],
  [123, 'Delegated-IPv6-Prefix', 'ipv6prefix'],
  [124, 'MIP6-Feature-Vector', 'mip6-features'],
  [125, 'MIP6-Home-Link-Prefix', 'mip6-prefix'],
  [126, 'Operator-Name', 'operator-name'],
  [127, 'Location-Information', 'octets'],
  [128, 'Location-Data', 'octets'],
  [129, 'Basic-Location-Policy-Rules', 'octets'],
  [130, 'Extended-Location-Policy-Rules', 'octets'],
  [131, 'Location-Capable', 'integer'],
  [132, 'Requested-Location-Info', 'integer'],
  [133, 'Framed-Management-Protocol', 'integer'],
  [134, 'Management-Transport-Protection', 'integer'],
  [135, 'Management-Policy-Id', 'text'],
  [136, 'Management-Privilege-Level', 'integer'],
  [144, 'DS-Lite-Tunnel-Name', 'text'],
  [145, 'Mobile-Node-Identifier', 'octets'],
  [146, 'Service-Selection', 'text'],
  [147, 'PMIP6-Home-LMA-IPv6-Address', 'ipv6addr'],
  [148, 'PMIP6-Visited-LMA-IPv6-Address', 'ipv6addr'],
  [149, 'PMIP6-Home-LMA-IPv4-Address', 'ipaddr'],
  [150, 'PMIP6-Visited-LMA-IPv4-Address', 'ipaddr'],
  [151, 'PMIP6-Home-HN-Prefix', 'ipv6prefix'],
  [152, 'PMIP6-Visited-HN-Prefix', 'ipv6prefix'],
  [153, 'PMIP6-Home-Interface-ID', 'ifid'],
  [154, 'PMIP6-Visited-Interface-ID', 'ifid'],
  [155, 'PMIP6-Home-IPv4-HoA', 'ipv4prefix'],
  [156, 'PMIP6-Visited-IPv4-HoA', 'ipv4prefix'],
  [157, 'PMIP6-Home-DHCP4-Server-Address', 'ipaddr'],
  [158, 'PMIP6-Visited-DHCP4-Server-Address', 'ipaddr'],
  [159, 'PMIP6-Home-DHCP6-Server-Address', 'ipv6addr'],
  [160, 'PMIP6-Visited-DHCP6-Server-Address', 'ipv6addr'],
  [161, 'PMIP6-Home-IPv4-Gateway', 'ipaddr'],
  [162, 'PMIP6-Visited-IPv4-Gateway', 'ipaddr'],
  [163, 'EAP-Lower-Layer', 'integer'],
  [168, 'Framed-IPv6-Address', 'ipv6addr'],
  [169, 'DNS-Server-IPv6-Address', 'ipv6addr'],
  [170, 'Route-IPv6-Information', 'ipv6prefix'],
  [171, 'Delegated-IPv6-Prefix-Pool', 'text'],
  [172, 'Stateful-IPv6-Address-Pool', 'text'],
  [241, 'Extended-Type-1', 'octets'],
  [242, 'Extended-Type-2', 'octets'],
  [243, 'Extended-Type-3', 'octets'],
  [244, 'Extended-Type-4', 'octets'],
  [245, 'Long-Extended-Type-1', 'octets'],
  [246, 'Long-Extended-Type-2', 'octets'],
];

// RFC 5090 section 4: Digest-* attributes, all text
const DIGEST = [
  'Response', 'Realm', 'Nonce', 'Response-Auth', 'Nextnonce', 'Method', 'URI', 'Qop', 'Algorithm', 'Entity-Body-Hash',
  'CNonce', 'Nonce-Count', 'Username', 'Opaque', 'Auth-Param', 'AKA-Auts', 'Domain', 'Stale', 'HA1',
];

const STANDARD = new Map<number, RadiusAttributeDef>();
for (const [type, name, kind, values, tagged] of ROWS) STANDARD.set(type, { name, kind, values, tagged });
DIGEST.forEach((n, i) => STANDARD.set(103 + i, { name: 'Digest-' + n, kind: 'text' }));

export const ATTR_USER_NAME = 1;
export const ATTR_USER_PASSWORD = 2;
export const ATTR_NAS_IP_ADDRESS = 4;
export const ATTR_STATE = 24;
export const ATTR_CLASS = 25;
export const ATTR_VENDOR_SPECIFIC = 26;
export const ATTR_CALLED_STATION_ID = 30;
export const ATTR_CALLING_STATION_ID = 31;
export const ATTR_NAS_IDENTIFIER = 32;
export const ATTR_PROXY_STATE = 33;
export const ATTR_ACCT_STATUS_TYPE = 40;
export const ATTR_EAP_MESSAGE = 79;
export const ATTR_MESSAGE_AUTHENTICATOR = 80;
export const ATTR_NAS_IPV6_ADDRESS = 95;
export const ATTR_ERROR_CAUSE = 101;

/** The definition of a standard attribute, or undefined for an unassigned or unknown type. */
export function standardAttribute(type: number): RadiusAttributeDef | undefined {
  return STANDARD.get(type);
}
