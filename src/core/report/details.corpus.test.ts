// The details tree against tshark 4.0's own (PDML of single frames, kept as details-pdml.json; generated
// once with `tshark -r CAPTURE -Y frame.number==N -T pdml`, so these tests never run tshark): each field
// tshark shows is in the tree with the same name, text and bytes, and each node of a field tshark shows
// for that frame matches one of its items. Frames and the pass's context come from the lab and public captures.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fileChunks, HAVE_LAB_CORPUS, HAVE_PUBLIC_CORPUS, NO_CORPUS_MESSAGE, SHARED } from '../../test-support/corpus.ts';
import { scanCapture } from '../pipeline.ts';
import { buildDetails, type DetailContext, type DetailFrame, type DetailNode } from './details.ts';
import { detailContextFromVisit } from './details-context.ts';
import { detailRangeProblems, flattenDetails } from './details-check.ts';

interface PdmlFrame {
  capture: string;
  frame: number;
  /** [field name ('' for a text item), showname, pos, size] */
  items: [string, string, number, number][];
}
const FIXTURE = JSON.parse(readFileSync(new URL('./details-pdml.json', import.meta.url), 'utf8')) as { frames: PdmlFrame[] };

// tshark items the details leave out or show differently on purpose, with the reason
const KNOWN_DIFFERENCES: Record<string, string> = {
  'frame.offset_shift': 'a time-shift setting of the Wireshark GUI, not a fact of the frame',
  'frame.time_delta_displayed': 'depends on the display filter of a GUI',
  'frame.marked': 'GUI state',
  'frame.ignored': 'GUI state',
  'tcp.completeness': 'needs the whole conversation; the pass does not keep it per frame',
  'tcp.payload': 'tshark puts it in the TCP tree but outside the TCP header bytes; the details show the payload as its own layer',
  'udp.payload': 'as tcp.payload',
  'tcp.segment_data': 'as tcp.payload: shown as its own top-level node',
  'tcp.analysis.bytes_in_flight': 'not computed by the pass',
  'tcp.analysis.push_bytes_sent': 'not computed by the pass',
  'tcp.analysis.rto': 'not computed by the pass',
  'tcp.analysis.rto_frame': 'not computed by the pass',
  'tcp.time_relative': 'per-stream times are not computed by the pass',
  'tcp.time_delta': 'per-stream times are not computed by the pass',
  'udp.time_relative': 'per-stream times are not computed by the pass',
  'udp.time_delta': 'per-stream times are not computed by the pass',
  'udp.stream': 'the pass numbers UDP conversations differently; the context may carry one',
  'dns.response_to': 'DNS request/response links are not in the pass results yet (context.dns carries them when given)',
  'dns.time': 'as dns.response_to',
  'radius.User_Password_encrypted': 'shown as "(encrypted)": the details never show or decrypt hidden values',
  'http.chat': 'an expert item repeating the start line',
  'http.request.full_uri': 'derived by the HTTP conversation, not the frame',
  'http.request_number': 'derived by the HTTP conversation',
  'http.response_number': 'derived by the HTTP conversation',
  'http.time': 'derived by the HTTP conversation',
  'http.request_in': 'derived by the HTTP conversation',
  'http.response_for.uri': 'derived by the HTTP conversation',
};
const KNOWN_TEXT_ITEMS = new Set(['Timestamps']);
// single tshark items shown differently on purpose: [field, tshark's text, reason]
const KNOWN_ITEMS: [string, RegExp, string][] = [
  ['radius.Framed_IPv6_Prefix', /^Framed-IPv6-Prefix: [0-9a-f]+$/, 'tshark shows the raw octets; the details show the prefix ("2001:db8::/64") as the AVP line does'],
  ['radius.avp', /val=\[(wrong length|invalid)/, 'tshark\'s text for a broken value; the details show the octets and a "[Malformed: ...]" node under the AVP'],
];
const knownItem = ([name, label]: PdmlFrame['items'][number]) => KNOWN_ITEMS.some(([f, re]) => f === name && re.test(label));

/** Wireshark resolves MAC vendors ("Microsof_0a:01:10 (00:15:5d:0a:01:10)"); radscope shows the address. */
function normalisePdml(s: string): string {
  return s.replace(/[^\s(]+_[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2} \(((?:[0-9a-f]{2}:){5}[0-9a-f]{2})\)/g, '$1');
}
function normaliseLabel(s: string): string {
  return s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s;
}

interface Loaded {
  frame: DetailFrame;
  context: DetailContext;
}

async function loadFrames(capture: string, numbers: Set<number>): Promise<Map<number, Loaded>> {
  const got = new Map<number, Loaded>();
  let first: { sec: number; nsec: number } | null = null;
  let previous: { sec: number; nsec: number } | null = null;
  await scanCapture(fileChunks(join(SHARED, 'corpus', capture)), { keepIndex: false }, (v) => {
    const r = v.raw;
    if (first === null && r.hasTime) first = { sec: r.sec, nsec: r.nsec };
    if (numbers.has(r.number)) {
      const frame = { ...r, data: r.data.slice(0, r.capLen) };
      got.set(r.number, { frame, context: detailContextFromVisit(v, { firstTime: first, previousTime: previous }) });
    }
    previous = { sec: r.sec, nsec: r.nsec };
  });
  return got;
}

function matches(n: DetailNode, [name, label, pos, size]: PdmlFrame['items'][number]): boolean {
  if ((n.field ?? '') !== name) return false;
  if (normaliseLabel(n.label) !== normalisePdml(label)) return false;
  return size === 0 || (n.start === pos && n.length === size);
}

describe('details against tshark 4.0 PDML', () => {
  for (const f of FIXTURE.frames) {
    test.skipIf(!existsSync(join(SHARED, 'corpus', f.capture)))(`${f.capture} frame ${f.frame}`, async () => {
      const loaded = (await loadFrames(f.capture, new Set([f.frame]))).get(f.frame)!;
      const tree = buildDetails(loaded.frame, loaded.context);
      expect(detailRangeProblems(tree, loaded.frame.capLen)).toEqual([]);
      const mine = flattenDetails(tree);
      const compared = f.items.filter(([name, label]) => (name === '' ? !KNOWN_TEXT_ITEMS.has(label) : KNOWN_DIFFERENCES[name] === undefined));
      const strict = compared.filter((item) => !knownItem(item));
      expect(compared.length).toBeGreaterThan(40);
      const missing = strict.filter((item) => !mine.some((n) => matches(n, item))).map((i) => i.join(' | '));
      expect(missing).toEqual([]);
      // the other way: a node of a field tshark shows in this frame is one of tshark's items
      const names = new Set(compared.map(([name]) => name).filter((n) => n !== ''));
      const extra = mine
        .filter((n) => n.field !== undefined && names.has(n.field) && !compared.some((item) => matches(n, item)))
        // a node inside a tshark item shown differently on purpose is part of that difference
        .filter((n) => !compared.some((item) => knownItem(item) && item[2] <= n.start && n.start + n.length <= item[2] + item[3]))
        .map((n) => `${n.field} | ${n.label} | ${n.start} | ${n.length}`);
      expect(extra).toEqual([]);
    });
  }
});

if (!HAVE_LAB_CORPUS || !HAVE_PUBLIC_CORPUS) test.skip(NO_CORPUS_MESSAGE, () => {});
