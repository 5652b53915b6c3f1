// The per-frame DNS info (v.dns, the `dns` of packets --json): the summary keys (first question, answer
// section, RCODE with the EDNS bits) and, beside them, every question, the records of every section and the
// header's 4-bit RCODE, as tshark lists dns.qry.*, dns.a/aaaa/cname and dns.flags.rcode. Payloads from the
// public corpus (as in dissect/dns-message.test.ts), so this runs without it.

import { describe, expect, test } from 'vitest';
import { decodeDnsMessage } from '../../dissect/dns-message.ts';
import { copyDnsFrameInfo, dnsFrameInfo } from './dns-analysis.ts';

const hex = (s: string) => Uint8Array.from(s.match(/../g)!.map((x) => parseInt(x, 16)));

// the-tcpdump-group-tcpdump/dns_tcp.pcap frame 6: two A answers, two NS in authority, A and AAAA glue in
// additional, then OPT
const TCPDUMP_ORG =
  '431985000001000200020005037777770774637064756d70036f72670000010001c00c000100010000003c0004c08b2e42c00c000100010000003c0004c6c75868c01000020001000151800012036e69630973616e64656c6d616e02636100c0100002000100015180001203736e7308636f6f7065726978036e657400c04d000100010000012c0004d157f912c04d001c00010000012c00102607f0b0000f000000000000babef00dc06b0001000100001c200004616b850fc06b001c000100001c20001026003c0300000000f03c91fffe96e8ef0000291000000000000000';
// the-tcpdump-group-tcpdump/dns-badcookie.pcap frame 2: RCODE 7 in the header, BADCOOKIE (23) with the OPT bits
const BADCOOKIE = 'f6ab818700010000000000010000060001000029100001000000001c000a001836bf111fef2e01097d8ffe065c636ffb142d767494407a73';
// a hand-made query with two questions (as the mDNS queries of arkime-arkime/v6-http.pcap have): a.b PTR, c.local AAAA
const TWO_QUESTIONS = '0000000000020000000000000161016200000c00010163056c6f63616c00001c0001';

describe('dnsFrameInfo', () => {
  test('records of every section beside the answer section; OPT left out', () => {
    const d = dnsFrameInfo(decodeDnsMessage(hex(TCPDUMP_ORG)));
    expect(d.answers).toEqual([{ type: 'A', value: '192.139.46.66' }, { type: 'A', value: '198.199.88.104' }]);
    expect(d.records).toEqual([
      { section: 'answer', type: 'A', value: '192.139.46.66' },
      { section: 'answer', type: 'A', value: '198.199.88.104' },
      { section: 'authority', type: 'NS', value: '18 octets' },
      { section: 'authority', type: 'NS', value: '18 octets' },
      { section: 'additional', type: 'A', value: '209.87.249.18' },
      { section: 'additional', type: 'AAAA', value: '2607:f0b0:f::babe:f00d' },
      { section: 'additional', type: 'A', value: '97.107.133.15' },
      { section: 'additional', type: 'AAAA', value: '2600:3c03::f03c:91ff:fe96:e8ef' },
    ]);
    expect([d.qname, d.qtype, d.questions]).toEqual(['www.tcpdump.org', 1, [{ name: 'www.tcpdump.org', type: 1 }]]);
    expect([d.rcode, d.headerRcode]).toEqual([0, 0]);
  });

  test('rcode keeps the EDNS extension, headerRcode is the four header bits', () => {
    const d = dnsFrameInfo(decodeDnsMessage(hex(BADCOOKIE)));
    expect([d.rcode, d.rcodeName, d.headerRcode]).toEqual([23, 'BADCOOKIE', 7]);
    expect(d.records).toEqual([]);
  });

  test('every question; qname and qtype stay the first; a query has no rcode', () => {
    const d = dnsFrameInfo(decodeDnsMessage(hex(TWO_QUESTIONS)));
    expect(d.questions).toEqual([{ name: 'a.b', type: 12 }, { name: 'c.local', type: 28 }]);
    expect([d.qname, d.qtype, d.response, d.rcode, d.rcodeName, d.headerRcode]).toEqual(['a.b', 12, false, null, null, null]);
  });

  test('copyDnsFrameInfo shares no object with the original', () => {
    const d = dnsFrameInfo(decodeDnsMessage(hex(TCPDUMP_ORG)));
    const c = copyDnsFrameInfo(d);
    expect(c).toEqual(d);
    expect(c.records[0]).not.toBe(d.records[0]);
    expect(c.questions[0]).not.toBe(d.questions[0]);
    expect(c.answers[0]).not.toBe(d.answers[0]);
  });
});
