// The analysis worker: reads captures off the UI thread and answers through comlink (see api.ts).

import * as Comlink from 'comlink';
import { CancelledError, CaptureFormatError, formatEpoch, formatIso, readCapture } from '../core/index.ts';
import type { Diagnostic, FrameSink, RawFrame } from '../core/index.ts';
import { MAX_DIAGNOSTICS } from './api.ts';
import type { AnalysisApi, OpenDiagnostic, OpenProgress, OpenResult } from './api.ts';
import { blobChunks } from './blob-chunks.ts';
import { GunzipError, gunzip } from './gunzip.ts';

/** Progress reports cross a thread boundary; a few per second are plenty. */
const PROGRESS_INTERVAL_MS = 100;

let current: { aborted: boolean } | null = null;

/** Collects what the first page shows; copies numbers out of the reused RawFrame, never keeps it. */
class OpenSummarySink implements FrameSink {
  first: { sec: number; nsec: number } | null = null;
  last: { sec: number; nsec: number } | null = null;
  readonly diagnostics: OpenDiagnostic[] = [];
  diagnosticsOmitted = 0;

  frame(f: RawFrame): void {
    if (!f.hasTime) return;
    if (this.first === null) this.first = { sec: f.sec, nsec: f.nsec };
    if (this.last === null) this.last = { sec: f.sec, nsec: f.nsec };
    else {
      this.last.sec = f.sec;
      this.last.nsec = f.nsec;
    }
  }

  diagnostic(d: Diagnostic): void {
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) {
      this.diagnosticsOmitted++;
      return;
    }
    const out: OpenDiagnostic = { id: d.id, severity: d.severity, message: d.message };
    if (d.frame !== undefined) out.frame = d.frame;
    if (d.fileOffset !== undefined) out.fileOffset = d.fileOffset;
    this.diagnostics.push(out);
  }
}

function plainError(e: unknown): Error {
  if (e instanceof CaptureFormatError || e instanceof GunzipError) return new Error(e.message);
  if (e instanceof CancelledError) return new Error('Opening was cancelled because another file was opened.');
  if (e instanceof DOMException && (e.name === 'NotReadableError' || e.name === 'NotFoundError')) {
    return new Error('The browser could not read the file: it may have been moved, changed or deleted since it was chosen. Choose it again.');
  }
  const detail = e instanceof Error ? e.message : String(e);
  return new Error(`Something went wrong while reading the file (${detail}). This is a bug in radscope; please report it.`);
}

async function open(file: Blob, onProgress?: (p: OpenProgress) => void): Promise<OpenResult> {
  if (current) current.aborted = true;
  const signal = { aborted: false };
  current = signal;
  const sink = new OpenSummarySink();
  let lastReport = 0;
  const report = (p: OpenProgress) => {
    // A comlink proxy returns a promise; a UI that has gone away must not cause an unhandled rejection.
    if (onProgress) void Promise.resolve(onProgress(p) as unknown).catch(() => undefined);
  };
  try {
    const r = await readCapture(blobChunks(file), sink, {
      gunzip,
      signal,
      onProgress(bytes, frames) {
        const now = performance.now();
        if (now - lastReport < PROGRESS_INTERVAL_MS) return;
        lastReport = now;
        report({ bytes, frames });
      },
    });
    report({ bytes: r.bytes, frames: r.frames });
    const { first, last } = sink;
    return {
      format: r.summary.format,
      frames: r.frames,
      bytes: r.bytes,
      compressed: r.compressed,
      linkTypes: r.summary.interfaces.map((i) => i.linkType),
      firstTime: first && formatEpoch(first.sec, first.nsec),
      lastTime: last && formatEpoch(last.sec, last.nsec),
      firstTimeUtc: first && formatIso(first.sec, first.nsec),
      lastTimeUtc: last && formatIso(last.sec, last.nsec),
      diagnostics: sink.diagnostics,
      diagnosticsOmitted: sink.diagnosticsOmitted,
    };
  } catch (e) {
    throw plainError(e);
  } finally {
    if (current === signal) current = null;
    (onProgress as Partial<Comlink.ProxyMethods> | undefined)?.[Comlink.releaseProxy]?.();
  }
}

const api: AnalysisApi = { open };
Comlink.expose(api);
