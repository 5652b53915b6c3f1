// Where radscope's DNS and HTTP decoding deliberately differs from tshark 4.0 on the public corpus
// (src/core/analysis/dns/dns-http-corpus.test.ts). Every entry has a reason; the test fails on any difference
// not listed here and on any entry that no longer matches a difference. DNS has none: every dns.* field
// agrees on every frame.

import type { KnownDifference } from './known-differences.ts';

const RETRANSMITTED_RESPONSE =
  'tshark dissects this TCP fast retransmission of the 200 response again, so the status shows on the original and on the copy. radscope parses the de-duplicated byte stream of the direction (as a reassembler delivers it), where those octets occur once: one response, on the original frame.';

const SOCKS =
  'The HTTP request follows a SOCKS5 handshake on the same connection; tshark\'s SOCKS dissector hands the stream to HTTP after it. radscope recognises HTTP at the start of a byte stream (or after a gap) only, and this stream starts with binary SOCKS bytes, so it is not HTTP to radscope (no SOCKS decoder: proxies that NPS uses speak HTTP CONNECT).';

export const DNS_HTTP_KNOWN_DIFFERENCES: KnownDifference[] = [
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
