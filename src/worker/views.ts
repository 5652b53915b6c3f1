// The views of an open capture the page asks for: the display filter over the frame columns, and one frame's
// details (its layers, with what the pass knew of it: TCP relative numbers and analysis, RADIUS pairing).

import { buildDetails, compileFilter, matchingFrames, tcpFlagNames, type Analysis, type DetailContext, type FrameBytesSource, type FrameColumns, type FrameTable } from '../core/index.ts';
import type { FrameDetail } from './api.ts';

export interface ViewSource {
  analysis: Analysis;
  table: FrameTable;
  bytes: FrameBytesSource;
  columns: FrameColumns;
}

export type FilterOutcome = { ok: true; view: Uint32Array } | { ok: false; error: string; at: number };

export function applyFilter(o: ViewSource, expression: string): FilterOutcome {
  const n = o.analysis.scan.frames;
  if (expression.trim() === '') {
    const all = new Uint32Array(n);
    for (let i = 0; i < n; i++) all[i] = i + 1;
    return { ok: true, view: all };
  }
  const c = compileFilter(expression, o.columns);
  if (!c.ok) return c;
  const idx = matchingFrames(c.predicate, n);
  for (let i = 0; i < idx.length; i++) idx[i]! += 1; // frame indexes to frame numbers
  return { ok: true, view: idx };
}

export async function frameDetail(o: ViewSource, frame: number): Promise<FrameDetail> {
  const scan = o.analysis.scan;
  const index = scan.index!;
  const i = frame - 1;
  if (i < 0 || i >= index.length) throw new Error(`There is no frame ${frame}.`);
  const capLen = index.capLen.get(i);
  const bytes = await o.bytes.read(index.fileOffset.get(i), capLen);
  const sec = index.sec.get(i);
  const ctx: DetailContext = {};
  const iface = scan.summary.interfaces[index.interfaceId.get(i)];
  if (iface?.name) ctx.interfaceName = iface.name;
  if (scan.firstTime) ctx.firstTime = scan.firstTime;
  if (i > 0 && !Number.isNaN(index.sec.get(i - 1))) ctx.previousTime = { sec: index.sec.get(i - 1), nsec: index.nsec.get(i - 1) };
  const stream = index.stream.get(i);
  if (stream >= 0) {
    ctx.tcp = { stream, seqRel: o.table.seqRel.get(i), ackRel: o.table.ackRel.get(i), analysis: tcpFlagNames(index.flags.get(i)) };
  }
  const rad = scan.radius.infoForFrame(frame);
  if (rad) {
    ctx.radius = {};
    if (rad.reqFrame !== null) ctx.radius.requestIn = rad.reqFrame;
    if (rad.rspFrame !== null) ctx.radius.responseIn = rad.rspFrame;
    if (rad.time !== null) ctx.radius.time = rad.time;
    if (rad.dup !== null) ctx.radius.duplicateOf = rad.dup;
    if (rad.heuristic) ctx.app = 'radius';
  }
  const tree = buildDetails(
    {
      number: frame,
      data: bytes,
      capLen,
      origLen: index.origLen.get(i),
      sec: Number.isNaN(sec) ? 0 : sec,
      nsec: index.nsec.get(i),
      hasTime: !Number.isNaN(sec),
      linkType: index.linkType.get(i),
      interfaceId: index.interfaceId.get(i),
    },
    ctx,
  );
  return { frame, bytes, tree };
}
