// TLS over reassembled TCP, end to end through scanCapture on small captures written here (Ethernet, IPv4,
// TCP): a ClientHello record over three segments delivered out of order and with a retransmission, handshake
// messages split across records, record headers split across segments, hostile records (length 0xffff,
// handshake length past the record, extension lengths past the end) that yield problems and never throw,
// streams that start mid-connection, non-TLS flows, and random damage.

import { describe, expect, test } from 'vitest';
import { scanCapture } from '../../pipeline.ts';
import { bytesChunks } from '../../../test-support/corpus.ts';
import { StreamMode } from '../tcp/tcp-reassembly.ts';
import { tlsFrameRecord, type TlsFrameRecord } from './tls-frame-info.ts';
import { TlsTracker } from './tls-tracker.ts';
import { decodeClientHello, decodeServerHello } from '../../dissect/tls-hello.ts';
import { ja4 } from './ja4.ts';
import { ja3, ja3s } from './tls-fingerprints.ts';
import { alpnExt, clientHelloBody, ext, handshake, keyShareExt, record, serverHelloBody, sniExt, u16b, u16ListExt } from './tls-test-bytes.ts';

// ---- a tiny capture writer: classic pcap, Ethernet, IPv4, TCP ----
const SYN = 0x02;
const ACK = 0x10;
const PSH = 0x08;
const FIN = 0x01;

interface Seg {
  fromClient: boolean;
  seq: number; // relative to the sender's ISN (1 = first data byte)
  ack?: number;
  flags?: number;
  payload?: number[];
}

function frameBytes(cli: number, srv: number, cport: number, sport: number, isnC: number, isnS: number, s: Seg): number[] {
  const payload = s.payload ?? [];
  const [src, dst, sp, dp] = s.fromClient ? [cli, srv, cport, sport] : [srv, cli, sport, cport];
  const seq = ((s.fromClient ? isnC : isnS) + s.seq) >>> 0;
  const ack = ((s.fromClient ? isnS : isnC) + (s.ack ?? 1)) >>> 0;
  const flags = s.flags ?? (payload.length > 0 ? ACK | PSH : ACK);
  const tcp = [...u16b(sp), ...u16b(dp), ...u32b(seq), ...u32b(flags & SYN && !(flags & ACK) ? 0 : ack), 0x50, flags, ...u16b(65535), 0, 0, 0, 0, ...payload];
  const ip = [0x45, 0, ...u16b(20 + tcp.length), 0, 1, 0, 0, 64, 6, 0, 0, ...u32b(src), ...u32b(dst)];
  return [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 0x08, 0x00, ...ip, ...tcp];
}

function u32b(v: number): number[] {
  return [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}

function pcap(frames: number[][]): Uint8Array {
  const le32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
  const out = [...le32(0xa1b2c3d4), 2, 0, 4, 0, ...le32(0), ...le32(0), ...le32(65535), ...le32(1)];
  frames.forEach((f, i) => out.push(...le32(1000 + i), ...le32(0), ...le32(f.length), ...le32(f.length), ...f));
  return Uint8Array.from(out);
}

/** A capture of one connection 10.0.0.1:40000 -> 10.0.0.2:`port`, with the handshake first unless `noSyn`. */
function capture(segs: Seg[], opts: { port?: number; noSyn?: boolean } = {}): Uint8Array {
  const port = opts.port ?? 443;
  const isnC = 0xfffffe00; // wraps during the connection
  const isnS = 5000;
  const pre: Seg[] = opts.noSyn ? [] : [
    { fromClient: true, seq: 0, flags: SYN },
    { fromClient: false, seq: 0, flags: SYN | ACK, ack: 1 },
    { fromClient: true, seq: 1, ack: 1 },
  ];
  return pcap([...pre, ...segs].map((s) => frameBytes(0x0a000001, 0x0a000002, 40000, port, isnC, isnS, s)));
}

async function read(bytes: Uint8Array, chunk = 4096) {
  const tls = new TlsTracker();
  const frames = new Map<number, TlsFrameRecord>();
  await scanCapture(bytesChunks(bytes, chunk), { keepIndex: false }, (v) => {
    const i = tls.onTcp(v);
    if (i !== null) frames.set(v.raw.number, tlsFrameRecord(i));
  });
  return { tls, frames, connections: tls.connections() };
}

/** A ClientHello as big as Chrome's with X25519MLKEM768 (0x11ec): over 1,700 bytes, more than one segment. */
function bigClientHello(): number[] {
  return record(
    22,
    handshake(
      1,
      clientHelloBody({
        sessionId: new Array(32).fill(3),
        ciphers: [0x3a3a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f],
        extensions: [
          ext(0x4a4a, []),
          sniExt('login.microsoftonline.com'),
          alpnExt(['h2', 'http/1.1']),
          u16ListExt(0x000a, [0x5a5a, 0x11ec, 0x001d]),
          u16ListExt(0x000d, [0x0403, 0x0804]),
          u16ListExt(0x002b, [0x6a6a, 0x0304, 0x0303], 1),
          keyShareExt([[0x11ec, 1216], [0x001d, 32]]),
        ],
      }),
    ),
    0x0301,
  );
}

const serverHello13 = () => record(22, handshake(2, serverHelloBody({ cipher: 0x1301, extensions: [ext(0x002b, u16b(0x0304)), ext(0x0033, [...u16b(0x001d), ...u16b(2), 1, 2])] })));

describe('TLS over reassembled TCP', () => {
  test('a ClientHello over 3 segments, out of order and with a retransmission, is read once, in the completing frame', async () => {
    const ch = bigClientHello();
    expect(ch.length).toBeGreaterThan(1400);
    const a = ch.slice(0, 600);
    const b = ch.slice(600, 1200);
    const c = ch.slice(1200);
    const bytes = capture([
      { fromClient: true, seq: 1, payload: a }, // 4
      { fromClient: true, seq: 1201, payload: c }, // 5: out of order
      { fromClient: true, seq: 1, payload: a }, // 6: retransmission
      { fromClient: true, seq: 601, payload: b }, // 7: fills the hole
      { fromClient: false, seq: 1, ack: 1 + ch.length, payload: serverHello13() }, // 8
      { fromClient: true, seq: 1 + ch.length, ack: 1, payload: record(23, new Array(40).fill(1)) }, // 9
    ]);
    for (const size of [1, 7, 4096, bytes.length]) {
      const { frames, connections } = await read(bytes, size);
      expect([...frames.keys()]).toEqual([7, 8, 9]);
      const f7 = frames.get(7)!;
      expect(f7).toMatchObject({ contentTypes: [22], handshake: [1], sni: 'login.microsoftonline.com', alpn: ['h2', 'http/1.1'], supportedVersions: [0x6a6a, 0x0304, 0x0303] });
      expect(f7.ja4).toMatch(/^t13d0506h2_/);
      expect(frames.get(8)).toMatchObject({ contentTypes: [22], handshake: [2], supportedVersions: [0x0304] });
      expect(frames.get(9)?.contentTypes).toEqual([]); // TLS 1.3 application data: opaque_type in tshark
      const c0 = connections[0]!;
      expect(c0).toMatchObject({ clientHelloCount: 1, clientHelloFrames: [7], version: 0x0304, clientSide: 'a', clientKnown: true });
      expect(c0.serverHello?.frame).toBe(8);
    }
  });

  test('a handshake message over two records and a record header over two segments', async () => {
    const msg = handshake(1, clientHelloBody({ ciphers: [0x1301], extensions: [sniExt('split.example')] }));
    const r1 = record(22, msg.slice(0, 30));
    const r2 = record(22, msg.slice(30));
    const bytes = capture([
      { fromClient: true, seq: 1, payload: [...r1, ...r2.slice(0, 3)] }, // 4: record 1 and 3 bytes of record 2's header
      { fromClient: true, seq: 1 + r1.length + 3, payload: r2.slice(3) }, // 5
    ]);
    const { frames } = await read(bytes);
    expect(frames.get(4)).toMatchObject({ contentTypes: [22], handshake: [] });
    expect(frames.get(5)).toMatchObject({ contentTypes: [22], handshake: [1], sni: 'split.example' });
  });

  test('TLS 1.2: the encrypted Finished after ChangeCipherSpec, then record headers only and no out-of-order copies', async () => {
    const ch = record(22, handshake(1, clientHelloBody({ ciphers: [0xc02f] })));
    const sh = record(22, [...handshake(2, serverHelloBody({ cipher: 0xc02f })), ...handshake(14, [])]);
    const cke = [...record(22, handshake(16, new Array(33).fill(4))), ...record(20, [1]), ...record(22, new Array(40).fill(0))];
    const srvFin = [...record(20, [1]), ...record(22, new Array(40).fill(0))];
    const alert = record(21, new Array(26).fill(9)); // encrypted alert
    let cs = 1;
    let ss = 1;
    const seg = (fromClient: boolean, payload: number[]): Seg => {
      const s = { fromClient, seq: fromClient ? cs : ss, payload };
      if (fromClient) cs += payload.length;
      else ss += payload.length;
      return s;
    };
    const bytes = capture([seg(true, ch), seg(false, sh), seg(true, cke), seg(false, srvFin), seg(true, record(23, new Array(30).fill(5))), seg(true, alert)]);
    const { frames, connections, tls } = await read(bytes);
    expect(frames.get(6)).toMatchObject({ contentTypes: [22, 20, 22], handshake: [16] });
    expect(frames.get(7)).toMatchObject({ contentTypes: [20, 22], handshake: [] });
    expect(frames.get(9)).toMatchObject({ contentTypes: [21], alert: null });
    const c = connections[0]!;
    expect(c).toMatchObject({ version: 0x0303, changeCipherSpec: { client: 6, server: 7 }, finished: { client: 6, server: 7 }, handshakeComplete: true });
    expect(c.alerts).toEqual([{ frame: 9, fromClient: true, level: -1, description: -1, name: 'encrypted', encrypted: true }]);
    // the flow is over (no FIN here): its streams copy nothing any more
    expect(tls.router.stream(0, true)?.mode).toBe(StreamMode.IN_ORDER);
  });

  test('a stream picked up mid-connection on 443 (no SYN): records from the first byte', async () => {
    const bytes = capture([{ fromClient: false, seq: 1, payload: [...record(23, [1, 2, 3]), ...record(21, [1, 0])] }], { noSyn: true });
    const { frames } = await read(bytes);
    expect(frames.get(1)).toMatchObject({ contentTypes: [23, 21], alert: { level: 1, description: 0 } });
  });

  test('TLS on another port is found by its first record; other flows are left alone', async () => {
    const tlsOn8443 = capture([{ fromClient: true, seq: 1, payload: record(22, handshake(1, clientHelloBody({ ciphers: [0x1301] })), 0x0301) }], { port: 8443 });
    expect((await read(tlsOn8443)).frames.get(4)?.handshake).toEqual([1]);
    const http = capture([{ fromClient: true, seq: 1, payload: Array.from('GET / HTTP/1.1\r\n\r\n', (c) => c.charCodeAt(0)) }], { port: 80 });
    const r = await read(http);
    expect(r.frames.size).toBe(0);
    expect(r.tls.router.stats).toMatchObject({ flowsClaimed: 0, flowsIgnored: 1 });
    // plain text on 443 is not TLS either (dissect_ssl's four printable bytes)
    const text443 = capture([{ fromClient: true, seq: 1, payload: Array.from('HELLO there', (c) => c.charCodeAt(0)) }]);
    expect((await read(text443)).frames.size).toBe(0);
  });

  test('hostile records: length 0xffff, a handshake longer than its record, extensions past the end', async () => {
    const huge = [22, 3, 3, 0xff, 0xff, 1, 0, 0, 10]; // record of 65535 bytes, 4 of them here
    const longMsg = record(22, [1, 0, 0xff, 0xff, 3, 3]); // handshake of 65535 bytes in a 6-byte record
    const badExt = record(22, handshake(1, [...clientHelloBody({ ciphers: [0x1301] }), ...u16b(30), ...u16b(0), ...u16b(0xfff0), 0x61]));
    for (const payload of [huge, longMsg, [...longMsg, ...record(22, [1, 2, 3])], badExt]) {
      const bytes = capture([{ fromClient: true, seq: 1, payload }, { fromClient: true, seq: 1 + payload.length, flags: FIN | ACK }, { fromClient: false, seq: 1, flags: FIN | ACK, ack: 2 + payload.length }]);
      const { connections, tls } = await read(bytes);
      expect(connections[0]?.problems.length ?? 0, JSON.stringify(payload.slice(0, 12))).toBeGreaterThan(0);
      expect(tls.router.budget.used).toBe(0); // every buffer given back when the flow ended
    }
    // SSL 2.0 records shorter than the five bytes read to classify them
    const tiny = [0x80, 0x01, 0x02, 0x80, 0x01, 0x02, 0x80, 0x01, 0x04, 0x16, 0x03];
    const t = await read(capture([{ fromClient: true, seq: 1, payload: tiny }]));
    expect(t.frames.get(4)?.handshake).toEqual([]);
    const { frames } = await read(capture([{ fromClient: true, seq: 1, payload: badExt }]));
    expect(frames.get(4)?.handshake).toEqual([1]);
    expect(frames.get(4)?.problems.join(' ')).toMatch(/runs past/);
  });

  test('random damage never throws, never holds memory past the flow', async () => {
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    const base = [...bigClientHello(), ...record(21, [2, 40])];
    for (let round = 0; round < 150; round++) {
      const p = [...base];
      for (let k = 0; k < 1 + rnd(12); k++) p[rnd(p.length)] = rnd(256);
      const cut = rnd(4);
      const segs: Seg[] = [];
      let at = 0;
      while (at < p.length) {
        const n = 1 + rnd(700);
        segs.push({ fromClient: rnd(5) > 0, seq: 1 + at - (cut === 0 ? rnd(50) : 0), payload: p.slice(at, at + n) });
        at += n;
      }
      if (cut === 1) segs.reverse();
      segs.push({ fromClient: true, seq: 1 + p.length, flags: FIN | ACK }, { fromClient: false, seq: 1 + p.length, flags: FIN | ACK });
      const { tls } = await read(capture(segs, { port: rnd(2) ? 443 : 9000 }));
      expect(tls.router.budget.used).toBeLessThanOrEqual(tls.router.budget.limit);
    }
  });

  test('tunnel bytes fed by another parser (HttpEvents.tunnelData shape), in pieces', () => {
    const tls = new TlsTracker();
    const ch = Uint8Array.from(record(22, handshake(1, clientHelloBody({ ciphers: [0x1301], extensions: [sniExt('tunnel.example')] }))));
    tls.beginFrame(70);
    tls.tunnelData(3, true, ch.subarray(0, 10), 70, 0);
    expect(tls.endFrame()).toBeNull();
    tls.beginFrame(71);
    tls.tunnelData(3, true, ch.subarray(10), 71, 10);
    const info = tls.endFrame();
    expect(info).toMatchObject({ frame: 71, stream: 3, fromClient: true, handshake: [1], sni: 'tunnel.example' });
    tls.closeTunnel(3);
    expect(tls.connections()).toMatchObject([{ stream: 3, tunnel: true, clientHelloFrames: [71] }]);
  });

  test('after the handshake both readers skim (TLS 1.3: from the ServerHello)', async () => {
    const ch = record(22, handshake(1, clientHelloBody({ ciphers: [0x1301], extensions: [u16ListExt(0x002b, [0x0304], 1)] })));
    const sh = serverHello13();
    const tls = new TlsTracker();
    const bytes = capture([{ fromClient: true, seq: 1, payload: ch }, { fromClient: false, seq: 1, payload: [...sh, ...record(20, [1]), ...record(23, new Array(50).fill(0))] }]);
    await scanCapture(bytesChunks(bytes, 4096), { keepIndex: false }, (v) => tls.onTcp(v));
    expect(tls.router.stream(0, true)?.mode).toBe(StreamMode.IN_ORDER);
    expect(tls.router.stream(0, false)?.mode).toBe(StreamMode.IN_ORDER);
  });
});

describe('fingerprints worked out when read', () => {
  // JA3, JA3S and JA4 are not hashed during the pass (the diagnosis never reads them): the frame info and the
  // kept connection summaries compute them on first read, from the hellos' numbers. Same values either way.
  test('frame info and connection summary give the fingerprints of the hellos themselves, in JSON too', async () => {
    const ch = bigClientHello();
    const sh = serverHello13();
    const bytes = capture([
      { fromClient: true, seq: 1, payload: ch }, // 4
      { fromClient: false, seq: 1, ack: 1 + ch.length, payload: sh }, // 5
    ]);
    const body = (rec: number[]) => Uint8Array.from(rec.slice(9)); // after the record (5) and handshake (4) headers
    const hello = decodeClientHello(body(ch), 0, ch.length - 9, []);
    const server = decodeServerHello(body(sh), 0, sh.length - 9, []);
    const want = { ja3: ja3(hello)!.hash, ja3Full: ja3(hello)!.full, ja4: ja4(hello).ja4, ja4r: ja4(hello).raw, ja3s: ja3s(server)!.hash, ja3sFull: ja3s(server)!.full };
    const tls = new TlsTracker();
    const seen: Record<number, Partial<Record<keyof typeof want, string | null>>> = {};
    await scanCapture(bytesChunks(bytes, 4096), { keepIndex: false }, (v) => {
      const i = tls.onTcp(v);
      if (i !== null) seen[v.raw.number] = { ja3: i.ja3, ja3Full: i.ja3Full, ja4: i.ja4, ja4r: i.ja4r, ja3s: i.ja3s, ja3sFull: i.ja3sFull };
    });
    expect(seen[4]).toEqual({ ja3: want.ja3, ja3Full: want.ja3Full, ja4: want.ja4, ja4r: want.ja4r, ja3s: null, ja3sFull: null });
    expect(seen[5]).toEqual({ ja3: null, ja3Full: null, ja4: null, ja4r: null, ja3s: want.ja3s, ja3sFull: want.ja3sFull });
    const c = tls.connections()[0]!;
    expect(c.clientHello).toMatchObject({ frame: 4, sni: 'login.microsoftonline.com', ja3: want.ja3, ja4: want.ja4, ja4r: want.ja4r, ssl2: false });
    expect(c.serverHello).toMatchObject({ frame: 5, cipherSuite: 0x1301, ja3s: want.ja3s });
    const json = JSON.parse(JSON.stringify(c));
    expect(Object.keys(json.clientHello)).toEqual(['frame', 'sni', 'alpn', 'legacyVersion', 'supportedVersions', 'ja3', 'ja4', 'ja4r', 'ssl2']);
    expect(json.clientHello).toMatchObject({ ja3: want.ja3, ja4: want.ja4, ja4r: want.ja4r });
    expect(json.serverHello).toEqual({ frame: 5, version: 0x0304, cipherSuite: 0x1301, alpn: null, ja3s: want.ja3s });
  });
});
