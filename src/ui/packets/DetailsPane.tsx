// The selected frame as Wireshark shows it: the layers as an expandable tree, and the bytes as hex and ASCII;
// selecting a field highlights its bytes. The frame is re-read from the file by the worker.

import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import type { DetailNode, FrameDetail } from '../../worker/api.ts';

interface Props {
  detail: FrameDetail | null;
  loading: boolean;
}

function Node({ node, path, selected, onSelect, depth }: { node: DetailNode; path: string; selected: string | null; onSelect(path: string, n: DetailNode): void; depth: number }) {
  // the outer layers start open, as in Wireshark's details pane
  const [open, setOpen] = useState<boolean>(depth === 0 && path !== '0');
  const kids = node.children ?? [];
  const isSel = selected === path;
  return (
    <li role="treeitem" aria-expanded={kids.length ? open : undefined} aria-selected={isSel}>
      <div className={`detail-node${isSel ? ' selected' : ''}`} onClick={() => onSelect(path, node)}>
        {kids.length > 0 ? (
          <button type="button" className="twisty" aria-label={open ? 'Collapse' : 'Expand'} onClick={(e) => (e.stopPropagation(), setOpen(!open))}>
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="twisty-space" />
        )}
        <span className="detail-label">{node.label}</span>
      </div>
      {open && kids.length > 0 && (
        <ul role="group">
          {kids.map((k, i) => (
            <Node key={i} node={k} path={`${path}.${i}`} selected={selected} onSelect={onSelect} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}

function Hex({ bytes, range }: { bytes: Uint8Array; range: [number, number] | null }) {
  const lines: ReactElement[] = [];
  const inRange = (i: number) => range !== null && i >= range[0] && i < range[1];
  for (let o = 0; o < bytes.length; o += 16) {
    const hex: ReactElement[] = [];
    const ascii: ReactElement[] = [];
    for (let i = o; i < Math.min(o + 16, bytes.length); i++) {
      const b = bytes[i]!;
      const cls = inRange(i) ? 'hl' : undefined;
      hex.push(
        <span key={i} className={cls}>
          {b.toString(16).padStart(2, '0')}
          {i % 16 === 7 ? '  ' : ' '}
        </span>,
      );
      ascii.push(
        <span key={i} className={cls}>
          {b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'}
        </span>,
      );
    }
    lines.push(
      <div key={o} className="hex-line">
        <span className="hex-offset">{o.toString(16).padStart(4, '0')}</span>
        <span className="hex-bytes">{hex}</span>
        <span className="hex-ascii">{ascii}</span>
      </div>,
    );
  }
  return <div className="hex-pane" aria-label="Frame bytes">{lines}</div>;
}

export function DetailsPane({ detail, loading }: Props) {
  const [selected, setSelected] = useState<string | null>(null);
  const [range, setRange] = useState<[number, number] | null>(null);
  useEffect(() => {
    setSelected(null);
    setRange(null);
  }, [detail?.frame]);
  if (!detail) return <div className="details-empty">{loading ? 'Reading the frame…' : 'Select a packet to see its layers and bytes.'}</div>;
  return (
    <div className="details" data-testid="details" data-frame={detail.frame}>
      <ul className="detail-tree" role="tree" aria-label={`Layers of frame ${detail.frame}`}>
        {detail.tree.map((n, i) => (
          <Node
            key={`${detail.frame}-${i}`}
            node={n}
            path={String(i)}
            selected={selected}
            depth={0}
            onSelect={(p, node) => {
              setSelected(p);
              setRange(node.length > 0 ? [node.start, node.start + node.length] : null);
            }}
          />
        ))}
      </ul>
      <Hex bytes={detail.bytes} range={range} />
    </div>
  );
}
