// The details tree against tshark 4.0's ground truth for the public corpus (corpus/public/*.tshark.json):
// on every frame, the values the tree shows for a set of fields (addresses, ports, TCP numbers and flags,
// VLAN ids, cooked-capture fields, DNS/RADIUS/TLS/HTTP keys) are tshark's. Link, network and transport
// fields must be there exactly when tshark has them; application fields are compared where both decoded
// the frame (tshark also decodes messages it reassembled from several segments, which the details do not).

import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fileSource, nodeGunzip } from '../../cli/sources.ts';
import { CaptureFormatError } from '../base/errors.ts';
import { HAVE_PUBLIC_CORPUS, NO_CORPUS_MESSAGE, PUBLIC_CORPUS, publicCaptures, readTruth } from '../../test-support/corpus.ts';
import { all, type Truth, type TruthFrame } from '../../test-support/tshark-truth.ts';
import { scanCapture } from '../pipeline.ts';
import { buildDetails, type DetailNode } from './details.ts';
import { flattenDetails } from './details-check.ts';
import { detailContextFromVisit } from './details-context.ts';

const LOWER = [
  'vlan.id', 'ieee8021ad.id', 'null.family', 'sll.pkttype', 'sll.etype', 'ip.src', 'ip.dst', 'ip.id', 'ip.proto', 'ipv6.src', 'ipv6.dst',
  'tcp.srcport', 'tcp.dstport', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.len', 'tcp.flags', 'tcp.window_size_value', 'udp.srcport', 'udp.dstport',
  'udp.length',
];
const UPPER = [
  'dns.id', 'dns.qry.name', 'radius.code', 'radius.id', 'radius.User_Name', 'tls.record.content_type', 'tls.record.version',
  'tls.handshake.type', 'tls.handshake.extensions_server_name', 'tls.handshake.extensions_alpn_str', 'tls.alert_message.desc',
  'http.request.method', 'http.request.uri', 'http.response.code',
];

// Deliberate differences: [capture, field, reason]
const KNOWN: [string, string, string][] = [
  ['zeek-zeek/trunc/ipv4-internally-truncated-header.pcap', 'ip.dst', 'a header cut inside its options: the details show every field whose bytes were captured, tshark stops before the destination'],
];

/** The values a node shows: its text after the field name, and the numbers in it (decimal or hex, bare or in parentheses). */
function shown(n: DetailNode): { text: string; numbers: number[] } {
  const label = n.label.replace(/^\[|\]$/g, '');
  const text = label.slice(label.indexOf(': ') + 2).replace(/\\r\\n$/, '');
  const numbers: number[] = [];
  for (const m of text.matchAll(/0x[0-9a-f]+|\d+/g)) numbers.push(m[0].startsWith('0x') ? parseInt(m[0], 16) : Number(m[0]));
  return { text, numbers };
}

function same(ours: DetailNode, theirs: unknown): boolean {
  const v = shown(ours);
  if (typeof theirs === 'number') return v.numbers[0] === theirs || v.numbers.at(-1) === theirs;
  if (typeof theirs === 'string' && /^0x[0-9a-f]+$/i.test(theirs)) return v.numbers.includes(parseInt(theirs, 16));
  return v.text === String(theirs);
}

/** tshark reassembled or defragmented this frame's upper layers, or left it a fragment: layers differ by design. */
function reassembly(t: TruthFrame): boolean {
  return all<number>(t, 'ip.flags.mf').some((x) => x === 1) || all<number>(t, 'ip.frag_offset').some((x) => x > 0) || t['ipv6.fraghdr.offset'] !== undefined;
}

interface Mismatch {
  file: string;
  frame: number;
  field: string;
  ours: string[];
  theirs: unknown[];
}

describe.skipIf(!HAVE_PUBLIC_CORPUS)('details agree with tshark 4.0 on the public corpus', () => {
  const mismatches: Mismatch[] = [];
  const compared = new Map<string, number>();

  test.each(publicCaptures())('%s', async (rel) => {
    const truth = readTruth<Truth>(rel);
    const byFrame = new Map((truth.frames as TruthFrame[]).map((f) => [f['frame.number'], f]));
    try {
      await scanCapture(fileSource(join(PUBLIC_CORPUS, rel)), { keepIndex: false, gunzip: nodeGunzip }, (v) => {
        const t = byFrame.get(v.raw.number);
        if (t === undefined || reassembly(t)) return;
        const nodes = flattenDetails(buildDetails({ ...v.raw, data: v.raw.data.slice(0, v.raw.capLen) }, detailContextFromVisit(v)));
        for (const field of [...LOWER, ...UPPER]) {
          const theirs = all<unknown>(t, field);
          const ours = nodes.filter((n) => n.field === field);
          if (UPPER.includes(field) && (ours.length === 0 || theirs.length === 0)) continue;
          if (ours.length === 0 && theirs.length === 0) continue;
          compared.set(field, (compared.get(field) ?? 0) + 1);
          const ok = ours.length === theirs.length && ours.every((n, i) => same(n, theirs[i]));
          if (!ok && !KNOWN.some(([f, name]) => f === rel && name === field)) {
            mismatches.push({ file: rel, frame: v.raw.number, field, ours: ours.map((n) => n.label), theirs });
          }
        }
      });
    } catch (e) {
      expect(e).toBeInstanceOf(CaptureFormatError);
    }
  });

  test('no unexplained differences, and every field compared', () => {
    if (process.env.DETAILS_DUMP) console.log(mismatches.map((m) => `${m.file} #${m.frame} ${m.field}: ours=${JSON.stringify(m.ours)} theirs=${JSON.stringify(m.theirs)}`).join("\n"));
    if (process.env.DETAILS_DUMP) console.log([...compared].map(([f, n]) => `${f}=${n}`).join(" "));
    expect(mismatches.slice(0, 30)).toEqual([]);
    for (const field of [...LOWER, ...UPPER]) expect(compared.get(field) ?? 0, field).toBeGreaterThan(0);
  });
});

if (!HAVE_PUBLIC_CORPUS) test.skip(NO_CORPUS_MESSAGE, () => {});
