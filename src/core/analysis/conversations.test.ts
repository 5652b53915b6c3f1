// Zeek-style conversation summaries. No tool here writes Zeek's conn.log, so each expectation below was
// worked out by hand from the packet list (tshark -T fields: direction, flags, seq, length) and the rules of
// protocol-facts.md section 6 (conn_state decision order, history letters and their repetition rules); the
// derivation is in the comment of each case.

import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { scanCapture, type ConversationSummary } from '../index.ts';
import { fileSource } from '../../cli/sources.ts';
import { HAVE_LAB_CORPUS, HAVE_PUBLIC_CORPUS, LAB_CORPUS, NO_CORPUS_MESSAGE, PUBLIC_CORPUS } from '../../test-support/corpus.ts';

interface Case {
  file: string;
  stream: number;
  why: string;
  expect: Partial<ConversationSummary>;
}

const LAB: Case[] = [
  {
    file: 'tls-blackhole/capture.pcap',
    stream: 0,
    why: 'S(16) h(17) A(18) D(19, ClientHello), T(20: 8 retransmissions, "t" is logarithmic so one letter); handshake done, nothing closes: S1',
    expect: { orig: '10.61.10.10', resp: '172.30.64.40', respPort: 443, connState: 'S1', history: 'ShADT', origPackets: 11, respPackets: 1, origBytes: 4653, respBytes: 0 },
  },
  {
    file: 'tls-reset/capture.pcap',
    stream: 0,
    why: 'S h A D, then the responder side resets (22): responder RESET, originator established: RSTR',
    expect: { connState: 'RSTR', history: 'ShADr', origPackets: 3, respPackets: 2, origBytes: 517 },
  },
  {
    file: 'syn-drop/capture.pcap',
    stream: 0,
    why: 'five SYNs with the same sequence number ("s" repeats only for a new seq), no answer: S0',
    expect: { connState: 'S0', history: 'S', origPackets: 5, respPackets: 0 },
  },
  {
    file: 'tls-intercept/capture.pcap',
    stream: 1,
    why: 'S h A D a(30) d(31); later A/D/a/d are not repeated; f(36 responder FIN) R(37 originator RST): originator RESET, responder CLOSED (active): RSTO',
    expect: { connState: 'RSTO', history: 'ShADadfR', origPackets: 7, respPackets: 5, origBytes: 524, respBytes: 2190 },
  },
  {
    file: 'tls-intercept/capture.pcap',
    stream: 4,
    why: 'as stream 1 but R(110) before f(111); the second RST (112) has the same seq, so no second R: RSTO',
    expect: { connState: 'RSTO', history: 'ShADadRf', origPackets: 8, respPackets: 5 },
  },
  {
    file: 'healthy/capture.pcap',
    stream: 0,
    why: 'full TLS exchange, originator FIN (37) then responder FIN (39): SF',
    expect: { connState: 'SF', history: 'ShADadFf', origPackets: 12, respPackets: 8, origBytes: 924 },
  },
  {
    file: 'healthy/capture.pcap',
    stream: 1,
    why: 'HTTP: responder FIN (56) first, then originator FIN (57): SF with "fF"',
    expect: { connState: 'SF', history: 'ShADadfF', origPackets: 6, respPackets: 6, origBytes: 148, respBytes: 645 },
  },
];

const PUBLIC: Case[] = [
  {
    file: 'arkime-arkime/tcp_handshake_synthetic.pcap',
    stream: 1,
    why: 'S h A, then two SYN/ACK retransmissions with the same seq (no new "h"); both sides established: S1',
    expect: { connState: 'S1', history: 'ShA', origPackets: 2, respPackets: 3 },
  },
  {
    file: 'zeek-zeek/tcp/syn-then-rst.pcap',
    stream: 0,
    why: 'SYN then RST from the originator, no SYN/ACK: the history matches ^?S[^HAFGIQ]*R: RSTOS0',
    expect: { connState: 'RSTOS0', history: 'SR', origPackets: 2, respPackets: 0 },
  },
  {
    file: 'zeek-zeek/tcp/fin_retransmission.pcap',
    stream: 0,
    why: 'S, F(2, FIN before any answer), h(3), FIN+ACK with the same seq (no new F), r(5): responder RESET, originator CLOSED (not SYN_SENT, not inactive): RSTR',
    expect: { connState: 'RSTR', history: 'SFhr' },
  },
];

async function summaries(path: string): Promise<ConversationSummary[]> {
  return (await scanCapture(fileSource(path), { keepIndex: false })).conversations;
}

describe.skipIf(!HAVE_LAB_CORPUS)('conversations of the lab captures', () => {
  test.each(LAB)('$file stream $stream: $why', async (c) => {
    const s = (await summaries(join(LAB_CORPUS, c.file))).find((x) => x.proto === 'tcp' && x.stream === c.stream);
    expect(s).toMatchObject(c.expect);
  });

  test('the resolver socket asking A and AAAA makes one UDP conversation in state SF with history Dd', async () => {
    const all = await summaries(join(LAB_CORPUS, 'tls-blackhole/capture.pcap'));
    // truth.json: queries in frames 10 (A) and 11 (AAAA) from one socket, answers in 12 and 13
    const dns = all.find((x) => x.proto === 'udp' && x.firstFrame === 10);
    expect(dns).toMatchObject({ respPort: 53, connState: 'SF', history: 'Dd', origPackets: 2, respPackets: 2, lastFrame: 13 });
  });
});

describe.skipIf(!HAVE_PUBLIC_CORPUS)('conversations of public captures', () => {
  test.each(PUBLIC)('$file stream $stream: $why', async (c) => {
    const s = (await summaries(join(PUBLIC_CORPUS, c.file))).find((x) => x.proto === 'tcp' && x.stream === c.stream);
    expect(s).toMatchObject(c.expect);
  });
});

test.skipIf(HAVE_LAB_CORPUS && HAVE_PUBLIC_CORPUS)('conversation tests (skipped)', () => {
  console.log(NO_CORPUS_MESSAGE);
});
