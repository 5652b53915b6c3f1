// The centre of the product: every RADIUS request on one shared time axis, and under each one the DNS
// lookups and the TCP/TLS/proxy attempts it caused, so that cause and effect line up as in the field
// report's annotated Wireshark screenshots (handshake fine, ClientHello retransmitted into silence, the
// RADIUS request never answered).

import { startTransition, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent as ReactPointerEvent } from 'react';
import { flushSync } from 'react-dom';
import type { Report } from '../../core/report/schema.ts';
import { composeSvg, downloadBlob, svgToPng } from './export.ts';
import { exportFileName } from './file-name.ts';
import { AXIS_H, GUTTER_W, RIGHT_PAD, stackRows, visibleRows } from './geometry.ts';
import { buildLaneGroups, captureEnd, frameIndex, groupOfFrame, OTHER_GROUP, transactionCounts, type LaneMark } from './lanes.ts';
import { Legend } from './Legend.tsx';
import { FONT_FAMILY, sharedMeasure } from './measure.ts';
import { centreOn, fullDomain, panDomain, sameDomain, timeScale, zoomDomain, type Domain } from './scale.ts';
import { formatDuration, formatRange, timeTicks } from './ticks.ts';
import { GroupHeader, LaneRow, type HoverInfo } from './TimelineLane.tsx';
import { Tooltip } from './TimelineTooltip.tsx';
import './Timeline.css';

export interface TimelineProps {
  report: Report;
  /** The frame selected anywhere on the page; highlighted here, and scrolled into view. */
  selectedFrame: number | null;
  onSelectFrame(frame: number): void;
  /** One line about a frame for the hover tooltip (e.g. the packet table's Info column). */
  frameSummary?(frame: number): string | undefined;
}

const ZOOM_STEP = 1.6;
/** The size the last timeline measured (every timeline of the page is as wide); null before the first. */
let lastSize: { width: number | null; height: number } = { width: null, height: 600 };
/** Rows drawn beyond the visible part of the scrolled lanes, above and below. */
const OVERSCAN_PX = 400;

export function Timeline({ report, selectedFrame, onSelectFrame, frameSummary }: TimelineProps) {
  const limits = useMemo(() => fullDomain(captureEnd(report)), [report]);
  const index = useMemo(() => frameIndex(report), [report]);
  const counts = useMemo(() => transactionCounts(report), [report]);
  const [domain, setDomain] = useState<Domain>(limits);
  const [failingOnly, setFailingOnly] = useState(false);
  const [overrides, setOverrides] = useState<ReadonlyMap<string, boolean>>(() => new Map());
  // the size a timeline last had: a new one (the final report's, after the provisional one) starts right
  const [measuredWidth, setWidth] = useState(lastSize.width);
  const width = measuredWidth ?? 960;
  const [view, setView] = useState({ top: 0, height: lastSize.height });
  const [hover, setHover] = useState<HoverInfo | null>(null);
  const [exportAll, setExportAll] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);

  // A new report starts from the whole capture, collapsed as by default.
  const [shown, setShown] = useState(report);
  if (shown !== report) {
    setShown(report);
    setDomain(limits);
    setOverrides(new Map());
    setHover(null);
  }

  const frameRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const axisRef = useRef<SVGSVGElement>(null);
  const bodyRef = useRef<SVGSVGElement>(null);
  const legendRef = useRef<SVGSVGElement>(null);
  const clipId = `tl-clip-${useId().replace(/[^\w-]/g, '')}`;
  const hintId = `${clipId}-hint`;

  const measure = sharedMeasure(11);
  const measureTitle = sharedMeasure(12, 600);

  const groups = useMemo(() => buildLaneGroups(report, { failingOnly, overrides }), [report, failingOnly, overrides]);
  const stack = useMemo(() => stackRows(groups), [groups]);
  const plotW = Math.max(40, width - GUTTER_W - RIGHT_PAD);
  const scale = timeScale(domain, GUTTER_W, GUTTER_W + plotW);
  const ticks = timeTicks(domain, plotW);
  // no lanes until the width is known (the page's first timeline, for a frame)
  const rows = exportAll ? stack.rows : measuredWidth === null ? [] : visibleRows(stack.rows, view.top - OVERSCAN_PX, view.top + view.height + OVERSCAN_PX);
  const selectedT = selectedFrame !== null ? index.get(selectedFrame)?.t : undefined;
  const empty = report.transactions.length === 0 && report.attempts.length === 0;

  // Width of the frame, height of the scrolled viewport: read when ResizeObserver reports (after the
  // browser's own layout), not right after a commit, which would force a layout of the whole new page.
  const widthRef = useRef(measuredWidth);
  useLayoutEffect(() => {
    const frame = frameRef.current;
    const scroller = scrollRef.current;
    if (!frame || !scroller) return;
    const update = () => {
      const w = Math.max(480, Math.floor(frame.clientWidth));
      const top = scroller.scrollTop;
      const height = scroller.clientHeight || 600;
      lastSize = { width: w, height };
      const set = () => {
        setWidth(w);
        setView((v) => (v.top === top && v.height === height ? v : { top, height }));
      };
      // A new width (the window resized) is drawn before this frame is painted. The page's first
      // timeline, drawn without lanes, gets them after this frame, rendered in slices (a transition).
      const resized = widthRef.current !== null && w !== widthRef.current;
      widthRef.current = w;
      if (resized) flushSync(set);
      else startTransition(set);
    };
    const ro = new ResizeObserver(update);
    ro.observe(frame);
    ro.observe(scroller);
    return () => ro.disconnect();
  }, [empty]);

  // Ctrl/Cmd + wheel zooms at the pointer, Shift + wheel (or a horizontal wheel) pans; a plain wheel scrolls.
  useEffect(() => {
    const el = frameRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const rect = el.getBoundingClientRect();
      const px = e.clientX - rect.left;
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? rect.height : 1;
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        const f = Math.exp(-e.deltaY * unit * 0.0025);
        setDomain((d) => zoomDomain(d, f, px > GUTTER_W ? d.t0 + ((px - GUTTER_W) / plotW) * (d.t1 - d.t0) : (d.t0 + d.t1) / 2, limits));
      } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        e.preventDefault();
        const dpx = (e.deltaX !== 0 ? e.deltaX : e.deltaY) * unit;
        setDomain((d) => panDomain(d, (dpx * (d.t1 - d.t0)) / plotW, limits));
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [limits, plotW, empty]);

  // Drag to pan (a click on a mark stays a click unless the pointer moved).
  const drag = useRef<{ x: number; d: Domain; id: number; moved: boolean } | null>(null);
  const justDragged = useRef(false);
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || exportAll) return;
    const rect = e.currentTarget.getBoundingClientRect();
    if (e.clientX - rect.left < GUTTER_W) return;
    drag.current = { x: e.clientX, d: domain, id: e.pointerId, moved: false };
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const g = drag.current;
    if (!g || g.id !== e.pointerId) return;
    const dx = e.clientX - g.x;
    if (!g.moved && Math.abs(dx) > 3) {
      g.moved = true;
      e.currentTarget.setPointerCapture(e.pointerId);
      setHover(null);
    }
    if (g.moved) setDomain(panDomain(g.d, (-dx * (g.d.t1 - g.d.t0)) / plotW, limits));
  };
  const onPointerUp = (e: ReactPointerEvent<HTMLDivElement>) => {
    const g = drag.current;
    if (!g || g.id !== e.pointerId) return;
    drag.current = null;
    if (g.moved) {
      justDragged.current = true;
      setTimeout(() => (justDragged.current = false), 0);
    }
  };

  const zoomBy = useCallback((f: number) => setDomain((d) => zoomDomain(d, f, (d.t0 + d.t1) / 2, limits)), [limits]);
  const panBy = useCallback((fraction: number) => setDomain((d) => panDomain(d, fraction * (d.t1 - d.t0), limits)), [limits]);
  const reset = useCallback(() => setDomain(limits), [limits]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    switch (e.key) {
      case '+':
      case '=':
        zoomBy(ZOOM_STEP);
        break;
      case '-':
      case '_':
        zoomBy(1 / ZOOM_STEP);
        break;
      case 'ArrowLeft':
        panBy(e.shiftKey ? -0.5 : -0.15);
        break;
      case 'ArrowRight':
        panBy(e.shiftKey ? 0.5 : 0.15);
        break;
      case '0':
      case 'Home':
        reset();
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  // Clicking a cluster selects its first frame; clicking it again steps through the frames drawn there.
  const onSelectMarks = (marks: LaneMark[]) => {
    if (justDragged.current) return;
    const frames = marks.flatMap((m) => (m.frame === null ? [] : [m.frame]));
    if (frames.length === 0) return;
    const at = selectedFrame === null ? -1 : frames.indexOf(selectedFrame);
    onSelectFrame(frames[(at + 1) % frames.length]!);
  };

  const toggle = useCallback(
    (key: string) =>
      setOverrides((o) => {
        const g = groups.find((x) => x.key === key);
        const next = new Map(o);
        next.set(key, !(g?.expanded ?? false));
        return next;
      }),
    [groups],
  );
  const setAll = (expanded: boolean) => setOverrides(new Map([...report.transactions.map((t) => [`tx${t.index}`, expanded] as const), [OTHER_GROUP, expanded]]));

  // A frame selected elsewhere (packet table, verdict): bring it into view, expanding its group if needed.
  const reveal = useRef<number | null>(null);
  useEffect(() => {
    if (selectedFrame === null) return;
    const info = index.get(selectedFrame);
    if (!info) return;
    setDomain((d) => (info.t < d.t0 || info.t > d.t1 ? centreOn(d, info.t, limits) : d));
    const where = groupOfFrame(report, selectedFrame);
    if (where && !where.inFirstLane) {
      setOverrides((o) => {
        if (o.get(where.key) === true) return o;
        const g = groups.find((x) => x.key === where.key);
        if (g?.expanded && o.get(where.key) !== false) return o;
        return new Map(o).set(where.key, true);
      });
    }
    reveal.current = selectedFrame;
    // `groups` is read for the current state only: re-running when it changes would undo a user's collapse.
  }, [selectedFrame, index, report, limits]);
  useLayoutEffect(() => {
    const frame = reveal.current;
    const scroller = scrollRef.current;
    if (frame === null || !scroller) return;
    const row = stack.rows.find((r) => r.type === 'lane' && r.lane.marks.some((m) => m.frame === frame));
    if (!row) return;
    reveal.current = null;
    if (row.y < scroller.scrollTop || row.y + row.h > scroller.scrollTop + scroller.clientHeight) {
      // Show the row with its group's RADIUS lane above it when both fit.
      const top = stack.groups.find((g) => g.group === row.group)?.y ?? row.y;
      scroller.scrollTop = Math.max(0, row.y + row.h - top <= scroller.clientHeight ? top : row.y - 24);
    }
  }, [stack, selectedFrame]);

  const verdictTitle = report.verdict ? (report.findings.find((f) => f.id === report.verdict!.id)?.title ?? report.verdict.id) : 'no problem found';
  const doExport = async (format: 'svg' | 'png') => {
    const frame = frameRef.current;
    if (!frame) return;
    setExportError(null);
    flushSync(() => {
      setExportAll(true);
      setHover(null);
    });
    let svg;
    const bg = getComputedStyle(frame).getPropertyValue('--tl-bg').trim() || '#ffffff';
    try {
      const parts = [];
      if (axisRef.current) parts.push({ svg: axisRef.current, y: 0 });
      if (bodyRef.current) parts.push({ svg: bodyRef.current, y: AXIS_H });
      if (legendRef.current) parts.push({ svg: legendRef.current, y: AXIS_H + stack.height + 8 });
      svg = composeSvg(parts, width, bg, `radscope · ${report.capture.name ?? 'capture'} · ${verdictTitle}`);
    } finally {
      flushSync(() => setExportAll(false));
    }
    try {
      const blob = format === 'svg' ? new Blob([svg.text], { type: 'image/svg+xml;charset=utf-8' }) : await svgToPng(svg, bg, 2);
      downloadBlob(blob, exportFileName(report.capture.name, format));
    } catch (e) {
      setExportError(e instanceof Error ? e.message : String(e));
    }
  };

  const atFull = sameDomain(domain, limits);

  return (
    <section className="tl" aria-label="Timeline">
      <div className="tl-toolbar">
        <h2 className="tl-heading">Timeline</h2>
        <span className="tl-counts">
          {counts.total} RADIUS request{counts.total === 1 ? '' : 's'}
          {counts.total > 0 ? `, ${counts.failing} failing` : ''}
        </span>
        <label className="tl-toggle">
          <input type="checkbox" checked={failingOnly} onChange={(e) => setFailingOnly(e.target.checked)} />
          Show only failing requests
        </label>
        <span className="tl-spacer" />
        <button type="button" onClick={() => setAll(true)} disabled={empty}>
          Expand all
        </button>
        <button type="button" onClick={() => setAll(false)} disabled={empty}>
          Collapse all
        </button>
        <span className="tl-group" role="group" aria-label="Zoom">
          <button type="button" onClick={() => zoomBy(1 / ZOOM_STEP)} disabled={atFull} aria-label="Zoom out">
            −
          </button>
          <button type="button" onClick={() => zoomBy(ZOOM_STEP)} disabled={empty} aria-label="Zoom in">
            +
          </button>
          <button type="button" onClick={reset} disabled={atFull}>
            Whole capture
          </button>
        </span>
        <button type="button" onClick={() => void doExport('svg')} disabled={empty}>
          Export SVG
        </button>
        <button type="button" onClick={() => void doExport('png')} disabled={empty}>
          Export PNG
        </button>
      </div>
      <p className="tl-hint" id={hintId}>
        Ctrl/⌘ + wheel (or a double-click) zooms at the pointer; drag or Shift + wheel pans; click a mark to select its frame. With the timeline focused: + and − zoom, ← → pan, 0 shows the whole capture.
        <span className="tl-range">
          {' '}
          Showing {formatRange(domain)} ({formatDuration(domain.t1 - domain.t0)}).
        </span>
      </p>
      {exportError && (
        <p className="tl-error" role="alert">
          Export failed: {exportError}
        </p>
      )}
      {empty ? (
        <p className="tl-empty">No RADIUS request and no outbound connection in this capture: nothing to draw.</p>
      ) : (
        <div
          ref={frameRef}
          className="tl-frame"
          tabIndex={0}
          aria-describedby={hintId}
          aria-label="Timeline plot: zoom and pan with the keyboard"
          onKeyDown={onKeyDown}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onDoubleClick={(e) => {
            if ((e.target as Element).closest('.tl-mark, .tl-disclosure, .tl-header')) return;
            const rect = e.currentTarget.getBoundingClientRect();
            const px = e.clientX - rect.left;
            if (px > GUTTER_W) setDomain((d) => zoomDomain(d, 2, scale.t(px), limits));
          }}
        >
          <svg ref={axisRef} className="tl-axis" width={width} height={AXIS_H} fontFamily={FONT_FAMILY}>
            <rect className="tl-gutter-bg" x={0} y={0} width={GUTTER_W} height={AXIS_H} />
            <text className="tl-axis-title" x={14} y={19}>
              Seconds from capture start
            </text>
            <line className="tl-axis-line" x1={GUTTER_W} x2={width} y1={AXIS_H - 0.5} y2={AXIS_H - 0.5} />
            {ticks.map((t) => (
              <g key={t.t}>
                <line className="tl-tick" x1={scale.x(t.t)} x2={scale.x(t.t)} y1={AXIS_H - 6} y2={AXIS_H} />
                <text className="tl-tick-label" x={scale.x(t.t)} y={AXIS_H - 10} textAnchor="middle">
                  {t.label}
                </text>
              </g>
            ))}
            {selectedT !== undefined && selectedT >= domain.t0 && selectedT <= domain.t1 && (
              <path className="tl-cursor-head" d={`M${scale.x(selectedT) - 5},${AXIS_H - 7}L${scale.x(selectedT) + 5},${AXIS_H - 7}L${scale.x(selectedT)},${AXIS_H}Z`} />
            )}
          </svg>
          <div
            ref={scrollRef}
            className="tl-scroll"
            onScroll={(e) => {
              setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight });
              setHover(null);
            }}
          >
            <svg ref={bodyRef} className="tl-body" width={width} height={Math.max(stack.height, 1)} fontFamily={FONT_FAMILY}>
              <defs>
                <clipPath id={clipId}>
                  <rect x={GUTTER_W} y={-10000} width={plotW} height={stack.height + 20000} />
                </clipPath>
              </defs>
              <g className="tl-grid">
                {ticks.map((t) => (
                  <line key={t.t} x1={scale.x(t.t)} x2={scale.x(t.t)} y1={0} y2={stack.height} />
                ))}
              </g>
              <g clipPath={`url(#${clipId})`}>
                {stack.groups.map(({ group, y, h }) =>
                  group.band && group.failing ? (
                    <rect key={group.key} className={`tl-band tl-tone--${group.band.tone}`} x={scale.x(group.band.t0)} y={y} width={Math.max(1, scale.x(group.band.t1) - scale.x(group.band.t0))} height={h} />
                  ) : null,
                )}
              </g>
              {rows.map((row) =>
                row.type === 'header' ? (
                  <GroupHeader key={row.key} y={row.y} h={row.h} width={width} text={row.group.header ?? ''} expanded={row.group.expanded} onToggle={() => toggle(row.group.key)} />
                ) : (
                  <LaneRow
                    key={row.key}
                    row={row}
                    scale={scale}
                    width={width}
                    measure={measure}
                    measureTitle={measureTitle}
                    selectedFrame={selectedFrame}
                    clipId={clipId}
                    onHover={setHover}
                    onSelect={onSelectMarks}
                    onToggle={toggle}
                  />
                ),
              )}
              {selectedT !== undefined && selectedT >= domain.t0 && selectedT <= domain.t1 && (
                <line className="tl-cursor" x1={scale.x(selectedT)} x2={scale.x(selectedT)} y1={0} y2={stack.height} pointerEvents="none" />
              )}
            </svg>
            {groups.length === 0 && <p className="tl-empty">No failing request in this capture. Clear "Show only failing requests" to see the others.</p>}
          </div>
          <Legend width={width} measure={measure} svgRef={legendRef} />
          {hover && !exportAll && <Tooltip hover={hover} frame={frameRef.current} frameSummary={frameSummary} />}
        </div>
      )}
    </section>
  );
}
