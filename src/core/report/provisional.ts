// What a provisional report (one made while the pass is still reading, for the page to show) may say about
// RADIUS requests: only the requests whose window has closed in what was read so far. A request sent a moment
// before the read stopped has no answer yet, and its connections have barely started: it would show as
// unanswered when the next chunk may hold its answer.

import { windowOf } from '../analysis/diagnosis/correlate.ts';
import type { RadiusTransaction } from '../analysis/radius/radius-types.ts';
import type { ReportScan } from './build-report.ts';

/**
 * The longest prefix of `txs` (in the order the requests were first seen) whose windows end at or before
 * `now`, the time of the last frame read. A prefix, so that transaction numbers stay those of the final
 * report; one open window holds back the requests after it until it closes (seconds of capture time).
 */
export function settledTransactions(txs: readonly RadiusTransaction[], time: (frame: number) => number, now: number): readonly RadiusTransaction[] {
  let n = 0;
  while (n < txs.length && windowOf(txs[n]!, time).end <= now) n++;
  return n === txs.length ? txs : txs.slice(0, n);
}

/** The scan as buildReport sees it, with only these transactions. */
export function withTransactions(scan: ReportScan, txs: readonly RadiusTransaction[]): ReportScan {
  return {
    summary: scan.summary,
    frames: scan.frames,
    bytes: scan.bytes,
    firstTime: scan.firstTime,
    lastTime: scan.lastTime,
    diagnostics: scan.diagnostics,
    radius: { transactions: () => txs },
    app: scan.app,
    frameTime: (frame) => scan.frameTime(frame),
  };
}
