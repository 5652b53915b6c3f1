// The words of each finding: one sentence that says what happened with names, addresses and frame counts
// from the capture, an explanation that says why it means what it means (hedged where it is an inference),
// and the remedy.

import { endpointText as ep } from '../../base/address.ts';
import type { RadiusTransaction } from '../radius/radius-types.ts';
import type { FindingId } from './catalogue.ts';
import type { LinkedAttempt, LinkedLookup } from './correlate.ts';
import { RECOMMENDED_NAS_TIMEOUT_S } from './entra.ts';
import {
  allowEndpoints,
  captureWider,
  checkDiscard,
  checkReject,
  fixDns,
  fixProxy,
  fixSecret,
  raiseTimeout,
  serverAlert,
  trustOrExempt,
  type Remedy,
  type RemedyContext,
} from './remedies.ts';

export interface Described {
  summary: string;
  explanation: string;
  remedy: Remedy | null;
  confidence: 'certain' | 'likely' | 'suspected';
}

const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);
const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`;

function context(a: LinkedAttempt): RemedyContext {
  const t = a.tcp;
  const port = a.proxy ? (a.connects[0]?.port ?? 443) : t.serverPort;
  return {
    server: t.client,
    target: a.target ?? t.server,
    targetAddress: a.proxy ? (a.target ?? t.server) : t.server,
    port,
    cloud: a.entra?.cloud ?? null,
    proxy: a.proxy ? `${ep(t.server, t.serverPort)}` : null,
  };
}

/** "login.microsoftonline.com (172.30.64.40:443)" or "172.30.64.40:443" or "... through the proxy ...". */
function where(a: LinkedAttempt): string {
  const t = a.tcp;
  if (a.proxy) return `${a.target ?? a.connects[0]?.target ?? '?'} through the proxy ${ep(t.server, t.serverPort)}`;
  return a.target ? `${a.target} (${ep(t.server, t.serverPort)})` : `${ep(t.server, t.serverPort)}`;
}

function nasGaveUp(txs: RadiusTransaction[]): string {
  const unanswered = txs.filter((t) => t.rspFrame === null);
  if (unanswered.length === 0) return '';
  return unanswered.length === 1 && txs.length === 1
    ? ' The VPN gateway (NAS) got no answer to its Access-Request and gave up.'
    : ` ${plural(unanswered.length, 'Access-Request')} got no answer.`;
}

export function describeAttemptFinding(id: FindingId, list: LinkedAttempt[], txs: RadiusTransaction[]): Described {
  const a = list[0]!;
  const ctx = context(a);
  const n = list.length;
  const attempts = n === 1 ? 'The attempt' : `All ${n} attempts`;
  const server = a.tcp.client;
  switch (id) {
    case 'tls.clienthello.unanswered': {
      const retrans = list.reduce((s, x) => s + (x.outcome.retransmissions ?? 0), 0);
      return {
        summary: `The RADIUS server ${server} completed the TCP handshake with ${where(a)}, but its TLS ClientHello was never answered: retransmitted ${times(retrans)}, no ServerHello, not even an ACK.${nasGaveUp(txs)}`,
        explanation:
          'A TCP handshake that succeeds followed by silence after the ClientHello is what a firewall with TLS inspection or TLS/SNI filtering looks like when it blocks a destination: it lets the handshake through and drops the first TLS packet. The server waits for the endpoint, so it cannot answer the RADIUS request in time. (Inferred from the packet pattern; the device itself is not in the capture.)',
        remedy: allowEndpoints(ctx, ' (and exempt them from TLS inspection)'),
        confidence: 'likely',
      };
    }
    case 'tls.clienthello.reset': {
      return {
        summary: `The TLS handshake from ${server} to ${where(a)} was reset right after the ClientHello (${attempts.toLowerCase()} got a RST from the server side).${nasGaveUp(txs)}`,
        explanation:
          'The TCP handshake succeeded, the ClientHello went out, and a reset came back instead of a ServerHello. A firewall or filtering proxy that blocks the name in the ClientHello (SNI) often answers this way on behalf of the server. (Inferred: the RST carries the server\'s address, but any device on the path can forge it.)',
        remedy: allowEndpoints(ctx, ''),
        confidence: 'likely',
      };
    }
    case 'tcp.syn.unanswered': {
      const syns = list.reduce((s, x) => s + x.tcp.syn.length, 0);
      return {
        summary: `${server} tried to connect to ${where(a)} and got no answer: ${plural(syns, 'SYN')} sent, no SYN/ACK.${nasGaveUp(txs)}`,
        explanation: 'Connection attempts that are never answered are dropped on the way: a firewall rule blocking outbound TCP to this destination, or a routing problem.',
        remedy: allowEndpoints(ctx, ''),
        confidence: 'likely',
      };
    }
    case 'tcp.connection.refused':
      return {
        summary: `${where(a)} refused the connection from ${server}: its SYN was answered with a RST.${nasGaveUp(txs)}`,
        explanation: 'A reset in answer to a SYN means nothing listens there, or a firewall rejects the connection actively.',
        remedy: allowEndpoints(ctx, ''),
        confidence: 'likely',
      };
    case 'proxy.connect.denied': {
      const st = a.outcome.status;
      return {
        summary: `The proxy ${ep(a.tcp.server, a.tcp.serverPort)} refused ${server}'s CONNECT to ${a.connects[0]?.target ?? '?'} with ${st ?? '?'} ${a.outcome.reason ?? ''}`.trimEnd() + ` (${times(n)}).${nasGaveUp(txs)}`,
        explanation:
          st === 407
            ? 'The proxy wants credentials (407). NPS runs as the SYSTEM account and cannot answer the challenge, so every call to Entra fails.'
            : `The proxy answered the CONNECT request with ${st ?? 'an error'} instead of 200: it does not allow this server to reach the endpoint, so the MFA call fails.`,
        remedy: fixProxy(ctx, st ?? null),
        confidence: 'certain',
      };
    }
    case 'proxy.connect.unanswered':
      return {
        summary: `The proxy ${ep(a.tcp.server, a.tcp.serverPort)} never answered ${server}'s CONNECT to ${a.connects[0]?.target ?? '?'}.${nasGaveUp(txs)}`,
        explanation: 'The proxy accepted the TCP connection but sent no answer to CONNECT: it may wait for an upstream that does not answer, or drop the request.',
        remedy: fixProxy(ctx, null),
        confidence: 'likely',
      };
    case 'tls.certificate.rejected': {
      const alert = a.outcome.alert;
      const issuer = a.tls?.certificate?.chain[0]?.issuer ?? null;
      return {
        summary: `${server} refused the certificate presented for ${where(a)}${issuer ? ` (issued by "${issuer}")` : ''}: it ended the handshake with a fatal "${alert?.name ?? 'alert'}" alert.${nasGaveUp(txs)}`,
        explanation:
          'The client aborted the handshake right after the server\'s certificate. A certificate the client does not trust, for a Microsoft endpoint, almost always comes from a TLS-inspection device that re-signs traffic with its own CA, which the RADIUS server does not trust.',
        remedy: trustOrExempt(ctx, issuer),
        confidence: 'likely',
      };
    }
    case 'tls.alert.server': {
      const alert = a.outcome.alert;
      return {
        summary: `${where(a)} ended the TLS handshake with ${server} with a fatal "${alert?.name ?? 'alert'}" alert.${nasGaveUp(txs)}`,
        explanation: 'The server side refused the handshake: usually the client offers no protocol version or cipher the server accepts (TLS 1.2 disabled on the RADIUS server), or an intercepting device refuses the destination.',
        remedy: serverAlert(ctx),
        confidence: 'likely',
      };
    }
    case 'proxy.tunnel':
      return {
        summary: `${server} reaches ${a.target ?? a.connects[0]?.target ?? 'the endpoint'} through the proxy PROXY, and the tunnel works (${plural(n, 'connection')}).`,
        explanation: 'The CONNECT request was answered 200 and TLS went through the tunnel. This is the set-up the field report ends with: the server uses the proxy the firewall team provided.',
        remedy: null,
        confidence: 'certain',
      };
    default:
      return { summary: id, explanation: '', remedy: null, confidence: 'suspected' };
  }
}

export function describeDnsFailure(name: string, lookups: LinkedLookup[], server: string, dnsServers: string[]): Described {
  const outcomes = [...new Set(lookups.map((l) => (l.dns.responseFrame === null ? 'no response' : l.dns.rcodeName ?? `rcode ${l.dns.rcode}`)))];
  const asked = [...new Set(lookups.map((l) => l.dns.name))];
  return {
    summary: `${server} could not resolve ${name}: ${plural(lookups.length, 'A/AAAA lookup')} (${asked.join(', ')}) all failed (${outcomes.join(', ').replace('NOERROR', 'no address')}), so it never tried to connect.`,
    explanation: `Without an address for ${name} the RADIUS server cannot call the endpoint, and the request fails or is never answered. The lookups with the DNS search suffix appended failing is normal; the plain name must resolve.`,
    remedy: fixDns(server, name, dnsServers),
    confidence: 'certain',
  };
}

export function describeRadiusFinding(id: FindingId, t: RadiusTransaction, mismatch: { how: string; frames: number[] } | null): Described {
  const copies = 1 + t.duplicates;
  const req = `${t.codeName} ${t.id} from ${ep(t.nas, t.nasPort)}${t.userName ? ` (user ${t.userName})` : ''}`;
  switch (id) {
    case 'radius.request.unanswered':
      return {
        summary: `${req} to ${ep(t.server, t.serverPort)} was never answered (sent ${times(copies)}).`,
        explanation: 'The NAS retransmits an unanswered request with the same identifier and authenticator, then gives up; the user sees a timeout.',
        remedy: checkDiscard(t.server),
        confidence: 'certain',
      };
    case 'capture.blind':
      return {
        summary: `${req} was never answered, and the capture shows no outbound traffic of the RADIUS server ${t.server} at all: the cause cannot be seen here.`,
        explanation: 'The capture holds only RADIUS (a capture filter on the RADIUS ports) or was taken on the NAS or elsewhere on the path. The calls the RADIUS server makes to Entra are where the answer is.',
        remedy: captureWider(t.server),
        confidence: 'certain',
      };
    case 'radius.access_reject':
      return {
        summary: `${t.server} answered ${req} with Access-Reject after ${(t.time ?? 0).toFixed(3)} s.`,
        explanation: 'The server decided against the user: wrong password, no matching network policy, an MFA denial or timeout in the NPS extension, or the user not enrolled. The capture shows the decision, not its reason.',
        remedy: checkReject(),
        confidence: 'certain',
      };
    case 'radius.response.late':
      return {
        summary: `${t.server} answered ${req} only after ${(t.time ?? 0).toFixed(1)} s, after the NAS had already retransmitted ${times(t.duplicates)}: the NAS's RADIUS timeout is shorter than MFA takes.`,
        explanation: `While MFA is pending NPS discards the NAS's retransmissions as duplicates. A NAS that gives up before the user approves never sees the answer; Microsoft recommends a RADIUS timeout of at least ${RECOMMENDED_NAS_TIMEOUT_S} s.`,
        remedy: raiseTimeout(t.nas, t.time),
        confidence: 'likely',
      };
    case 'radius.secret.mismatch': {
      const how =
        mismatch?.how === 'authenticator'
          ? 'the authenticators do not verify with the shared secret given'
          : mismatch?.how === 'password'
            ? 'the User-Password decodes to garbage with the shared secret given'
            : `the NAS sent the request again after ${t.server} had answered it (a NAS discards an answer whose Response Authenticator it cannot verify)`;
      return {
        summary: `The NAS ${t.nas} and the RADIUS server ${t.server} do not seem to share the same secret: ${how}.`,
        explanation:
          'Both ends sign and encrypt with the shared secret. When they differ, the server decodes a garbled password (and usually rejects), and the NAS throws the answer away as forged, retrying until it gives up.' +
          (mismatch?.how === 'resent-after-answer' ? ' (Suspected from the NAS\'s behaviour: give the secret to check it.)' : ''),
        remedy: fixSecret(t.nas),
        confidence: mismatch?.how === 'resent-after-answer' ? 'suspected' : 'certain',
      };
    }
    default:
      return { summary: id, explanation: '', remedy: null, confidence: 'suspected' };
  }
}
