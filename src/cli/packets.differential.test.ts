// Differential test: `radscope packets --json` against tshark 4.0 on every capture of the public corpus
// (ground truth in corpus/public/*.tshark.json). Compares frame count, times to the nanosecond, lengths,
// addresses, ports, TCP seq/ack (raw and relative), length, flags and stream numbers, tcp.analysis flags
// and duplicate-ACK numbers, and VLAN ids.
// Differences must be listed, with a reason, in src/test-support/known-differences.ts (this test owns the
// frame count, time, length, address, port, tcp.* and vlan fields there).

import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CaptureFormatError, PacketRecordBuilder, scanCapture, type PacketRecord } from '../core/index.ts';
import { fileSource, nodeGunzip } from './sources.ts';
import { HAVE_PUBLIC_CORPUS, NO_CORPUS_MESSAGE, PUBLIC_CORPUS, publicCaptures, readTruth } from '../test-support/corpus.ts';
import { knownDifferencesFor } from '../test-support/known-differences.ts';
import { all, carrierIp, first, firstTransport, type Truth, type TruthFrame } from '../test-support/tshark-truth.ts';

interface Mismatch {
  file: string;
  field: string;
  frame: number;
  ours: unknown;
  theirs: unknown;
}

async function records(rel: string): Promise<PacketRecord[]> {
  const out: PacketRecord[] = [];
  const b = new PacketRecordBuilder();
  await scanCapture(fileSource(join(PUBLIC_CORPUS, rel)), { gunzip: nodeGunzip, keepIndex: false }, (v) => out.push(b.build(v)));
  return out;
}

function compareFrame(file: string, ours: PacketRecord, t: TruthFrame, push: (m: Mismatch) => void, counts: Map<string, number>): void {
  const frame = t['frame.number'];
  const check = (field: string, mine: unknown, theirs: unknown) => {
    counts.set(field, (counts.get(field) ?? 0) + 1);
    if (mine !== theirs) push({ file, field, frame, ours: mine, theirs });
  };
  check('time', ours.time, t['frame.time_epoch'] ?? null);
  check('len', ours.len, t['frame.len']);
  check('capLen', ours.capLen, t['frame.cap_len']);
  const ip = carrierIp(t);
  if (ip === null) {
    check('src', ours.src, null);
  } else {
    check('src', ours.src, all(t, `${ip.field}.src`)[ip.nth] ?? null);
    check('dst', ours.dst, all(t, `${ip.field}.dst`)[ip.nth] ?? null);
  }
  const l4 = firstTransport(t);
  if (l4 === 'tcp' || l4 === 'udp') {
    check('srcPort', ours.srcPort, first(t, `${l4}.srcport`) ?? null);
    check('dstPort', ours.dstPort, first(t, `${l4}.dstport`) ?? null);
  }
  if (l4 === 'tcp' || ours.tcp !== null) {
    const tcp = ours.tcp;
    check('tcp.stream', tcp?.stream ?? null, first(t, 'tcp.stream') ?? null);
    check('tcp.seq', tcp?.seq ?? null, first(t, 'tcp.seq_raw') ?? null);
    check('tcp.ack', tcp?.ack ?? null, first(t, 'tcp.ack_raw') ?? null);
    check('tcp.seqRel', tcp?.seqRel ?? null, first(t, 'tcp.seq') ?? null);
    check('tcp.ackRel', tcp?.ackRel ?? null, first(t, 'tcp.ack') ?? null);
    check('tcp.len', tcp?.len ?? null, first(t, 'tcp.len') ?? null);
    check('tcp.flags', tcp?.flags ?? null, first(t, 'tcp.flags') ?? null);
    // ack_lost_segment apart, so that a listed difference in it cannot hide one in the other flags
    const flagsBut = (xs: string[]) => xs.filter((x) => x !== 'ack_lost_segment').sort().join(',');
    const theirFlags = all<string>(t, 'tcp.analysis');
    check('tcp.analysis', flagsBut(ours.tcpAnalysis), flagsBut(theirFlags));
    check('tcp.analysis.ack_lost_segment', ours.tcpAnalysis.includes('ack_lost_segment'), theirFlags.includes('ack_lost_segment'));
    check('tcp.analysis.duplicate_ack', ours.dupAck ? `${ours.dupAck.num}@${ours.dupAck.frame}` : null, first(t, 'tcp.analysis.duplicate_ack_num') !== undefined ? `${first(t, 'tcp.analysis.duplicate_ack_num')}@${first(t, 'tcp.analysis.duplicate_ack_frame')}` : null);
  }
  const sTags = all<number>(t, 'ieee8021ad.id');
  const cTags = all<number>(t, 'vlan.id');
  check('vlan', ours.vlan.join(','), [...sTags, ...cTags].join(','));
}

const KNOWN = knownDifferencesFor('packets');

function isKnown(m: Mismatch): boolean {
  return KNOWN.some(
    (k) => k.file === m.file && (k.field === m.field || k.field === 'frames') && (k.frames === 'all' || k.frames.includes(m.frame)),
  );
}

describe.skipIf(!HAVE_PUBLIC_CORPUS)('packets agree with tshark 4.0 on the public corpus', () => {
  const files = publicCaptures();
  const mismatches: Mismatch[] = [];
  const counts = new Map<string, number>();

  test.each(files)('%s', async (rel) => {
    const truth = readTruth<Truth>(rel);
    let ours: PacketRecord[];
    try {
      ours = await records(rel);
    } catch (e) {
      // only a file tshark cannot read either may be refused, and then with a clear message
      expect(e).toBeInstanceOf(CaptureFormatError);
      expect(truth.summary.tshark_rc).not.toBe(0);
      return;
    }
    const push = (m: Mismatch) => mismatches.push(m);
    if (ours.length !== truth.summary.packets) push({ file: rel, field: 'frames', frame: 0, ours: ours.length, theirs: truth.summary.packets });
    const n = Math.min(ours.length, truth.frames.length);
    for (let i = 0; i < n; i++) compareFrame(rel, ours[i]!, truth.frames[i]!, push, counts);
  });

  test('every difference is a listed, reasoned one, and every listed one still happens', () => {
    const unlisted = mismatches.filter((m) => !isKnown(m));
    // an entry is stale when its file no longer differs in its field, or one of its frames no longer does
    const differs = (k: (typeof KNOWN)[number], frame?: number) =>
      mismatches.some((m) => m.file === k.file && (k.field === 'frames' || m.field === k.field) && (frame === undefined || m.frame === frame));
    const stale = KNOWN.filter((k) => !differs(k) || (k.frames !== 'all' && k.field !== 'frames' && k.frames.some((f) => !differs(k, f))));
    const agreement = [...counts].map(([f, n]) => `${f}: ${n - mismatches.filter((m) => m.field === f && isKnown(m)).length}/${n}`);
    console.log(`field agreement (compared / listed differences excluded): ${agreement.join(', ')}`);
    expect(unlisted.slice(0, 40)).toEqual([]);
    expect(stale.map((k) => `${k.file} ${k.field}`)).toEqual([]);
  });
});

test.skipIf(HAVE_PUBLIC_CORPUS)('public corpus differential (skipped)', () => {
  console.log(NO_CORPUS_MESSAGE);
});
