// One lane: the gutter (what and where: target name, address:port, the finding it ended in) and the marks
// on the shared time axis, clustered and labelled without collisions.

import type { KeyboardEvent, MouseEvent as ReactMouseEvent, PointerEvent as ReactPointerEvent } from 'react';
import { GUTTER_W, MARK_ZONE_H, RIGHT_PAD, CLUSTER_PX, labelSlots, markY, slotBaseline, type Row } from './geometry.ts';
import { BAD_TCP_BG, BAD_TCP_FG, Glyph } from './Glyph.tsx';
import { clusterByPixel, layoutLabels, splitHighlights, truncateToWidth, type Cluster } from './label-layout.ts';
import { badParts, markClusterCandidates, type Lane, type LaneMark } from './lanes.ts';
import type { Measure } from './measure.ts';
import type { TimeScale } from './scale.ts';

export interface HoverInfo {
  lane: Lane;
  marks: LaneMark[];
  clientX: number;
  clientY: number;
}

interface LaneRowProps {
  row: Extract<Row, { type: 'lane' }>;
  scale: TimeScale;
  width: number;
  measure: Measure;
  measureTitle: Measure;
  selectedFrame: number | null;
  clipId: string;
  onHover(h: HoverInfo | null): void;
  onSelect(marks: LaneMark[]): void;
  onToggle(groupKey: string): void;
}

const KIND_CHIP: Record<Lane['kind'], string> = { radius: 'RADIUS', dns: 'DNS', tcp: 'TCP', tls: 'TLS', proxy: 'PROXY' };

const STATUS_TEXT: Record<string, string> = {
  answered: 'Answered',
  unanswered: 'Never answered',
  late: 'Answered too late',
  rejected: 'Rejected',
  challenged: 'Challenged',
};

export function LaneRow({ row, scale, width, measure, measureTitle, selectedFrame, clipId, onHover, onSelect, onToggle }: LaneRowProps) {
  const { lane, group } = row;
  const my = markY(lane.kind);
  const markTop = my - MARK_ZONE_H / 2;
  const minX = GUTTER_W + 4;
  const maxX = width - RIGHT_PAD;
  const slack = (scale.domain.t1 - scale.domain.t0) * 0.01;
  const visible = lane.marks.filter((m) => m.t >= scale.domain.t0 - slack && m.t <= scale.domain.t1 + slack);
  const clusters = clusterByPixel(visible, (m) => scale.x(m.t), CLUSTER_PX);
  const placed = layoutLabels(
    clusters.map((c, i) => ({
      id: String(i),
      x: c.x,
      candidates: markClusterCandidates(c.members, lane.dropName),
      priority: Math.max(...c.members.map((m) => m.priority)),
    })),
    { rows: labelSlots(lane.kind), minX, maxX, measure, gap: 8, pad: 3 },
  );

  return (
    <g transform={`translate(0,${row.y})`} className={`tl-lane tl-lane--${lane.kind}`} data-lane={lane.kind} data-lane-key={lane.key} data-transaction={lane.transaction ?? undefined}>
      <rect className="tl-lane-bg" x={GUTTER_W} y={0} width={Math.max(0, width - GUTTER_W)} height={row.h} />
      <line className="tl-lane-rule" x1={0} x2={width} y1={row.h - 0.5} y2={row.h - 0.5} />
      {lane.span && <SpanBar lane={lane} scale={scale} y={my} clipId={clipId} />}
      <g clipPath={`url(#${clipId})`}>
        {clusters.map((c) => (
          <MarkCluster key={c.members[0]!.key} cluster={c} scale={scale} y={my} lane={lane} selected={selectedFrame !== null && c.members.some((m) => m.frame === selectedFrame)} onHover={onHover} onSelect={onSelect} />
        ))}
      </g>
      <g className="tl-leaders" pointerEvents="none">
        {clusters.map((c, i) => {
          const p = placed.get(String(i));
          if (!p || p.row === 0) return null;
          const slot = slotBaseline(lane.kind, p.row);
          return slot.below ? null : <line key={c.members[0]!.key} className="tl-leader" x1={c.x} x2={c.x} y1={slot.y + 2} y2={markTop} />;
        })}
      </g>
      {clusters.map((c, i) => {
        const p = placed.get(String(i));
        if (!p) return null;
        const slot = slotBaseline(lane.kind, p.row);
        const baseline = slot.y;
        const bad = c.members.every((m) => m.bad);
        const tone = c.members.find((m) => m.kind === 'no-reply' || m.kind === 'answer')?.tone;
        const parts = bad ? [] : badParts(c.members, lane.dropName);
        const pieces = parts.length > 0 ? splitHighlights(p.text, parts, measure) : null;
        const textX = p.x0 + 3;
        return (
          <g key={`l${c.members[0]!.key}`} className="tl-label-g" pointerEvents="none">
            {bad && <rect x={p.x0} y={baseline - 10} width={p.x1 - p.x0} height={13} rx={2} fill={BAD_TCP_BG} />}
            {pieces ? (
              // A cluster with Bad TCP members: those members' names in Bad TCP colours, the rest as usual.
              <>
                {pieces.map((q, k) => (q.highlight ? <rect key={k} x={textX + q.x - 2} y={baseline - 10} width={q.width + 4} height={13} rx={2} fill={BAD_TCP_BG} /> : null))}
                <text className="tl-label" x={textX} y={baseline}>
                  {pieces.map((q, k) =>
                    q.highlight ? (
                      <tspan key={k} className="tl-label--bad" fill={BAD_TCP_FG}>
                        {q.text}
                      </tspan>
                    ) : (
                      <tspan key={k}>{q.text}</tspan>
                    ),
                  )}
                </text>
              </>
            ) : (
              <text
                className={`tl-label${tone ? ` tl-label--${tone}` : ''}${bad ? ' tl-label--bad' : ''}`}
                x={p.anchor === 'start' ? p.x0 + 3 : p.x1 - 3}
                y={baseline}
                textAnchor={p.anchor}
                fill={bad ? BAD_TCP_FG : undefined}
              >
                {p.text}
              </text>
            )}
          </g>
        );
      })}
      <Gutter row={row} measure={measure} measureTitle={measureTitle} onToggle={onToggle} expandable={row.index === 0 && group.laneCount > 1} />
    </g>
  );
}

function SpanBar({ lane, scale, y, clipId }: { lane: Lane; scale: TimeScale; y: number; clipId: string }) {
  const s = lane.span!;
  const x0 = Math.max(GUTTER_W - 2, scale.x(s.t0));
  const x1 = Math.min(scale.x1 + 2, scale.x(s.t1));
  if (x1 <= x0) return null;
  return <line className={`tl-span tl-tone--${s.tone}`} x1={x0} x2={x1} y1={y} y2={y} clipPath={`url(#${clipId})`} />;
}

interface MarkClusterProps {
  cluster: Cluster<LaneMark>;
  scale: TimeScale;
  y: number;
  lane: Lane;
  selected: boolean;
  onHover(h: HoverInfo | null): void;
  onSelect(marks: LaneMark[]): void;
}

function MarkCluster({ cluster, scale, y, lane, selected, onHover, onSelect }: MarkClusterProps) {
  const frames = cluster.members.flatMap((m) => (m.frame === null ? [] : [m.frame]));
  const hover = (e: ReactPointerEvent | ReactMouseEvent) => onHover({ lane, marks: cluster.members, clientX: e.clientX, clientY: e.clientY });
  return (
    <g
      className={`tl-mark${selected ? ' tl-mark--selected' : ''}`}
      data-frame={frames[0]}
      data-frames={frames.join(' ')}
      data-kind={cluster.members.map((m) => m.kind).join(' ')}
      data-bad={cluster.members.some((m) => m.bad) ? 'true' : undefined}
      onPointerEnter={hover}
      onPointerMove={hover}
      onPointerLeave={() => onHover(null)}
      onClick={() => onSelect(cluster.members)}
    >
      {selected && <circle className="tl-selected-ring" cx={(cluster.x0 + cluster.x1) / 2} cy={y} r={11 + (cluster.x1 - cluster.x0) / 2} />}
      {cluster.members.map((m) => (
        <Glyph key={m.key} kind={m.kind} x={scale.x(m.t)} y={y} bad={m.bad} tone={m.tone} />
      ))}
      <rect className="tl-hit" x={cluster.x0 - 7} y={y - 11} width={cluster.x1 - cluster.x0 + 14} height={22} />
    </g>
  );
}

interface GutterProps {
  row: Extract<Row, { type: 'lane' }>;
  measure: Measure;
  measureTitle: Measure;
  expandable: boolean;
  onToggle(groupKey: string): void;
}

function Gutter({ row, measure, measureTitle, expandable, onToggle }: GutterProps) {
  const { lane, group } = row;
  const sub = row.index > 0;
  const left = sub ? 30 : 14 + (expandable ? 12 : 0);
  const chip = KIND_CHIP[lane.kind];
  const chipW = measure(chip) + 8;
  const textX = left + chipW + 6;
  const room = GUTTER_W - textX - 8;
  const note =
    lane.kind === 'radius' && group.transaction
      ? [
          STATUS_TEXT[group.transaction.status] ?? group.transaction.status,
          group.transaction.user,
          !group.expanded && group.laneCount > 1 ? `${group.laneCount - 1} more lane${group.laneCount > 2 ? 's' : ''}` : null,
        ]
          .filter(Boolean)
          .join(' · ')
      : lane.note;
  const toggle = () => onToggle(group.key);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      toggle();
    }
  };
  return (
    <g className="tl-gutter">
      <rect className="tl-gutter-bg" x={0} y={0} width={GUTTER_W} height={row.h} />
      <rect className={`tl-stripe tl-tone--${lane.tone}`} x={0} y={0} width={4} height={row.h} />
      {sub && <path className="tl-tree" d={`M18,0V${row.h}M18,20H${left - 3}`} />}
      {expandable && (
        <g
          className="tl-disclosure"
          role="button"
          tabIndex={0}
          aria-expanded={group.expanded}
          aria-label={`${group.expanded ? 'Collapse' : 'Expand'} ${lane.title}`}
          onClick={toggle}
          onKeyDown={onKey}
          onPointerDown={(e) => e.stopPropagation()}
        >
          <rect className="tl-hit" x={6} y={6} width={20} height={22} />
          <path d={group.expanded ? 'M10,14L20,14L15,20Z' : 'M12,11L18,16L12,21Z'} />
        </g>
      )}
      <g>
        <rect className={`tl-chip tl-chip--${lane.kind}`} x={left} y={8} width={chipW} height={14} rx={3} />
        <text className="tl-chip-text" x={left + chipW / 2} y={18.5} textAnchor="middle">
          {chip}
        </text>
        <text className="tl-title" x={textX} y={19}>
          {truncateToWidth(lane.title, room, measureTitle)}
        </text>
        <text className="tl-subtitle" x={left} y={34}>
          {truncateToWidth(lane.subtitle, GUTTER_W - left - 8, measure)}
        </text>
        {note && (
          <text className={`tl-note tl-tone--${lane.tone}`} x={left} y={48}>
            {truncateToWidth(note, GUTTER_W - left - 8, measure)}
          </text>
        )}
        <title>{lane.details.join('\n')}</title>
      </g>
    </g>
  );
}

/** The header row of a group without a RADIUS lane of its own (the connections no request caused). */
export function GroupHeader({ y, h, width, text, expanded, onToggle }: { y: number; h: number; width: number; text: string; expanded: boolean; onToggle(): void }) {
  return (
    <g
      transform={`translate(0,${y})`}
      className="tl-header"
      role="button"
      tabIndex={0}
      aria-expanded={expanded}
      onClick={onToggle}
      onPointerDown={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onToggle();
        }
      }}
    >
      <rect className="tl-header-bg" x={0} y={0} width={width} height={h} />
      <path className="tl-disclosure-icon" d={expanded ? 'M10,11L20,11L15,17Z' : 'M12,8L18,13L12,18Z'} />
      <text className="tl-header-text" x={26} y={18}>
        {text}
      </text>
    </g>
  );
}
