// Which outbound activity of the RADIUS server each RADIUS request caused. Roles come from the capture (the
// addresses RADIUS requests go to are the RADIUS servers); an attempt belongs to the request whose window it
// starts in: from the request until its answer, or until the NAS gave up (its last copy plus one
// retransmission interval) plus a margin. With several RADIUS servers in the capture, a server's own requests
// come first: the NPS extension calls out from the server that got the Access-Request. Each link says how
// sure it is and why.

import type { DnsTransaction } from '../dns/dns-lookups.ts';
import type { DnsTracker } from '../dns/dns-tracker.ts';
import type { ConnectAttempt } from '../http/http-tracker.ts';
import type { RadiusTransaction } from '../radius/radius-types.ts';
import type { TcpAttempt } from '../tcp/tcp-attempts.ts';
import type { TlsConnectionState } from '../tls/tls-connection-state.ts';
import { ENTRA_ENDPOINTS, entraEndpoint, type EntraEndpoint } from './entra.ts';
import { attemptOutcome, type AttemptOutcome } from './outcome.ts';

/** Seconds added after the NAS gave up (or the answer) during which an attempt still counts as caused. */
const WINDOW_MARGIN_S = 2;
/** A NAS retransmission interval assumed when the request was sent once (radclient and many NAS: 5 s). */
const DEFAULT_NAS_TIMEOUT_S = 5;
/** An outbound attempt this soon after a request is "the first outbound after it" (medium confidence). */
const PROMPT_S = 3;

/** Outcomes of attempts the server gave up on without any answer: they last until their last retransmission. */
const KEPT_WAITING = new Set<AttemptOutcome['kind']>(['syn-unanswered', 'clienthello-unanswered', 'proxy-unanswered']);

export type Confidence = 'high' | 'medium' | 'low';

export interface LinkedAttempt {
  id: number;
  stream: number;
  tcp: TcpAttempt;
  /** The host name the attempt was for: TLS SNI, CONNECT target, or the name DNS gave the address. */
  target: string | null;
  targetSource: 'sni' | 'connect' | 'dns' | null;
  entra: EntraEndpoint | undefined;
  /** Through an HTTP proxy: the proxy is tcp.server; CONNECT requests on the stream. */
  proxy: boolean;
  connects: ConnectAttempt[];
  tls: TlsConnectionState | undefined;
  outcome: AttemptOutcome;
  transaction: number | null;
  confidence: Confidence;
  reasons: string[];
}

export interface LinkedLookup {
  dns: DnsTransaction;
  transaction: number | null;
  entra: EntraEndpoint | undefined;
  /** The server needed this name: an Entra endpoint, the name of an attempt's target or proxy, or the first
   * lookup after a request (what else it asked, SRV records, NTP servers..., is context, not cause). */
  relevant: boolean;
}

export interface Window {
  start: number;
  end: number;
  /** When the NAS presumably gave up (unanswered requests), seconds since the epoch. */
  gaveUp: number | null;
}

export interface CorrelationInput {
  transactions: readonly RadiusTransaction[];
  attempts: TcpAttempt[];
  tls: TlsConnectionState[];
  connects: ConnectAttempt[];
  dns: DnsTracker;
  /** Seconds since the epoch of a frame. */
  time(frame: number): number;
  /** Overrides: the RADIUS server addresses (else those the requests go to). */
  radiusServers?: readonly string[];
  /** The addresses of the machines that have these addresses (same MAC): a server's IPv6 or second address. */
  sameHost?(addresses: Iterable<string>): Set<string>;
}

export interface Correlation {
  servers: Set<string>;
  windows: Window[];
  attempts: LinkedAttempt[];
  lookups: LinkedLookup[];
  /** Any packet the RADIUS servers sent out to something other than their NAS (DNS, TCP): false means blind. */
  outboundSeen: boolean;
}

/** "addr:port" or "[v6]:port" to the address. */
export function addressOf(endpoint: string): string {
  if (endpoint.startsWith('[')) return endpoint.slice(1, endpoint.indexOf(']'));
  const i = endpoint.lastIndexOf(':');
  return i > 0 && endpoint.indexOf(':') === i ? endpoint.slice(0, i) : endpoint;
}

export function windowOf(t: RadiusTransaction, time: (frame: number) => number): Window {
  const start = time(t.requestFrame);
  if (t.rspFrame !== null) return { start, end: time(t.rspFrame) + WINDOW_MARGIN_S, gaveUp: null };
  const offsets = t.duplicateOffsets.filter((x): x is number => x !== null);
  const last = offsets.length > 0 ? offsets[offsets.length - 1]! : 0;
  const interval = offsets.length > 0 ? last - (offsets.length > 1 ? offsets[offsets.length - 2]! : 0) : DEFAULT_NAS_TIMEOUT_S;
  const gaveUp = start + last + Math.max(interval, 1);
  return { start, end: gaveUp + WINDOW_MARGIN_S, gaveUp };
}

export function correlate(input: CorrelationInput): Correlation {
  const requests = input.transactions.filter((t) => t.code === 1);
  const named = input.radiusServers ?? requests.map((t) => t.server);
  const nases = new Set(requests.map((t) => t.nas));
  // the servers' other addresses (same MAC), but never a NAS's (a NAS on the same host as the capture's)
  const servers = new Set([...(input.sameHost?.(named) ?? named)].filter((a) => !nases.has(a) || named.includes(a)));
  const windows = input.transactions.map((t) => windowOf(t, input.time));
  const tlsByStream = new Map<number, TlsConnectionState[]>();
  for (const c of input.tls) tlsByStream.set(c.stream, [...(tlsByStream.get(c.stream) ?? []), c]);
  const connectsByStream = new Map<number, ConnectAttempt[]>();
  for (const c of input.connects) connectsByStream.set(c.stream, [...(connectsByStream.get(c.stream) ?? []), c]);

  // Each address of a RADIUS server to that server: a request sent to 10.0.0.10 is the business of the host
  // that calls out from 10.0.0.10 or from its other addresses (same MAC). Two addresses requests go to stay
  // two servers, whatever their MACs say.
  const requested = new Set(requests.map((t) => t.server));
  const hostOf = new Map([...requested].map((s) => [s, s]));
  for (const s of requested) {
    for (const a of input.sameHost?.([s]) ?? []) if (!hostOf.has(a)) hostOf.set(a, s);
  }
  const host = (address: string): string => hostOf.get(address) ?? address;

  /** The Access-Request transaction whose window holds time t, or null. Among several: requests to the host
   * at `client` (the machine that sent the attempt or lookup) first, since the NPS extension calls out from
   * the server that got the request (when none of its requests is open, any server's will do: the capture may
   * show the server under another address, e.g. behind NAT); then requests not answered while the attempt was
   * still waiting (an attempt that never got an answer lasts until `waitingUntil`; the extension holds the
   * request while its call is pending, so a request answered meanwhile did not wait for it); then the latest. */
  const owner = (t: number, client: string, waitingUntil: number | null = null): number | null => {
    const mine = host(client);
    const rank = (i: number): number => {
      const tx = input.transactions[i]!;
      const answeredMeanwhile = waitingUntil !== null && tx.rspFrame !== null && input.time(tx.rspFrame) < waitingUntil;
      return (host(tx.server) === mine ? 2 : 0) + (answeredMeanwhile ? 0 : 1);
    };
    let best: number | null = null;
    let bestRank = -1;
    input.transactions.forEach((tx, i) => {
      if (tx.code !== 1) return;
      const w = windows[i]!;
      if (t < w.start || t > w.end) return;
      const r = rank(i);
      if (r > bestRank || (r === bestRank && w.start >= windows[best!]!.start)) [best, bestRank] = [i, r];
    });
    return best;
  };

  let outboundSeen = false;
  const attempts: LinkedAttempt[] = [];
  for (const a of input.attempts) {
    if (!servers.has(a.client)) continue;
    if (!nases.has(a.server)) outboundSeen = true;
    const connects = connectsByStream.get(a.stream) ?? [];
    const states = tlsByStream.get(a.stream) ?? [];
    const tls = states.find((s) => s.tunnel) ?? states.find((s) => !s.tunnel);
    const proxy = connects.length > 0;
    let target: string | null = null;
    let targetSource: LinkedAttempt['targetSource'] = null;
    if (tls?.clientHello?.sni) [target, targetSource] = [tls.clientHello.sni, 'sni'];
    else if (proxy && connects[0]!.host) [target, targetSource] = [connects[0]!.host, 'connect'];
    else {
      const named = input.dns.names.nameFor(a.server, a.firstFrame);
      if (named) [target, targetSource] = [named.name, 'dns'];
    }
    const relevant = a.serverPort === 443 || proxy || tls !== undefined || entraEndpoint(target) !== undefined;
    if (!relevant) continue;
    const outcome = attemptOutcome(a, tls, connects);
    attempts.push({
      id: attempts.length,
      stream: a.stream,
      tcp: a,
      target,
      targetSource,
      entra: entraEndpoint(target),
      proxy,
      connects,
      tls,
      outcome,
      transaction: owner(a.firstTime, a.client, KEPT_WAITING.has(outcome.kind) ? a.lastTime : null),
      confidence: 'low',
      reasons: [],
    });
  }

  // A request whose activity names Entra (an Entra endpoint contacted, or looked up) shows what it needed:
  // its other HTTPS connections are someone else's (Windows Update, telemetry...), not caused by it.
  const lookupsSoFar = input.dns.transactions.filter((d) => servers.has(addressOf(d.client)) && entraLookup(d.name) !== undefined);
  const entraTx = new Set<number>();
  for (const at of attempts) if (at.entra && at.transaction !== null) entraTx.add(at.transaction);
  for (const d of lookupsSoFar) {
    const t = owner(d.queryFrame > 0 ? input.time(d.queryFrame) : 0, addressOf(d.client));
    if (t !== null) entraTx.add(t);
  }
  for (const at of attempts) {
    if (at.transaction !== null && !at.entra && entraTx.has(at.transaction)) {
      at.reasons.push(`not linked to request ${at.transaction}: that request's activity names the Entra endpoints, and this connection goes elsewhere`);
      at.transaction = null;
    }
  }

  // confidence: a known Entra endpoint in the window; else the first outbound HTTPS soon after the request
  const firstAfter = new Map<number, number>();
  for (const at of attempts) {
    if (at.transaction === null) continue;
    if (!firstAfter.has(at.transaction)) firstAfter.set(at.transaction, at.id);
  }
  for (const at of attempts) {
    if (at.transaction === null) {
      if (at.reasons.length === 0) at.reasons.push('started outside the window of every RADIUS request');
      continue;
    }
    const since = at.tcp.firstTime - windows[at.transaction]!.start;
    at.reasons.push(`started ${since.toFixed(3)} s after the request`);
    if (at.entra) {
      at.confidence = 'high';
      at.reasons.push(`${at.target} is an Entra endpoint the NPS extension calls (named by ${at.targetSource === 'sni' ? 'the ClientHello SNI' : at.targetSource === 'connect' ? 'the CONNECT request' : 'a DNS answer in the capture'})`);
    } else if (firstAfter.get(at.transaction) === at.id && since <= PROMPT_S) {
      at.confidence = 'medium';
      at.reasons.push('the first outbound HTTPS connection after the request');
    } else {
      at.reasons.push('another outbound HTTPS connection in the window');
    }
  }

  const lookups: LinkedLookup[] = [];
  for (const d of input.dns.transactions) {
    if (!servers.has(addressOf(d.client))) continue;
    outboundSeen = true;
    const t = d.queryFrame > 0 ? input.time(d.queryFrame) : d.responseFrame !== null ? input.time(d.responseFrame) : 0;
    lookups.push({ dns: d, transaction: owner(t, addressOf(d.client)), entra: entraLookup(d.name), relevant: false });
  }
  // what each request's own attempts contacted, by address and by name
  const contacted = new Set(attempts.map((a) => `${a.transaction}|${a.tcp.server}`));
  const targets = new Set(attempts.flatMap((a) => (a.target ? [`${a.transaction}|${a.target.toLowerCase()}`] : [])));
  const firstLookup = new Map<number, number>();
  lookups.forEach((l, i) => {
    if (l.transaction !== null && !firstLookup.has(l.transaction)) firstLookup.set(l.transaction, i);
  });
  lookups.forEach((l, i) => {
    const name = l.dns.name.toLowerCase().replace(/\.$/, '');
    const prompt = l.transaction !== null && firstLookup.get(l.transaction) === i && input.time(l.dns.queryFrame) - windows[l.transaction]!.start <= PROMPT_S;
    const tx = l.transaction;
    l.relevant =
      l.entra !== undefined ||
      prompt ||
      (tx !== null && (targets.has(`${tx}|${name}`) || l.dns.addresses.some((x) => contacted.has(`${tx}|${x}`)) || [...targets].some((t) => name.startsWith(t.slice(t.indexOf('|') + 1) + '.') && t.startsWith(`${tx}|`))));
  });
  return { servers, windows, attempts, lookups, outboundSeen };
}

/** An Entra endpoint asked for, as itself or with a DNS search suffix appended (name.corp.example). */
export function entraLookup(name: string): EntraEndpoint | undefined {
  const n = name.toLowerCase().replace(/\.$/, '');
  return entraEndpoint(n) ?? ENTRA_ENDPOINTS.find((e) => n.startsWith(e.host + '.'));
}
