// The UI's handle on the analysis worker: one worker per page, created on first use, wrapped with comlink.
// Only types come from the worker's side (api.ts); the worker's code is bundled separately by Vite.
//
// `?worker&inline`: the build puts the worker's code (a classic IIFE script, worker.format in vite.config.ts)
// into the page as a string and starts it from a blob: URL, so the single-file build runs from file:// (where a
// worker file or a module worker cannot load) and offline, with no request. `npm run dev` serves it as a
// module worker file as before.
//
// Every string the worker sends (the report, packet rows, a frame's layers) comes out of the capture and is
// passed through forDisplay here, once, so no view shows a control or bidi character (display-text.ts).

import * as Comlink from 'comlink';
import type { AnalysisApi, ConversationSummary, FilterResult, FrameDetail, OpenOptions, OpenProgress, OpenResult, PacketRow } from '../worker/api.ts';
import AnalysisWorker from '../worker/analysis-worker.ts?worker&inline';
import { forDisplay } from '../core/base/display-text.ts';

let remote: Comlink.Remote<AnalysisApi> | null = null;
/** Rejects when the worker cannot start (a blocked or missing script), so an open never hangs silently. */
let failed: Promise<never> | null = null;

function connect(): { remote: Comlink.Remote<AnalysisApi>; failed: Promise<never> } {
  if (!remote || !failed) {
    const worker = new AnalysisWorker({ name: 'radscope analysis' });
    failed = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        reject(new Error('The analysis worker could not start in this browser, so the capture cannot be read. Reload the page; if it keeps happening, try another browser.'));
        remote = null;
        failed = null;
      });
    });
    failed.catch(() => undefined);
    remote = Comlink.wrap<AnalysisApi>(worker);
  }
  return { remote, failed };
}

/**
 * Starts the worker ahead of the first capture, once the page is idle: starting it (compiling its script,
 * and its own start of a reader thread) otherwise comes out of the time from drop to verdict.
 */
export function warmUp(): void {
  const start = () => void connect();
  if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 200);
}

/** Set by an end-to-end test (page.addInitScript) to read slowly and see provisional results: OpenOptions.slowRead. */
declare global {
  var __radscopeSlowRead: OpenOptions['slowRead'] | undefined;
}

export function openCapture(file: Blob, options: OpenOptions, onProgress: (p: OpenProgress) => void): Promise<OpenResult> {
  const w = connect();
  const slow = globalThis.__radscopeSlowRead;
  // provisional reports come with the progress: their strings go through forDisplay too
  const progress = (p: OpenProgress) => onProgress(p.provisional ? { ...p, provisional: forDisplay(p.provisional) } : p);
  return Promise.race([w.remote.open(file, slow ? { ...options, slowRead: slow } : options, Comlink.proxy(progress)), w.failed]).then(forDisplay);
}

/** The worker itself (to cancel an open). */
export function analysis(): Comlink.Remote<AnalysisApi> {
  return connect().remote;
}

/** The views of an open capture (rows, frames, filter, export), their strings ready for display. */
export interface CaptureViews {
  rows(start: number, count: number): Promise<PacketRow[]>;
  setFilter(expression: string): Promise<FilterResult>;
  indexOfFrame(frame: number): Promise<number>;
  frame(frame: number): Promise<FrameDetail>;
  exportPcapng(): Promise<Uint8Array>;
  conversations(): Promise<ConversationSummary[]>;
}

/** One views object per worker, so that callers can keep it (React hooks compare it by identity). */
let viewsOf: { remote: Comlink.Remote<AnalysisApi>; views: CaptureViews } | null = null;

export function captureViews(): CaptureViews {
  const remote = connect().remote;
  if (viewsOf?.remote !== remote) {
    viewsOf = {
      remote,
      views: {
        rows: async (start, count) => forDisplay(await remote.rows(start, count)),
        setFilter: (expression) => remote.setFilter(expression),
        indexOfFrame: (frame) => remote.indexOfFrame(frame),
        frame: async (frame) => forDisplay(await remote.frame(frame)),
        exportPcapng: () => remote.exportPcapng(),
        conversations: async () => forDisplay(await remote.conversations()),
      },
    };
  }
  return viewsOf.views;
}
