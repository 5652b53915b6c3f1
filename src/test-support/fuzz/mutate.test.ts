// The fuzz tools themselves: the mutator is deterministic, the record walk is right, and the harness does
// flag what it is meant to flag (a check that never fails would make the fuzz tests pass vacuously).

import { describe, expect, test } from 'vitest';
import { baseInputs, expectations, runCase } from './harness.ts';
import { firstDifference, mutate, MUTATION_KINDS, packetsBefore, protocolFields, walkRecords } from './mutate.ts';

const inputs = baseInputs();
const sample = inputs.find((i) => i.name.endsWith('tls-blackhole.pcapng'))!.bytes;
const nsec = inputs.find((i) => i.name.endsWith('nsec-be.pcap'))!.bytes;

describe('mutate', () => {
  test('the same seed gives the same bytes and steps; the input is not changed', () => {
    const before = sample.slice();
    for (let seed = 0; seed < 50; seed++) {
      const a = mutate(sample, seed);
      const b = mutate(sample, seed);
      expect(a.steps).toEqual(b.steps);
      expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    }
    expect(Buffer.from(sample).equals(Buffer.from(before))).toBe(true);
  });

  test('every kind of mutation is used and changes the bytes', () => {
    for (const kind of MUTATION_KINDS) {
      let changed = 0;
      for (let seed = 0; seed < 20; seed++) if (firstDifference(sample, mutate(sample, seed, [kind]).bytes) !== Infinity) changed++;
      expect(changed, kind).toBeGreaterThan(15);
    }
  });

  test('walkRecords reads pcapng blocks and pcap records, big-endian included', () => {
    const ng = walkRecords(sample);
    expect(ng.format).toBe('pcapng');
    expect(ng.records[ng.records.length - 1]!.end).toBe(sample.length);
    const p = walkRecords(nsec);
    expect(p.format).toBe('pcap');
    expect(p.records[p.records.length - 1]!.end).toBe(nsec.length);
    expect(packetsBefore(p, 23)).toBe(0);
    expect(packetsBefore(p, p.records[1]!.end)).toBe(2);
    expect(packetsBefore(p, p.records[1]!.end - 1)).toBe(1);
  });

  test('protocolFields finds IPv4, UDP, TCP and RADIUS length fields in the sample', () => {
    const names = new Set(walkRecords(sample).records.flatMap((r) => protocolFields(sample, r).map((f) => f.name)));
    for (const n of ['ipv4.ihl', 'ipv4.total_length', 'udp.length', 'tcp.data_offset', 'radius.length']) expect(names.has(n), n).toBe(true);
  });
});

describe('the harness flags failures', () => {
  test('fewer frames than required', async () => {
    const cut = sample.slice(0, Math.floor(sample.length / 2));
    const exp = expectations(sample, { bytes: cut, steps: [], kinds: ['cut'], contentOnly: false });
    expect(exp.minFrames).toBeGreaterThan(10);
    expect((await runCase(cut, 7, exp)).problems).toEqual([]);
    expect((await runCase(cut, 7, { minFrames: exp.minFrames! + 1 })).problems[0]).toMatch(/records lie wholly before/);
  });

  test('a count that differs when the framing is intact', async () => {
    expect((await runCase(sample, 3, { exactFrames: 1 })).problems[0]).toMatch(/framing intact/);
  });

  test('unreadable bytes give a CaptureFormatError, which passes', async () => {
    const r = await runCase(new Uint8Array(100).fill(0x41), 1);
    expect(r.problems).toEqual([]);
    expect(r.result!.outcome).toBe('capture-error');
  });
});
