// The evidence of a finding: its frames as buttons (clicking one selects it in the timeline and the packet
// table), and its Wireshark filter to copy.

import { useState } from 'react';
import { CopyButton } from './CopyButton.tsx';
import { wiresharkFilter } from './findings.ts';

const SHOWN = 40;

interface EvidenceProps {
  frames: number[];
  labels: ReadonlyMap<number, string>;
  onSelectFrame(frame: number): void;
}

export function Evidence({ frames, labels, onSelectFrame }: EvidenceProps) {
  const [all, setAll] = useState(false);
  if (frames.length === 0) return null;
  const shown = all ? frames : frames.slice(0, SHOWN);
  return (
    <div className="vp-evidence">
      <span className="vp-evidence-label">
        Evidence: {frames.length} frame{frames.length === 1 ? '' : 's'}
      </span>
      <ul className="vp-frames">
        {shown.map((f) => {
          const what = labels.get(f);
          return (
            <li key={f}>
              <button type="button" className="vp-frame" onClick={() => onSelectFrame(f)} title={what ? `Frame ${f}: ${what}` : `Frame ${f}`} aria-label={what ? `Frame ${f}: ${what}` : `Frame ${f}`}>
                {f}
              </button>
            </li>
          );
        })}
        {frames.length > shown.length && (
          <li>
            <button type="button" className="vp-more" onClick={() => setAll(true)}>
              {frames.length - shown.length} more
            </button>
          </li>
        )}
      </ul>
      <CopyButton className="vp-copy-filter" text={wiresharkFilter(frames)} label="Copy Wireshark filter" />
    </div>
  );
}
