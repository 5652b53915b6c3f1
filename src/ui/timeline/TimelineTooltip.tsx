// The hover tooltip: for each mark under the pointer, its frame number, time, label and the page's
// one-line summary of the frame. Text only.

import { formatTime } from './ticks.ts';
import type { HoverInfo } from './TimelineLane.tsx';

interface TooltipProps {
  hover: HoverInfo;
  frame: HTMLDivElement | null;
  frameSummary?: ((frame: number) => string | undefined) | undefined;
}

export function Tooltip({ hover, frame, frameSummary }: TooltipProps) {
  if (!frame) return null;
  const rect = frame.getBoundingClientRect();
  const x = hover.clientX - rect.left;
  const y = hover.clientY - rect.top;
  const flip = x > rect.width * 0.6;
  const shown = hover.marks.slice(0, 8);
  return (
    <div
      className="tl-tooltip"
      role="tooltip"
      style={{ left: flip ? undefined : x + 14, right: flip ? rect.width - x + 14 : undefined, top: y + 16 }}
    >
      <div className="tl-tooltip-lane">
        {hover.lane.title} <span className="tl-tooltip-muted">{hover.lane.subtitle}</span>
      </div>
      {shown.map((m) => {
        const summary = m.frame !== null ? frameSummary?.(m.frame) : undefined;
        return (
          <div key={m.key} className={`tl-tooltip-item${m.bad ? ' tl-tooltip-item--bad' : ''}`}>
            <div className="tl-tooltip-head">
              {m.frame !== null ? `Frame ${m.frame}` : 'No frame'} · {formatTime(m.t)}
            </div>
            <div>{m.label}</div>
            {summary && <div className="tl-tooltip-muted">{summary}</div>}
          </div>
        );
      })}
      {hover.marks.length > shown.length && <div className="tl-tooltip-muted">and {hover.marks.length - shown.length} more: zoom in to tell them apart</div>}
      {hover.marks.length > 1 && hover.marks.length <= shown.length && <div className="tl-tooltip-muted">Click again to step through them; zoom in to tell them apart.</div>}
    </div>
  );
}
