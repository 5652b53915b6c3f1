// Benchmark (npm run bench:filter; not part of npm test): the display filter's predicate over 1.3 million
// frames of typed-array columns, as the worker holds them (tens of milliseconds per filter here).

import { bench, describe } from 'vitest';
import { TcpFlag } from '../src/core/analysis/tcp/tcp-flags.ts';
import { AddressTable } from '../src/core/filter/address.ts';
import { Layer, type FrameColumns, type RadiusFields, type TlsFields } from '../src/core/filter/columns.ts';
import { compileFilter, matchingFrames } from '../src/core/filter/compile.ts';

const N = 1_300_000;

function syntheticColumns(): FrameColumns {
  const addresses = new AddressTable();
  const ids = Array.from({ length: 20_000 }, (_, k) => addresses.internIpv4((10 << 24) + k * 7));
  const c = {
    layers: new Uint16Array(N), len: new Uint32Array(N), sec: new Float64Array(N), nsec: new Uint32Array(N),
    srcAddr: new Uint32Array(N), dstAddr: new Uint32Array(N), srcPort: new Uint16Array(N), dstPort: new Uint16Array(N),
    stream: new Int32Array(N), tcpFlags: new Uint16Array(N), tcpLen: new Uint32Array(N), analysisFlags: new Uint32Array(N),
  };
  const radius = new Map<number, RadiusFields>();
  const tls = new Map<number, TlsFields>();
  for (let i = 0; i < N; i++) {
    const tcp = i % 3 !== 0;
    const isRadius = !tcp && i % 7 === 0;
    c.layers[i] = Layer.IP | (tcp ? Layer.TCP : Layer.UDP) | (tcp && i % 50 === 1 ? Layer.TLS : 0) | (isRadius ? Layer.RADIUS : 0);
    c.srcAddr[i] = ids[i % ids.length]!;
    c.dstAddr[i] = ids[(i * 7919) % ids.length]!;
    c.srcPort[i] = 1024 + (i % 60_000);
    c.dstPort[i] = tcp ? 443 : 1812;
    c.stream[i] = tcp ? i % 5000 : -1;
    c.tcpFlags[i] = tcp ? (i % 100 === 1 ? 0x002 : 0x010) : 0;
    c.analysisFlags[i] = tcp && i % 97 === 1 ? TcpFlag.RETRANSMISSION : 0;
    c.len[i] = 60 + (i % 1400);
    c.tcpLen[i] = tcp ? i % 1000 : 0;
    c.sec[i] = 1_700_000_000 + Math.floor(i / 1000);
    c.nsec[i] = (i % 1000) * 1_000_000;
    if (isRadius) radius.set(i, { code: 1 + ((i / 3) % 3), id: i & 255 });
    if (tcp && i % 50 === 1) tls.set(i, { handshake: [1], contentTypes: [22], sni: 'login.microsoftonline.com', alertLevels: [], alertDescriptions: [] });
  }
  return {
    count: N, ...c, capLen: c.len, addresses, radius, tls, dns: new Map(), http: new Map(),
    findings: new Map([['tls.clienthello.unanswered', new Set([1, 51, 101])]]),
  };
}

const FILTERS = [
  'tcp',
  'tcp.analysis.retransmission',
  'ip.addr == 10.0.0.70',
  'ip.addr == 10.61.10.10 && tcp.port == 443',
  'frame.number >= 10 and not arp',
  'tcp.flags.syn == 1 && tcp.flags.ack == 0',
  'tcp.flags.reset == 1',
  'radius.code == 2',
  'radius',
  'tls.handshake.type == 1',
  'tls.handshake.extensions_server_name contains "microsoft"',
  'ip.addr in {10.0.0.0/24, 10.0.8.0/22} && (tcp.port in {80, 443, 8000..8080} || udp.port == 1812)',
  'frame.time_relative >= 500.5',
  'tcp.port != 443',
  'frame.len > 1000 or tcp.len > 500',
  'tcp.srcport < tcp.dstport',
  'tls.clienthello.unanswered',
];

const cols = syntheticColumns();

describe(`${FILTERS.length} filters over ${N} frames`, () => {
  for (const text of FILTERS) {
    const f = compileFilter(text, cols);
    if (!f.ok) throw new Error(`${text}: ${f.error}`);
    bench(text, () => {
      matchingFrames(f.predicate, N);
    }, { iterations: 3 });
  }
});
