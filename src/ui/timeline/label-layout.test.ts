import { describe, expect, it } from 'vitest';
import { clusterByPixel, estimateWidth, layoutLabels, splitHighlights, truncateToWidth, type LabelRequest } from './label-layout.ts';

const measure = (s: string) => s.length * 6;
const opts = { rows: 2, minX: 0, maxX: 1000, measure, gap: 6, pad: 2 };

function overlaps(placed: ReturnType<typeof layoutLabels>, gap: number): boolean {
  const all = [...placed.values()];
  return all.some((a, i) => all.some((b, j) => i < j && a.row === b.row && a.x1 + gap > b.x0 && b.x1 + gap > a.x0));
}

describe('clusterByPixel', () => {
  it('merges marks closer than the gap, chaining neighbours', () => {
    const xs = [100, 102, 103.5, 120, 124, 200];
    const c = clusterByPixel(xs, (x) => x, 5);
    expect(c.map((k) => k.members)).toEqual([[100, 102, 103.5], [120, 124], [200]]);
    expect(c[0]).toMatchObject({ x: 100, x0: 100, x1: 103.5 });
  });
  it('sorts its input', () => {
    expect(clusterByPixel([30, 10, 20], (x) => x, 5).map((k) => k.x)).toEqual([10, 20, 30]);
  });
});

describe('layoutLabels', () => {
  it('places a lone label at its mark', () => {
    const p = layoutLabels([{ id: 'a', x: 100, candidates: ['SYN'], priority: 1 }], opts);
    expect(p.get('a')).toEqual({ id: 'a', text: 'SYN', row: 0, x0: 98, x1: 98 + 18 + 4, anchor: 'start' });
  });
  it('staggers colliding labels into the next row, then tries shorter forms, then gives up', () => {
    const reqs: LabelRequest[] = [
      { id: 'a', x: 100, candidates: ['Retransmission #1 (+204 ms)'], priority: 90 },
      { id: 'b', x: 110, candidates: ['Retransmission #2 (+208 ms)'], priority: 90 },
      { id: 'c', x: 120, candidates: ['Retransmission #3 (+420 ms)', '#3'], priority: 90 },
      { id: 'd', x: 130, candidates: ['Retransmission #4 (+828 ms)'], priority: 90 },
    ];
    const p = layoutLabels(reqs, opts);
    expect(p.get('a')!.row).toBe(0);
    expect(p.get('b')!.row).toBe(1);
    expect(p.has('c')).toBe(false);
    expect(p.has('d')).toBe(false);
    expect(overlaps(p, 6)).toBe(false);
  });
  it('gives the contested slot to the higher priority', () => {
    const p = layoutLabels(
      [
        { id: 'low', x: 100, candidates: ['ACK ACK ACK'], priority: 10 },
        { id: 'high', x: 104, candidates: ['ClientHello'], priority: 90 },
      ],
      { ...opts, rows: 1 },
    );
    expect([...p.keys()]).toEqual(['high']);
  });
  it('flips a label that would leave the plot to end at its mark', () => {
    const p = layoutLabels([{ id: 'a', x: 990, candidates: ['Retransmission #8'], priority: 1 }], opts);
    expect(p.get('a')!.anchor).toBe('end');
    expect(p.get('a')!.x1).toBeLessThanOrEqual(1000);
  });
  it('skips marks outside the plot', () => {
    expect(layoutLabels([{ id: 'a', x: 1500, candidates: ['x'], priority: 1 }], opts).size).toBe(0);
  });
  it('never overlaps, whatever the input', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 50; round++) {
      const reqs = Array.from({ length: 40 }, (_, i) => ({
        id: String(i),
        x: rnd() * 1000,
        candidates: ['x'.repeat(1 + Math.floor(rnd() * 30)), 'y'.repeat(1 + Math.floor(rnd() * 5))],
        priority: Math.floor(rnd() * 5),
      }));
      const p = layoutLabels(reqs, { ...opts, rows: 3 });
      expect(overlaps(p, 6)).toBe(false);
      for (const l of p.values()) {
        expect(l.x0).toBeGreaterThanOrEqual(0);
        expect(l.x1).toBeLessThanOrEqual(1000);
      }
    }
  });
});

describe('text helpers', () => {
  it('truncates with an ellipsis to fit', () => {
    expect(truncateToWidth('login.microsoftonline.com', 1000, measure)).toBe('login.microsoftonline.com');
    const t = truncateToWidth('settings-win.data.microsoft.com', 60, measure);
    expect(t.endsWith('…')).toBe(true);
    expect(measure(t)).toBeLessThanOrEqual(60);
    expect(truncateToWidth('abc', 3, measure)).toBe('');
  });
  it('estimates widths that grow with the text', () => {
    expect(estimateWidth('ClientHello')).toBeGreaterThan(estimateWidth('SYN'));
    expect(estimateWidth('')).toBe(0);
  });
  it('splits out the parts to highlight, in order', () => {
    const p = splitHighlights('SYN · ACK · CONNECT · HTTP 403 · FIN', ['HTTP 403'], measure);
    expect(p.map((x) => [x.text, x.highlight])).toEqual([
      ['SYN · ACK · CONNECT · ', false],
      ['HTTP 403', true],
      [' · FIN', false],
    ]);
    expect(p[1]!.x).toBe(measure('SYN · ACK · CONNECT · '));
    expect(splitHighlights('A: NXDOMAIN · AAAA: NXDOMAIN', ['A: NXDOMAIN', 'AAAA: NXDOMAIN'], measure).filter((x) => x.highlight).map((x) => x.text)).toEqual([
      'A: NXDOMAIN',
      'AAAA: NXDOMAIN',
    ]);
    expect(splitHighlights('SYN', ['missing'], measure)).toEqual([{ text: 'SYN', x: 0, width: 18, highlight: false }]);
  });
});
