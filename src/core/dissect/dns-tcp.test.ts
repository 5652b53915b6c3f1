// DNS over TCP framing (RFC 1035 section 4.2.2): the two-octet length prefix, messages split anywhere across
// segments (the prefix too), several messages in one segment, and lost bytes.

import { describe, expect, test } from 'vitest';
import { DnsTcpStreams, type DnsTcpMessage } from './dns-tcp.ts';

// the-tcpdump-group-tcpdump/dns_tcp.pcap frame 4: the query for www.tcpdump.org, with its length prefix
const QUERY = Uint8Array.from(
  '0038431901200001000000000001037777770774637064756d70036f72670000010001000029100000000000000c000a00088f06be7d691442f0'.match(/../g)!.map((x) => parseInt(x, 16)),
);

function collect(): { streams: DnsTcpStreams; got: DnsTcpMessage[] } {
  const got: DnsTcpMessage[] = [];
  return { streams: new DnsTcpStreams((m) => got.push(m)), got };
}

describe('framing', () => {
  test('one message in one segment', () => {
    const { streams, got } = collect();
    streams.data(0, true, QUERY, 4);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ stream: 0, fromA: true, firstFrame: 4, frame: 4 });
    expect(got[0]!.message.questions[0]!.name).toBe('www.tcpdump.org');
    expect(got[0]!.message.problems).toEqual([]);
  });

  test('split at every point, the length prefix included: same message, completed by the second segment', () => {
    for (let cut = 1; cut < QUERY.length; cut++) {
      const { streams, got } = collect();
      streams.data(3, false, QUERY.subarray(0, cut), 10);
      expect(got).toHaveLength(0);
      streams.data(3, false, QUERY.subarray(cut), 11);
      expect(got.map((m) => [m.firstFrame, m.frame, m.message.id, m.message.problems.length])).toEqual([[10, 11, 0x4319, 0]]);
    }
  });

  test('one octet per segment', () => {
    const { streams, got } = collect();
    QUERY.forEach((b, i) => streams.data(0, true, Uint8Array.of(b), 100 + i));
    expect(got.map((m) => [m.firstFrame, m.frame])).toEqual([[100, 100 + QUERY.length - 1]]);
  });

  test('two messages and the start of a third in one segment; directions and streams are apart', () => {
    const { streams, got } = collect();
    const three = new Uint8Array(QUERY.length * 3);
    three.set(QUERY, 0);
    three.set(QUERY, QUERY.length);
    three.set(QUERY, 2 * QUERY.length);
    streams.data(1, true, three.subarray(0, 2 * QUERY.length + 5), 7);
    streams.data(1, false, QUERY.subarray(0, 9), 8); // other direction, unfinished
    streams.data(2, true, QUERY.subarray(0, 30), 8); // other stream, unfinished
    expect(got.map((m) => m.frame)).toEqual([7, 7]);
    expect(streams.pending(1, true)).toBe(5);
    streams.data(1, true, three.subarray(2 * QUERY.length + 5), 9);
    expect(got.map((m) => [m.firstFrame, m.frame])).toEqual([[7, 7], [7, 7], [7, 9]]);
    expect([streams.pending(1, false), streams.pending(2, true)]).toEqual([9, 30]);
  });

  test('a zero length prefix carries nothing and is skipped', () => {
    const { streams, got } = collect();
    streams.data(0, true, Uint8Array.from([0, 0, ...QUERY]), 1);
    expect(got).toHaveLength(1);
  });

  test('after a gap the direction is ignored (message boundaries are lost)', () => {
    const { streams, got } = collect();
    streams.data(0, true, QUERY.subarray(0, 10), 1);
    streams.gap(0, true);
    streams.data(0, true, QUERY, 2);
    expect(got).toHaveLength(0);
  });

  test('a length prefix that promises more than the message holds: the message is decoded and its problem kept', () => {
    const { streams, got } = collect();
    const short = Uint8Array.from([0, 14, ...QUERY.subarray(2, 16)]);
    streams.data(0, true, short, 1);
    expect(got[0]!.message.problems[0]!.kind).toBe('truncated');
  });
});
