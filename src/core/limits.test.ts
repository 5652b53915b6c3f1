// Each limit of base/limits.ts, exceeded by a crafted capture with the limit made small: the pass completes,
// the limit is reported exactly once (the frame and file offset where it was first hit, the number of hits),
// ahead of the other diagnostics, and what came before it is analysed as usual. Ground truth is the crafted
// input: which frame first goes over the bound is counted by hand below.

import { describe, expect, test } from 'vitest';
import { analyseCapture, scanCapture, type ScanOptions } from './pipeline.ts';
import type { Diagnostic } from './base/diagnostics.ts';
import type { FrameVisit } from './analysis/frame-visit.ts';
import { renderText } from './report/render-text.ts';
import { bytesChunks } from '../test-support/corpus.ts';
import { clientHelloBody, handshake as tlsHandshake, record, sniExt } from './analysis/tls/tls-test-bytes.ts';
import { IDLE_EXPIRY_S, TcpStreams } from './analysis/tcp/tcp-streams.ts';
import { LimitHits } from './base/limits.ts';
import { PacketDecoder } from './dissect/decoder.ts';
import { newRawFrame } from './formats/raw-frame.ts';
import { ACK, FIN, PSH, SYN, ascii, frameOffset, ip, ipv4Frame, pcapFile, tcpFrame, udp, udpFrame, type Seg } from '../test-support/craft-frames.ts';

interface Seen {
  proto: number;
  stream: number;
  http: boolean;
  flags: number;
  radius: boolean;
  srcPort: number;
}

async function run(frames: number[][], limits: ScanOptions['limits']) {
  const seen: Seen[] = [];
  const scan = await scanCapture(bytesChunks(pcapFile(frames), 4096), { keepIndex: false, limits }, (v: FrameVisit) => {
    seen.push({ proto: v.packet.proto, stream: v.tcp?.stream ?? -1, http: v.http !== null, flags: v.tcpAnalysis?.flags ?? 0, radius: v.radius !== null, srcPort: v.packet.srcPort });
  });
  return { scan, seen };
}

function only(list: Diagnostic[], id: string): Diagnostic {
  const found = list.filter((d) => d.id === id);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** The first and only diagnostic of `id`: at frame `frame` of `frames`, hit `times` times. */
function expectHit(list: Diagnostic[], id: string, frames: number[][], frame: number, times: number): Diagnostic {
  const d = only(list, id);
  expect(d.severity).toBe('warning');
  expect(d.frame).toBe(frame);
  expect(d.fileOffset).toBe(frameOffset(frames, frame));
  expect(d.message).toMatch(/^Limit reached: /);
  if (times > 1) expect(d.message).toContain(`${times.toLocaleString('en-US')} times in all`);
  else expect(d.message).not.toContain('times in all');
  return d;
}

const A = ip(1);
const B = ip(2);

describe('IP fragments', () => {
  // the first fragment (offset 0, More Fragments) of datagram `id`: a UDP header and 16 octets
  const first = (id: number) => ipv4Frame({ src: A, dst: B, proto: 17, id, more: true }, udp(5000, 7000, new Array<number>(24).fill(id)));
  const last = (id: number) => ipv4Frame({ src: A, dst: B, proto: 17, id, fragAt: 32 }, new Array<number>(8).fill(0xee));

  test('datagrams waiting: the oldest is dropped, once reported, and later datagrams still reassemble', async () => {
    // datagrams 1..6 wait; with room for 4, the 5th (frame 5) and 6th (frame 6) drop the oldest
    const frames = [first(1), first(2), first(3), first(4), first(5), first(6), first(7), last(7)];
    const { scan, seen } = await run(frames, { fragmentDatagrams: 4 });
    expect(scan.frames).toBe(8);
    expectHit(scan.diagnostics, 'limit.ip.fragments', frames, 5, 3);
    // datagram 7 (frames 7 and 8) is rebuilt in frame 8: UDP with its ports
    expect(seen[7]!.srcPort).toBe(5000);
    expect(scan.diagnostics[0]!.id).toBe('limit.ip.fragments');
  });

  test('fragments of one datagram: past the bound it is given up; an earlier datagram was rebuilt', async () => {
    const piece = (id: number, at: number) => ipv4Frame({ src: A, dst: B, proto: 17, id, fragAt: at, more: true }, new Array<number>(8).fill(at));
    // datagram 1 whole in frames 1-2; datagram 2: its last fragment, then 5 more (the 4th fragment is frame 6)
    const frames = [first(1), last(1), last(2), piece(2, 8), piece(2, 16), piece(2, 24), piece(2, 24), first(2)];
    const { scan, seen } = await run(frames, { fragmentsPerDatagram: 3 });
    expect(seen[1]!.srcPort).toBe(5000);
    // frames 3-5 are three fragments; frame 6 would be the fourth
    expectHit(scan.diagnostics, 'limit.ip.fragment.count', frames, 6, 1);
    // datagram 2 is never rebuilt, though frame 8 completes its coverage
    expect(seen[7]!.srcPort).toBe(0);
  });

  test('bytes held: the oldest incomplete datagrams go first', async () => {
    // each first fragment holds 32 octets (UDP header + 24); with 80 bytes, the third (frame 3) drops datagram 1
    const frames = [first(1), first(2), first(3), first(4), first(4), last(2)];
    const { scan, seen } = await run(frames, { fragmentBytes: 80 });
    expectHit(scan.diagnostics, 'limit.ip.fragment.bytes', frames, 3, 3);
    // datagram 2 was dropped at frame 4 (datagram 1 at frame 3); its last fragment completes nothing
    expect(seen[5]!.srcPort).toBe(0);
  });
});

describe('TCP', () => {
  const C = 40000;
  // an HTTP request in one segment (the HTTP parser claims the flow), then data with a hole before it
  const seg = (sport: number, seq: number, flags: number, payload: number[] = [], ack = 1): Seg => ({ src: A, dst: B, sport, dport: 80, seq, ack, flags, payload });
  const handshake = (sport: number) => [tcpFrame(seg(sport, 0, SYN, [], 0)), tcpFrame({ src: B, dst: A, sport: 80, dport: sport, seq: 0, ack: 1, flags: SYN | ACK }), tcpFrame(seg(sport, 1, ACK))];
  const get = ascii('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
  const body = new Array<number>(100).fill(0x41);

  test('out-of-order data held per direction: the hole is given up once the bound is reached', async () => {
    const frames = [
      ...handshake(C),
      tcpFrame(seg(C, 1, PSH | ACK, get)),
      // bytes 1+get.length .. +100 are missing; three segments after the hole
      tcpFrame(seg(C, 1 + get.length + 100, ACK, body)),
      tcpFrame(seg(C, 1 + get.length + 200, ACK, body)),
      tcpFrame(seg(C, 1 + get.length + 300, ACK, body)),
    ];
    const { scan, seen } = await run(frames, { tcpHeldSegments: 2 });
    expect(seen[3]!.http).toBe(true); // the request before the limit was parsed
    expectHit(scan.diagnostics, 'limit.tcp.reassembly', frames, 7, 1);
    expect(only(scan.diagnostics, 'limit.tcp.reassembly').message).toContain('TCP stream 0');
    expect(scan.app.router.stream(0, true)!.heldBytes).toBeLessThanOrEqual(200);
  });

  test('bytes held by all directions together', async () => {
    const frames = [...handshake(C), tcpFrame(seg(C, 1, PSH | ACK, get)), tcpFrame(seg(C, 1 + get.length + 100, ACK, body)), tcpFrame(seg(C, 1 + get.length + 300, ACK, body))];
    const { scan, seen } = await run(frames, { tcpBufferedBytes: 150 });
    expect(seen[3]!.http).toBe(true);
    expectHit(scan.diagnostics, 'limit.tcp.memory', frames, 6, 1);
    expect(scan.app.router.budget.peak).toBeLessThanOrEqual(150);
  });

  test('flows followed: a flow past the bound is not parsed, the earlier ones are', async () => {
    const frames = [tcpFrame(seg(1001, 1, PSH | ACK, get)), tcpFrame(seg(1002, 1, PSH | ACK, get)), tcpFrame(seg(1003, 1, PSH | ACK, get)), tcpFrame(seg(1004, 1, PSH | ACK, get))];
    const { scan, seen } = await run(frames, { tcpFollowedFlows: 2 });
    expect(seen.map((s) => s.http)).toEqual([true, true, false, false]);
    expect(seen.map((s) => s.stream)).toEqual([0, 1, 2, 3]);
    expectHit(scan.diagnostics, 'limit.tcp.followed', frames, 3, 2);
    expect(scan.app.router.activeFlows).toBeLessThanOrEqual(2);
  });

  test('flows tracked: the least recently seen loses its state; stream numbers stay those of tshark', async () => {
    const RETRANS = 1 << 0;
    const frames = [
      // stream 0 sends data and retransmits it (flagged as usual, before the limit)
      tcpFrame(seg(2000, 1, PSH | ACK, get)),
      tcpFrame(seg(2000, 1, PSH | ACK, get)),
      // streams 1..3: the third new one (frame 5) goes over 3 tracked flows, so stream 0 (least recent) goes
      tcpFrame(seg(2001, 1, PSH | ACK, get)),
      tcpFrame(seg(2002, 1, PSH | ACK, get)),
      tcpFrame(seg(2003, 1, PSH | ACK, get)),
      // stream 0 comes back: same stream number, its state starts afresh (and evicts stream 1)
      tcpFrame(seg(2000, 1 + get.length, PSH | ACK, body)),
    ];
    const { scan, seen } = await run(frames, { tcpTrackedFlows: 3 });
    expect(seen.map((s) => s.stream)).toEqual([0, 0, 1, 2, 3, 0]);
    expect(seen[1]!.flags & RETRANS).toBe(RETRANS);
    expect(seen[0]!.http && seen[2]!.http && seen[3]!.http && seen[4]!.http).toBe(true);
    const d = expectHit(scan.diagnostics, 'limit.tcp.flows', frames, 5, 2);
    expect(d.message).toContain('TCP stream 0 first');
    expect(scan.tcpStreams).toBe(4);
    expect(scan.conversations.filter((c) => c.proto === 'tcp').map((c) => c.stream)).toEqual([0, 1, 2, 3]);
  });

  test('flows tracked: the state kept never exceeds the bound, however many flows come', () => {
    const hits = new LimitHits();
    const evicted: number[] = [];
    const streams = new TcpStreams({ maxTracked: 16, hits, onEvict: (s) => evicted.push(s) });
    const decoder = new PacketDecoder();
    const raw = newRawFrame();
    raw.linkType = 1; // LINKTYPE_ETHERNET
    for (let i = 0; i < 1000; i++) {
      raw.number = i + 1;
      raw.data = Uint8Array.from(tcpFrame(seg(1024 + i, 1, SYN, [], 0)));
      raw.capLen = raw.origLen = raw.data.length;
      streams.track(decoder.decode(raw));
      expect(streams.stream).toBe(i);
      expect(streams.tracked).toBeLessThanOrEqual(16);
    }
    // the least recently seen go first: streams 0, 1, 2... in order
    expect(evicted).toEqual(Array.from({ length: 1000 - 16 }, (_, i) => i));
    expect(hits.count('limit.tcp.flows')).toBe(1000 - 16);
  });

  test('flows tracked: a flow silent for five minutes expires without a limit being reported', () => {
    const hits = new LimitHits();
    const evicted: number[] = [];
    const streams = new TcpStreams({ maxTracked: 4, hits, onEvict: (s) => evicted.push(s) });
    const decoder = new PacketDecoder();
    const raw = newRawFrame();
    raw.linkType = 1; // LINKTYPE_ETHERNET
    // four flows at t = 0 s, four more at t = IDLE_EXPIRY_S (the first four expire), then one more at once
    const at = [0, 0, 0, 0, IDLE_EXPIRY_S, IDLE_EXPIRY_S, IDLE_EXPIRY_S, IDLE_EXPIRY_S, IDLE_EXPIRY_S + 1];
    at.forEach((t, i) => {
      raw.number = i + 1;
      raw.data = Uint8Array.from(tcpFrame(seg(2048 + i, 1, SYN, [], 0)));
      raw.capLen = raw.origLen = raw.data.length;
      streams.track(decoder.decode(raw), 1_700_000_000 + t);
    });
    expect(evicted).toEqual([0, 1, 2, 3, 4]);
    expect(streams.expired).toBe(4);
    // the ninth flow pushed out stream 4, seen one second before: that one is a limit hit
    expect(hits.count('limit.tcp.flows')).toBe(1);
  });

  test('TLS connections kept: later finished ones are counted, not kept', async () => {
    const hello = record(22, tlsHandshake(1, clientHelloBody({ ciphers: [0x1301], extensions: [sniExt('login.microsoftonline.com')] })));
    const conn = (sport: number) => {
      const s = (fromClient: boolean, seq: number, flags: number, payload: number[] = []) =>
        tcpFrame(fromClient ? { src: A, dst: B, sport, dport: 443, seq, ack: 1, flags, payload } : { src: B, dst: A, sport: 443, dport: sport, seq, ack: 1 + hello.length + 1, flags, payload });
      return [s(true, 1, PSH | ACK, hello), s(true, 1 + hello.length, FIN | ACK), s(false, 1, FIN | ACK)];
    };
    const frames = [...conn(3001), ...conn(3002), ...conn(3003)];
    const { scan } = await run(frames, { tlsConnections: 1 });
    const kept = scan.app.tls.connections();
    expect(kept).toHaveLength(1);
    expect(kept[0]!.stream).toBe(0);
    // the second connection ends (both FINs) in frame 6
    expectHit(scan.diagnostics, 'limit.tls.connections', frames, 6, 2);
    expect(scan.app.tls.dropped).toBe(2);
  });

  test('no limit is reported for a capture within every bound', async () => {
    const frames = [...handshake(C), tcpFrame(seg(C, 1, PSH | ACK, get)), tcpFrame(seg(C, 1 + get.length, FIN | ACK))];
    const { scan } = await run(frames, {});
    expect(scan.diagnostics.filter((d) => d.id.startsWith('limit.'))).toEqual([]);
  });
});

describe('RADIUS attributes', () => {
  // an Access-Request (RFC 2865 section 4.1) with `n` two-octet Class attributes (type 25, empty value)
  const request = (id: number, n: number) => {
    const attrs = new Array<number>(n).fill(0).flatMap(() => [25, 2]);
    const len = 20 + attrs.length;
    return udpFrame(A, B, 50000, 1812, [1, id, len >> 8, len & 0xff, ...new Array<number>(16).fill(7), ...attrs]);
  };

  test('a packet with more attributes than decoded is reported once; the others decode', async () => {
    const frames = [request(1, 3), request(2, 1100), request(3, 2000)];
    const { scan, seen } = await run(frames, {});
    expect(seen.map((s) => s.radius)).toEqual([true, true, true]);
    expectHit(scan.diagnostics, 'limit.radius.attributes', frames, 2, 2);
    expect(scan.radius.infoForFrame(1)!.code).toBe(1);
  });
});

describe('diagnostics kept', () => {
  test('past the bound they are counted, and limits stay first', async () => {
    // pcap records whose microseconds are 1,000,000 or more each give a diagnostic (capture.timestamp.invalid)
    const frames = [request(), request(), request(), request()];
    const bytes = pcapFile(frames);
    for (let i = 0, o = 24; i < frames.length; i++) {
      new DataView(bytes.buffer).setUint32(o + 4, 2_000_000, true);
      o += 16 + frames[i]!.length;
    }
    const scan = await scanCapture(bytesChunks(bytes, 4096), { keepIndex: false, limits: { keptDiagnostics: 2 } });
    expect(scan.diagnostics.map((d) => d.id)).toEqual(['capture.timestamp.invalid', 'capture.timestamp.invalid', 'capture.diagnostics.capped']);
    expect(scan.diagnostics[2]!.message).toContain('2 more');
  });
  const request = () => udpFrame(A, B, 50000, 1812, [1, 1, 0, 20, ...new Array<number>(16).fill(7)]);
});

describe('what the user sees', () => {
  test('the report lists a limit first among the capture problems, and the text output says it', async () => {
    const first = (id: number) => ipv4Frame({ src: A, dst: B, proto: 17, id, more: true }, udp(5000, 7000, new Array<number>(24).fill(id)));
    const frames = [first(1), first(2), first(3)];
    const { report } = await analyseCapture(bytesChunks(pcapFile(frames), 4096), { keepIndex: false, limits: { fragmentDatagrams: 1 } });
    expect(report.capture.problems[0]).toMatchObject({ id: 'limit.ip.fragments', severity: 'warning', frame: 2 });
    const text = renderText(report);
    expect(text).toContain('Limits radscope reached (the analysis above may be incomplete):');
    expect(text.replace(/\s+/g, ' ')).toContain('limit.ip.fragments: Limit reached: 1 IP datagrams were waiting for fragments when another began');
  });
});
