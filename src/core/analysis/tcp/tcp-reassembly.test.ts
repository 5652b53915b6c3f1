// The per-direction byte stream: order, retransmissions, overlaps (first copy wins), holes, limits, modes and
// protocol switches, on small hand-made segments.

import { describe, expect, test } from 'vitest';
import { ByteStream, MemoryBudget, StreamMode, seqDiff, type ByteSink } from './tcp-reassembly.ts';

interface Event {
  kind: 'data' | 'gap' | 'end';
  text?: string;
  offset: number;
  frame: number;
  length?: number;
}

class Recorder implements ByteSink {
  events: Event[] = [];
  constructor(private readonly onData?: (r: Recorder, offset: number, bytes: Uint8Array, start: number, end: number) => void) {}
  data(bytes: Uint8Array, start: number, end: number, offset: number, frame: number): void {
    this.events.push({ kind: 'data', text: String.fromCharCode(...bytes.subarray(start, end)), offset, frame });
    this.onData?.(this, offset, bytes, start, end);
  }
  gap(offset: number, length: number, frame: number): void {
    this.events.push({ kind: 'gap', offset, length, frame });
  }
  end(offset: number, frame: number, reset: boolean): void {
    this.events.push({ kind: 'end', offset, frame, text: reset ? 'reset' : 'fin' });
  }
  get text(): string {
    return this.events.map((e) => (e.kind === 'data' ? e.text : e.kind === 'gap' ? `[${e.length}]` : '')).join('');
  }
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function stream(sink: ByteSink, opts: { start?: number; budget?: MemoryBudget; maxHeldBytes?: number; maxHeldSegments?: number; mode?: 0 | 1 | 2 } = {}): ByteStream {
  return new ByteStream(
    opts.start ?? 1,
    sink,
    opts.budget ?? new MemoryBudget(),
    { maxHeldBytes: opts.maxHeldBytes ?? 1024, maxHeldSegments: opts.maxHeldSegments ?? 8 },
    opts.mode ?? StreamMode.HOLD,
  );
}

/** Push `text` at relative sequence `seq` in `frame`. */
function push(s: ByteStream, seq: number, text: string, frame: number, segLen = text.length): void {
  const b = ascii(`xx${text}yy`); // the segment is a view inside a larger buffer, as in a frame
  s.push(seq, b, 2, 2 + text.length, segLen, frame);
}

describe('ByteStream', () => {
  test('in-order segments arrive once each, tagged with their frames, at their offsets', () => {
    const r = new Recorder();
    const s = stream(r);
    push(s, 1, 'hello ', 1);
    push(s, 7, 'world', 2);
    expect(r.events).toEqual([
      { kind: 'data', text: 'hello ', offset: 0, frame: 1 },
      { kind: 'data', text: 'world', offset: 6, frame: 2 },
    ]);
  });

  test('a retransmission is dropped; a partial one delivers only its new bytes', () => {
    const r = new Recorder();
    const s = stream(r);
    push(s, 1, 'abcdef', 1);
    push(s, 1, 'abcdef', 2);
    push(s, 4, 'defGHI', 3);
    expect(r.text).toBe('abcdefGHI');
    expect(r.events.map((e) => e.frame)).toEqual([1, 3]);
  });

  test('overlapping data with other bytes: the first copy wins (as Wireshark)', () => {
    const r = new Recorder();
    const s = stream(r);
    push(s, 1, 'AAAA', 1);
    push(s, 3, 'zzzzBB', 2);
    expect(r.text).toBe('AAAAzzBB'); // seq 3-4 came twice: 'AA' (first) beats 'zz'
  });

  test('out-of-order segments are held and delivered in order with their own frames when the hole fills', () => {
    const r = new Recorder();
    const s = stream(r);
    push(s, 1, 'one-', 1);
    push(s, 9, 'three', 2); // hole at 5..9
    expect(r.text).toBe('one-');
    expect(s.heldBytes).toBe(5);
    push(s, 5, 'two-', 3);
    expect(r.events.map((e) => [e.text, e.frame, e.offset])).toEqual([
      ['one-', 1, 0],
      ['two-', 3, 4],
      ['three', 2, 8],
    ]);
    expect(s.heldBytes).toBe(0);
  });

  test('held copies: the first one wins among them too', () => {
    const r = new Recorder();
    const s = stream(r);
    push(s, 5, 'BBBB', 1);
    push(s, 3, 'xxxxxxxx', 2); // covers 3..11: only 3..5 and 9..11 are new
    push(s, 1, 'AA', 3);
    expect(r.text).toBe('AAxxBBBBxx');
  });

  test('a hole is given up when the peer acknowledges past it (the capture missed those bytes)', () => {
    const r = new Recorder();
    const s = stream(r);
    push(s, 1, 'abc', 1);
    push(s, 10, 'later', 2);
    s.ack(10, 3);
    expect(r.events).toEqual([
      { kind: 'data', text: 'abc', offset: 0, frame: 1 },
      { kind: 'gap', offset: 3, length: 6, frame: 3 },
      { kind: 'data', text: 'later', offset: 9, frame: 2 },
    ]);
    expect(s.gaps).toBe(1);
  });

  test('an acknowledgement past unseen bytes makes the next segment past them go straight through', () => {
    const r = new Recorder();
    const s = stream(r);
    s.ack(6, 1);
    push(s, 6, 'xyz', 2);
    expect(r.text).toBe('[5]xyz');
    expect(s.heldBytes).toBe(0);
  });

  test('holding is bounded: past the limits the oldest hole is given up', () => {
    const r = new Recorder();
    const budget = new MemoryBudget(1 << 20);
    const s = stream(r, { budget, maxHeldSegments: 2, maxHeldBytes: 100 });
    push(s, 11, 'b', 1);
    push(s, 21, 'c', 2);
    push(s, 31, 'd', 3); // a third held segment: the oldest hole (before 'b') is given up, 'c' and 'd' wait
    expect(r.text).toBe('[10]b');
    expect(s.heldBytes).toBe(2);
    expect(budget.used).toBe(2);
    s.release();
    expect(budget.used).toBe(0);
  });

  test('the shared memory budget bounds holding across streams', () => {
    const budget = new MemoryBudget(8);
    const r1 = new Recorder();
    const r2 = new Recorder();
    const s1 = stream(r1, { budget });
    const s2 = stream(r2, { budget });
    push(s1, 3, 'abcdef', 1); // held: 6 of 8
    push(s2, 3, 'ghijkl', 2); // cannot be held: the hole is given up at once
    expect(r1.text).toBe('');
    expect(r2.text).toBe('[2]ghijkl');
    expect(budget.used).toBe(6);
    expect(budget.refusals).toBe(1);
  });

  test('IN_ORDER mode copies nothing: a hole is reported and later bytes below it are dropped (tshark 4.0)', () => {
    const r = new Recorder();
    const s = stream(r, { mode: StreamMode.IN_ORDER });
    push(s, 1, 'ab', 1);
    push(s, 6, 'fg', 2);
    push(s, 3, 'cde', 3);
    expect(r.text).toBe('ab[3]fg');
    expect(s.heldBytes).toBe(0);
  });

  test('switching HOLD -> IN_ORDER keeps what is held until its hole fills', () => {
    const r = new Recorder();
    const s = stream(r);
    push(s, 4, 'def', 1);
    s.setMode(StreamMode.IN_ORDER);
    push(s, 1, 'abc', 2);
    expect(r.text).toBe('abcdef');
  });

  test('OFF mode delivers nothing but keeps the position', () => {
    const r = new Recorder();
    const s = stream(r, { mode: StreamMode.OFF });
    push(s, 1, 'abc', 1);
    expect(r.events).toEqual([]);
    expect(s.offset).toBe(3);
  });

  test('bytes the snapshot length cut off are a gap, never invented', () => {
    const r = new Recorder();
    const s = stream(r);
    push(s, 1, 'abc', 1, 10); // 10 bytes on the wire, 3 captured
    push(s, 11, 'k', 2);
    expect(r.text).toBe('abc[7]k');
  });

  test('a protocol switch at an offset inside a chunk hands the rest of it to the new sink', () => {
    const tunnel = new Recorder();
    const head = new Recorder((_rec, offset, bytes, start, end) => {
      const text = String.fromCharCode(...bytes.subarray(start, end));
      const at = text.indexOf('\n\n');
      if (at >= 0) s.switchSink(offset + at + 2, tunnel);
    });
    const s = stream(head);
    push(s, 1, 'CONNECT x\n\nTLS', 1);
    push(s, 15, '-more', 2);
    // the old sink saw the whole chunk (it found the switch point in it) and must ignore what follows it
    expect(head.events.map((e) => e.frame)).toEqual([1]);
    expect(tunnel.events).toEqual([
      { kind: 'data', text: 'TLS', offset: 11, frame: 1 },
      { kind: 'data', text: '-more', offset: 14, frame: 2 },
    ]);
  });

  test('a switch set ahead takes effect at its offset', () => {
    const a = new Recorder();
    const b = new Recorder();
    const s = stream(a);
    s.switchSink(5, b);
    push(s, 1, 'abcdefgh', 1);
    expect([a.text, b.text]).toEqual(['abcde', 'fgh']);
  });

  test('FIN ends the stream once every byte before it is in; RST drops held bytes', () => {
    const r = new Recorder();
    const s = stream(r);
    push(s, 4, 'def', 1);
    s.fin(7, 1);
    expect(s.finished).toBe(false);
    push(s, 1, 'abc', 2);
    expect(r.events.at(-1)).toEqual({ kind: 'end', offset: 6, frame: 2, text: 'fin' });
    const r2 = new Recorder();
    const s2 = stream(r2);
    push(s2, 5, 'x', 1);
    s2.reset(2);
    expect(r2.events).toEqual([{ kind: 'end', offset: 0, frame: 2, text: 'reset' }]);
    expect(s2.heldBytes).toBe(0);
  });

  test('sequence numbers wrap around 2^32', () => {
    const r = new Recorder();
    const s = stream(r, { start: 0xfffffffe });
    push(s, 0xfffffffe, 'ab', 1);
    push(s, 2, 'ef', 2); // held: 0 and 1 missing
    push(s, 0, 'cd', 3);
    expect(r.text).toBe('abcdef');
    expect(seqDiff(1, 0xffffffff)).toBe(2);
  });
});
