// The DNS tracker: pairing by ID and endpoints, retransmitted queries, duplicate and orphan responses,
// unanswered queries, the address-to-name map through CNAME chains (and CNAME loops), and per-name outcomes
// for the "every A/AAAA lookup failed" diagnosis.

import { describe, expect, test } from 'vitest';
import { decodeDnsMessage } from '../../dissect/dns-message.ts';
import { DnsTracker, type DnsSeen } from './dns-tracker.ts';

type Rr = [name: string, type: 'A' | 'AAAA' | 'CNAME' | 'TXT', value: string];

/** A DNS message in wire form (no compression), for the tests. */
function encode(o: { id: number; response?: boolean; rcode?: number; tc?: boolean; q?: [string, number]; an?: Rr[] }): Uint8Array {
  const out: number[] = [];
  const u16 = (v: number) => out.push(v >> 8, v & 255);
  const name = (n: string) => {
    for (const l of n.split('.')) out.push(l.length, ...[...l].map((c) => c.charCodeAt(0)));
    out.push(0);
  };
  u16(o.id);
  u16((o.response ? 0x8180 : 0x0100) | (o.tc ? 0x0200 : 0) | (o.rcode ?? 0));
  u16(o.q ? 1 : 0);
  u16(o.an?.length ?? 0);
  u16(0);
  u16(0);
  if (o.q) {
    name(o.q[0]);
    u16(o.q[1]);
    u16(1);
  }
  for (const [n, type, value] of o.an ?? []) {
    name(n);
    u16({ A: 1, AAAA: 28, CNAME: 5, TXT: 16 }[type]);
    u16(1);
    u16(0), u16(60);
    const data: number[] = [];
    if (type === 'A') data.push(...value.split('.').map(Number));
    else if (type === 'AAAA') data.push(...new Array(15).fill(0), Number(value));
    else if (type === 'CNAME') {
      const at = out.length;
      name(value);
      data.push(...out.splice(at));
    } else data.push(3, 0x61, 0x62, 0x63);
    u16(data.length);
    out.push(...data);
  }
  return Uint8Array.from(out);
}

const NPS = '10.61.10.10:41000';
const DNS = '10.61.10.53:53';
/** Frame n is seen at 1000 s + n ms. */
function seen(frame: number, fromNps: boolean, over: Partial<DnsSeen> = {}): DnsSeen {
  return { frame, sec: 1000, nsec: frame * 1_000_000, src: fromNps ? NPS : DNS, dst: fromNps ? DNS : NPS, transport: 'udp', flavour: 'dns', ...over };
}
const feed = (t: DnsTracker, frame: number, fromNps: boolean, o: Parameters<typeof encode>[0], over?: Partial<DnsSeen>) =>
  t.track(decodeDnsMessage(encode(o)), seen(frame, fromNps, over));

const ENTRA = 'login.microsoftonline.com';

describe('pairing', () => {
  test('by ID and both endpoints; response time from the first transmission; retransmissions kept', () => {
    const t = new DnsTracker();
    feed(t, 1, true, { id: 7, q: [ENTRA, 1] });
    feed(t, 2, true, { id: 7, q: [ENTRA, 1] }); // the stub's retry, same ID
    feed(t, 3, true, { id: 8, q: [ENTRA, 28] });
    feed(t, 4, false, { id: 7, response: true, q: [ENTRA, 1], an: [[ENTRA, 'A', '172.30.64.40']] }, { src: '10.61.10.99:53' }); // other server: not an answer
    feed(t, 5, false, { id: 7, response: true, q: [ENTRA, 1], an: [[ENTRA, 'A', '172.30.64.40']] });
    feed(t, 6, false, { id: 7, response: true, q: [ENTRA, 1], an: [[ENTRA, 'A', '172.30.64.40']] }); // a second answer
    const [a, aaaa, orphan] = t.transactions;
    expect([a!.queryFrame, a!.retransmissions, a!.responseFrame, a!.duplicateResponses, a!.rcodeName, a!.addresses]).toEqual([1, [2], 5, [6], 'NOERROR', ['172.30.64.40']]);
    expect(a!.responseTime).toBeCloseTo(0.004, 9); // frame 1 to frame 5
    expect(aaaa!.responseFrame).toBeNull();
    expect([orphan!.queryFrame, orphan!.client, orphan!.server, orphan!.responseFrame]).toEqual([0, NPS, '10.61.10.99:53', 4]);
    expect(t.unanswered()).toEqual([aaaa]);
  });

  test('the same ID and port reused for another question starts a new transaction', () => {
    const t = new DnsTracker();
    feed(t, 1, true, { id: 1, q: ['a.example', 1] });
    feed(t, 2, true, { id: 1, q: ['b.example', 1] });
    feed(t, 3, false, { id: 1, response: true, q: ['b.example', 1], rcode: 3 });
    expect(t.transactions.map((x) => [x.name, x.responseFrame])).toEqual([['a.example', null], ['b.example', 3]]);
  });

  test('LLMNR: a query to the multicast group is answered from the responder address', () => {
    const t = new DnsTracker();
    feed(t, 1, true, { id: 9, q: ['dc01', 1] }, { flavour: 'llmnr', dst: '224.0.0.252:5355', multicast: true });
    feed(t, 2, false, { id: 9, response: true, q: ['dc01', 1], an: [['dc01', 'A', '10.61.10.53']] }, { flavour: 'llmnr', src: '10.61.10.53:5355' });
    expect(t.transactions.map((x) => [x.responseFrame, x.server])).toEqual([[2, '10.61.10.53:5355']]);
  });

  test('mDNS feeds the name map only; a headerless message is counted and ignored', () => {
    const t = new DnsTracker();
    feed(t, 1, false, { id: 0, response: true, an: [['printer.local', 'A', '10.0.0.9']] }, { flavour: 'mdns' });
    expect(t.track(decodeDnsMessage(Uint8Array.of(1, 2)), seen(2, true))).toBeNull();
    expect([t.transactions.length, t.names.nameFor('10.0.0.9')?.name, t.messages, t.damaged]).toEqual([0, 'printer.local', 2, 1]);
  });
});

describe('address-to-name map', () => {
  test('an address carries the asked name through a CNAME chain, with the answer frame', () => {
    const t = new DnsTracker();
    feed(t, 12, true, { id: 1, q: [ENTRA, 1] });
    feed(t, 13, false, {
      id: 1, response: true, q: [ENTRA, 1],
      an: [[ENTRA, 'CNAME', 'login.mso.msidentity.com'], ['login.mso.msidentity.com', 'CNAME', 'ak.privatelink.msidentity.com'], ['ak.privatelink.msidentity.com', 'A', '172.30.64.40']],
    });
    const b = t.names.nameFor('172.30.64.40', 18)!;
    expect([b.name, b.chain, b.frames, b.queryFrame]).toEqual([ENTRA, [ENTRA, 'login.mso.msidentity.com', 'ak.privatelink.msidentity.com'], [13], 12]);
    expect(t.names.nameFor('172.30.64.40', 13)).toBeNull(); // not yet resolved before frame 13
    expect(t.names.addressesOf('LOGIN.microsoftonline.com')).toEqual(['172.30.64.40']);
  });

  test('a chain spread over two responses (the stub asks for the canonical name itself)', () => {
    const t = new DnsTracker();
    feed(t, 1, true, { id: 1, q: [ENTRA, 1] });
    feed(t, 2, false, { id: 1, response: true, q: [ENTRA, 1], an: [[ENTRA, 'CNAME', 'cdn.example.net']] });
    feed(t, 3, true, { id: 2, q: ['cdn.example.net', 1] });
    feed(t, 4, false, { id: 2, response: true, q: ['cdn.example.net', 1], an: [['cdn.example.net', 'A', '192.0.2.7']] });
    expect(t.names.nameFor('192.0.2.7')!.chain).toEqual(['cdn.example.net']); // the question of that response wins
    expect(t.lookups.resolution(ENTRA)).toMatchObject({ failed: true, addresses: [] }); // only a CNAME for the name itself
  });

  test('CNAME loops and an address shared by two names: the most recent resolution before a frame wins', () => {
    const t = new DnsTracker();
    feed(t, 1, true, { id: 1, q: ['a.example', 1] });
    feed(t, 2, false, { id: 1, response: true, q: ['a.example', 1], an: [['a.example', 'CNAME', 'b.example'], ['b.example', 'CNAME', 'a.example'], ['b.example', 'A', '192.0.2.1']] });
    feed(t, 3, true, { id: 2, q: ['c.example', 1] });
    feed(t, 4, false, { id: 2, response: true, q: ['c.example', 1], an: [['c.example', 'A', '192.0.2.1']] });
    expect(t.names.namesFor('192.0.2.1').map((b) => b.name)).toEqual(['a.example', 'c.example']);
    expect([t.names.nameFor('192.0.2.1', 3)!.name, t.names.nameFor('192.0.2.1')!.name]).toEqual(['a.example', 'c.example']);
  });
});

describe('address-to-name map at CDN scale', () => {
  // Hundreds of names CNAME to one CDN name that resolves to a few shared addresses: the chain search stops
  // at the asked name, and an address's names are indexed past a few; results as for a handful of names.
  test('each name keeps its own chain, the order first seen, and the latest frames', () => {
    const t = new DnsTracker();
    const names = Array.from({ length: 300 }, (_, i) => `site${i}.example`);
    let frame = 1;
    for (let round = 0; round < 2; round++) {
      names.forEach((n, i) => {
        const q = frame++;
        feed(t, q, true, { id: i, q: [n, 1] });
        feed(t, frame++, false, { id: i, response: true, q: [n, 1], an: [[n, 'CNAME', 'edge.cdn.example'], ['edge.cdn.example', 'A', `192.0.2.${i % 3}`]] });
      });
    }
    const onFirst = t.names.namesFor('192.0.2.0');
    expect(onFirst.map((b) => b.name)).toEqual(names.filter((_, i) => i % 3 === 0));
    expect(onFirst.every((b) => b.chain.length === 2 && b.chain[1] === 'edge.cdn.example')).toBe(true);
    const b7 = t.names.namesFor('192.0.2.1').find((b) => b.name === 'site7.example')!;
    expect([b7.chain, b7.frames, b7.queryFrame]).toEqual([['site7.example', 'edge.cdn.example'], [16, 616], 15]);
    expect(t.names.nameFor('192.0.2.2', 600)!.name).toBe('site296.example');
    expect(t.names.nameFor('192.0.2.2')!.name).toBe('site299.example');
    // an answer without its question: the chain goes to the first alias the search meets
    feed(t, 5000, false, { id: 9999, response: true, an: [['edge.cdn.example', 'A', '198.51.100.9']] });
    expect(t.names.nameFor('198.51.100.9')!.chain).toEqual(['site0.example', 'edge.cdn.example']);
  });
});

describe('lookup outcomes', () => {
  test('every A/AAAA lookup of the name and its search-suffix variant failed (the dns-fail shape)', () => {
    const t = new DnsTracker();
    feed(t, 15, true, { id: 1, q: [ENTRA, 1] });
    feed(t, 16, true, { id: 2, q: [ENTRA, 28] });
    feed(t, 17, false, { id: 1, response: true, rcode: 3, q: [ENTRA, 1] });
    feed(t, 18, false, { id: 2, response: true, rcode: 2, q: [ENTRA, 28] });
    feed(t, 19, true, { id: 3, q: [`${ENTRA}.corp.example`, 1] });
    feed(t, 20, true, { id: 4, q: [`${ENTRA}.corp.example`, 28] });
    feed(t, 21, false, { id: 3, response: true, q: [`${ENTRA}.corp.example`, 1] }); // NOERROR, no records
    feed(t, 22, true, { id: 5, q: [ENTRA, 16] }); // a TXT lookup does not count
    const r = t.lookups.resolution(ENTRA);
    expect([r.failed, r.variants, r.addresses]).toEqual([true, [`${ENTRA}.corp.example`], []]);
    expect(r.lookups.map((l) => [l.transaction.queryFrame, l.outcome])).toEqual([[15, 'nxdomain'], [16, 'servfail'], [19, 'no-records'], [20, 'no-response']]);
  });

  test('an empty AAAA answer beside a good A answer is not a failure', () => {
    const t = new DnsTracker();
    feed(t, 12, true, { id: 1, q: [ENTRA, 1] });
    feed(t, 13, false, { id: 1, response: true, q: [ENTRA, 1], an: [[ENTRA, 'A', '172.30.64.40']] });
    feed(t, 14, true, { id: 2, q: [ENTRA, 28] });
    feed(t, 15, false, { id: 2, response: true, q: [ENTRA, 28] });
    const r = t.lookups.resolution(ENTRA);
    expect([r.failed, r.addresses, r.lookups.map((l) => l.outcome)]).toEqual([false, ['172.30.64.40'], ['answered', 'no-records']]);
  });

  test('REFUSED, a truncated UDP answer, other codes; a name never asked has no verdict', () => {
    const t = new DnsTracker();
    feed(t, 1, true, { id: 1, q: ['x.example', 1] });
    feed(t, 2, false, { id: 1, response: true, rcode: 5, q: ['x.example', 1] });
    feed(t, 3, true, { id: 2, q: ['x.example', 28] });
    feed(t, 4, false, { id: 2, response: true, tc: true, q: ['x.example', 28] });
    feed(t, 5, true, { id: 3, q: ['x.example', 1] });
    feed(t, 6, false, { id: 3, response: true, rcode: 4, q: ['x.example', 1] });
    expect(t.lookups.resolution('x.example').lookups.map((l) => l.outcome)).toEqual(['refused', 'truncated', 'error']);
    expect(t.lookups.resolution('never.example')).toMatchObject({ failed: false, lookups: [] });
  });
});
