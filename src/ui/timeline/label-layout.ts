// Label collisions, solved before drawing: marks closer than a few pixels merge into one cluster (one
// label for "SYN · SYN/ACK · ACK · ClientHello"), then labels are placed greedily by importance into a few
// staggered rows above the marks, each trying its long form before its short forms. A label that fits
// nowhere is not drawn (the mark stays, and its tooltip still tells everything): never overlapping mush.

export interface Cluster<T> {
  members: T[];
  /** Pixel position of the first member (where the label is anchored). */
  x: number;
  /** Pixel extent of the members. */
  x0: number;
  x1: number;
}

/** Groups items (sorted by x) whose neighbours are less than `minGap` pixels apart. */
export function clusterByPixel<T>(items: readonly T[], xOf: (item: T) => number, minGap: number): Cluster<T>[] {
  const sorted = [...items].sort((a, b) => xOf(a) - xOf(b));
  const out: Cluster<T>[] = [];
  for (const item of sorted) {
    const x = xOf(item);
    const last = out[out.length - 1];
    if (last && x - last.x1 < minGap) {
      last.members.push(item);
      last.x1 = x;
    } else {
      out.push({ members: [item], x, x0: x, x1: x });
    }
  }
  return out;
}

export interface LabelRequest {
  id: string;
  /** The mark's pixel position. */
  x: number;
  /** Texts to try, preferred first. */
  candidates: readonly string[];
  priority: number;
}

export interface PlacedLabel {
  id: string;
  text: string;
  row: number;
  /** Where the text starts and ends, in pixels; `anchor` says which side of the text sits at the mark. */
  x0: number;
  x1: number;
  anchor: 'start' | 'end';
}

export interface LabelLayoutOptions {
  rows: number;
  /** Pixel bounds the labels must stay inside. */
  minX: number;
  maxX: number;
  /** Horizontal room kept free between labels of one row. */
  gap?: number;
  /** Padding around the text (a label's chip is this much wider on each side). */
  pad?: number;
  measure: (text: string) => number;
}

/** Places labels without overlap; returns the placed ones by id (unplaced ids are absent). */
export function layoutLabels(requests: readonly LabelRequest[], o: LabelLayoutOptions): Map<string, PlacedLabel> {
  const gap = o.gap ?? 6;
  const pad = o.pad ?? 2;
  const rows: { x0: number; x1: number }[][] = Array.from({ length: Math.max(0, o.rows) }, () => []);
  const order = [...requests].sort((a, b) => b.priority - a.priority || a.x - b.x);
  const placed = new Map<string, PlacedLabel>();
  for (const r of order) {
    if (r.x < o.minX - 1 || r.x > o.maxX + 1) continue;
    found: for (const text of r.candidates) {
      const w = o.measure(text) + 2 * pad;
      if (w > o.maxX - o.minX) continue;
      // Start at the mark; flip to end at the mark near the right edge.
      let x0 = r.x - pad;
      let anchor: PlacedLabel['anchor'] = 'start';
      if (x0 + w > o.maxX) {
        x0 = r.x + pad - w;
        anchor = 'end';
      }
      x0 = Math.min(Math.max(x0, o.minX), o.maxX - w);
      const x1 = x0 + w;
      for (let row = 0; row < rows.length; row++) {
        const taken = rows[row]!;
        if (taken.every((s) => x1 + gap <= s.x0 || x0 >= s.x1 + gap)) {
          taken.push({ x0, x1 });
          placed.set(r.id, { id: r.id, text, row, x0, x1, anchor });
          break found;
        }
      }
    }
  }
  return placed;
}

export interface TextPiece {
  text: string;
  /** Pixel offset of the piece from the start of the label text. */
  x: number;
  width: number;
  highlight: boolean;
}

/**
 * Splits a label into pieces, marking the first occurrence (in order) of each of `parts`, so that these can
 * be drawn differently (the Bad TCP members of a cluster's label).
 */
export function splitHighlights(text: string, parts: readonly string[], measure: (s: string) => number): TextPiece[] {
  const spans: [number, number][] = [];
  let from = 0;
  for (const p of parts) {
    if (!p) continue;
    const at = text.indexOf(p, from);
    if (at < 0) continue;
    spans.push([at, at + p.length]);
    from = at + p.length;
  }
  const pieces: TextPiece[] = [];
  let i = 0;
  const push = (a: number, b: number, highlight: boolean) => {
    if (b <= a) return;
    pieces.push({ text: text.slice(a, b), x: measure(text.slice(0, a)), width: measure(text.slice(a, b)), highlight });
  };
  for (const [a, b] of spans) {
    push(i, a, false);
    push(a, b, true);
    i = b;
  }
  push(i, text.length, false);
  return pieces;
}

/** Estimated text width for an 11 px sans-serif font when no canvas is at hand (tests, server). */
export function estimateWidth(text: string, fontSize = 11): number {
  let w = 0;
  for (const ch of text) {
    if ('il.,:;|!\'· '.includes(ch)) w += 0.3;
    else if ('mwMW@'.includes(ch)) w += 0.85;
    else if (ch >= 'A' && ch <= 'Z') w += 0.66;
    else if (ch >= '0' && ch <= '9') w += 0.56;
    else w += 0.52;
  }
  return w * fontSize;
}

/** Cuts `text` with an ellipsis so that it is at most `max` pixels wide. */
export function truncateToWidth(text: string, max: number, measure: (s: string) => number): string {
  if (measure(text) <= max) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(text.slice(0, mid) + '…') <= max) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '' : text.slice(0, lo).trimEnd() + '…';
}
