import { describe, expect, it } from 'vitest';
import { GROUP_GAP, HEADER_H, laneHeight, labelSlots, markY, slotBaseline, stackRows, visibleRows } from './geometry.ts';
import type { Lane, LaneGroup } from './lanes.ts';

const lane = (key: string, kind: Lane['kind']): Lane => ({ key, kind, title: key, subtitle: '', note: null, details: [], tone: 'neutral', marks: [], span: null, transaction: 0, attempt: null });
const group = (key: string, lanes: Lane[], header: string | null = null): LaneGroup => ({ key, transaction: null, failing: false, expanded: true, laneCount: lanes.length, header, lanes, band: null });

describe('lane geometry', () => {
  it('gives connection lanes more label room than RADIUS and DNS lanes', () => {
    expect(labelSlots('tls')).toBeGreaterThan(labelSlots('radius'));
    expect(laneHeight('tls')).toBeGreaterThan(laneHeight('dns'));
    expect(markY('radius')).toBeLessThan(laneHeight('radius'));
  });
  it('puts slot 0 just above the marks, slot 1 of a connection lane under them, the rest higher up', () => {
    const s0 = slotBaseline('tls', 0);
    const s1 = slotBaseline('tls', 1);
    const s2 = slotBaseline('tls', 2);
    expect(s0.below).toBe(false);
    expect(s1.below).toBe(true);
    expect(s1.y).toBeGreaterThan(markY('tls'));
    expect(s2.y).toBeLessThan(s0.y);
    expect(slotBaseline('radius', 1).below).toBe(false);
    for (let i = 0; i < labelSlots('tls'); i++) {
      expect(slotBaseline('tls', i).y).toBeGreaterThan(0);
      expect(slotBaseline('tls', i).y).toBeLessThanOrEqual(laneHeight('tls'));
    }
  });
});

describe('stackRows and visibleRows', () => {
  const groups = [group('a', [lane('a0', 'radius'), lane('a1', 'tls')]), group('b', [lane('b0', 'tcp')], 'Other connections')];
  const stack = stackRows(groups);
  it('stacks lanes and headers with a gap between groups', () => {
    expect(stack.rows.map((r) => [r.key, r.y])).toEqual([
      ['a0', 0],
      ['a1', laneHeight('radius')],
      ['b:header', laneHeight('radius') + laneHeight('tls') + GROUP_GAP],
      ['b0', laneHeight('radius') + laneHeight('tls') + GROUP_GAP + HEADER_H],
    ]);
    expect(stack.height).toBe(laneHeight('radius') + laneHeight('tls') + GROUP_GAP + HEADER_H + laneHeight('tcp'));
    expect(stack.groups.map((g) => [g.group.key, g.y])).toEqual([
      ['a', 0],
      ['b', laneHeight('radius') + laneHeight('tls') + GROUP_GAP],
    ]);
  });
  it('returns only the rows in view', () => {
    expect(visibleRows(stack.rows, 0, 10).map((r) => r.key)).toEqual(['a0']);
    expect(visibleRows(stack.rows, laneHeight('radius') + 1, laneHeight('radius') + 2).map((r) => r.key)).toEqual(['a1']);
    expect(visibleRows(stack.rows, 0, 1e6).length).toBe(4);
    expect(visibleRows(stack.rows, 1e6, 2e6)).toEqual([]);
  });
  it('stays cheap for thousands of lanes', () => {
    const many = stackRows(Array.from({ length: 2000 }, (_, i) => group(`g${i}`, [lane(`l${i}`, 'radius')])));
    const shown = visibleRows(many.rows, 50_000, 50_800);
    expect(shown.length).toBeLessThan(20);
    expect(shown[0]!.y + shown[0]!.h).toBeGreaterThanOrEqual(50_000);
  });
});
