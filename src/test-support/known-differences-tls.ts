// Where radscope's TLS reading deliberately differs from tshark 4.0 on the public corpus. Every entry has a
// reason; tls.differential.test.ts fails on any difference not listed here and on any entry that no longer
// matches a difference.

export interface KnownTlsDifference {
  /** Capture path relative to corpus/public. */
  file: string;
  /** Field compared (a tshark field name). */
  field: string;
  frames: number[];
  reason: string;
}

const HRR_OUT_OF_ORDER =
  "Frame 9 arrives after a hole (tcp.analysis.lost_segment) and frame 11 fills it (out_of_order). tshark 4.0 runs with " +
  "tcp.reassemble_out_of_order off (its default): it hands frame 9 to TLS at once (\"Continuation Data\") and never " +
  "dissects frame 11, so the real ServerHello after the HelloRetryRequest (and the record after it) goes unseen. radscope " +
  "holds frame 9 until frame 11 fills the hole and reads both in order, which is what tshark shows with " +
  "-o tcp.reassemble_out_of_order:TRUE (checked: frame 11 = content types 22, versions 0x0303,0x0303, handshake type 2).";

export const KNOWN_TLS_DIFFERENCES: KnownTlsDifference[] = [
  ...[
    'tls.record.content_type',
    'tls.record.version',
    'tls.handshake.type',
    'tls.handshake.extensions.supported_version',
    'tls.handshake.ja3s',
    'tls.handshake.ja3s_full',
  ].map((field) => ({ file: 'zeek-zeek/tls/hrr.pcap', field, frames: [11], reason: HRR_OUT_OF_ORDER })),
];

// ---------------------------------------------------------------------------------------------------------
// Test stand-in for the HTTP CONNECT parser (owned elsewhere, not wired into the pipeline yet), so that the
// TLS tests can follow TLS inside a proxy tunnel through the public API a real parser would use: a claimer
// on the shared reassembler, and TlsTracker.openTunnel + TcpReassemblyRouter.handoff at the tunnel offsets.
// It understands only "CONNECT host:port HTTP/1.x" answered by a 2xx status line.

import type { ByteSink } from '../core/analysis/tcp/tcp-reassembly.ts';
import type { TlsTracker } from '../core/analysis/tls/tls-tracker.ts';

const MAX_HEAD = 8192;

class HeadReader implements ByteSink {
  text = '';
  /** Offset of the first byte after the head (-1 until seen). */
  after = -1;
  /** Bytes after the head that arrived in the same chunk (requester side), for the tunnel. */
  extra: { bytes: Uint8Array; offset: number; frame: number }[] = [];
  constructor(private readonly onHead: (r: HeadReader, frame: number, bytes: Uint8Array, at: number, end: number) => void) {}
  data(bytes: Uint8Array, start: number, end: number, offset: number, frame: number): void {
    if (this.after >= 0) {
      this.extra.push({ bytes: bytes.slice(start, end), offset, frame });
      return;
    }
    for (let i = start; i < end && this.text.length < MAX_HEAD; i++) {
      this.text += String.fromCharCode(bytes[i]!);
      if (this.text.endsWith('\r\n\r\n')) {
        this.after = offset + (i + 1 - start);
        this.onHead(this, frame, bytes, i + 1, end);
        return;
      }
    }
  }
  gap(): void {}
}

/** Follows HTTP CONNECT tunnels and hands their bytes to `tls` (register after the TlsTracker is made). */
export function connectShim(tls: TlsTracker): void {
  const router = tls.router;
  router.addClaimer((f) => {
    const n = Math.min(8, f.end - f.start);
    let head = '';
    for (let i = 0; i < n; i++) head += String.fromCharCode(f.data[f.start + i]!);
    if (head !== 'CONNECT ') return null;
    const reqFromA = f.fromA;
    const id = f.stream;
    const request = new HeadReader((r, _frame, bytes, at, end) => {
      if (at < end) r.extra.push({ bytes: bytes.slice(at, end), offset: r.after, frame: _frame });
    });
    const response = new HeadReader((r, frame) => {
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(r.text);
      if (status === null || status[1]![0] !== '2' || request.after < 0) {
        r.text = '';
        r.after = -1;
        request.text = '';
        request.after = -1;
        return;
      }
      const sinks = tls.openTunnel(id);
      router.handoff(id, !reqFromA, r.after, sinks.server);
      router.handoff(id, reqFromA, request.after + request.extra.reduce((s, x) => s + x.bytes.length, 0), sinks.client);
      for (const x of request.extra) sinks.client.data(x.bytes, 0, x.bytes.length, x.offset, x.frame);
      void frame;
    });
    return {
      sinkA: reqFromA ? request : response,
      sinkB: reqFromA ? response : request,
      closed: () => tls.closeTunnel(id),
    };
  });
}
