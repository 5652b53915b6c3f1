// Where radscope deliberately differs from tshark 4.0 (and capinfos 4.0) on the public corpus: the one list,
// every entry with its reason. Each field belongs to one differential test (OWNERS below), which fails on any
// difference in its fields not listed here and on any entry of its fields that no longer matches a difference
// (so the list cannot rot); known-differences.test.ts checks that every entry has an owner and a reason.

export interface KnownDifference {
  /** Capture path relative to corpus/public. */
  file: string;
  /** Field as its test names it: 'frames' (the frame count), 'interfaces', a packet-record path ('time',
   * 'tcp.seqRel'...), or a tshark field name for protocol fields ('tls.handshake.type', 'http.request.uri'...). */
  field: string;
  /** Frame numbers concerned; 'all' when the whole file is concerned. */
  frames: number[] | 'all';
  reason: string;
}

const MULTI_SECTION_INTERFACES =
  "capinfos 4.0 lists the interfaces of a file with several sections more than once (each later section repeats the earlier sections' interfaces: 9 for the generator's 3 IDBs in test200). radscope lists each Interface Description Block once, as the generator's description (.txt) counts them; the test compares the distinct interfaces.";

const ACK_LOST =
  "tcp.analysis.ack_lost_segment (\"ACKed segment that wasn't captured\") only. radscope follows packet-tcp.c's once-per-loss bookkeeping (catch maxseqtobeacked up, or mark the other side's dup-ACK count -1, with the unsigned -1 that also makes the next retransmission a fast one, which tshark 4.0 confirms in this very file). In these frames, all of them ACKs after earlier unseen data, tshark 4.0.17 reports one loss more or fewer than that bookkeeping gives, and no published revision of packet-tcp.c read so far reproduces every frame. The retransmission flags, the ones radscope's diagnosis uses, agree on every frame.";

const HRR_OUT_OF_ORDER =
  "Frame 9 arrives after a hole (tcp.analysis.lost_segment) and frame 11 fills it (out_of_order). tshark 4.0 runs with " +
  "tcp.reassemble_out_of_order off (its default): it hands frame 9 to TLS at once (\"Continuation Data\") and never " +
  "dissects frame 11, so the real ServerHello after the HelloRetryRequest (and the record after it) goes unseen. radscope " +
  "holds frame 9 until frame 11 fills the hole and reads both in order, which is what tshark shows with " +
  "-o tcp.reassemble_out_of_order:TRUE (checked: frame 11 = content types 22, versions 0x0303,0x0303, handshake type 2).";

const RETRANSMITTED_RESPONSE =
  'tshark dissects this TCP fast retransmission of the 200 response again, so the status shows on the original and on the copy. radscope parses the de-duplicated byte stream of the direction (as a reassembler delivers it), where those octets occur once: one response, on the original frame.';

const SOCKS =
  'The HTTP request follows a SOCKS5 handshake on the same connection; tshark\'s SOCKS dissector hands the stream to HTTP after it. radscope recognises HTTP at the start of a byte stream (or after a gap) only, and this stream starts with binary SOCKS bytes, so it is not HTTP to radscope (no SOCKS decoder: proxies that NPS uses speak HTTP CONNECT).';

export const KNOWN_DIFFERENCES: KnownDifference[] = [
  // ---- capture files: frame count, time stamps, interfaces (packets and info tests) ----
  {
    file: 'the-tcpdump-group-tcpdump/dsa.pcap',
    field: 'frames',
    frames: 'all',
    reason:
      'tshark refuses the whole file (link type 284, DSA_TAG_DSA, unsupported). radscope reads the 8 records and marks each frame "unsupported link type": the rest of a capture is never thrown away for one link type.',
  },
  {
    file: 'rshk-python-pcapng/test007.ntar',
    field: 'frames',
    frames: 'all',
    reason:
      "tshark stops at the first block whose trailing length differs from its leading length and reads 0 frames. radscope reads the block by its leading length, warns (capture.block.malformed) and keeps the frame.",
  },
  {
    file: 'rshk-python-pcapng/test010.ntar',
    field: 'frames',
    frames: 'all',
    reason: 'Same damage as test007.ntar: tshark reads nothing, radscope keeps the one frame and warns.',
  },
  {
    file: 'the-tcpdump-group-tcpdump/timestamp_invalid_micro.pcap',
    field: 'time',
    frames: [2, 3],
    reason:
      'Fractions of 1,000,000 µs and 0x80000000 µs. tshark prints the raw value of frame 2 ("1418145370.1000000000", ten digits) and wraps frame 3 in a signed 32-bit nanosecond count (to .000000000); radscope carries whole seconds into the seconds field and warns capture.timestamp.invalid, so times stay well-formed and honest about the damage.',
  },
  {
    file: 'the-tcpdump-group-tcpdump/timestamp_invalid_nano.pcap',
    field: 'time',
    frames: [2, 3],
    reason:
      'Fractions of 1,000,000,000 ns and 0x80000000 ns: tshark prints the raw value (frame 3 even as a negative "-1418145370.2147483648" because wiretap holds it in a signed int); radscope carries whole seconds over and warns capture.timestamp.invalid.',
  },
  {
    file: 'hadrielk-pcapng-test-generator/output_le/difficult/test200.pcapng',
    field: 'interfaces',
    frames: 'all',
    reason: MULTI_SECTION_INTERFACES,
  },
  {
    file: 'hadrielk-pcapng-test-generator/output_be/difficult/test200.pcapng',
    field: 'interfaces',
    frames: 'all',
    reason: MULTI_SECTION_INTERFACES,
  },
  {
    file: 'hadrielk-pcapng-test-generator/output_le/difficult/test201.pcapng',
    field: 'interfaces',
    frames: 'all',
    reason: MULTI_SECTION_INTERFACES,
  },
  {
    file: 'hadrielk-pcapng-test-generator/output_be/difficult/test201.pcapng',
    field: 'interfaces',
    frames: 'all',
    reason: MULTI_SECTION_INTERFACES,
  },
  {
    file: 'hadrielk-pcapng-test-generator/output_le/difficult/test202.pcapng',
    field: 'interfaces',
    frames: 'all',
    reason: MULTI_SECTION_INTERFACES,
  },
  {
    file: 'rshk-python-pcapng/test008.ntar',
    field: 'interfaces',
    frames: 'all',
    reason: MULTI_SECTION_INTERFACES,
  },

  // ---- TCP: relative numbers and tcp.analysis (packets test) ----
  { file: 'zeek-zeek/http/206_example_b.pcap', field: 'tcp.analysis.ack_lost_segment', frames: [979], reason: ACK_LOST },
  { file: 'zeek-zeek/ldap/gap-data-missing.pcapng', field: 'tcp.analysis.ack_lost_segment', frames: [15], reason: ACK_LOST },
  { file: 'zeek-zeek/tcp/reassembly.pcap', field: 'tcp.analysis.ack_lost_segment', frames: [10, 15, 70, 78, 86, 88, 107], reason: ACK_LOST },
  {
    file: 'arkime-arkime/tcp_handshake_synthetic.pcap',
    field: 'tcp.seqRel',
    frames: [18],
    reason:
      "Frame 20 is a SYN/ACK from the SYN's own sender with a new ISN. In its first pass tshark rewrites that direction's base sequence number, and its second pass (-2) then prints the earlier frames 18-19 against the later base. radscope numbers every frame against the state at that frame, as a single reading of the capture sees it.",
  },
  {
    file: 'arkime-arkime/tcp_handshake_synthetic.pcap',
    field: 'tcp.ackRel',
    frames: [19],
    reason: 'The same two-pass effect as frame 18: the ACK number of frame 19 is shown by tshark against the base set later by frame 20.',
  },

  // ---- RADIUS (radius.differential.test.ts): none, every radius.* and eap.* field agrees on every frame ----

  // ---- TLS (tls.differential.test.ts) ----
  ...[
    'tls.record.content_type',
    'tls.record.version',
    'tls.handshake.type',
    'tls.handshake.extensions.supported_version',
    'tls.handshake.ja3s',
    'tls.handshake.ja3s_full',
  ].map((field) => ({ file: 'zeek-zeek/tls/hrr.pcap', field, frames: [11], reason: HRR_OUT_OF_ORDER })),

  // ---- DNS (dns-http-corpus.test.ts): none, every dns.* field agrees on every frame (v.dns's questions, records
  // of every section and headerRcode; the summary keys qname, qtype, answers and the EDNS-extended rcode are
  // checked against those) ----

  // ---- HTTP (dns-http-corpus.test.ts) ----
  { file: 'arkime-arkime/socks5-http-302-frag.pcap', field: 'http.request.method', frames: [27], reason: SOCKS },
  { file: 'arkime-arkime/socks5-http-302-frag.pcap', field: 'http.request.uri', frames: [27], reason: SOCKS },
  { file: 'arkime-arkime/socks5-http-302-frag.pcap', field: 'http.response.code', frames: [67], reason: SOCKS },
  { file: 'arkime-arkime/wireshark-retrans.pcap', field: 'http.response.code', frames: [42, 86], reason: RETRANSMITTED_RESPONSE },
  {
    file: 'zeek-zeek/http/206_example_b.pcap',
    field: 'http.response.code',
    frames: [953],
    reason:
      'The first 206 response (head in frame 5, an 815 KB Content-Length body) ends in frame 953. tshark never completes its desegmentation: after the zero-window episode and the retransmissions of frames 217-262 it flags "ACKed segment that wasn\'t captured" (frame 264) and shows no HTTP for that response. By sequence numbers no octet of the body is missing, so radscope counts the body against Content-Length and completes the response in frame 953.',
  },
  {
    file: 'zeek-zeek/http/get-to-ssh-server.pcap',
    field: 'http.request.method',
    frames: [4],
    reason:
      'An HTTP GET sent to TCP port 22: tshark gives port 22 to its SSH dissector before any heuristic, and shows "ssh". radscope recognises HTTP by the content of the stream on any port (proxies listen anywhere), and this is a valid request line.',
  },
  {
    file: 'zeek-zeek/http/get-to-ssh-server.pcap',
    field: 'http.request.uri',
    frames: [4],
    reason: 'The same GET to port 22 (see http.request.method): tshark decodes it as SSH.',
  },
];

// ---- who checks which entries ----

/** The differential tests and the fields each owns: exact names, or prefixes ending in '.'. */
export const OWNERS = {
  packets: { test: 'src/cli/packets.differential.test.ts', fields: ['frames', 'time', 'len', 'capLen', 'src', 'dst', 'srcPort', 'dstPort', 'vlan', 'tcp.'] },
  info: { test: 'src/cli/info.differential.test.ts', fields: ['interfaces'] },
  radius: { test: 'src/core/analysis/radius/radius.differential.test.ts', fields: ['radius.', 'eap.'] },
  tls: { test: 'src/core/analysis/tls/tls.differential.test.ts', fields: ['tls.'] },
  dnsHttp: { test: 'src/core/analysis/dns/dns-http-corpus.test.ts', fields: ['dns.', 'http.'] },
} as const satisfies Record<string, { test: string; fields: readonly string[] }>;

export type DifferenceOwner = keyof typeof OWNERS;

/** The owners of a field (exactly one for every listed entry). */
export function ownersOf(field: string): DifferenceOwner[] {
  return (Object.keys(OWNERS) as DifferenceOwner[]).filter((o) =>
    (OWNERS[o].fields as readonly string[]).some((f) => (f.endsWith('.') ? field.startsWith(f) : field === f)),
  );
}

/** The entries a test owns (it fails on stale ones). */
export function knownDifferencesFor(owner: DifferenceOwner): KnownDifference[] {
  return KNOWN_DIFFERENCES.filter((k) => ownersOf(k.field).includes(owner));
}
