// When the worker makes a provisional report while it reads: the first half a second in, then after 1 s, 2 s,
// 4 s... (each one costs the page a render of the verdict and the timeline, on CPUs the worker and its reader
// share: one a second gave the 1 GB bench capture 4 renders and, now and then, a task over 50 ms; the later
// reports of a long read change less), and no more often than keeps their cost in the worker (making the
// report and posting it to the page) under 5% of the time spent reading, however large the report grows.

export const FIRST_MS = 500;
/** The gap after the first report; each later gap is twice the one before. */
export const MIN_INTERVAL_MS = 1000;
/** Share of the read that provisional reports may take. */
export const BUDGET = 0.05;
/** The next report may be this much larger than the last one. */
const GROWTH = 1.25;

export class ProvisionalSchedule {
  /** Reports made, and the milliseconds they took. */
  reports = 0;
  ms = 0;
  private next: number;
  private started = 0;

  constructor(private readonly now: () => number) {
    this.next = now() + FIRST_MS;
  }

  /** Whether to make one now; when true, call done() once it is made and sent. */
  due(): boolean {
    const t = this.now();
    if (t < this.next) return false;
    this.started = t;
    return true;
  }

  done(): void {
    const t = this.now();
    const cost = t - this.started;
    this.reports++;
    this.ms += cost;
    // cost / (cost + gap) <= BUDGET, with room for the next report being larger (the file read so far grows)
    this.next = t + Math.max(MIN_INTERVAL_MS * 2 ** (this.reports - 1), (GROWTH * cost * (1 - BUDGET)) / BUDGET);
  }
}
