// Which request an outbound attempt belongs to when several requests are open at once. The inputs are built
// here to stand for what the bench generator (../shared/bench/make-capture.py) plants in a busy capture:
// two RADIUS servers answering other NASes every few milliseconds while one server's HTTPS call hangs.

import { describe, expect, test } from 'vitest';
import { DnsTracker } from '../dns/dns-tracker.ts';
import type { RadiusTransaction } from '../radius/radius-types.ts';
import type { TcpAttempt } from '../tcp/tcp-attempts.ts';
import { correlate, type CorrelationInput } from './correlate.ts';

const A = '10.0.0.10';
const B = '10.0.0.11';
const IDP = '203.0.113.200';

/** Frame numbers are milliseconds: frame 1000 is at 1.000 s. */
const time = (frame: number) => frame / 1000;

function request(index: number, server: string, frame: number, rspFrame: number | null): RadiusTransaction {
  return {
    index, code: 1, codeName: 'Access-Request', id: index, authenticator: String(index), nas: `10.1.0.${index + 1}`, nasPort: 40000,
    server, serverPort: 1812, heuristic: false, userName: `user${index}`, requestFrame: frame,
    duplicateFrames: [], duplicateOffsets: [], duplicates: 0, responseFrames: rspFrame === null ? [] : [rspFrame],
    rspFrame, rspCode: rspFrame === null ? null : 2, rspCodeName: rspFrame === null ? null : 'Access-Accept', time: rspFrame === null ? null : (rspFrame - frame) / 1000,
  };
}

/** A connection from `client` to port 443 that starts at `syn`; `hung`: its first data is retransmitted
 * until `last` and never answered; else the server answers and the client closes at `last`. */
function attempt(client: string, syn: number, last: number, hung: boolean): TcpAttempt {
  return {
    stream: 0, client, clientPort: 50000, server: IDP, serverPort: 443, clientIsA: true,
    firstFrame: syn, lastFrame: last, firstTime: time(syn), lastTime: time(last),
    syn: [syn], synRetransmissions: [], synAck: [syn + 20], handshakeAck: syn + 21, firstClientData: syn + 22,
    clientRetransmissions: hung ? [syn + 250, last] : [], clientDataFrames: hung ? 3 : 4,
    firstServerData: hung ? null : syn + 45, serverDataFrames: hung ? 0 : 4, rst: [], fin: hung ? [] : [{ frame: last, fromServer: false }],
  };
}

function owner(transactions: RadiusTransaction[], a: TcpAttempt, more: Partial<CorrelationInput> = {}): number | null {
  const c = correlate({ transactions, attempts: [a], tls: [], connects: [], dns: new DnsTracker(), time, ...more });
  expect(c.attempts).toHaveLength(1);
  return c.attempts[0]!.transaction;
}

describe('the request an outbound attempt belongs to', () => {
  test('a request to another RADIUS server, sent between the request and the SYN, does not take the attempt', () => {
    // both unanswered: only the server tells them apart
    expect(owner([request(0, A, 1000, null), request(1, B, 1001, null)], attempt(A, 1002, 7000, true))).toBe(0);
    expect(owner([request(0, B, 1000, null), request(1, A, 1001, null)], attempt(A, 1002, 7000, true))).toBe(1);
  });

  test("the server's other addresses (same machine) count as the server", () => {
    const v6 = '2001:db8::10';
    const sameHost = (xs: Iterable<string>) => new Set([...xs].flatMap((x) => (x === A ? [A, v6] : [x])));
    expect(owner([request(0, A, 1000, null), request(1, B, 1001, null)], attempt(v6, 1002, 7000, true), { sameHost })).toBe(0);
  });

  test('a request answered while a hung attempt was still retransmitting did not wait for it', () => {
    // the same server: request 1 is answered 10 ms later, the attempt retransmits for 6 s more
    expect(owner([request(0, A, 1000, null), request(1, A, 1001, 1011)], attempt(A, 1002, 7000, true))).toBe(0);
  });

  test('without a better reason, the latest request holding the attempt keeps it', () => {
    // a completed attempt says nothing about which request waited for it
    expect(owner([request(0, A, 1000, 3000), request(1, A, 1001, 1011)], attempt(A, 1002, 1100, false))).toBe(1);
    // the user named A a RADIUS server, but the requests go to B (A's address behind NAT): B's request is the guess
    expect(owner([request(0, B, 1000, null)], attempt(A, 1002, 7000, true), { radiusServers: [A, B] })).toBe(0);
  });
});
