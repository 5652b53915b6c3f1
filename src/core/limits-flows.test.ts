// The bound on recorded conversations (limits.recordedFlows, flow-recording.ts), made small: a crafted flood
// of one-SYN connections goes past it. Ground truth is the crafted input: which frame first begins a flow
// past the bound, how many flows each part has, and Zeek's conn_state rules for the few recorded by hand.

import { describe, expect, test } from 'vitest';
import { analyseCapture, scanCapture, type ScanOptions } from './pipeline.ts';
import type { Diagnostic } from './base/diagnostics.ts';
import { bytesChunks } from '../test-support/corpus.ts';
import { ACK, PSH, SYN, ascii, frameOffset, ip, pcapFile, tcpFrame, udpFrame, type Seg } from '../test-support/craft-frames.ts';

const NAS = ip(1);
const SERVER = ip(2); // the RADIUS server: 10.0.0.2
const OTHER = ip(3);
const WEB = ip(9);

const syn = (src: number, sport: number, dport = 443): number[] => tcpFrame({ src, dst: WEB, sport, dport, seq: 1000 + sport, flags: SYN });
const flood = (n: number, from = 20000): number[][] => Array.from({ length: n }, (_, i) => syn(OTHER, from + i));
// an Access-Request (RFC 2865 section 4.1) with no attributes: 20 octets
const accessRequest = (id: number) => udpFrame(NAS, SERVER, 50000, 1812, [1, id, 0, 20, ...new Array<number>(16).fill(id)]);

function scan(frames: number[][], opts: Omit<ScanOptions, 'keepIndex'>) {
  return scanCapture(bytesChunks(pcapFile(frames), 4096), { keepIndex: false, ...opts });
}

function limitOf(list: Diagnostic[]): Diagnostic[] {
  return list.filter((d) => d.id === 'limit.flows.recorded');
}

describe('conversations recorded', () => {
  test('a flood past the bound completes; the first flows are recorded in full, later ones counted once each', async () => {
    const seg = (s: Partial<Seg> & { flags: number }): number[] => tcpFrame({ src: OTHER, dst: WEB, sport: 40000, dport: 80, seq: 1, ack: 1, ...s });
    const get = ascii('GET / HTTP/1.1\r\n\r\n');
    const frames = [
      // stream 0: a handshake and a request (frames 1-4)
      seg({ seq: 0, ack: 0, flags: SYN }),
      tcpFrame({ src: WEB, dst: OTHER, sport: 80, dport: 40000, seq: 0, ack: 1, flags: SYN | ACK }),
      seg({ flags: ACK }),
      seg({ flags: PSH | ACK, payload: get }),
      // streams 1-9: one SYN each (frames 5-13); with room for 4, stream 4 (frame 8) is the first not recorded
      ...flood(9),
      // stream 5 again: its SYN retransmitted (same stream, not counted twice); stream 0 goes on (frame 15)
      syn(OTHER, 20004),
      seg({ seq: 1 + get.length, flags: ACK }),
    ];
    const s = await scan(frames, { limits: { recordedFlows: 4 } });
    expect(s.frames).toBe(15);
    expect(s.tcpStreams).toBe(10);
    const d = limitOf(s.diagnostics);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', frame: 8, fileOffset: frameOffset(frames, 8) });
    expect(d[0]!.message).toContain('recorded 4 TCP and UDP conversations');
    expect(d[0]!.message).toContain('6 times in all'); // streams 4..9
    const tcp = s.conversations.filter((c) => c.proto === 'tcp');
    expect(tcp.map((c) => c.stream)).toEqual([0, 1, 2, 3]);
    // stream 0 as Zeek sums it: SYN, SYN/ACK, ACK, data, a pure ACK; both sides established
    expect(tcp[0]).toMatchObject({ firstFrame: 1, lastFrame: 15, origPackets: 4, respPackets: 1, origBytes: get.length, history: 'ShAD', connState: 'S1' });
    expect(s.attempts.all().map((a) => a.stream)).toEqual([0, 1, 2, 3]);
    expect(s.attempts.all()[0]).toMatchObject({ firstFrame: 1, lastFrame: 15, syn: [1], synAck: [2], handshakeAck: 3, firstClientData: 4 });
  });

  test('TCP and UDP share the bound; a recorded UDP conversation goes on counting past it', async () => {
    const dns = (sport: number) => udpFrame(OTHER, WEB, sport, 53, [0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // UDP 5000, TCP stream 0, UDP 5001 are recorded (3); UDP 5002 (frame 4) and TCP stream 1 (frame 5) are not;
    // UDP 5002 again (frame 6) is counted again (its pair is not remembered); UDP 5000 again is recorded
    const frames = [dns(5000), syn(OTHER, 30000), dns(5001), dns(5002), syn(OTHER, 30001), dns(5002), dns(5000)];
    const s = await scan(frames, { limits: { recordedFlows: 3 } });
    const d = limitOf(s.diagnostics);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ frame: 4 });
    expect(d[0]!.message).toContain('3 times in all');
    expect(s.conversations.map((c) => [c.proto, c.origPort, c.origPackets])).toEqual([
      ['tcp', 30000, 1],
      ['udp', 5000, 2],
      ['udp', 5001, 1],
    ]);
    expect(s.tcpStreams).toBe(2);
  });

  test('within the bound nothing is reported', async () => {
    const s = await scan(flood(5), { limits: { recordedFlows: 5 } });
    expect(limitOf(s.diagnostics)).toEqual([]);
    expect(s.attempts.all()).toHaveLength(5);
  });
});

describe('the RADIUS servers’ connections are recorded past the bound', () => {
  test('a connection opened after an Access-Request to its client is recorded and linked to the request', async () => {
    // frames 1-6: the flood (the bound is 2); frame 7: NAS -> SERVER Access-Request, never answered;
    // frame 8: the server's SYN to 443, never answered; frame 9: more flood
    const frames = [...flood(6), accessRequest(7), syn(SERVER, 51000), syn(OTHER, 29999)];
    const { scan: s, report } = await analyseCapture(bytesChunks(pcapFile(frames), 4096), { keepIndex: false, limits: { recordedFlows: 2 } });
    expect(s.attempts.all().map((a) => [a.stream, a.client])).toEqual([
      [0, '10.0.0.3'],
      [1, '10.0.0.3'],
      [6, '10.0.0.2'],
    ]);
    // (every crafted frame has one source MAC, so the flood's 10.0.0.3 passes for the server's other address)
    const mine = report.attempts.find((a) => a.stream === 6)!;
    expect(mine).toMatchObject({ server: '10.0.0.9', serverPort: 443, transaction: 0, outcome: 'syn-unanswered', finding: 'tcp.syn.unanswered' });
    expect(report.transactions[0]!.attempts).toContain(mine.id);
    // frame 3 begins the first flow not recorded; 4 more flood flows and the Access-Request's UDP conversation
    expect(limitOf(s.diagnostics)[0]).toMatchObject({ frame: 3 });
    expect(limitOf(s.diagnostics)[0]!.message).toContain('6 times in all');
  });

  test('the servers’ extra room is bounded too; a server named by the caller counts from the start', async () => {
    // no RADIUS in the capture: SERVER is named by the caller; bound 1, room for 2 more of the server's
    const frames = [...flood(3), syn(SERVER, 51000), syn(SERVER, 51001), syn(SERVER, 51002), ...flood(1, 21000)];
    const s = await scan(frames, { limits: { recordedFlows: 1, recordedServerFlows: 2 }, radiusServers: ['10.0.0.2'] });
    expect(s.attempts.all().map((a) => a.stream)).toEqual([0, 3, 4]);
    expect(limitOf(s.diagnostics)[0]).toMatchObject({ frame: 2 });
    expect(limitOf(s.diagnostics)[0]!.message).toContain('4 times in all'); // streams 1, 2, 5, 6
  });
});
