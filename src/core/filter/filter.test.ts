// Semantics of the display filter on a 16-frame capture (filter-fixture.test-support.ts): which frames each
// filter keeps, with Wireshark 4.0's rules for multi-valued fields, sets, booleans, networks and times.

import { describe, expect, test } from 'vitest';
import { CATALOGUE } from '../analysis/diagnosis/catalogue.ts';
import { TCP_FLAG_NAMES } from '../analysis/tcp/tcp-flags.ts';
import { compileFilter, matchingFrames } from './compile.ts';
import { fixtureColumns } from './filter-fixture.test-support.ts';

const cols = fixtureColumns();
const ALL = Array.from({ length: cols.count }, (_, i) => i + 1);
const TCP = [4, 5, 6, 7, 8, 11, 13, 14];

function frames(filter: string): number[] {
  const f = compileFilter(filter, cols);
  if (!f.ok) throw new Error(`${filter}: ${f.error}`);
  return [...matchingFrames(f.predicate, cols.count)].map((i) => i + 1);
}

const CASES: [string, number[]][] = [
  // protocols: a bare name tests presence (frame.protocols)
  ['', ALL],
  ['frame', ALL],
  ['tcp', TCP],
  ['udp', [2, 3, 9, 10, 16]],
  ['ip', [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16]],
  ['ipv6', [11]],
  ['arp', [1]],
  ['icmp', [12]],
  ['dns', [2, 3]],
  ['radius', [9, 10]],
  ['tls', [7, 8]],
  ['http', [13, 14]],
  ['not ip and not ipv6', [1]],
  // frame fields
  ['frame.number == 3', [3]],
  ['frame.number eq 3', [3]],
  ['frame.number >= 10 and not arp', [10, 11, 12, 13, 14, 15, 16]],
  ['frame.number < 3 || frame.number > 14', [1, 2, 15, 16]],
  ['frame.number le 2', [1, 2]],
  ['frame.number == 0x0a', [10]],
  ['frame.number == 010', [8]], // leading 0 is octal, as in tshark 4.0
  ['frame.number == 0b11', [3]],
  ['frame.len > 500', [7, 8, 15]],
  ['frame.cap_len < frame.len', [7]],
  ['frame.time_relative == 0', [1]],
  ['frame.time_relative == 0.5', [2]],
  ['frame.time_relative == 0.500000000', [2]],
  ['frame.time_relative == 0.000000001', []],
  ['frame.time_relative > -0.5', ALL.filter((n) => n !== 16)],
  ['frame.time_relative > 6.5', [15]], // frame 16 has no time: no field
  ['frame.time_relative >= 7', [15]],
  ['frame.time_relative in {1..2, 6.5}', [3, 4, 5, 14]],
  ['frame.time_relative < -1', []],
  ['frame.time_relative', ALL.filter((n) => n !== 16)],
  // addresses: ip.addr is src or dst (Wireshark: "ip.addr == x" means either)
  ['ip.addr == 10.61.10.53', [2, 3]],
  ['ip.src == 10.61.10.10 && ip.dst == 172.30.64.40', [4, 6, 7, 8]],
  ['ip.addr == 172.30.64.0/24', [4, 5, 6, 7, 8, 13, 14]],
  ['ip.addr eq 10.61.10.10/32', [2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16]],
  ['ip.addr in {10.61.10.53, 172.30.64.80}', [2, 3, 13, 14]],
  ['ip.addr in {10.61.10.11..10.61.10.20}', [9, 10, 12, 15]],
  ['ip.addr in {172.30.0.0/16, 10.61.10.1}', [4, 5, 6, 7, 8, 12, 13, 14]],
  ['ip.addr > 10.0.0.0/8', [4, 5, 6, 7, 8, 13, 14]], // tshark 4.0: the address masked to /8, compared
  ['ip.dst >= 172.30.64.41', [13]],
  ['ip.src == ip.dst', [16]],
  ['ipv6.addr == 2001:db8::/32', [11]],
  ['ipv6.src == fe80:0:0:0:0:0:0:1', [11]],
  ['ipv6.addr == ::1', []],
  ['ip.addr == 192.0.2.1', []],
  // Wireshark 4.0: "!=" is "all not equal" = !(a == b) on frames that have the field; "~=" is "any not equal"
  ['ip.addr != 10.61.10.10', [12]],
  ['ip.addr all_ne 10.61.10.10', [12]],
  ['ip.addr !== 10.61.10.10', [12]],
  ['!(ip.addr == 10.61.10.10)', [1, 11, 12]],
  ['ip.addr ~= 10.61.10.10', [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15]],
  ['ip.addr any_ne 10.61.10.10', [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15]],
  ['ip.addr === 10.61.10.10', [16]],
  ['ip.addr all_eq 10.61.10.10', [16]],
  ['tcp.port != 443', [13, 14]],
  ['tcp.port ne 443', [13, 14]],
  // ports
  ['tcp.port == 443', [4, 5, 6, 7, 8, 11]],
  ['tcp.dstport == 443', [4, 6, 7, 8]],
  ['tcp.srcport == 443', [5, 11]],
  ['udp.port == 53', [2, 3]],
  ['udp.port in {53, 1812}', [2, 3, 9, 10]],
  ['udp.port in {53 1812}', [2, 3, 9, 10]], // Wireshark 3.x separators, accepted too
  ['udp.port in {1800..1900}', [9, 10]],
  ['udp.port in { 1800 .. 1900 }', [9, 10]],
  ['udp.port in {1900..1800}', []], // an empty range, as in tshark
  ['udp.port not in {53, 1812}', [1, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 16]], // not (a in S): frames without it too
  ['tcp.port in {1024..65535} && tcp.flags.syn == 1', [4, 5]],
  ['tcp.srcport > tcp.dstport', [4, 6, 7, 8, 13]],
  ['tcp.port < 1024', [4, 5, 6, 7, 8, 11]],
  ['tcp.port lt 1024 and tcp.port gt 1024', [4, 5, 6, 7, 8, 11]], // each relation holds for some value
  // TCP
  ['tcp.stream == 2', [13, 14]],
  ['tcp.stream', TCP],
  ['tcp.len > 0', [7, 8, 13, 14]],
  ['tcp.len == 0 and tcp.flags.ack == 1', [5, 6, 11]],
  ['tcp.flags == 0x012', [5]],
  ['tcp.flags & 0x04', [11]],
  ['tcp.flags bitwise_and 0x06', [4, 5, 11]],
  ['tcp.flags.syn == 1', [4, 5]],
  ['tcp.flags.syn == True', [4, 5]],
  ['tcp.flags.syn == true', [4, 5]],
  ['tcp.flags.syn == 2', [4, 5]], // any non-zero is true (tshark 4.0)
  ['tcp.flags.syn == False', [6, 7, 8, 11, 13, 14]],
  ['tcp.flags.syn', TCP], // a boolean field is present on every TCP frame, set or not (Wireshark's trap)
  ['tcp.flags.reset == 1', [11]],
  ['tcp.flags.fin == 1 || tcp.flags.push == 1', [7, 8, 13, 14]],
  ['tcp.flags.syn == 1 && tcp.flags.ack == 0', [4]],
  ['tcp.flags.urg == 1', []],
  // tcp.analysis: labels, present when set; a fast retransmission is a retransmission too
  ['tcp.analysis.flags', [8, 11, 14]],
  ['tcp.analysis.flags && !tcp.analysis.window_update', [8, 11]],
  ['tcp.analysis.retransmission', [8, 11]],
  ['tcp.analysis.fast_retransmission', [11]],
  ['tcp.analysis.duplicate_ack', [11]],
  ['tcp.analysis.window_update', [14]],
  ['tcp.analysis.zero_window', []],
  // RADIUS, DNS, TLS, HTTP
  ['radius.code == 1', [9]],
  ['radius.code in {2, 3, 11}', [10]],
  ['radius.id == 7', [9, 10]],
  ['radius.code', [9, 10]],
  ['dns.flags.rcode == 3', [3]],
  ['dns.flags.rcode', [3]], // queries carry no rcode in tshark
  ['dns.flags.rcode != 0', [3]],
  ['dns.flags.response == 0', [2]],
  ['dns.id == 0x1234', [2, 3]],
  ['dns.qry.name == "login.microsoftonline.com"', [2, 3]],
  ['dns.qry.name == login.microsoftonline.com', [2, 3]], // a bare word is a string literal
  ['dns.qry.name contains "microsoft"', [2, 3]],
  ['dns.qry.name contains "Microsoft"', []], // case-sensitive, as in Wireshark
  ['dns.qry.name == "\\x6cogin.microsoftonline.com"', [2, 3]],
  ['dns.qry.type == 1', [2, 3]],
  ['dns.qry.name > "k"', [2, 3]],
  ['tls.handshake.type == 1', [7, 8]],
  ['tls.handshake.type in {1, 2}', [7, 8]],
  ['tls.record.content_type == 22', [7, 8]],
  ['tls.handshake.extensions_server_name contains "microsoft"', [7, 8]],
  ['tls.handshake.extensions_server_name == "login.microsoftonline.com" && !tcp.analysis.retransmission', [7]],
  ['http.request.method == "CONNECT"', [13]],
  ['http.request.method == CONNECT', [13]],
  ['http.request.method in {"CONNECT", "GET"}', [13]],
  ['http.request.method == "connect"', []],
  ['http.request.uri contains ":443"', [13]],
  ['http.response.code == 407', [14]],
  ['http.response.code >= 400', [14]],
  ['http.request', [13]],
  ['http.response', [14]],
  // logic: not > and > or (Wireshark 4.0), parentheses, symbols and words
  ['frame.number == 1 or frame.number == 2 and frame.number == 3', [1]],
  ['(frame.number == 1 or frame.number == 2) and frame.number == 2', [2]],
  ['not frame.number == 1 and frame.number < 4', [2, 3]],
  ['!frame.number == 1 && frame.number < 4', [2, 3]],
  ['!!frame.number == 3', [3]],
  ['not not not tcp', ALL.filter((n) => !TCP.includes(n))],
  ['((((tcp))))', TCP],
  ['tcp||udp', [...TCP, 2, 3, 9, 10, 16].sort((a, b) => a - b)],
  ['frame.number==3&&frame.number==3', [3]],
  ['tcp and tcp.port == 443 and tcp.flags.syn == 1 and ip', [4, 5]],
  ['ip.addr == 10.61.10.10 && tcp.port == 443', [4, 5, 6, 7, 8]],
];

describe('filter semantics', () => {
  for (const [filter, want] of CASES) {
    test(filter === '' ? '(empty filter)' : filter, () => {
      expect(frames(filter)).toEqual(want);
    });
  }
});

describe('finding ids are boolean fields, true on their evidence frames', () => {
  test('tls.clienthello.unanswered', () => {
    expect(frames('tls.clienthello.unanswered')).toEqual([4, 5, 7, 8]);
    expect(frames('tls.clienthello.unanswered == 1')).toEqual([4, 5, 7, 8]);
    expect(frames('tls.clienthello.unanswered == True')).toEqual([4, 5, 7, 8]);
    expect(frames('tls.clienthello.unanswered == 0')).toEqual([]);
    expect(frames('!tls.clienthello.unanswered')).toEqual(ALL.filter((n) => ![4, 5, 7, 8].includes(n)));
    expect(frames('tls.clienthello.unanswered and tls.handshake.type == 1')).toEqual([7, 8]);
  });

  test('ids that begin with a protocol name are finding ids, not fields of that protocol', () => {
    expect(frames('tcp.syn.unanswered')).toEqual([]); // no such finding in this capture
    expect(frames('radius.request.unanswered')).toEqual([9]);
    expect(frames('radius.request.unanswered || tcp.syn.unanswered')).toEqual([9]);
  });

  test('every catalogue id compiles, and a capture without that finding matches nothing', () => {
    for (const id of CATALOGUE.keys()) {
      const f = compileFilter(id, cols);
      expect(f.ok, id).toBe(true);
      if (!['tls.clienthello.unanswered', 'radius.request.unanswered'].includes(id)) expect(frames(id), id).toEqual([]);
    }
  });
});

test('every tcp.analysis name of tcp-flags.ts is a field', () => {
  for (const [, name] of TCP_FLAG_NAMES) expect(compileFilter(`tcp.analysis.${name}`, cols).ok, name).toBe(true);
});

test('fields lists the fields used, once each, in order', () => {
  const f = compileFilter('ip.addr == 10.0.0.1 && (tcp.port == 443 || ip.addr == 10.0.0.2) && tcp.srcport < tcp.dstport', cols);
  expect(f.ok && f.fields).toEqual(['ip.addr', 'tcp.port', 'tcp.srcport', 'tcp.dstport']);
});

test('a predicate can be run many times, in any order, with the same answers', () => {
  const f = compileFilter('ip.addr in {172.30.64.0/24} && tcp.port in {443, 3128} || dns.qry.name contains "login"', cols);
  expect(f.ok).toBe(true);
  if (!f.ok) return;
  const once = ALL.map((n) => f.predicate(n - 1));
  const backwards = [...ALL].reverse().map((n) => f.predicate(n - 1)).reverse();
  expect(backwards).toEqual(once);
  expect(once.filter(Boolean).length).toBe(9);
});
