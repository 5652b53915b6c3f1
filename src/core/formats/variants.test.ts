// File variants the shared corpus lacks, made from our lab captures by scripts/make-reader-fixtures.sh (see its
// header for how each was made) and checked against the tshark 4.0 truth written beside each fixture
// (`<file>.tshark.json`). Frame offsets of pcap records are computed here from tshark's captured lengths.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip, gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../base/diagnostics.ts';
import { CaptureFormatError } from '../base/errors.ts';
import { readCapture, type Gunzip } from './capture-reader.ts';
import { REPO_ROOT, bytesChunks, fileChunks } from '../../test-support/corpus.ts';

const FIXTURES = join(REPO_ROOT, 'fixtures', 'readers');
const fixture = (name: string) => join(FIXTURES, name);

/** WTAP_ENCAP_* (wiretap/wtap.h) to LINKTYPE_*: Ethernet, and LOOP (tshark calls it "OpenBSD loopback"). */
const WTAP_TO_LINKTYPE: Record<number, number> = { 1: 1, 174: 108 };

interface TruthFrame {
  'frame.number': number;
  'frame.time_epoch'?: string;
  'frame.len': number;
  'frame.cap_len': number;
  'frame.interface_id'?: number;
  'frame.encap_type'?: number;
  'frame.protocols'?: string;
}
interface Truth {
  file: string;
  size: number;
  tshark_rc: number;
  tshark_stderr: string;
  capinfos: string[];
  frames: TruthFrame[];
}

const truthOf = (name: string): Truth => JSON.parse(readFileSync(fixture(name) + '.tshark.json', 'utf8')) as Truth;
/** A `Name = value` line of the capinfos output kept in the truth, per interface in order. */
const capinfosValues = (t: Truth, key: string) =>
  t.capinfos.map((l) => l.match(new RegExp(`^\\s+${key} = (.*)$`))?.[1]).filter((v): v is string => v !== undefined);

interface Row {
  number: number;
  fileOffset: number;
  capLen: number;
  origLen: number;
  hasTime: boolean;
  sec: number;
  nsec: number;
  interfaceId: number;
  linkType: number;
  head: number[];
}

const nodeGunzip: Gunzip = (compressed) => Readable.from(compressed).pipe(createGunzip());

async function readFixture(name: string, chunkSize = 1 << 16) {
  const rows: Row[] = [];
  const diagnostics: Diagnostic[] = [];
  const result = await readCapture(
    fileChunks(fixture(name), chunkSize),
    {
      frame: (f) =>
        rows.push({
          number: f.number,
          fileOffset: f.fileOffset,
          capLen: f.capLen,
          origLen: f.origLen,
          hasTime: f.hasTime,
          sec: f.sec,
          nsec: f.nsec,
          interfaceId: f.interfaceId,
          linkType: f.linkType,
          head: [...f.data.subarray(0, 4)],
        }),
      diagnostic: (d) => diagnostics.push(d),
    },
    { gunzip: nodeGunzip },
  );
  return { ...result, rows, diagnostics };
}

const timeString = (sec: number, nsec: number) => `${sec}.${String(nsec).padStart(9, '0')}`;

/** Every frame against tshark: number, time to the ns, lengths, interface and link type. */
function expectFramesMatch(rows: Row[], truth: Truth): void {
  expect(rows.length).toBe(truth.frames.length);
  truth.frames.forEach((t, k) => {
    const f = rows[k]!;
    const where = `frame ${t['frame.number']}`;
    expect(f.number, where).toBe(t['frame.number']);
    expect(f.hasTime, where).toBe(t['frame.time_epoch'] !== undefined);
    if (t['frame.time_epoch'] !== undefined) expect(timeString(f.sec, f.nsec), where).toBe(t['frame.time_epoch']);
    expect(f.origLen, where).toBe(t['frame.len']);
    expect(f.capLen, where).toBe(t['frame.cap_len']);
    expect(f.interfaceId, where).toBe(t['frame.interface_id'] ?? 0); // single section: local id = global id
    expect(f.linkType, where).toBe(WTAP_TO_LINKTYPE[t['frame.encap_type']!]);
  });
}

/** Data offsets of a classic pcap's records, from tshark's captured lengths (24-byte file header). */
function pcapDataOffsets(truth: Truth, recordHeaderLen: number): number[] {
  let at = 24;
  return truth.frames.map((t) => {
    const data = at + recordHeaderLen;
    at = data + t['frame.cap_len'];
    return data;
  });
}

test('the fixtures exist (run scripts/make-reader-fixtures.sh)', () => {
  for (const f of ['modified.pcap', 'nsec-be.pcap', 'loop.pcap', 'tsresol-pow2.pcapng', 'tsoffset.pcapng', 'cut-mid-record.pcap', 'gzip.pcapng.gz', 'netmon2.cap', 'etl-header.etl', 'random.bin', 'empty.pcap']) {
    expect(existsSync(fixture(f)), f).toBe(true);
    expect(existsSync(fixture(f) + '.tshark.json'), `${f}.tshark.json`).toBe(true);
    expect(readFileSync(fixture(f)).length, f).toBe(truthOf(f).size);
  }
});

describe('readable variants match tshark', () => {
  test('modified (Kuznetzov) pcap: 24-byte record headers', async () => {
    const truth = truthOf('modified.pcap');
    expect(truth.tshark_rc).toBe(0);
    expect(truth.capinfos.join('\n')).toMatch(/File type:\s+modpcap/); // capinfos -M prints the short name
    const r = await readFixture('modified.pcap');
    expect(r.summary).toMatchObject({ format: 'pcap', variant: 'modified', byteOrder: 'little', tsResolution: 'usec' });
    expect(r.summary.interfaces.map((i) => String(i.tsResol))).toEqual(capinfosValues(truth, 'Time ticks per second'));
    expect(r.diagnostics).toEqual([]);
    expectFramesMatch(r.rows, truth);
    expect(r.rows.map((f) => f.fileOffset)).toEqual(pcapDataOffsets(truth, 24));
    expect(r.bytes).toBe(truth.size);
  });

  test('big-endian nanosecond pcap', async () => {
    const truth = truthOf('nsec-be.pcap');
    expect(truth.tshark_rc).toBe(0);
    expect(truth.capinfos.join('\n')).toMatch(/File timestamp precision:\s+nanoseconds \(9\)/);
    const r = await readFixture('nsec-be.pcap');
    expect(r.summary).toMatchObject({ format: 'pcap', byteOrder: 'big', tsResolution: 'nsec', version: '2.4' });
    expect(r.summary.variant).toBeUndefined();
    expect(r.summary.interfaces[0]!.linkType).toBe(1);
    expect(r.summary.interfaces.map((i) => String(i.tsResol))).toEqual(capinfosValues(truth, 'Time ticks per second'));
    expect(r.diagnostics).toEqual([]);
    expectFramesMatch(r.rows, truth);
    expect(r.rows.map((f) => f.fileOffset)).toEqual(pcapDataOffsets(truth, 16));
    // the nanosecond digits are really used (not a microsecond file in disguise)
    expect(r.rows.some((f) => f.nsec % 1000 !== 0)).toBe(true);
  });

  test('LINKTYPE_LOOP (108): tshark decodes IPv4 behind a big-endian AF_INET', async () => {
    const truth = truthOf('loop.pcap');
    expect(truth.tshark_rc).toBe(0);
    for (const t of truth.frames) {
      expect(t['frame.encap_type']).toBe(174); // WTAP_ENCAP_LOOP
      expect(t['frame.protocols']).toMatch(/^null:ip:/);
    }
    const r = await readFixture('loop.pcap');
    expect(r.summary.interfaces[0]!.linkType).toBe(108);
    expect(r.diagnostics).toEqual([]);
    expectFramesMatch(r.rows, truth);
    for (const f of r.rows) expect(f.head).toEqual([0, 0, 0, 2]);
  });

  test('pcapng with if_tsresol 2^-20: times truncated to the ns exactly as tshark shows them', async () => {
    const truth = truthOf('tsresol-pow2.pcapng');
    expect(truth.tshark_rc).toBe(0);
    expect(capinfosValues(truth, 'Time ticks per second')).toEqual(['1048576']);
    const r = await readFixture('tsresol-pow2.pcapng');
    expect(r.summary.interfaces).toHaveLength(1);
    expect(r.summary.interfaces[0]).toMatchObject({ tsResol: 2 ** 20, tsOffset: 0, name: 'eth0' });
    expect(r.diagnostics).toEqual([]);
    expectFramesMatch(r.rows, truth);
    // the fixture's times are not whole nanoseconds, so this would catch rounding instead of truncation
    expect(r.rows.some((f) => f.nsec % 1000 !== 0)).toBe(true);
  });

  test('pcapng with if_tsoffset (+1795000000 s on a usec interface, -1 s on a nsec one)', async () => {
    const truth = truthOf('tsoffset.pcapng');
    expect(truth.tshark_rc).toBe(0);
    expect(capinfosValues(truth, 'Timestamp offset')).toEqual(['1795000000', '-1']);
    const r = await readFixture('tsoffset.pcapng');
    expect(r.summary.interfaces.map((i) => [i.tsOffset, i.tsResol])).toEqual([
      [1_795_000_000, 1e6],
      [-1, 1e9],
    ]);
    expect(r.diagnostics).toEqual([]);
    expectFramesMatch(r.rows, truth);
    expect(new Set(r.rows.map((f) => f.interfaceId))).toEqual(new Set([0, 1]));
  });

  test('gzip-compressed pcapng, undone through node:zlib', async () => {
    const truth = truthOf('gzip.pcapng.gz');
    expect(truth.tshark_rc).toBe(0);
    const r = await readFixture('gzip.pcapng.gz');
    expect(r.compressed).toBe(true);
    expect(r.summary.format).toBe('pcapng');
    expect(r.diagnostics).toEqual([]);
    expectFramesMatch(r.rows, truth);
  });

  test('a capture cut in the middle of its 10th record: 9 frames and a truncation diagnostic naming the byte', async () => {
    const truth = truthOf('cut-mid-record.pcap');
    expect(truth.frames).toHaveLength(9);
    expect(truth.tshark_stderr).toMatch(/cut short in the middle of a packet/);
    const r = await readFixture('cut-mid-record.pcap');
    expect(r.frames).toBe(9);
    expectFramesMatch(r.rows, truth);
    const tenth = pcapDataOffsets(truth, 16)[8]! + truth.frames[8]!['frame.cap_len']; // where record 10 starts
    expect(tenth).toBeLessThan(truth.size);
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d).toMatchObject({ id: 'capture.record.truncated', frame: 10, fileOffset: tenth });
    expect(d.message).toContain(`byte ${tenth}`);
    expect(d.message).toContain(`${truth.size - tenth} bytes`);
  });

  test('the cut capture gives the same at 1-byte and 7-byte chunks', async () => {
    const whole = await readFixture('cut-mid-record.pcap');
    for (const size of [1, 7]) {
      const r = await readFixture('cut-mid-record.pcap', size);
      expect(r.rows).toEqual(whole.rows);
      expect(r.diagnostics).toEqual(whole.diagnostics);
    }
  });
});

describe('files radscope cannot read say what they are and how to convert them', () => {
  async function expectFormatError(bytes: Uint8Array, detected: string, gunzip?: Gunzip): Promise<CaptureFormatError> {
    let frames = 0;
    const diagnostics: Diagnostic[] = [];
    const err = await readCapture(bytesChunks(bytes, 4096), { frame: () => void frames++, diagnostic: (d) => diagnostics.push(d) }, gunzip ? { gunzip } : {}).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CaptureFormatError);
    const e = err as CaptureFormatError;
    expect(e.detected).toBe(detected);
    expect(frames).toBe(0);
    expect(diagnostics).toEqual([]);
    return e;
  }
  const bytesOf = (name: string) => new Uint8Array(readFileSync(fixture(name)));

  test('Network Monitor 2.x (a real one, which tshark reads): detected netmon, convert with editcap', async () => {
    expect(truthOf('netmon2.cap').frames).toHaveLength(20);
    const e = await expectFormatError(bytesOf('netmon2.cap'), 'netmon');
    expect(e.message).toMatch(/Network Monitor/);
    expect(e.message).toMatch(/editcap -F pcapng/);
  });

  test('an ETL header: detected etl, convert with pktmon etl2pcap or etl2pcapng', async () => {
    const e = await expectFormatError(bytesOf('etl-header.etl'), 'etl');
    expect(e.message).toMatch(/ETL/);
    expect(e.message).toContain('pktmon etl2pcap');
    expect(e.message).toContain('etl2pcapng');
  });

  test('random bytes: detected unknown, the message shows the first bytes and what radscope reads', async () => {
    const b = bytesOf('random.bin');
    expect(truthOf('random.bin').tshark_stderr).toMatch(/isn't a capture file/);
    const e = await expectFormatError(b, 'unknown');
    const hex = [...b.subarray(0, 4)].map((x) => x.toString(16).padStart(2, '0')).join(' ');
    expect(e.message.toLowerCase()).toContain(hex);
    expect(e.message).toMatch(/pcap and pcapng/);
  });

  test('an empty file: detected empty', async () => {
    const e = await expectFormatError(bytesOf('empty.pcap'), 'empty');
    expect(e.message).toMatch(/empty/);
  });

  test('inside gzip: an ETL header is still named, with the gzip layer mentioned', async () => {
    const e = await expectFormatError(new Uint8Array(gzipSync(bytesOf('etl-header.etl'))), 'etl', nodeGunzip);
    expect(e.message).toMatch(/^Inside the gzip layer/);
    expect(e.message).toContain('pktmon etl2pcap');
  });

  test('Network Monitor at 1-byte chunks is detected the same', async () => {
    const b = bytesOf('netmon2.cap');
    const err = await readCapture(bytesChunks(b, 1), { frame: () => {}, diagnostic: () => {} }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as CaptureFormatError).detected).toBe('netmon');
  });
});
