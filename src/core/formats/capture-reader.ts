// Reads a capture from a stream of chunks: sniffs the format, undoes gzip through an injected decompressor
// (the core has no platform APIs), and feeds the right reader. Throws CaptureFormatError only when nothing
// can be read at all; every other problem reaches the sink as a Diagnostic and reading goes on.

import { CancelledError, CaptureFormatError } from '../base/errors.ts';
import type { FrameSink } from './frame-sink.ts';
import { PcapReader } from './pcap.ts';
import { PcapngReader } from './pcapng.ts';
import type { FormatSummary } from './raw-frame.ts';
import { SNIFF_BYTES, sniff } from './sniff.ts';

export type ChunkSource = AsyncIterable<Uint8Array>;
/** Turns a stream of gzip bytes into the stream of bytes it holds (DecompressionStream, node:zlib...). */
export type Gunzip = (compressed: ChunkSource) => ChunkSource;

export interface ReadOptions {
  gunzip?: Gunzip;
  /** Checked between chunks; when set, reading stops with CancelledError. */
  signal?: { readonly aborted: boolean };
  /** Called after each chunk with the bytes of the capture (after decompression) read so far. */
  onProgress?: (bytes: number, frames: number) => void;
}

export interface CaptureReadResult {
  summary: FormatSummary;
  frames: number;
  /** Bytes of capture data read (after decompression). */
  bytes: number;
  compressed: boolean;
}

export async function readCapture(source: ChunkSource, sink: FrameSink, opts: ReadOptions = {}): Promise<CaptureReadResult> {
  return readSniffed(source, sink, opts, false);
}

async function readSniffed(source: ChunkSource, sink: FrameSink, opts: ReadOptions, compressed: boolean): Promise<CaptureReadResult> {
  const it = source[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headLen = 0;
  let done = false;
  while (headLen < SNIFF_BYTES) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    if (r.value.length === 0) continue;
    head.push(r.value);
    headLen += r.value.length;
  }
  const first = concatHead(head, Math.min(headLen, SNIFF_BYTES));
  const kind = sniff(first);
  const replay = replayThen(head, done ? null : it);

  if (kind.kind === 'gzip') {
    if (compressed) throw new CaptureFormatError('The file is gzip inside gzip; radscope undoes one layer of compression only.', 'gzip');
    if (!opts.gunzip) throw new CaptureFormatError('The file is gzip-compressed and this build has no decompressor.', 'gzip');
    return readSniffed(opts.gunzip(replay), sink, opts, true);
  }
  if (kind.kind === 'unreadable') {
    throw new CaptureFormatError(compressed ? `Inside the gzip layer: ${kind.message}` : kind.message, kind.detected);
  }
  const reader = kind.kind === 'pcap' ? new PcapReader(sink) : new PcapngReader(sink);
  let bytes = 0;
  for await (const chunk of replay) {
    if (opts.signal?.aborted) throw new CancelledError();
    reader.feed(chunk);
    bytes += chunk.length;
    opts.onProgress?.(bytes, reader.frames);
  }
  reader.end();
  return { summary: reader.summary, frames: reader.frames, bytes, compressed };
}

function concatHead(parts: Uint8Array[], n: number): Uint8Array {
  if (parts.length === 1 || n === 0) return (parts[0] ?? new Uint8Array(0)).subarray(0, n);
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    if (o >= n) break;
    const take = Math.min(p.length, n - o);
    out.set(p.subarray(0, take), o);
    o += take;
  }
  return out;
}

/** The chunks already pulled for sniffing, then the rest of the iterator. */
async function* replayThen(head: Uint8Array[], rest: AsyncIterator<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  yield* head;
  if (rest === null) return;
  for (;;) {
    const r = await rest.next();
    if (r.done) return;
    yield r.value;
  }
}
