// Differential test: `radscope info --json` against tshark/capinfos 4.0 on every public capture: format,
// frame count, first/last time (file order, to the nanosecond), link types (wiretap numbers mapped to
// LINKTYPE), interface count, names, descriptions and time-stamp resolution. Files whose frame count or times
// differ are listed in src/test-support/known-differences.ts (owned by packets.differential.test.ts); this test
// owns the 'interfaces' entries there, and fails when a listed file no longer differs.

import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CaptureFormatError, scanCapture } from '../core/index.ts';
import { buildInfo } from './info.ts';
import { fileSource, nodeGunzip } from './sources.ts';
import { HAVE_PUBLIC_CORPUS, NO_CORPUS_MESSAGE, PUBLIC_CORPUS, publicCaptures, readTruth } from '../test-support/corpus.ts';
import { KNOWN_DIFFERENCES, knownDifferencesFor } from '../test-support/known-differences.ts';
import { WTAP_TO_LINKTYPE, type Truth } from '../test-support/tshark-truth.ts';

/** ISO 8601 with nanoseconds back to tshark's epoch string. */
function isoToEpoch(iso: string): string {
  const m = /^(.*)\.(\d{9})Z$/.exec(iso);
  if (!m) throw new Error(`not an ISO time with nanoseconds: ${iso}`);
  return `${Date.parse(m[1]! + 'Z') / 1000}.${m[2]}`;
}

/** capinfos' encapsulation label for one of our link types, found among the file's own labels. */
function wtapName(linkType: number, truth: Truth): string {
  for (const t of truth.capinfos.interfaces as Record<string, string>[]) {
    const wtap = Number(/\((\d+) - /.exec(t['Encapsulation'] ?? '')?.[1]);
    if (WTAP_TO_LINKTYPE[wtap] === linkType || (wtap === 0 && WTAP_TO_LINKTYPE[wtap] === undefined && !Object.values(WTAP_TO_LINKTYPE).includes(linkType))) return t['Encapsulation']!;
  }
  return `LINKTYPE ${linkType}`;
}

const frameCountDiffers = (rel: string) => KNOWN_DIFFERENCES.some((k) => k.file === rel && k.field === 'frames');
const timeDiffers = (rel: string) => KNOWN_DIFFERENCES.some((k) => k.file === rel && k.field === 'time');

describe.skipIf(!HAVE_PUBLIC_CORPUS)('info agrees with tshark/capinfos 4.0 on the public corpus', () => {
  test.each(publicCaptures())('%s', async (rel) => {
    const truth = readTruth<Truth>(rel);
    let info;
    try {
      info = buildInfo(await scanCapture(fileSource(join(PUBLIC_CORPUS, rel)), { gunzip: nodeGunzip, keepIndex: false }));
    } catch (e) {
      expect(e).toBeInstanceOf(CaptureFormatError);
      expect(truth.summary.tshark_rc).not.toBe(0);
      return;
    }
    if (frameCountDiffers(rel)) {
      // tshark refused the file; we must still have said what is wrong with it (or why frames are undecodable)
      expect(truth.summary.tshark_rc).not.toBe(0);
      return;
    }
    expect(info.format).toBe(truth.summary.file_format === 'nsecpcap' ? 'pcap' : truth.summary.file_format);
    if (truth.summary.file_format === 'nsecpcap') expect(info.tsResolution).toBe('nsec');
    expect(info.frames).toBe(truth.summary.packets);
    if (!timeDiffers(rel)) {
      expect(info.firstTime === null ? null : isoToEpoch(info.firstTime)).toBe(truth.summary.packets > 0 ? truth.summary.first_time : null);
      expect(info.lastTime === null ? null : isoToEpoch(info.lastTime)).toBe(truth.summary.packets > 0 ? truth.summary.last_time : null);
    }
    const interfacesListed = knownDifferencesFor('info').some((k) => k.file === rel && k.field === 'interfaces');
    // a listed file must still differ: a pcapng file for which capinfos lists more interfaces than its blocks describe
    if (interfacesListed) expect([!truth.file.pcap_header, info.interfaces.length < truth.capinfos.interfaces.length]).toEqual([true, true]);
    if (truth.file.pcap_header) {
      expect(info.linkTypes).toEqual([truth.file.pcap_header.linktype]);
    } else if (interfacesListed) {
      const distinct = (xs: string[]) => [...new Set(xs)].sort();
      const theirs = (truth.capinfos.interfaces as Record<string, string>[]).map((t) => `${t['Name'] ?? ''}|${t['Encapsulation']}`);
      const ours = info.interfaces.map((i) => `${i.name ?? ''}|${wtapName(i.linkType, truth)}`);
      expect(distinct(ours)).toEqual(distinct(theirs));
    } else {
      const ifaces = truth.capinfos.interfaces as Record<string, string>[];
      expect(info.interfaces).toHaveLength(ifaces.length);
      ifaces.forEach((t, i) => {
        const ours = info.interfaces[i]!;
        const wtap = Number(/\((\d+) - /.exec(t['Encapsulation'] ?? '')?.[1]);
        if (wtap !== 0) expect(ours.linkType).toBe(WTAP_TO_LINKTYPE[wtap]);
        // capinfos prints a name up to its first line break (test102's "silly!\r\nethernet interface 2")
        if (t['Name'] !== undefined) expect(ours.name?.split(/\r?\n/)[0]).toBe(t['Name']);
        if (t['Description'] !== undefined) expect(ours.description).toBe(t['Description']);
        if (t['Time ticks per second'] !== undefined) expect(ours.tsResol).toBe(Number(t['Time ticks per second']));
      });
    }
  });
});

test.skipIf(HAVE_PUBLIC_CORPUS)('public corpus info differential (skipped)', () => {
  console.log(NO_CORPUS_MESSAGE);
});
