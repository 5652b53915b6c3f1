// pcapng conformance against Hadriel Kaplan's pcapng test generator (made for Wireshark's test suite), in the
// shared public corpus under hadrielk-pcapng-test-generator/output_{le,be}/. Ground truth comes only from
// outside our code:
//   - the generator's own description beside each file (testNNN.txt): block counts and the block sequence;
//   - capinfos -M (in the .tshark.json): per-interface name, description, encapsulation, snap length, time
//     ticks per second, time-stamp offset, comment; the section comment; the NRB address counts;
//   - tshark 4.0.17 (in the .tshark.json): per frame time, lengths, interface, encapsulation and comment.
// Two deliberate differences with tshark 4.0, both mapped in the test rather than hidden:
//   - tshark 4.0's frame.interface_id is the index inside the frame's section; ours is global (counted over
//     all sections, as capinfos counts them), so the test compares our id minus the section's first id.
//   - frame.encap_type is a WTAP_ENCAP number, not a LINKTYPE: mapped with WTAP_TO_LINKTYPE below.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../base/diagnostics.ts';
import { readCapture } from './capture-reader.ts';
import type { FormatSummary, InterfaceInfo } from './raw-frame.ts';
import { HAVE_PUBLIC_CORPUS, NO_CORPUS_MESSAGE, PUBLIC_CORPUS, fileChunks, publicCaptures, readTruth } from '../../test-support/corpus.ts';

const GENERATOR = 'hadrielk-pcapng-test-generator';

/** WTAP_ENCAP_* (wiretap/wtap.h) to LINKTYPE_* (the tcpdump.org registry), for the encapsulations that occur here. */
const WTAP_TO_LINKTYPE: Record<number, number> = { 1: 1 /* ETHERNET */, 15: 0 /* NULL */ };

interface GeneratorDescription {
  description: string;
  category: string;
  counts: Record<string, number>;
  sequence: string[];
}

/** Parses the generator's testNNN.txt ("Description:", "Category:", "Block counts:" list, "Block sequence:"). */
function parseDescription(text: string): GeneratorDescription {
  const d: GeneratorDescription = { description: '', category: '', counts: {}, sequence: [] };
  let inCounts = false;
  for (const line of text.split(/\r?\n/)) {
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^Description:\s*(.*)$/))) d.description = m[1]!.trim();
    else if ((m = line.match(/^Category:\s*(.*)$/))) d.category = m[1]!.trim();
    else if (/^Block counts:/.test(line)) inCounts = true;
    else if ((m = line.match(/^Block sequence:\s*(.*)$/))) {
      inCounts = false;
      d.sequence = m[1]!.split(',').map((s) => s.trim()).filter((s) => s !== '');
    } else if (inCounts && (m = line.match(/^\s+([A-Z]+):\s*(\d+)\s*$/))) d.counts[m[1]!] = Number(m[2]);
    else if (line.trim() === '') inCounts = false;
  }
  return d;
}

interface TruthFrame {
  'frame.number': number;
  'frame.time_epoch'?: string;
  'frame.len': number;
  'frame.cap_len': number;
  'frame.interface_id'?: number;
  'frame.encap_type'?: number;
  'frame.comment'?: string | string[];
}

interface CapinfosInterface {
  index: number;
  Name?: string;
  Description?: string;
  Encapsulation?: string;
  'Capture length'?: string;
  'Time ticks per second'?: string;
  'Timestamp offset'?: string;
  Comment?: string;
}

interface Truth {
  file: { byte_order: string };
  capinfos: { rc: number; info: Record<string, string>; interfaces: CapinfosInterface[] };
  summary: { packets: number; frames_without_time: number[] };
  frames: TruthFrame[];
}

interface FrameRow {
  number: number;
  fileOffset: number;
  capLen: number;
  origLen: number;
  hasTime: boolean;
  sec: number;
  nsec: number;
  interfaceId: number;
  linkType: number;
}

async function readAll(path: string) {
  const frames: FrameRow[] = [];
  const announced: InterfaceInfo[] = [];
  const diagnostics: Diagnostic[] = [];
  const result = await readCapture(fileChunks(path), {
    frame: (f) =>
      frames.push({
        number: f.number,
        fileOffset: f.fileOffset,
        capLen: f.capLen,
        origLen: f.origLen,
        hasTime: f.hasTime,
        sec: f.sec,
        nsec: f.nsec,
        interfaceId: f.interfaceId,
        linkType: f.linkType,
      }),
    interface: (i) => announced.push({ ...i }),
    diagnostic: (d) => diagnostics.push(d),
  });
  return { ...result, frameRows: frames, announced, diagnostics };
}

/**
 * Block types, section byte orders and where each record's data starts (EPB/PB: after a 28-byte header, SPB
 * after 12, CB/DCB after the 12 bytes up to and including the Private Enterprise Number), by a plain walk of
 * the block headers (independent of the reader).
 */
function walkBlocks(bytes: Uint8Array): { types: string[]; orders: ('little' | 'big')[]; dataOffsets: number[] } {
  const NAMES: Record<number, string> = { 1: 'IDB', 2: 'PB', 3: 'SPB', 4: 'NRB', 5: 'ISB', 6: 'EPB', 0x0a: 'DSB', 0xbad: 'CB', 0x40000bad: 'DCB', 0x0a0d0d0a: 'SHB' };
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const types: string[] = [];
  const orders: ('little' | 'big')[] = [];
  const dataOffsets: number[] = [];
  const DATA_AT: Record<string, number> = { EPB: 28, PB: 28, SPB: 12, CB: 12, DCB: 12 };
  let le = true;
  for (let off = 0; off + 12 <= bytes.length; ) {
    if (dv.getUint32(off, false) === 0x0a0d0d0a) {
      le = dv.getUint32(off + 8, true) === 0x1a2b3c4d;
      orders.push(le ? 'little' : 'big');
    }
    const type = dv.getUint32(off, le);
    const name = NAMES[type] ?? `0x${type.toString(16)}`;
    types.push(name);
    if (DATA_AT[name] !== undefined) dataOffsets.push(off + DATA_AT[name]);
    off += (dv.getUint32(off + 4, le) + 3) & ~3;
  }
  return { types, orders, dataOffsets };
}

/**
 * The truth file keeps only the first line of a capinfos value (capinfos prints a multi-line option such as
 * test008's if_comment "test008, and more\nfoo\r\nbar" over several lines), so compare our string's first line.
 */
const firstLine = (s: string | undefined) => (s === undefined ? undefined : s.split('\n')[0]!.replace(/\r$/, ''));
const timeString = (sec: number, nsec: number) => `${sec}.${String(nsec).padStart(9, '0')}`;
const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** "Ethernet (1 - ether)" -> 1 (the WTAP_ENCAP number capinfos prints). */
function capinfosWtap(encapsulation: string): number {
  const m = encapsulation.match(/\((\d+) - [^)]*\)\s*$/);
  if (!m) throw new Error(`cannot read the encapsulation "${encapsulation}"`);
  return Number(m[1]);
}

const cases = publicCaptures().filter((rel) => rel.startsWith(`${GENERATOR}/output_`) && /\/test\d+\.pcapng$/.test(rel));

describe.skipIf(HAVE_PUBLIC_CORPUS)('pcapng conformance (corpus absent)', () => {
  test('skipped: no public corpus', () => {
    console.warn(NO_CORPUS_MESSAGE);
  });
});

describe.skipIf(!HAVE_PUBLIC_CORPUS)('pcapng conformance: pcapng-test-generator', () => {
  test('the corpus holds the generator files for both byte orders', () => {
    expect(cases.filter((c) => c.includes('/output_le/')).length).toBeGreaterThanOrEqual(20);
    expect(cases.filter((c) => c.includes('/output_be/')).length).toBeGreaterThanOrEqual(20);
  });

  for (const rel of cases) {
    describe(rel.slice(GENERATOR.length + 1), () => {
      const path = join(PUBLIC_CORPUS, rel);
      const desc = parseDescription(readFileSync(path.replace(/\.pcapng$/, '.txt'), 'utf8'));
      const truth = readTruth<Truth>(rel);
      let memo: ReturnType<typeof readAll> | undefined;
      const read = () => (memo ??= readAll(path));

      test('the description is consistent with itself and with the file', () => {
        const tally: Record<string, number> = {};
        for (const b of desc.sequence) tally[b] = (tally[b] ?? 0) + 1;
        expect(tally).toEqual(desc.counts);
        expect(walkBlocks(readFileSync(path)).types).toEqual(desc.sequence);
      });

      test('block counts: sections, interfaces, records, nothing skipped, no diagnostics', async () => {
        const r = await read();
        const c = (k: string) => desc.counts[k] ?? 0;
        expect(r.summary.format).toBe('pcapng');
        expect(r.summary.sections).toBe(c('SHB'));
        expect(r.summary.interfaces.length).toBe(c('IDB'));
        expect(r.announced).toEqual(r.summary.interfaces);
        // tshark 4.0 lists every packet block and every custom block (CB, DCB) as a record
        expect(r.frames).toBe(c('EPB') + c('SPB') + c('PB') + c('CB') + c('DCB'));
        expect(r.frameRows.length).toBe(r.frames);
        expect(r.summary.skippedBlocks).toEqual({});
        expect(r.diagnostics).toEqual([]);
        expect(r.compressed).toBe(false);
        expect(r.bytes).toBe(readFileSync(path).length);
      });

      test('byte order from the section headers', async () => {
        const r = await read();
        const orders = walkBlocks(readFileSync(path)).orders;
        const expected = orders.every((o) => o === orders[0]) ? orders[0] : 'mixed';
        expect(r.summary.byteOrder).toBe(expected);
        // the folder says which byte order the generator wrote first
        expect(orders[0]).toBe(rel.includes('/output_le/') ? 'little' : 'big');
        if (/different endianness/.test(desc.description)) expect(r.summary.byteOrder).toBe('mixed');
      });

      test('block sequence: each record is of the kind and on the interface the sequence implies', async () => {
        const r = await read();
        let section = -1;
        let idb = 0;
        let sectionFirstIdb = 0;
        let frame = 0;
        for (const block of desc.sequence) {
          if (block === 'SHB') {
            section++;
            sectionFirstIdb = idb;
          } else if (block === 'IDB') {
            const i = r.summary.interfaces[idb]!;
            expect(i.id).toBe(idb);
            expect(i.section).toBe(section);
            idb++;
          } else if (block === 'EPB' || block === 'PB') {
            const f = r.frameRows[frame++]!;
            expect(f.hasTime).toBe(true);
            expect(f.interfaceId).toBeGreaterThanOrEqual(sectionFirstIdb);
            expect(f.interfaceId).toBeLessThan(idb);
          } else if (block === 'SPB') {
            // draft-ietf-opsawg-pcapng section 4.4: an SPB belongs to the section's first interface
            const f = r.frameRows[frame++]!;
            expect(f.hasTime).toBe(false);
            expect(f.interfaceId).toBe(sectionFirstIdb);
          } else if (block === 'CB' || block === 'DCB') {
            const f = r.frameRows[frame++]!;
            expect(f.hasTime).toBe(false);
            expect(f.interfaceId).toBe(-1);
            expect(f.linkType).toBe(0xffff);
          }
        }
        expect(frame).toBe(r.frames);
        expect(section + 1).toBe(r.summary.sections);
        expect(r.frameRows.map((f) => f.fileOffset)).toEqual(walkBlocks(readFileSync(path)).dataOffsets);
      });

      test('frames match tshark: count, time to the ns, lengths, interface, encapsulation, comments', async () => {
        const r = await read();
        expect(r.frames).toBe(truth.summary.packets);
        expect(r.frameRows.length).toBe(truth.frames.length);
        const untimed: number[] = [];
        for (let k = 0; k < truth.frames.length; k++) {
          const t = truth.frames[k]!;
          const f = r.frameRows[k]!;
          const where = `frame ${t['frame.number']}`;
          expect(f.number, where).toBe(t['frame.number']);
          if (t['frame.time_epoch'] === undefined) {
            expect(f.hasTime, where).toBe(false);
            untimed.push(f.number);
          } else {
            expect(f.hasTime, where).toBe(true);
            expect(timeString(f.sec, f.nsec), where).toBe(t['frame.time_epoch']);
          }
          expect(f.origLen, where).toBe(t['frame.len']);
          expect(f.capLen, where).toBe(t['frame.cap_len']);
          if (t['frame.interface_id'] === undefined) {
            expect(f.interfaceId, where).toBe(-1);
          } else {
            const iface = r.summary.interfaces[f.interfaceId]!;
            const firstInSection = r.summary.interfaces.findIndex((i) => i.section === iface.section);
            expect(f.interfaceId - firstInSection, where).toBe(t['frame.interface_id']);
          }
          if (t['frame.encap_type'] !== undefined) expect(f.linkType, where).toBe(WTAP_TO_LINKTYPE[t['frame.encap_type']]);
          const ours = r.summary.comments.filter((c) => c.scope === 'frame' && c.ref === f.number).map((c) => c.text);
          expect(ours, where).toEqual(asList(t['frame.comment']));
        }
        expect(untimed).toEqual(truth.summary.frames_without_time);
      });

      test('interfaces and section options match capinfos', async () => {
        const r = await read();
        const info = truth.capinfos.info;
        expect(truth.capinfos.rc).toBe(0);
        const n = Number(info['Number of interfaces in file'] ?? '0');
        expect(r.summary.interfaces.length).toBe(n);
        // capinfos 4.0 repeats its interface list once per section; the first n entries are the interfaces
        for (const ci of truth.capinfos.interfaces.slice(0, n)) {
          const i: InterfaceInfo = r.summary.interfaces[ci.index]!;
          const where = `interface ${ci.index}`;
          expect(firstLine(i.name), where).toBe(ci.Name);
          expect(firstLine(i.description), where).toBe(ci.Description);
          expect(i.linkType, where).toBe(WTAP_TO_LINKTYPE[capinfosWtap(ci.Encapsulation!)]);
          expect(i.snapLen, where).toBe(Number(ci['Capture length']));
          expect(i.tsResol, where).toBe(Number(ci['Time ticks per second']));
          expect(i.tsOffset, where).toBe(Number(ci['Timestamp offset'] ?? '0'));
          const comments = r.summary.comments.filter((c) => c.scope === 'interface' && c.ref === ci.index).map((c) => firstLine(c.text));
          expect(comments, where).toEqual(ci.Comment === undefined ? [] : [ci.Comment]);
        }
        const sectionComments = r.summary.comments.filter((c) => c.scope === 'section').map((c) => firstLine(c.text));
        if (info['Capture comment'] !== undefined) expect(sectionComments).toContain(info['Capture comment']);
        for (const c of r.summary.comments.filter((c) => c.scope === 'section')) expect(c.ref).toBeLessThan(r.summary.sections);
      });

      test('name resolution records match capinfos counts', async () => {
        const r: { summary: FormatSummary } = await read();
        const v4 = r.summary.names.filter((n) => !n.address.includes(':')).length;
        const v6 = r.summary.names.filter((n) => n.address.includes(':')).length;
        expect(v4).toBe(Number(truth.capinfos.info['Number of resolved IPv4 addresses in file'] ?? '0'));
        expect(v6).toBe(Number(truth.capinfos.info['Number of resolved IPv6 addresses in file'] ?? '0'));
        if ((desc.counts['NRB'] ?? 0) === 0) expect(r.summary.names).toEqual([]);
      });
    });
  }
});
