// The key to the marks, drawn in SVG so that it is part of the exported picture (wraps on narrow widths).

import type { Ref } from 'react';
import { Glyph } from './Glyph.tsx';
import type { MarkKind, Tone } from './lanes.ts';
import type { Measure } from './measure.ts';

const ROW_H = 22;

const ITEMS: { kind: MarkKind; tone: Tone; bad: boolean; text: string }[] = [
  { kind: 'request', tone: 'neutral', bad: false, text: 'RADIUS request' },
  { kind: 'duplicate', tone: 'neutral', bad: false, text: 'repeated request' },
  { kind: 'answer', tone: 'ok', bad: false, text: 'answer' },
  { kind: 'no-reply', tone: 'error', bad: false, text: 'no reply' },
  { kind: 'syn', tone: 'neutral', bad: false, text: 'TCP handshake' },
  { kind: 'client-hello', tone: 'neutral', bad: false, text: 'TLS hello' },
  { kind: 'rst', tone: 'neutral', bad: false, text: 'reset' },
  { kind: 'connect', tone: 'neutral', bad: false, text: 'proxy CONNECT' },
  { kind: 'dns-response', tone: 'neutral', bad: false, text: 'DNS' },
  { kind: 'retransmission', tone: 'error', bad: true, text: "Bad TCP (Wireshark's colours)" },
];

export function legendLayout(width: number, measure: Measure) {
  let x = 12;
  let row = 0;
  const items = ITEMS.map((it) => {
    const w = 14 + measure(it.text);
    if (x > 12 && x + w > width - 8) {
      row++;
      x = 12;
    }
    const at = { ...it, x, row };
    x += w + 18;
    return at;
  });
  return { items, height: (row + 1) * ROW_H + 4 };
}

export function Legend({ width, measure, svgRef }: { width: number; measure: Measure; svgRef?: Ref<SVGSVGElement> }) {
  const { items, height } = legendLayout(width, measure);
  return (
    <svg ref={svgRef} className="tl-legend" width={width} height={height} role="img" aria-label="Legend of the timeline's marks">
      {items.map((it) => (
        <g key={it.text}>
          <Glyph kind={it.kind} x={it.x + 5} y={it.row * ROW_H + 13} bad={it.bad} tone={it.tone} />
          <text className="tl-legend-text" x={it.x + 14} y={it.row * ROW_H + 17}>
            {it.text}
          </text>
        </g>
      ))}
    </svg>
  );
}
