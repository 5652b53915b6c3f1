// The DetailContext of a frame from what the pass showed its visitor for it (FrameVisit): TCP stream,
// relative numbers, analysis flags, window scale and iRTT; RADIUS links; the protocol recognised on a port
// that is not its own. A plain copy: the visit's objects are reused for the next frame.

import type { FrameVisit } from '../analysis/frame-visit.ts';
import { tcpFlagNames } from '../analysis/tcp/tcp-flags.ts';
import type { DetailContext, DetailTime } from './details-node.ts';

const TLS_PORTS = new Set([443, 636, 853, 993, 995, 3269, 5061, 8443]);

export interface DetailTimes {
  firstTime?: DetailTime | null;
  previousTime?: DetailTime | null;
  interfaceName?: string;
}

export function detailContextFromVisit(v: FrameVisit, times: DetailTimes = {}): DetailContext {
  const ctx: DetailContext = { ...times };
  const p = v.packet;
  if (v.tcp !== null && v.tcp.stream >= 0) {
    const t = v.tcp;
    const a = v.tcpAnalysis;
    const st = t.analysis;
    const dir = st === undefined ? undefined : t.fromA ? st.a : st.b;
    ctx.tcp = { stream: t.stream, seqRel: t.seqRel, ackRel: t.ackRel };
    if (a !== null) {
      ctx.tcp.analysis = tcpFlagNames(a.flags);
      if (a.dupAckNum > 0) {
        ctx.tcp.dupAckNum = a.dupAckNum;
        ctx.tcp.dupAckFrame = a.dupAckFrame;
      }
      if (a.acksFrame > 0) {
        ctx.tcp.acksFrame = a.acksFrame;
        ctx.tcp.ackRtt = a.ackRtt;
      }
    }
    if (dir !== undefined) ctx.tcp.windowScale = dir.winScale;
    if (st !== undefined && st.irtt >= 0) ctx.tcp.initialRtt = st.irtt;
    // TLS the pass found on a port tshark does not take for TLS
    if (v.tls !== null && v.tls.contentTypes.length > 0 && !TLS_PORTS.has(p.srcPort) && !TLS_PORTS.has(p.dstPort)) ctx.app = 'tls';
  }
  const r = v.radius;
  if (r !== null) {
    if (r.heuristic) ctx.app = 'radius';
    ctx.radius = {};
    if (r.reqFrame !== null) ctx.radius.requestIn = r.reqFrame;
    if (r.rspFrame !== null) ctx.radius.responseIn = r.rspFrame;
    if (r.time !== null) ctx.radius.time = r.time;
    if (r.dup !== null) ctx.radius.duplicateOf = r.dup;
  }
  return ctx;
}
