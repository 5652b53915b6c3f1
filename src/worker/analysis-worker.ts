// The analysis worker: reads and analyses captures off the UI thread, keeps what the page asks for later
// (the frame index, the table's columns, the report), and answers through comlink (see api.ts). The page
// never holds every packet: it asks for the rows and frames it shows.

import * as Comlink from 'comlink';
import {
  analyseCapture,
  CancelledError,
  CaptureFormatError,
  formatEpoch,
  formatIso,
  FilterColumnsBuilder,
  FrameTable,
  PcapngWriter,
  type FrameColumns,
  type Analysis,
  type FrameBytesSource,
  type FrameVisit,
} from '../core/index.ts';
import { MAX_COMMENTS, MAX_DIAGNOSTICS } from './api.ts';
import type { AnalysisApi, FilterResult, FrameDetail, OpenOptions, OpenProgress, OpenResult } from './api.ts';
import { blobChunks, slowly } from './blob-chunks.ts';
import { readerChunks, warmReader } from './reader-chunks.ts';
import { ProvisionalSchedule } from './provisional-schedule.ts';
import { BlobFrames, ChunkFrames, readSpan } from './frame-bytes.ts';
import { GunzipError, gunzip } from './gunzip.ts';
import { applyFilter, frameDetail } from './views.ts';

/** Progress reports cross a thread boundary; a few per second are plenty. */
const PROGRESS_INTERVAL_MS = 100;

interface Opened {
  analysis: Analysis;
  table: FrameTable;
  bytes: FrameBytesSource;
  columns: FrameColumns;
  /** The frames shown, in order (all of them when no filter is set). */
  view: Uint32Array;
}

let current: { aborted: boolean } | null = null;
let opened: Opened | null = null;

function plainError(e: unknown): Error {
  if (e instanceof CaptureFormatError || e instanceof GunzipError) return new Error(e.message);
  if (e instanceof CancelledError) return new Error('Reading was cancelled.');
  if (e instanceof DOMException && (e.name === 'NotReadableError' || e.name === 'NotFoundError')) {
    return new Error('The browser could not read the file: it may have been moved, changed or deleted since it was chosen. Choose it again.');
  }
  const detail = e instanceof Error ? e.message : String(e);
  return new Error(`Something went wrong while reading the file (${detail}). This is a bug in radscope; please report it.`);
}

async function open(file: Blob, options: OpenOptions, onProgress?: (p: OpenProgress) => void): Promise<OpenResult> {
  if (current) current.aborted = true;
  const signal = { aborted: false };
  current = signal;
  opened = null;
  const report = (p: OpenProgress) => {
    // A comlink proxy returns a promise; a UI that has gone away must not cause an unhandled rejection.
    if (onProgress) void Promise.resolve(onProgress(p) as unknown).catch(() => undefined);
  };
  let read = 0;
  let frames = 0;
  let lastReport = 0;
  const table = new FrameTable();
  const filterColumns = new FilterColumnsBuilder({ fromIndex: true });
  const kept = new ChunkFrames();
  let compressed = false;
  const onRead = (n: number) => {
    read = n;
  };
  const slow = options.slowRead;
  const schedule = new ProvisionalSchedule(() => performance.now());
  try {
    const analysis = await analyseCapture(
      slow ? slowly(blobChunks(file, onRead, slow.chunkBytes), slow.delayMs) : readerChunks(file, onRead),
      {
        gunzip: (src) => {
          compressed = true;
          return kept.keep(gunzip(src));
        },
        signal,
        keepIndex: true,
        sizeHint: file.size,
        // the columns kept here get room for the whole file when the frame index does
        onReserve(frames) {
          table.reserve(frames);
          filterColumns.reserve(frames);
        },
        name: file instanceof File ? file.name : null,
        radius: { secrets: options.secrets ?? [], ports: options.radiusPorts ?? [] },
        ...(options.radiusServers?.length ? { radiusServers: options.radiusServers } : {}),
        onProgress(_bytes, n) {
          frames = n;
          const now = performance.now();
          if (now - lastReport < PROGRESS_INTERVAL_MS) return;
          lastReport = now;
          report({ bytes: read, totalBytes: file.size, frames });
        },
        provisional: {
          due: () => schedule.due(),
          report(provisional) {
            report({ bytes: read, totalBytes: file.size, frames, provisional });
            schedule.done();
          },
        },
      },
      (v: FrameVisit) => {
        table.add(v);
        filterColumns.add(v);
      },
    );
    report({ bytes: file.size, totalBytes: file.size, frames: analysis.scan.frames });
    const scan = analysis.scan;
    table.radiusAfter = (n) => scan.radius.infoForFrame(n);
    const all = new Uint32Array(scan.frames);
    for (let i = 0; i < all.length; i++) all[i] = i + 1;
    if (signal.aborted) throw new CancelledError();
    const columns = filterColumns.finish({
      radius: scan.radius.frames().map((r) => ({ frame: r.frame, code: r.code, id: r.id })),
      findings: analysis.report.findings.map((f) => ({ id: f.id, frames: f.frames })),
      index: scan.index!,
    });
    opened = { analysis, table, bytes: compressed ? kept : new BlobFrames(file), columns, view: all };
    const first = scan.firstTime;
    const last = scan.lastTime;
    return {
      name: file instanceof File ? file.name : 'capture',
      format: scan.summary.format,
      frames: scan.frames,
      bytes: scan.bytes,
      compressed: scan.compressed,
      linkTypes: scan.summary.interfaces.map((i) => i.linkType),
      firstTime: first && formatEpoch(first.sec, first.nsec),
      lastTime: last && formatEpoch(last.sec, last.nsec),
      firstTimeUtc: first && formatIso(first.sec, first.nsec),
      lastTimeUtc: last && formatIso(last.sec, last.nsec),
      diagnostics: scan.diagnostics.slice(0, MAX_DIAGNOSTICS).map((d) => ({ ...d })),
      diagnosticsOmitted: Math.max(0, scan.diagnostics.length - MAX_DIAGNOSTICS),
      comments: scan.summary.comments.slice(0, MAX_COMMENTS).map((c) => ({ scope: c.scope, ref: c.ref, text: c.text })),
      commentsOmitted: Math.max(0, scan.summary.comments.length - MAX_COMMENTS),
      report: analysis.report,
      provisional: { reports: schedule.reports, ms: Math.round(schedule.ms) },
    };
  } catch (e) {
    throw plainError(e);
  } finally {
    if (current === signal) current = null;
    (onProgress as Partial<Comlink.ProxyMethods> | undefined)?.[Comlink.releaseProxy]?.();
  }
}

function need(): Opened {
  if (opened === null) throw new Error('No capture is open.');
  return opened;
}

const api: AnalysisApi = {
  open,
  cancel() {
    if (current) current.aborted = true;
  },
  rowCount() {
    return opened?.view.length ?? 0;
  },
  async rows(start, count) {
    const o = need();
    const from = Math.max(0, start);
    const frames = Array.from(o.view.subarray(from, Math.min(o.view.length, from + Math.max(0, count))));
    const index = o.analysis.scan.index!;
    const span = await readSpan(o.bytes, frames.map((f) => ({ offset: index.fileOffset.get(f - 1), length: index.capLen.get(f - 1) })));
    return o.table.rows(index, frames, from > 0 ? o.view[from - 1]! : null, span);
  },
  indexOfFrame(frame) {
    const v = need().view;
    // the view is ascending: binary search
    let lo = 0;
    let hi = v.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (v[mid] === frame) return mid;
      if (v[mid]! < frame) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  },
  async setFilter(expression): Promise<FilterResult> {
    const o = need();
    const r = applyFilter(o, expression);
    if (r.ok) o.view = r.view;
    return r.ok ? { ok: true, count: r.view.length } : r;
  },
  async frame(frame): Promise<FrameDetail> {
    return frameDetail(need(), frame);
  },
  async exportPcapng() {
    const o = need();
    const index = o.analysis.scan.index!;
    const ifaces = o.analysis.scan.summary.interfaces;
    const w = new PcapngWriter();
    for (const frame of o.view) {
      const i = frame - 1;
      const iface = ifaces[index.interfaceId.get(i)];
      const sec = index.sec.get(i);
      w.add(
        { linkType: index.linkType.get(i), snapLen: iface?.snapLen ?? 262144, ...(iface?.name ? { name: iface.name } : {}) },
        await o.bytes.read(index.fileOffset.get(i), index.capLen.get(i)),
        index.origLen.get(i),
        Number.isNaN(sec) ? 0 : sec,
        index.nsec.get(i),
      );
    }
    const out = w.bytes();
    return Comlink.transfer(out, [out.buffer as ArrayBuffer]);
  },
  conversations() {
    return need().analysis.scan.conversations;
  },
};

Comlink.expose(api);
// the first capture's reader thread, started while the page waits for one
warmReader();
