// TLS in the lab scenarios (corpus/lab/*/truth.json, written by the lab that made the captures): the
// ClientHello in the right frame with the right SNI, the ServerHello frames, the alerts with level and
// description and side (tls-intercept: the NPS client's fatal unknown_ca after the inspection box's
// certificate), the certificate names, the negotiated version, and retransmitted ClientHello segments
// (tls-blackhole) never read a second time. The pcapng and nanosecond pcapng copies give the same results.
// Read through the one pass: per-frame v.tls, and the connection states of result.app.tls after it (CONNECT
// tunnels followed by the real HTTP parser, as users get them).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { scanCapture } from '../../pipeline.ts';
import { fileSource, nodeGunzip } from '../../../cli/sources.ts';
import { HAVE_LAB_CORPUS, LAB_CORPUS, NO_CORPUS_MESSAGE } from '../../../test-support/corpus.ts';
import { versionName } from '../../dissect/tls-constants.ts';
import type { TlsConnectionState } from './tls-connection-state.ts';
import { tlsFrameRecord, type TlsFrameRecord } from './tls-frame-info.ts';

interface Attempt {
  tcp_stream: number;
  client_hello: number | null;
  client_hello_sni: string | null;
  client_hello_retransmissions: number[];
  server_hello: number | null;
  server_certificate: { frame: number; chain: { subject: string; issuer: string }[] } | null;
  tls_version: string | null;
  alerts: { frame: number; from: string; level: string; description: number }[];
  via_proxy: boolean;
}

interface LabTruth {
  scenario: string;
  key_frames: { client_hellos: number[]; client_hello_retransmissions: number[]; server_hellos: number[]; tls_alerts: number[] };
  frames: { tls_attempts: Attempt[] };
}

interface Result {
  frames: Map<number, TlsFrameRecord>;
  connections: TlsConnectionState[];
}

async function run(path: string): Promise<Result> {
  const frames = new Map<number, TlsFrameRecord>();
  const result = await scanCapture(fileSource(path), { gunzip: nodeGunzip, keepIndex: false }, (v) => {
    if (v.tls !== null) frames.set(v.raw.number, tlsFrameRecord(v.tls));
  });
  return { frames, connections: result.app.tls.connections() };
}

const scenarios = HAVE_LAB_CORPUS ? readdirSync(LAB_CORPUS).filter((d) => existsSync(join(LAB_CORPUS, d, 'truth.json'))).sort() : [];

describe.skipIf(!HAVE_LAB_CORPUS)('TLS in the lab scenarios', () => {
  test.each(scenarios)('%s', async (name) => {
    const truth = JSON.parse(readFileSync(join(LAB_CORPUS, name, 'truth.json'), 'utf8')) as LabTruth;
    const r = await run(join(LAB_CORPUS, name, 'capture.pcap'));
    const hellos = [...r.frames].filter(([, f]) => f.handshake.includes(1)).map(([n]) => n);
    const serverHellos = [...r.frames].filter(([, f]) => f.handshake.includes(2)).map(([n]) => n);
    const alertFrames = [...r.frames].filter(([, f]) => f.alert !== null).map(([n]) => n);
    const k = truth.key_frames;
    expect(hellos).toEqual(expect.arrayContaining(k.client_hellos));
    expect(serverHellos).toEqual(expect.arrayContaining(k.server_hellos));
    expect(alertFrames).toEqual(expect.arrayContaining(k.tls_alerts));
    // a retransmitted ClientHello segment is not read again: no TLS at all in its frame
    for (const f of k.client_hello_retransmissions) expect(r.frames.get(f), `frame ${f}`).toBeUndefined();

    for (const a of truth.frames.tls_attempts) {
      const conn = r.connections.find((c) => c.stream === a.tcp_stream);
      if (a.client_hello === null) {
        expect(conn?.clientHello ?? null).toBeNull();
        continue;
      }
      expect(r.frames.get(a.client_hello)?.sni).toBe(a.client_hello_sni);
      expect(conn?.clientHello?.frame).toBe(a.client_hello);
      expect(conn?.clientHelloCount).toBe(1);
      expect(conn?.tunnel).toBe(a.via_proxy);
      expect(conn?.serverHello?.frame ?? null).toBe(a.server_hello);
      expect(conn?.version ? versionName(conn.version) : null).toBe(a.tls_version);
      expect(conn?.alerts.map((x) => ({ frame: x.frame, fromClient: x.fromClient, level: x.level, description: x.description }))).toEqual(
        a.alerts.map((x) => ({ frame: x.frame, fromClient: x.from === 'nps', level: x.level === 'fatal' ? 2 : 1, description: x.description })),
      );
      for (const x of a.alerts) expect(r.frames.get(x.frame)?.alert).toEqual({ level: x.level === 'fatal' ? 2 : 1, description: x.description });
      if (a.server_certificate !== null) {
        expect(conn?.certificate).toEqual({ frame: a.server_certificate.frame, chain: a.server_certificate.chain });
        expect(r.frames.get(a.server_certificate.frame)?.certificate).toEqual(a.server_certificate.chain[0]);
      }
      const complete = a.server_hello !== null && a.alerts.length === 0;
      expect(conn?.handshakeComplete, `stream ${a.tcp_stream} handshake complete`).toBe(complete);
    }
  });

  test.each(scenarios)('%s: the pcapng copies read the same', async (name) => {
    const base = await run(join(LAB_CORPUS, name, 'capture.pcap'));
    for (const copy of ['capture.pcapng', 'capture-nsec.pcapng']) {
      const p = join(LAB_CORPUS, name, copy);
      if (!existsSync(p)) continue;
      const other = await run(p);
      expect([...other.frames]).toEqual([...base.frames]);
      expect(other.connections).toEqual(base.connections);
    }
  });

  test('tls-blackhole: one ClientHello, eight retransmissions, no answer', async () => {
    const r = await run(join(LAB_CORPUS, 'tls-blackhole', 'capture.pcap'));
    const c = r.connections.find((x) => x.stream === 0)!;
    expect(c.clientHello?.sni).toBe('login.microsoftonline.com');
    expect(c.clientHelloCount).toBe(1);
    expect(c.serverHello).toBeNull();
    expect(c.handshakeComplete).toBe(false);
    expect(c.clientKnown).toBe(true);
    expect(c.clientSide).toBe('a');
  });
});

test.skipIf(HAVE_LAB_CORPUS)('lab corpus TLS scenarios (skipped)', () => {
  console.log(NO_CORPUS_MESSAGE);
});
