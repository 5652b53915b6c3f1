// The details tree on small frames: real bytes (named by capture and frame) and frames built here for the
// layers the lab captures lack (VLAN, IPv6, cooked captures, ARP, ICMP errors, fragments, broken headers).

import { describe, expect, test } from 'vitest';
import { buildDetails, hexDump, type DetailContext, type DetailFrame, type DetailNode } from './details.ts';
import { detailRangeProblems, flattenDetails } from './details-check.ts';

const bytes = (s: string) => Uint8Array.from((s.replace(/\s+/g, '').match(/../g) ?? []).map((h) => parseInt(h, 16)));
const cat = (...parts: ArrayLike<number>[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));
const be16 = (v: number) => [v >> 8, v & 255];
const be32 = (v: number) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

const MACS = bytes('001b17010001 00155d0a0110');
const eth = (type: number, payload: ArrayLike<number>) => cat(MACS, be16(type), payload);
function ipv4(proto: number, payload: ArrayLike<number>, o: { options?: number[]; ff?: number; total?: number } = {}): Uint8Array {
  const opts = o.options ?? [];
  const ihl = (20 + opts.length) / 4;
  const total = o.total ?? 20 + opts.length + payload.length;
  return cat([0x40 | ihl, 0], be16(total), be16(0x1234), be16(o.ff ?? 0x4000), [64, proto], be16(0xbeef), [10, 61, 10, 10], [172, 30, 64, 40], opts, payload);
}
const udp = (sp: number, dp: number, payload: ArrayLike<number>, len = 8 + payload.length) => cat(be16(sp), be16(dp), be16(len), be16(0x1111), payload);
function tcp(flags: number, o: { seq?: number; ack?: number; options?: number[]; hdr?: number } = {}, payload: ArrayLike<number> = []): Uint8Array {
  const opts = o.options ?? [];
  const hdr = o.hdr ?? 20 + opts.length;
  return cat(be16(52892), be16(443), be32(o.seq ?? 1000), be32(o.ack ?? 0), [(hdr / 4) << 4, flags], be16(64240), be16(0x2222), be16(0), opts, payload);
}
function frame(data: Uint8Array, linkType = 1, over: Partial<DetailFrame> = {}): DetailFrame {
  return { number: 7, data, capLen: data.length, origLen: data.length, sec: 1795652691, nsec: 599723000, hasTime: true, linkType, interfaceId: 0, ...over };
}
function tree(f: DetailFrame, ctx?: DetailContext): DetailNode[] {
  const t = buildDetails(f, ctx);
  expect(detailRangeProblems(t, f.capLen)).toEqual([]);
  return t;
}
const labels = (t: DetailNode[]) => flattenDetails(t).map((n) => n.label);
const find = (t: DetailNode[], field: string) => flattenDetails(t).filter((n) => n.field === field);
const protocols = (t: DetailNode[]) => find(t, 'frame.protocols')[0]!.label;

// lab/tls-intercept/capture.pcap frame 35: the client's fatal alert "Unknown CA"
const FRAME_35 = bytes(`001b17010001 00155d0a0110 0800 4500 003b d541 4000 4006 64ee 0a3d0a0a ac1e4028
  ca8c 01bb d6cc905d fd3558d7 8018 0045 ae7c 0000 0101080af08a7b812f0e58c0 1503030002 0230`);

describe('hexDump', () => {
  test('tshark -x layout (tls-intercept frame 35)', () => {
    expect(hexDump(FRAME_35)).toEqual([
      '0000  00 1b 17 01 00 01 00 15 5d 0a 01 10 08 00 45 00   ........].....E.',
      '0010  00 3b d5 41 40 00 40 06 64 ee 0a 3d 0a 0a ac 1e   .;.A@.@.d..=....',
      '0020  40 28 ca 8c 01 bb d6 cc 90 5d fd 35 58 d7 80 18   @(.......].5X...',
      '0030  00 45 ae 7c 00 00 01 01 08 0a f0 8a 7b 81 2f 0e   .E.|........{./.',
      '0040  58 c0 15 03 03 00 02 02 30                        X.......0',
    ]);
    expect(hexDump(new Uint8Array(0))).toEqual([]);
  });
});

describe('buildDetails', () => {
  test('a TLS alert, with and without the pass context', () => {
    const bare = tree(frame(FRAME_35));
    expect(bare.map((n) => n.label)).toEqual([
      'Frame 7: 73 bytes on wire (584 bits), 73 bytes captured (584 bits)',
      'Ethernet II, Src: 00:15:5d:0a:01:10, Dst: 00:1b:17:01:00:01',
      'Internet Protocol Version 4, Src: 10.61.10.10, Dst: 172.30.64.40',
      'Transmission Control Protocol, Src Port: 51852, Dst Port: 443, Seq: 3603730525, Ack: 4248131799, Len: 7',
      'Transport Layer Security',
    ]);
    expect(labels(bare)).toContain('TLSv1.2 Record Layer: Alert (Level: Fatal, Description: Unknown CA)');
    expect(find(bare, 'tls.alert_message.desc')[0]).toMatchObject({ label: 'Description: Unknown CA (48)', start: 72, length: 1 });
    expect(find(bare, 'tcp.stream')).toEqual([]);
    const ctx = tree(frame(FRAME_35), { tcp: { stream: 3, seqRel: 518, ackRel: 4000, analysis: [] }, firstTime: { sec: 1795652689, nsec: 403000000 }, interfaceName: 'eth0' });
    expect(ctx[0]!.label).toBe('Frame 7: 73 bytes on wire (584 bits), 73 bytes captured (584 bits) on interface eth0, id 0');
    expect(labels(ctx)).toContain('[Time since reference or first frame: 2.196723000 seconds]');
    expect(ctx[3]!.label).toBe('Transmission Control Protocol, Src Port: 51852, Dst Port: 443, Seq: 518, Ack: 4000, Len: 7');
    expect(labels(ctx)).toContain('Sequence Number (raw): 3603730525');
  });

  test('SEQ/ACK analysis lists the flags with Wireshark expert texts', () => {
    const ctx: DetailContext = { tcp: { stream: 0, seqRel: 1, ackRel: 1, analysis: ['lost_segment', 'duplicate_ack'], dupAckNum: 2, dupAckFrame: 5, windowScale: 7 } };
    const t = tree(frame(eth(0x0800, ipv4(6, tcp(0x10, { ack: 77 })))), ctx);
    const seqAck = find(t, 'tcp.analysis')[0]!;
    expect(seqAck.label).toBe('[SEQ/ACK analysis]');
    expect(labels([seqAck])).toEqual(expect.arrayContaining([
      '[Expert Info (Warning/Sequence): Previous segment(s) not captured (common at capture start)]',
      '[Expert Info (Note/Sequence): Duplicate ACK (#2)]',
      '[Duplicate to the ACK in frame: 5]',
    ]));
    expect(find(t, 'tcp.window_size')[0]!.label).toBe('[Calculated window size: 8222720]');
    expect(find(t, 'tcp.window_size_scalefactor')[0]!.label).toBe('[Window size scaling factor: 128]');
  });

  test('a retransmission keeps its payload undecoded, as Wireshark does', () => {
    const t = tree(frame(FRAME_35), { tcp: { stream: 0, seqRel: 1, ackRel: 1, analysis: ['retransmission'] } });
    expect(t.at(-1)).toMatchObject({ label: 'Retransmitted TCP segment data (7 bytes)', start: 66, length: 7, field: 'tcp.segment_data' });
    expect(labels(t)).toContain('[This frame is a (suspected) retransmission]');
  });

  test('SYN options, SACK edges relative to the peer ISN, connection expert', () => {
    const opts = [2, 4, 5, 0xb4, 4, 2, 1, 3, 3, 7, 5, 10, ...be32(5001), ...be32(6001), 253, 2, 0, 0];
    const t = tree(frame(eth(0x0800, ipv4(6, tcp(0x12, { ack: 5000, options: opts })))), { tcp: { stream: 0, seqRel: 0, ackRel: 1 } });
    const o = find(t, 'tcp.options')[0]!;
    expect(o.label).toBe('Options: (24 bytes), Maximum segment size, SACK permitted, No-Operation (NOP), Window scale, SACK, Unknown (253), End of Option List (EOL)');
    expect(labels([o])).toEqual(expect.arrayContaining(['TCP Option - SACK 2-1002', 'left edge = 2 (relative)', 'TCP Option - Window scale: 7 (multiply by 128)']));
    expect(labels(t)).toContain('[Connection establish acknowledge (SYN+ACK): server port 52892]');
    expect(find(t, 'tcp.flags')[0]!.label).toBe('Flags: 0x012 (SYN, ACK)');
  });

  test('802.1Q tag, IPv6 with a Hop-by-Hop header, ICMPv6 echo', () => {
    const icmp6 = [128, 0, 0x12, 0x34, 0, 1, 0, 9, 1, 2, 3, 4];
    const hbh = [58, 0, 5, 2, 0, 0, 1, 0];
    const v6 = cat([0x60, 0, 0, 0], be16(hbh.length + icmp6.length), [0, 64], bytes('fe800000000000000000000000000001'), bytes('ff020000000000000000000000000016'), hbh, icmp6);
    const t = tree(frame(eth(0x8100, cat([0xa0, 100], be16(0x86dd), v6))));
    expect(protocols(t)).toBe('[Protocols in frame: eth:ethertype:vlan:ethertype:ipv6:ipv6.hopopts:icmpv6]');
    expect(labels(t)).toEqual(expect.arrayContaining([
      '802.1Q Virtual LAN, PRI: 5, DEI: 0, ID: 100',
      '101. .... .... .... = Priority: Video, < 100ms latency and jitter (5)',
      'Internet Protocol Version 6, Src: fe80::1, Dst: ff02::16',
      '.... 0000 0000 .... .... .... .... .... = Traffic Class: 0x00 (DSCP: CS0, ECN: Not-ECT)',
      'IPv6 Hop-by-Hop Option',
      'Type: Echo (ping) request (128)',
      'Sequence: 9',
    ]));
    const ip6 = t.find((n) => n.field === 'ipv6')!;
    expect([ip6.start, ip6.length]).toEqual([18, 48]);
  });

  test('Linux cooked v2, IPv4 options, a DNS query', () => {
    const q = cat(be16(0x5d83), be16(0x0100), be16(1), be16(0), be16(0), be16(0), [5, ...ascii('proxy'), 4, ...ascii('corp'), 0], be16(1), be16(1));
    const sll2 = cat(be16(0x0800), be16(0), be32(2), be16(1), [4, 6], bytes('00155d0a01100000'));
    const t = tree(frame(cat(sll2, ipv4(17, udp(50000, 53, q), { options: [148, 4, 0, 0] })), 276));
    expect(protocols(t)).toBe('[Protocols in frame: sll:ethertype:ip:udp:dns]');
    expect(labels(t)).toEqual(expect.arrayContaining([
      'Linux cooked capture v2', 'Packet type: Sent by us (4)', 'Source: 00:15:5d:0a:01:10',
      'Options: (4 bytes), Router Alert', 'Domain Name System (query)', 'Flags: 0x0100 Standard query',
      'proxy.corp: type A, class IN', '[Label Count: 2]',
    ]));
  });

  test('ARP request and the Ethernet padding after it', () => {
    const arp = cat(be16(1), be16(0x0800), [6, 4], be16(1), MACS.subarray(6), [10, 61, 10, 10], new Uint8Array(6), [10, 61, 10, 1], new Uint8Array(18));
    const t = tree(frame(eth(0x0806, arp)));
    expect(t.map((n) => n.label).slice(2)).toEqual(['Address Resolution Protocol (request)', 'Padding (18 bytes)']);
    expect(labels(t)).toContain('Target IP address: 10.61.10.1');
  });

  test('ICMP port unreachable: the quoted RADIUS datagram, ports only, no "truncated"', () => {
    const quoted = ipv4(17, udp(60664, 1812, new Uint8Array(0), 149), { total: 169 }).subarray(0, 28);
    const t = tree(frame(eth(0x0800, ipv4(1, cat([3, 3], be16(0), be32(0), quoted)))));
    const icmp = t.find((n) => n.field === 'icmp')!;
    expect(labels([icmp])).toEqual(expect.arrayContaining(['Type: 3 (Destination unreachable)', 'Code: 3 (Port unreachable)', 'Source Port: 60664']));
    expect(labels(t).filter((l) => l.startsWith('[Truncated') || l.startsWith('[Malformed'))).toEqual([]);
    expect(protocols(t)).toBe('[Protocols in frame: eth:ethertype:ip:icmp:ip:udp]');
  });

  test('HTTP on a proxy port; credentials stay out of the labels', () => {
    const head = 'CONNECT login.microsoftonline.com:443 HTTP/1.1\r\nHost: login.microsoftonline.com:443\r\nProxy-Authorization: Basic bnBzOnNlY3JldA==\r\n\r\n';
    const seg = tcp(0x18, {}, ascii(head));
    seg.set(be16(3128), 2);
    const t = tree(frame(eth(0x0800, ipv4(6, seg))));
    const all = labels(t).join('\n');
    expect(all).toContain('CONNECT login.microsoftonline.com:443 HTTP/1.1\\r\\n');
    expect(all).toContain('Request URI: login.microsoftonline.com:443');
    expect(all).toContain('Proxy-Authorization: Basic (credentials not shown)\\r\\n');
    expect(all).not.toContain('bnBzOnNlY3JldA');
  });

  test('RADIUS on another port only when the pass recognised it', () => {
    // an Access-Accept: Class, a tagged Tunnel-Type, a Microsoft VSA (MS-MPPE-Recv-Key, hidden)
    const attrs = cat([25, 6, 1, 2, 3, 4], [64, 6, 1, 0, 0, 13], [26, 14, ...be32(311), 17, 8, 0x80, 1, 2, 3, 4, 5]);
    const rad = cat([2, 9], be16(20 + attrs.length), new Uint8Array(16), attrs);
    const f = frame(eth(0x0800, ipv4(17, udp(18120, 40000, rad))));
    expect(protocols(tree(f))).toBe('[Protocols in frame: eth:ethertype:ip:udp:data]');
    const t = tree(f, { app: 'radius' });
    expect(labels(t)).toEqual(expect.arrayContaining([
      'Code: Access-Accept (2)', 'AVP: t=Class(25) l=6 val=01020304', 'Tag: 0x01', 'Tunnel-Type: VLAN (13)',
      'AVP: t=Vendor-Specific(26) l=14 vnd=Microsoft(311)', 'Vendor ID: Microsoft (311)',
      'VSA: t=MS-MPPE-Recv-Key(17) l=8 val=Encrypted', 'MS-MPPE-Recv-Key: (encrypted)',
    ]));
  });

  test('User-Password is "(encrypted)", never its bytes', () => {
    const rad = cat([1, 3], be16(38), new Uint8Array(16), [2, 18], bytes('3c20b4cd136ca3b64889f8208d75aba5'));
    const t = tree(frame(eth(0x0800, ipv4(17, udp(60664, 1812, rad)))));
    expect(labels(t)).toEqual(expect.arrayContaining(['AVP: t=User-Password(2) l=18 val=Encrypted', 'User-Password: (encrypted)']));
    expect(labels(t).join('\n')).not.toContain('3c20b4cd');
  });

  test('DNS over TCP: two messages in one segment, then the start of a third', () => {
    const msg = cat(be16(0x0a0b), be16(0x8180), be16(0), be16(0), be16(0), be16(0));
    const payload = cat(be16(12), msg, be16(12), msg, be16(40), msg.subarray(0, 5));
    const seg = tcp(0x18, {}, payload);
    seg.set(be16(53), 0);
    const t = tree(frame(eth(0x0800, ipv4(6, seg))));
    expect(t.slice(4).map((n) => n.label)).toEqual([
      'Domain Name System (response)', 'Domain Name System (response)', 'Domain Name System (continues in a later segment: 7 bytes here)',
    ]);
    expect(protocols(t)).toBe('[Protocols in frame: eth:ethertype:ip:tcp:dns:dns:dns]');
  });

  test('a crafted frame of 12,000 nested IP-in-IP headers is cut off, not a stack overflow', () => {
    const inner = new Uint8Array(12000 * 20);
    for (let o = 0; o < inner.length; o += 20) inner.set([0x45, 0, 0, 0, 0, 0, 0, 0, 64, 4], o);
    const t = tree(frame(eth(0x0800, inner)));
    expect(labels(t)).toContain('[Malformed: more than 8 nested IP headers]');
  });

  test('broken and cut layers end in one note, and decoding stops there', () => {
    const cases: [Uint8Array, Partial<DetailFrame>, string][] = [
      [eth(0x0800, ipv4(6, tcp(0x02)).map((v, i) => (i === 0 ? 0x44 : v))), {}, '[Malformed: header length 16 is below the minimum of 20]'],
      [eth(0x0800, ipv4(6, tcp(0x02, { hdr: 16 }))), {}, '[Malformed: header length 16 is below the minimum of 20]'],
      [eth(0x0800, ipv4(17, udp(53, 53, [], 40))), {}, '[Malformed: length 40 is more than the 8 bytes of the IP payload]'],
      [eth(0x0800, ipv4(17, udp(1812, 1812, cat([1, 1], be16(22), new Uint8Array(16), [1, 1])))), {}, '[Malformed: attribute 1 has length 1 < 2]'],
      [eth(0x0800, ipv4(6, tcp(0x02))).subarray(0, 44), { origLen: 54 }, '[Truncated: TCP header cut short (10 of 20 bytes captured)]'],
      [eth(0x0800, ipv4(17, udp(1, 2, []), { ff: 0x2000 })), {}, 'Data (8 bytes): fragment of a UDP datagram at offset 0; not reassembled in the details'],
    ];
    for (const [data, over, note] of cases) {
      const t = tree(frame(data, 1, over));
      expect(labels(t), note).toContain(note);
    }
  });
});
