// How one outbound connection attempt ended, read from its TCP events, its CONNECT (when it went through a
// proxy) and its TLS state: the patterns of the field report and its neighbours. Each outcome names the
// frames that prove it.

import type { ConnectAttempt } from '../http/http-tracker.ts';
import type { TcpAttempt } from '../tcp/tcp-attempts.ts';
import type { TlsAlertEvent, TlsConnectionState } from '../tls/tls-connection-state.ts';

export type OutcomeKind =
  | 'syn-unanswered'
  | 'refused'
  | 'proxy-denied'
  | 'proxy-unanswered'
  | 'clienthello-unanswered'
  | 'clienthello-reset'
  | 'certificate-rejected'
  | 'server-alert'
  | 'tls-ok'
  | 'connected'
  | 'incomplete';

export interface AttemptOutcome {
  kind: OutcomeKind;
  /** The frames that show it, ascending. */
  frames: number[];
  /** For alerts: the alert; for proxy answers: the status. */
  alert?: TlsAlertEvent;
  status?: number | null;
  reason?: string | null;
  /** ClientHello retransmissions (for the unanswered pattern). */
  retransmissions?: number;
}

const ALERT_FATAL = 2;

/**
 * `tls` is the TLS state of the connection (inside the tunnel when it went through a proxy), `connects` the
 * CONNECT requests sent on it (empty for a direct connection).
 */
export function attemptOutcome(a: TcpAttempt, tls: TlsConnectionState | undefined, connects: ConnectAttempt[]): AttemptOutcome {
  const sorted = (xs: (number | null | undefined)[]) => [...new Set(xs.filter((x): x is number => typeof x === 'number' && x > 0))].sort((x, y) => x - y);
  const serverRst = a.rst.filter((r) => r.fromServer).map((r) => r.frame);
  const handshake = [...a.syn, ...a.synAck, a.handshakeAck];

  if (a.synAck.length === 0 && a.syn.length > 0) {
    if (serverRst.length > 0) return { kind: 'refused', frames: sorted([...a.syn, ...serverRst]) };
    if (a.firstServerData === null && a.firstClientData === null) return { kind: 'syn-unanswered', frames: sorted(a.syn) };
  }

  const denied = connects.filter((c) => c.outcome === 'denied' || c.outcome === 'auth-required');
  const established = connects.some((c) => c.outcome === 'established');
  if (denied.length > 0 && !established) {
    const last = denied[denied.length - 1]!;
    return {
      kind: 'proxy-denied',
      frames: sorted([...handshake, ...denied.flatMap((c) => [c.requestFrame, c.statusFrame])]),
      status: last.status,
      reason: last.reason,
    };
  }
  if (connects.length > 0 && !established && connects.every((c) => c.outcome === 'no-answer')) {
    return { kind: 'proxy-unanswered', frames: sorted([...handshake, ...connects.map((c) => c.requestFrame), ...a.clientRetransmissions]) };
  }

  const hello = tls?.clientHello ?? null;
  const helloFrames = tls?.clientHelloFrames.length ? tls.clientHelloFrames : hello ? [hello.frame] : [];
  if (tls && hello) {
    const fatal = (fromClient: boolean) => tls.alerts.find((x) => x.fromClient === fromClient && x.level === ALERT_FATAL && !x.encrypted);
    const clientAlert = fatal(true);
    if (clientAlert && tls.serverHello && !tls.handshakeComplete) {
      return {
        kind: 'certificate-rejected',
        frames: sorted([...helloFrames, tls.serverHello.frame, tls.certificate?.frame, clientAlert.frame]),
        alert: clientAlert,
      };
    }
    const serverAlert = fatal(false);
    if (serverAlert) return { kind: 'server-alert', frames: sorted([...helloFrames, tls.serverHello?.frame, serverAlert.frame]), alert: serverAlert };
    if (tls.serverHello || tls.handshakeComplete) return { kind: 'tls-ok', frames: sorted([...helloFrames, tls.serverHello?.frame]) };
  }

  // no answer to the client's first data (the ClientHello, by its frame or as the first data on the wire)
  const first = hello?.frame ?? (tls?.tunnel ? null : a.firstClientData);
  if (first !== null && first !== undefined && (tls?.tunnel || a.firstServerData === null || a.firstServerData < first) && !tls?.serverHello) {
    const rstAfter = serverRst.filter((f) => f > first);
    if (rstAfter.length > 0) return { kind: 'clienthello-reset', frames: sorted([...helloFrames, first, ...rstAfter]) };
    const serverSpokeAfter = !tls?.tunnel && a.firstServerData !== null && a.firstServerData > first;
    if (!serverSpokeAfter && a.clientRetransmissions.length > 0) {
      return {
        kind: 'clienthello-unanswered',
        frames: sorted([...handshake, first, ...a.clientRetransmissions]),
        retransmissions: a.clientRetransmissions.length,
      };
    }
  }
  if (a.synAck.length > 0 || a.firstServerData !== null) return { kind: established ? 'connected' : a.firstClientData === null ? 'connected' : 'incomplete', frames: sorted(handshake) };
  return { kind: 'incomplete', frames: sorted(handshake) };
}

/** The outcomes that are failures, mapped to the finding that names them. */
export const OUTCOME_FINDING = {
  'syn-unanswered': 'tcp.syn.unanswered',
  refused: 'tcp.connection.refused',
  'proxy-denied': 'proxy.connect.denied',
  'proxy-unanswered': 'proxy.connect.unanswered',
  'clienthello-unanswered': 'tls.clienthello.unanswered',
  'clienthello-reset': 'tls.clienthello.reset',
  'certificate-rejected': 'tls.certificate.rejected',
  'server-alert': 'tls.alert.server',
} as const;
