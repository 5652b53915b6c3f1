// Reads a capture from a stream of chunks: sniffs the format, undoes gzip through an injected decompressor
// (the core has no platform APIs), and feeds the right reader. Throws CaptureFormatError only when nothing
// can be read at all; every other problem reaches the sink as a Diagnostic and reading goes on.

import { CancelledError, CaptureFormatError } from '../base/errors.ts';
import type { FrameSink } from './frame-sink.ts';
import { PcapReader } from './pcap.ts';
import { PcapngReader } from './pcapng.ts';
import type { FormatSummary } from './raw-frame.ts';
import { SNIFF_BYTES, sniff } from './sniff.ts';

/**
 * The capture's bytes in chunks. A source may reuse a chunk's memory once two later chunks have been asked
 * for: the reader parses a chunk while the next is being read (below) and keeps no view of one after that
 * (records cut by a chunk's end are copied: record-stream.ts; TCP bytes held out of order are copied:
 * tcp-reassembly.ts). The worker's reader thread recycles its buffers so (worker/reader-chunks.ts);
 * capture-reader.recycle.test.ts holds the core to it.
 */
export type ChunkSource = AsyncIterable<Uint8Array>;
/** Turns a stream of gzip bytes into the stream of bytes it holds (DecompressionStream, node:zlib...). It may
 * get chunks whose memory is reused (ChunkSource): a decompressor that holds its input copies it. */
export type Gunzip = (compressed: ChunkSource) => ChunkSource;

export interface ReadOptions {
  gunzip?: Gunzip;
  /** Checked between chunks; when set, reading stops with CancelledError. */
  signal?: { readonly aborted: boolean };
  /** Called after each chunk with the bytes of the capture (after decompression) read so far, the frames, and
   * the format summary so far (the reader's own object: read it, do not keep it). */
  onProgress?: (bytes: number, frames: number, summary: FormatSummary) => void;
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
  const { head, headLen, done } = await readHead(it);
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
  // The next chunk is asked for before this one is parsed, so that reading it (a file read, a Blob slice,
  // decompression) runs while the frames of this one are decoded: a 1 GB file spent a tenth of its time
  // waiting for reads otherwise. Sources hand out a fresh chunk each time (views of a chunk may outlive it).
  const chunks = replay[Symbol.asyncIterator]();
  let next: Promise<IteratorResult<Uint8Array>> | null = chunks.next();
  let completed = false;
  try {
    for (;;) {
      const r: IteratorResult<Uint8Array> = await next;
      next = null;
      if (r.done) break;
      if (opts.signal?.aborted) throw new CancelledError();
      next = chunks.next();
      reader.feed(r.value);
      bytes += r.value.length;
      opts.onProgress?.(bytes, reader.frames, reader.summary);
    }
    completed = true;
  } finally {
    if (!completed) {
      // stopped early (cancelled, or a frame callback threw): let a read in flight settle, close the source
      next?.catch(() => {});
      void chunks.return?.(undefined).catch(() => {});
    }
  }
  reader.end();
  return { summary: reader.summary, frames: reader.frames, bytes, compressed };
}

/** The first chunks, enough to sniff the format. (A function of its own: the scope of a suspended async
 * function lives as long as the read, and a chunk left in one of its variables would too.) */
async function readHead(it: AsyncIterator<Uint8Array>): Promise<{ head: Uint8Array[]; headLen: number; done: boolean }> {
  const head: Uint8Array[] = [];
  let headLen = 0;
  while (headLen < SNIFF_BYTES) {
    const r = await it.next();
    if (r.done) return { head, headLen, done: true };
    if (r.value.length === 0) continue;
    // a first chunk too small to sniff (tiny files, tests): the head outlives the chunks asked for after it
    if (head.length === 1) head[0] = head[0]!.slice();
    head.push(head.length > 0 ? r.value.slice() : r.value);
    headLen += r.value.length;
  }
  return { head, headLen, done: false };
}

function concatHead(parts: Uint8Array[], n: number): Uint8Array {
  // a copy (a few bytes): a view would keep the whole first chunk alive as long as this scope lives
  if (parts.length === 1 || n === 0) return (parts[0] ?? new Uint8Array(0)).slice(0, n);
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
  let finished = rest === null;
  try {
    // handed out one by one and forgotten: the array would keep the first chunk (MiBs) for the whole read
    while (head.length > 0) yield head.shift()!;
    if (rest === null) return;
    for (;;) {
      const r = await rest.next();
      if (r.done) {
        finished = true;
        return;
      }
      yield r.value;
    }
  } finally {
    // stopped early (cancelled, or a frame callback threw): close the source (a file handle...)
    if (!finished) await rest?.return?.(undefined);
  }
}
