// One mark's shape. The shape says what the packet is (diamond: RADIUS request, tick: TCP handshake, dot:
// TLS hello, X: reset, ...); colour comes from the theme's CSS variables, except Bad TCP marks, which are
// drawn in Wireshark's Bad TCP colours in both themes.

import type { MarkKind, Tone } from './lanes.ts';

/** Wireshark's "Bad TCP" colouring rule: dark slate background, salmon text. The same in both themes. */
export const BAD_TCP_BG = '#12272e';
export const BAD_TCP_FG = '#f78787';

interface GlyphProps {
  kind: MarkKind;
  x: number;
  y: number;
  bad: boolean;
  tone: Tone;
}

export function Glyph({ kind, x, y, bad, tone }: GlyphProps) {
  if (bad) {
    return (
      <g className="tl-glyph tl-glyph--bad">
        <rect x={x - 4.5} y={y - 8} width={9} height={16} rx={1.5} fill={BAD_TCP_BG} stroke={BAD_TCP_FG} strokeWidth={1} />
        <BadInner kind={kind} x={x} y={y} />
      </g>
    );
  }
  const c = `tl-glyph tl-glyph--${kind} tl-tone--${tone}`;
  switch (kind) {
    case 'request':
      return <path className={c} d={diamond(x, y, 6)} />;
    case 'duplicate':
      return <path className={c} d={diamond(x, y, 5)} />;
    case 'answer':
      return <circle className={c} cx={x} cy={y} r={5.5} />;
    case 'no-reply':
      return (
        <g className={c}>
          <circle cx={x} cy={y} r={7} />
          <path d={`M${x - 3.5},${y - 3.5}L${x + 3.5},${y + 3.5}M${x + 3.5},${y - 3.5}L${x - 3.5},${y + 3.5}`} />
        </g>
      );
    case 'syn':
    case 'syn-ack':
    case 'ack':
      return <line className={c} x1={x} x2={x} y1={y - 7} y2={y + 7} />;
    case 'client-hello':
    case 'server-hello':
      return <circle className={c} cx={x} cy={y} r={4.5} />;
    case 'certificate':
      return <rect className={c} x={x - 3.5} y={y - 3.5} width={7} height={7} />;
    case 'alert':
      return <path className={c} d={`M${x},${y - 6}L${x + 5.5},${y + 4.5}L${x - 5.5},${y + 4.5}Z`} />;
    case 'rst':
      return <path className={c} d={`M${x - 4.5},${y - 4.5}L${x + 4.5},${y + 4.5}M${x + 4.5},${y - 4.5}L${x - 4.5},${y + 4.5}`} />;
    case 'fin':
      return <rect className={c} x={x - 3} y={y - 3} width={6} height={6} />;
    case 'connect':
    case 'connect-response':
      return <path className={c} d={diamond(x, y, 5)} />;
    case 'dns-query':
    case 'dns-response':
      return <circle className={c} cx={x} cy={y} r={3.5} />;
    case 'retransmission':
      return <line className={c} x1={x} x2={x} y1={y - 7} y2={y + 7} />;
    default:
      return <circle className={c} cx={x} cy={y} r={2.5} />;
  }
}

function BadInner({ kind, x, y }: { kind: MarkKind; x: number; y: number }) {
  if (kind === 'rst') {
    return <path d={`M${x - 2.5},${y - 2.5}L${x + 2.5},${y + 2.5}M${x + 2.5},${y - 2.5}L${x - 2.5},${y + 2.5}`} stroke={BAD_TCP_FG} strokeWidth={1.5} />;
  }
  if (kind === 'connect-response' || kind === 'alert') return <circle cx={x} cy={y} r={2.2} fill={BAD_TCP_FG} />;
  return <line x1={x} x2={x} y1={y - 5} y2={y + 5} stroke={BAD_TCP_FG} strokeWidth={2} />;
}

function diamond(x: number, y: number, r: number): string {
  return `M${x},${y - r}L${x + r},${y}L${x},${y + r}L${x - r},${y}Z`;
}
