// Named values of the standard integer attributes, from IANA "RADIUS Types" (radius-types-4 ... -18), which
// the RFCs below define; the spellings are IANA's, as tcpdump's print-radius.c prints them.

type Values = ReadonlyMap<number, string>;

const list = (first: number, names: (string | null)[]): Values => {
  const m = new Map<number, string>();
  names.forEach((n, i) => {
    if (n !== null) m.set(first + i, n);
  });
  return m;
};

/** Service-Type (6): RFC 2865 section 5.6, RFC 3580, RFC 5176 (17), RFC 5607 (18). */
export const SERVICE_TYPE = list(1, [
  'Login', 'Framed', 'Callback Login', 'Callback Framed', 'Outbound', 'Administrative', 'NAS Prompt',
  'Authenticate Only', 'Callback NAS Prompt', 'Call Check', 'Callback Administrative', 'Voice', 'Fax',
  'Modem Relay', 'IAPP-Register', 'IAPP-AP-Check', 'Authorize Only', 'Framed-Management', 'Additional-Authorization',
]);

/** Framed-Protocol (7): RFC 2865 section 5.7. */
export const FRAMED_PROTOCOL = list(1, ['PPP', 'SLIP', 'ARAP', 'Gandalf proprietary', 'Xylogics IPX/SLIP', 'X.75 Synchronous', 'GPRS PDP Context']);

/** Framed-Routing (10): RFC 2865 section 5.10. */
export const FRAMED_ROUTING = list(0, ['None', 'Send', 'Listen', 'Send&Listen']);

/** Framed-Compression (13): RFC 2865 section 5.13. */
export const FRAMED_COMPRESSION = list(0, ['None', 'VJ TCP/IP', 'IPX', 'Stac-LZS']);

/** Login-Service (15): RFC 2865 section 5.15. */
export const LOGIN_SERVICE = list(0, ['Telnet', 'Rlogin', 'TCP Clear', 'PortMaster(proprietary)', 'LAT', 'X.25-PAD', 'X.25-T3POS', null, 'TCP Clear Quiet']);

/** Termination-Action (29): RFC 2865 section 5.29. */
export const TERMINATION_ACTION = list(0, ['Default', 'RADIUS-Request']);

/** Acct-Status-Type (40): RFC 2866 section 5.1, RFC 2867 (9-14), RFC 5580 (15). */
export const ACCT_STATUS_TYPE = list(1, [
  'Start', 'Stop', 'Interim-Update', null, null, null, 'Accounting-On', 'Accounting-Off', 'Tunnel-Start',
  'Tunnel-Stop', 'Tunnel-Reject', 'Tunnel-Link-Start', 'Tunnel-Link-Stop', 'Tunnel-Link-Reject', 'Failed',
]);

/** Acct-Authentic (45): RFC 2866 section 5.6. */
export const ACCT_AUTHENTIC = list(1, ['RADIUS', 'Local', 'Remote', 'Diameter']);

/** Acct-Terminate-Cause (49): RFC 2866 section 5.10, RFC 3580 (19-22), IANA (23). */
export const ACCT_TERMINATE_CAUSE = list(1, [
  'User Request', 'Lost Carrier', 'Lost Service', 'Idle Timeout', 'Session Timeout', 'Admin Reset', 'Admin Reboot',
  'Port Error', 'NAS Error', 'NAS Request', 'NAS Reboot', 'Port Unneeded', 'Port Preempted', 'Port Suspended',
  'Service Unavailable', 'Callback', 'User Error', 'Host Request', 'Supplicant Restart', 'Reauthentication Failure',
  'Port Reinitialized', 'Port Administratively Disabled', 'Lost Power',
]);

/** Ingress-Filters (57): RFC 4675 section 2.2. */
export const INGRESS_FILTERS = list(1, ['Enabled', 'Disabled']);

/** NAS-Port-Type (61): RFC 2865 section 5.41, RFC 2869, RFC 3580, RFC 4603, IANA. */
export const NAS_PORT_TYPE = list(0, [
  'Async', 'Sync', 'ISDN Sync', 'ISDN Async V.120', 'ISDN Async V.110', 'Virtual', 'PIAFS', 'HDLC Clear Channel',
  'X.25', 'X.75', 'G.3 Fax', 'SDSL', 'ADSL-CAP', 'ADSL-DMT', 'ISDN-DSL', 'Ethernet', 'xDSL', 'Cable',
  'Wireless - Other', 'Wireless - IEEE 802.11', 'Token-Ring', 'FDDI', 'Wireless - CDMA2000', 'Wireless - UMTS',
  'Wireless - 1X-EV', 'IAPP', 'FTTP', 'Wireless - IEEE 802.16', 'Wireless - IEEE 802.20', 'Wireless - IEEE 802.22',
  'PPPoA', 'PPPoEoA', 'PPPoEoE', 'PPPoEoVLAN', 'PPPoEoQinQ', 'xPON', 'Wireless - XGP',
  'WiMAX Pre-Release 8 IWK Function', 'WIMAX-WIFI-IWK', 'WIMAX-SFF', 'WIMAX-HA-LMA', 'WIMAX-DHCP', 'WIMAX-LBS', 'WIMAX-WVS',
]);

/** Tunnel-Type (64): RFC 2868 section 3.1, RFC 3580 (13). */
export const TUNNEL_TYPE = list(1, ['PPTP', 'L2F', 'L2TP', 'ATMP', 'VTP', 'AH', 'IP-IP', 'MIN-IP-IP', 'ESP', 'GRE', 'DVS', 'IP-in-IP Tunneling', 'VLAN']);

/** Tunnel-Medium-Type (65): RFC 2868 section 3.2. */
export const TUNNEL_MEDIUM_TYPE = list(1, [
  'IPv4', 'IPv6', 'NSAP', 'HDLC', 'BBN 1822', '802', 'E.163', 'E.164', 'F.69', 'X.121', 'IPX', 'Appletalk',
  'Decnet IV', 'Banyan Vines', 'E.164 with NSAP subaddress',
]);

/** ARAP-Zone-Access (72): RFC 2869 section 5.7. */
export const ARAP_ZONE_ACCESS = list(1, ['Only access to dfl zone', 'Use zone filter inc.', null, 'Use zone filter exc.']);

/** Prompt (76): RFC 2869 section 5.10. */
export const PROMPT = list(0, ['No Echo', 'Echo']);

/** Error-Cause (101): RFC 5176 section 3.5 (protocol-facts.md section 3.7). */
export const ERROR_CAUSE: Values = new Map([
  [201, 'Residual Session Context Removed'],
  [202, 'Invalid EAP Packet (Ignored)'],
  [401, 'Unsupported Attribute'],
  [402, 'Missing Attribute'],
  [403, 'NAS Identification Mismatch'],
  [404, 'Invalid Request'],
  [405, 'Unsupported Service'],
  [406, 'Unsupported Extension'],
  [407, 'Invalid Attribute Value'],
  [501, 'Administratively Prohibited'],
  [502, 'Request Not Routable (Proxy)'],
  [503, 'Session Context Not Found'],
  [504, 'Session Context Not Removable'],
  [505, 'Other Proxy Processing Error'],
  [506, 'Resources Unavailable'],
  [507, 'Request Initiated'],
  [508, 'Multiple Session Selection Unsupported'],
  [509, 'Location Info Required'],
]);

/** MIP6-Feature-Vector (124) bits: RFC 5447 section 4.2.5, RFC 5779, 3GPP TS 29.273 (IANA aaa-parameters). */
export const MIP6_FEATURES: readonly [bigint, string][] = [
  [0x1n, 'MIP6_INTEGRATED'],
  [0x2n, 'LOCAL_HOME_AGENT_ASSIGNMENT'],
  [0x0000010000000000n, 'PMIP6_SUPPORTED'],
  [0x0000020000000000n, 'IP4_HOA_SUPPORTED'],
  [0x0000040000000000n, 'LOCAL_MAG_ROUTING_SUPPORTED'],
  [0x0000080000000000n, 'ASSIGN_LOCAL_IP'],
  [0x0000100000000000n, 'MIP4_SUPPORTED'],
  [0x0000200000000000n, 'OPTIMIZED_IDLE_MODE_MOBILITY'],
  [0x0000400000000000n, 'GTPv2_SUPPORTED'],
  [0x0000800000000000n, 'IP4_TRANSPORT_SUPPORTED'],
  [0x0001000000000000n, 'IP4_HOA_ONLY_SUPPORTED'],
  [0x0002000000000000n, 'INTER_MAG_ROUTING_SUPPORTED'],
];

/** Tag indication of Egress-VLANID (56) and Egress-VLAN-Name (58): RFC 4675 sections 2.1 and 2.3. */
export const VLAN_TAG_INDICATION: Values = new Map([
  [0x31, 'Tagged'],
  [0x32, 'Untagged'],
]);
