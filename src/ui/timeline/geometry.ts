// Vertical layout of the timeline: lane heights by kind, groups stacked with a gap, and the rows that
// intersect the scrolled viewport (only those are drawn, so hundreds of transactions stay cheap).

import type { Lane, LaneGroup, LaneKind } from './lanes.ts';

export const GUTTER_W = 296;
export const AXIS_H = 30;
export const RIGHT_PAD = 14;
export const LABEL_ROW_H = 13;
export const MARK_ZONE_H = 18;
export const LANE_PAD_TOP = 4;
export const LANE_PAD_BOTTOM = 6;
export const HEADER_H = 28;
export const GROUP_GAP = 10;
/** Marks closer than this many pixels are drawn and labelled as one. */
export const CLUSTER_PX = 5;

const CONNECTION: ReadonlySet<LaneKind> = new Set(['tls', 'tcp', 'proxy']);

/** Label rows above the marks: more for connection lanes, whose events crowd together. */
export function labelRowsAbove(kind: LaneKind): number {
  return CONNECTION.has(kind) ? 3 : 2;
}

/** Label rows under the marks. */
export function labelRowsBelow(kind: LaneKind): number {
  return CONNECTION.has(kind) ? 1 : 0;
}

/** Label slots in the order they are tried: the row just above the marks, the one below, then higher up. */
export function labelSlots(kind: LaneKind): number {
  return labelRowsAbove(kind) + labelRowsBelow(kind);
}

export function laneHeight(kind: LaneKind): number {
  return LANE_PAD_TOP + labelSlots(kind) * LABEL_ROW_H + MARK_ZONE_H + LANE_PAD_BOTTOM;
}

/** The y of the marks' centre line inside a lane. */
export function markY(kind: LaneKind): number {
  return LANE_PAD_TOP + labelRowsAbove(kind) * LABEL_ROW_H + MARK_ZONE_H / 2;
}

/** The text baseline of label slot `slot` (see labelSlots), and whether it lies under the marks. */
export function slotBaseline(kind: LaneKind, slot: number): { y: number; below: boolean } {
  const top = markY(kind) - MARK_ZONE_H / 2;
  const bottom = markY(kind) + MARK_ZONE_H / 2;
  const below = labelRowsBelow(kind);
  if (slot === 0) return { y: top - 3, below: false };
  if (slot <= below) return { y: bottom + 10 + (slot - 1) * LABEL_ROW_H, below: true };
  return { y: top - 3 - (slot - below) * LABEL_ROW_H, below: false };
}

export type Row =
  | { type: 'lane'; key: string; y: number; h: number; group: LaneGroup; lane: Lane; index: number }
  | { type: 'header'; key: string; y: number; h: number; group: LaneGroup };

export interface Stack {
  rows: Row[];
  height: number;
  /** Each group's vertical extent (for its band). */
  groups: { group: LaneGroup; y: number; h: number }[];
}

export function stackRows(groups: readonly LaneGroup[]): Stack {
  const rows: Row[] = [];
  const extents: Stack['groups'] = [];
  let y = 0;
  groups.forEach((g, gi) => {
    if (gi > 0) y += GROUP_GAP;
    const top = y;
    if (g.header !== null) {
      rows.push({ type: 'header', key: `${g.key}:header`, y, h: HEADER_H, group: g });
      y += HEADER_H;
    }
    g.lanes.forEach((lane, index) => {
      const h = laneHeight(lane.kind);
      rows.push({ type: 'lane', key: lane.key, y, h, group: g, lane, index });
      y += h;
    });
    extents.push({ group: g, y: top, h: y - top });
  });
  return { rows, height: y, groups: extents };
}

/** Rows that intersect [top, bottom] (rows are sorted by y). */
export function visibleRows(rows: readonly Row[], top: number, bottom: number): Row[] {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = rows[mid]!;
    if (r.y + r.h < top) lo = mid + 1;
    else hi = mid;
  }
  const out: Row[] = [];
  for (let i = lo; i < rows.length && rows[i]!.y <= bottom; i++) out.push(rows[i]!);
  return out;
}
