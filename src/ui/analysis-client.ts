// The UI's handle on the analysis worker: one worker per page, created on first use, wrapped with comlink.
// Only types come from the worker's side (api.ts); the worker's code is bundled separately by Vite.
//
// `?worker&inline`: the build puts the worker's code (a classic IIFE script, worker.format in vite.config.ts)
// into the page as a string and starts it from a blob: URL, so the single-file build runs from file:// (where a
// worker file or a module worker cannot load) and offline, with no request. `npm run dev` serves it as a
// module worker file as before.

import * as Comlink from 'comlink';
import type { AnalysisApi, OpenOptions, OpenProgress, OpenResult } from '../worker/api.ts';
import AnalysisWorker from '../worker/analysis-worker.ts?worker&inline';

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

/** Set by an end-to-end test (page.addInitScript) to read slowly and see provisional results: OpenOptions.slowRead. */
declare global {
  var __radscopeSlowRead: OpenOptions['slowRead'] | undefined;
}

export function openCapture(file: Blob, options: OpenOptions, onProgress: (p: OpenProgress) => void): Promise<OpenResult> {
  const w = connect();
  const slow = globalThis.__radscopeSlowRead;
  return Promise.race([w.remote.open(file, slow ? { ...options, slowRead: slow } : options, Comlink.proxy(onProgress)), w.failed]);
}

/** The worker, for the views of an open capture (rows, frames, filter, export). */
export function analysis(): Comlink.Remote<AnalysisApi> {
  return connect().remote;
}
