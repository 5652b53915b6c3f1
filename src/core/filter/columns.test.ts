// The filter's copies of other folders' constants agree with the originals; the builder fills the columns
// the way the filter reads them; no finding id shadows a field.

import { describe, expect, test } from 'vitest';
import { CATALOGUE } from '../analysis/diagnosis/catalogue.ts';
import type { FrameVisit } from '../analysis/frame-visit.ts';
import { Packet, Proto, TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN, TCP_URG } from '../dissect/packet.ts';
import { newRawFrame } from '../formats/raw-frame.ts';
import { FilterColumnsBuilder } from './builder.ts';
import { Layer, layersOf, PROTO_CODE } from './columns.ts';
import { compileFilter, matchingFrames } from './compile.ts';
import { FIELDS } from './fields.ts';
import { memoryColumns } from './memory-columns.ts';

test('PROTO_CODE repeats core/dissect Proto', () => {
  for (const [name, code] of Object.entries(PROTO_CODE)) expect(Proto[name as keyof typeof Proto], name).toBe(code);
});

test('the TCP flag bits of tcp.flags.* are core/dissect/packet.ts TCP_*', () => {
  const bits: Record<string, number> = { fin: TCP_FIN, syn: TCP_SYN, reset: TCP_RST, push: TCP_PSH, ack: TCP_ACK, urg: TCP_URG };
  for (const [name, bit] of Object.entries(bits)) {
    const c = memoryColumns([{ proto: 'tcp', tcpFlags: bit }, { proto: 'tcp', tcpFlags: 0x1ff & ~bit }]);
    const f = compileFilter(`tcp.flags.${name} == 1`, c);
    expect(f.ok && [...matchingFrames(f.predicate, 2)], name).toEqual([0]);
  }
});

test('no finding id is also the name of a field (if one ever is, the finding wins)', () => {
  const fieldNames = [...FIELDS.keys()].filter((n) => !CATALOGUE.has(n as never));
  expect(fieldNames.length).toBeGreaterThan(50);
  for (const id of CATALOGUE.keys()) expect(FIELDS.get(id)?.type, id).toBe('bool');
});

describe('layersOf', () => {
  test.each([
    [Proto.ARP, 0, false, Layer.ARP],
    [Proto.IPV4, 4, false, Layer.IP],
    [Proto.ICMP, 4, false, Layer.IP | Layer.ICMP],
    [Proto.ICMPV6, 6, false, Layer.IPV6 | Layer.ICMPV6],
    [Proto.UDP, 6, false, Layer.IPV6 | Layer.UDP],
    [Proto.RADIUS, 4, false, Layer.IP | Layer.UDP | Layer.RADIUS],
    [Proto.DNS, 4, false, Layer.IP | Layer.UDP | Layer.DNS],
    [Proto.DNS, 4, true, Layer.IP | Layer.TCP | Layer.DNS],
    [Proto.TLS, 4, true, Layer.IP | Layer.TCP | Layer.TLS],
    [Proto.HTTP, 6, true, Layer.IPV6 | Layer.TCP | Layer.HTTP],
    [Proto.OTHER_L4, 4, false, Layer.IP],
    [Proto.LINK, 0, false, 0],
  ])('code %d, IPv%d, tcp %s', (code, version, tcp, want) => {
    expect(layersOf(code, version, tcp)).toBe(want);
  });
});

describe('FilterColumnsBuilder', () => {
  function visit(n: number, set: (p: Packet) => void, extra: Partial<FrameVisit> = {}): FrameVisit {
    const raw = { ...newRawFrame(), number: n, capLen: 60, origLen: 70, hasTime: n !== 4, sec: 1000 + n, nsec: 250 };
    const p = new Packet();
    p.reset(n, 1);
    set(p);
    return { raw, packet: p, tcp: null, tcpAnalysis: null, radius: null, dns: null, http: null, tls: null, ...extra };
  }
  const ipv4 = (p: Packet, proto: number) => {
    p.proto = proto as Packet['proto'];
    p.ipVersion = 4;
    p.ipv4Src = 0x0a000001;
    p.ipv4Dst = 0xc0a80101;
    p.srcPort = 1812;
    p.dstPort = 51000;
  };

  test('columns, late RADIUS frames and findings', () => {
    const b = new FilterColumnsBuilder();
    b.add(visit(1, (p) => ipv4(p, Proto.UDP)));
    b.add(visit(2, (p) => ipv4(p, Proto.TCP), { tcp: { stream: 3 } as FrameVisit['tcp'], tcpAnalysis: { flags: 1 } as FrameVisit['tcpAnalysis'] }));
    b.add(
      visit(3, (p) => {
        p.proto = Proto.TCP;
        p.ipVersion = 6;
        p.ipBuf = new Uint8Array(32).fill(0).map((_, k) => (k === 0 ? 0xfe : k === 1 ? 0x80 : k === 15 || k === 31 ? 1 : k === 16 ? 0x20 : 0));
        p.ipSrcAt = 0;
        p.ipDstAt = 16;
        p.tcpFlags = TCP_SYN;
      }, { tcp: { stream: 4 } as FrameVisit['tcp'] }),
    );
    b.add(visit(4, (p) => (p.proto = Proto.ARP)));
    const c = b.finish({ radius: [{ frame: 1, code: 2, id: 9 }], findings: [{ id: 'radius.response.late', frames: [1, 99] }] });
    const run = (f: string) => {
      const r = compileFilter(f, c);
      if (!r.ok) throw new Error(r.error);
      return [...matchingFrames(r.predicate, c.count)].map((i) => i + 1);
    };
    expect(c.count).toBe(4);
    expect(run('radius.code == 2 && udp.srcport == 1812 && ip.src == 10.0.0.1 && ip.dst == 192.168.1.1')).toEqual([1]);
    expect(run('tcp.stream == 3 && tcp.analysis.retransmission')).toEqual([2]);
    expect(run('ipv6.src == fe80::1 && ipv6.dst == 2000::1 && tcp.flags.syn == 1 && tcp.stream == 4')).toEqual([3]);
    expect(run('arp')).toEqual([4]);
    expect(run('frame.len == 70 && frame.cap_len == 60')).toEqual([1, 2, 3, 4]);
    expect(run('frame.time_relative == 2')).toEqual([3]); // frame 4 has no time
    expect(run('radius.response.late')).toEqual([1]);
  });
});
