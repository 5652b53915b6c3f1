// Where radscope deliberately differs from tshark 4.0 on the public corpus. Every entry has a reason; the
// differential tests fail on any difference not listed here, and on any entry that no longer matches a
// difference (so the list cannot rot).

export interface KnownDifference {
  /** Capture path relative to corpus/public. */
  file: string;
  /** Field compared by the test ('frames' for the frame count, or a PacketRecord path such as 'time'). */
  field: string;
  /** Frame numbers concerned; 'all' when the whole file is concerned. */
  frames: number[] | 'all';
  reason: string;
}

const MULTI_SECTION_INTERFACES =
  "capinfos 4.0 lists the interfaces of a file with several sections more than once (each later section repeats the earlier sections' interfaces: 9 for the generator's 3 IDBs in test200). radscope lists each Interface Description Block once, as the generator's description (.txt) counts them; the test compares the distinct interfaces.";

const ACK_LOST =
  "tcp.analysis.ack_lost_segment (\"ACKed segment that wasn't captured\") only. radscope follows packet-tcp.c's once-per-loss bookkeeping (catch maxseqtobeacked up, or mark the other side's dup-ACK count -1, with the unsigned -1 that also makes the next retransmission a fast one, which tshark 4.0 confirms in this very file). In these frames, all of them ACKs after earlier unseen data, tshark 4.0.17 reports one loss more or fewer than that bookkeeping gives, and no published revision of packet-tcp.c read so far reproduces every frame. The retransmission flags, the ones radscope's diagnosis uses, agree on every frame.";

export const KNOWN_DIFFERENCES: KnownDifference[] = [
  { file: 'zeek-zeek/http/206_example_b.pcap', field: 'tcp.analysis.ack_lost_segment', frames: [979], reason: ACK_LOST },
  { file: 'zeek-zeek/ldap/gap-data-missing.pcapng', field: 'tcp.analysis.ack_lost_segment', frames: [15], reason: ACK_LOST },
  { file: 'zeek-zeek/tcp/reassembly.pcap', field: 'tcp.analysis.ack_lost_segment', frames: [10, 15, 70, 78, 86, 88, 107], reason: ACK_LOST },
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
];
