// DNS messages (RFC 1035 section 4.1) from real captures of the public corpus (UDP payloads as tshark 4.0
// shows them with -e udp.payload), and damaged ones.

import { describe, expect, test } from 'vitest';
import { DnsType, dnsFlavourOf, dnsRcodeName, dnsTypeName } from './dns-codes.ts';
import { decodeDnsMessage, dnsSection } from './dns-message.ts';

const hex = (s: string) => Uint8Array.from(s.match(/../g)!.map((x) => parseInt(x, 16)));

// zeek-zeek/pcapng-multi-interface.pcapng frame 2: www.apple.com A, three CNAMEs then an A, plus OPT
const APPLE =
  '4fe88180000100040000000103777777056170706c6503636f6d0000010001c00c000500010000010f001a0d7777772d6170706c652d636f6d0176076161706c696d67c016c02b000500010000010f001b03777777056170706c6503636f6d07656467656b6579036e657400c051000500010000010f00190565363835380564736365390a616b616d616965646765c067c0780001000100000009000417c2651800002904d0000000000000';
// the-tcpdump-group-tcpdump/dns-badcookie.pcap frame 2: RCODE 7 in the header, BADCOOKIE (23) with the OPT bits
const BADCOOKIE = 'f6ab818700010000000000010000060001000029100001000000001c000a001836bf111fef2e01097d8ffe065c636ffb142d767494407a73';
// the-tcpdump-group-tcpdump/dns_tcp.pcap frame 6 (TCP payload without its 2-octet length): A, AAAA in the
// additional section, NS in authority
const TCPDUMP_ORG =
  '431985000001000200020005037777770774637064756d70036f72670000010001c00c000100010000003c0004c08b2e42c00c000100010000003c0004c6c75868c01000020001000151800012036e69630973616e64656c6d616e02636100c0100002000100015180001203736e7308636f6f7065726978036e657400c04d000100010000012c0004d157f912c04d001c00010000012c00102607f0b0000f000000000000babef00dc06b0001000100001c200004616b850fc06b001c000100001c20001026003c0300000000f03c91fffe96e8ef0000291000000000000000';

describe('real responses', () => {
  test('CNAME chain with compression, A answer, OPT not an answer', () => {
    const m = decodeDnsMessage(hex(APPLE));
    expect(m).toMatchObject({ hasHeader: true, id: 0x4fe8, response: true, rcode: 0, rcodeName: 'NOERROR', problems: [] });
    expect(m.questions).toEqual([{ name: 'www.apple.com', type: DnsType.A, class: 1 }]);
    expect(m.records.map((r) => [r.section, r.name, dnsTypeName(r.type), r.value])).toEqual([
      ['answer', 'www.apple.com', 'CNAME', 'www-apple-com.v.aaplimg.com'],
      ['answer', 'www-apple-com.v.aaplimg.com', 'CNAME', 'www.apple.com.edgekey.net'],
      ['answer', 'www.apple.com.edgekey.net', 'CNAME', 'e6858.dsce9.akamaiedge.net'],
      ['answer', 'e6858.dsce9.akamaiedge.net', 'A', '23.194.101.24'],
    ]);
    expect(m.edns).toEqual({ udpPayloadSize: 1232, version: 0, dnssecOk: false });
    expect(m.counts.additional).toBe(1);
    expect(m.length).toBe(hex(APPLE).length);
  });

  test('the extended RCODE comes from OPT; the header keeps its 4 bits (tshark dns.flags.rcode)', () => {
    const m = decodeDnsMessage(hex(BADCOOKIE));
    expect([m.rcode, m.extendedRcode, m.rcodeName]).toEqual([7, 23, 'BADCOOKIE']);
    expect(m.questions[0]).toEqual({ name: '<Root>', type: DnsType.SOA, class: 1 });
    expect(m.records).toEqual([]);
  });

  test('all three sections; A and AAAA values in RFC 5952 form', () => {
    const m = decodeDnsMessage(hex(TCPDUMP_ORG));
    expect(dnsSection(m, 'answer').map((r) => r.value)).toEqual(['192.139.46.66', '198.199.88.104']);
    expect(dnsSection(m, 'authority').map((r) => [dnsTypeName(r.type), r.value, r.dataLength])).toEqual([['NS', null, 18], ['NS', null, 18]]);
    expect(dnsSection(m, 'additional').map((r) => r.value)).toEqual(['209.87.249.18', '2607:f0b0:f::babe:f00d', '97.107.133.15', '2600:3c03::f03c:91ff:fe96:e8ef']);
    expect(m.truncatedFlag).toBe(false);
  });

  test('a message inside a larger buffer: offsets count from its start', () => {
    const inner = hex(APPLE);
    const b = new Uint8Array(inner.length + 30);
    b.set(inner, 17);
    const m = decodeDnsMessage(b, 17, 17 + inner.length);
    expect(m.records[3]!.value).toBe('23.194.101.24');
    expect(m.records[3]!.dataAt).toBe(inner.length - 4 - 11);
  });
});

describe('damaged messages give problems, never a throw', () => {
  test('every prefix of a real response decodes without throwing, and says it is cut', () => {
    const full = hex(TCPDUMP_ORG);
    for (let n = 0; n < full.length; n++) {
      const m = decodeDnsMessage(full, 0, n);
      expect(m.problems.length, `prefix of ${n}`).toBeGreaterThan(0);
      expect(m.problems[0]!.kind).toBe('truncated');
    }
  });

  test('a header cut short', () => {
    const m = decodeDnsMessage(Uint8Array.of(1, 2, 3));
    expect(m.hasHeader).toBe(false);
    expect(m.problems).toEqual([{ kind: 'truncated', layer: 'DNS', offset: 0, message: 'header cut short (3 of 12 octets)' }]);
  });

  test('an A record with 5 data octets and a CNAME whose name points at itself', () => {
    const header = [0, 1, 0x81, 0x80, 0, 1, 0, 2, 0, 0, 0, 0];
    const question = [1, 0x61, 0, 0, 1, 0, 1]; // a. A IN, at offset 12
    const badA = [0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 1, 0, 5, 1, 2, 3, 4, 5]; // offsets 19-35
    const loopCname = [0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 1, 0, 2, 0xc0, 48]; // RDATA at 48 points to 48
    const m = decodeDnsMessage(Uint8Array.from([...header, ...question, ...badA, ...loopCname]));
    expect(m.records.map((r) => [dnsTypeName(r.type), r.value])).toEqual([['A', null], ['CNAME', null]]);
    expect(m.problems.map((p) => [p.kind, p.offset])).toEqual([['malformed', 29], ['malformed', 48]]);
    expect(m.problems[0]!.message).toBe('A record with 5 data octets (expected 4)');
    expect(m.problems[1]!.message).toMatch(/^CNAME data: compression loop/);
  });

  test('counts larger than the message', () => {
    const b = hex('abcd01000005000000000000' + '0377777700' + '00010001');
    const m = decodeDnsMessage(b);
    expect(m.questions).toEqual([{ name: 'www', type: 1, class: 1 }]);
    expect(m.problems).toEqual([{ kind: 'truncated', layer: 'DNS', offset: 21, message: 'question 2 of 5: name runs past the end of the message' }]);
  });

  test('an RR whose RDLENGTH runs past the end', () => {
    const b = Uint8Array.from([0, 1, 0x81, 0x80, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 10, 0]);
    expect(decodeDnsMessage(b).problems[0]).toMatchObject({ kind: 'truncated', offset: 21, message: 'answer record 1 (A) declares 4 data octets, 2 remain' });
  });

  test('random bytes never throw', () => {
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    for (let k = 0; k < 3000; k++) {
      const b = Uint8Array.from({ length: 12 + (rnd() % 200) }, rnd);
      b[4] = 0;
      b[5] = rnd() & 7;
      expect(() => decodeDnsMessage(b)).not.toThrow();
    }
  });
});

test('codes and ports', () => {
  expect([dnsRcodeName(3), dnsRcodeName(2), dnsRcodeName(5), dnsRcodeName(4), dnsRcodeName(1), dnsRcodeName(99)]).toEqual(['NXDOMAIN', 'SERVFAIL', 'REFUSED', 'NOTIMP', 'FORMERR', 'RCODE99']);
  expect([dnsTypeName(28), dnsTypeName(65), dnsTypeName(4242)]).toEqual(['AAAA', 'HTTPS', 'TYPE4242']);
  expect([dnsFlavourOf(51000, 53, false), dnsFlavourOf(5353, 5353, false), dnsFlavourOf(5353, 5353, true), dnsFlavourOf(5355, 6000, true), dnsFlavourOf(443, 51000, false)]).toEqual(['dns', 'mdns', null, 'llmnr', null]);
});
