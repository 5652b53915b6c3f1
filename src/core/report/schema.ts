// The report: everything the UI, the share link and the CLI show, as a plain, versioned, JSON-safe object.
// Times are seconds from the capture's first frame (numbers), with the absolute start as an epoch string.
// Each field notes the version that added it; bump REPORT_VERSION only for changes old readers would
// misread (ARCHITECTURE.md "Report schema").

import type { FindingGroup, FindingId, FindingSeverity } from '../analysis/diagnosis/catalogue.ts';
import type { Remedy } from '../analysis/diagnosis/remedies.ts';

export const REPORT_VERSION = 1;

export interface ReportEvent {
  frame: number;
  /** Seconds from the capture start. */
  t: number;
  /** What it is, as the timeline labels it: SYN, SYN/ACK, ACK, ClientHello, Retransmission #3, RST, ... */
  label: string;
  kind: 'dns-query' | 'dns-response' | 'syn' | 'syn-ack' | 'ack' | 'connect' | 'connect-response' | 'client-hello' | 'retransmission' | 'server-hello' | 'certificate' | 'alert' | 'rst' | 'fin' | 'data';
  /** Drawn in Wireshark's Bad TCP colours (tcp.analysis flags other than window update / keep-alive). */
  bad: boolean;
  /** Seconds since the previous event of the same kind in the lane (retransmission intervals). */
  interval?: number;
}

export interface ReportAttempt {
  id: number;
  /** 'tcp' direct connection, 'proxy' a connection to a proxy carrying CONNECT. */
  kind: 'tcp' | 'proxy';
  stream: number;
  client: string;
  server: string;
  serverPort: number;
  /** Host name it was for (SNI, CONNECT target or DNS), and whether it is an Entra endpoint. */
  target: string | null;
  entra: boolean;
  transaction: number | null;
  confidence: 'high' | 'medium' | 'low';
  reasons: string[];
  /** How it ended (outcome kind) and the finding it led to, if any. */
  outcome: string;
  finding: FindingId | null;
  events: ReportEvent[];
}

export interface ReportLookup {
  name: string;
  type: string;
  client: string;
  server: string;
  transaction: number | null;
  outcome: string;
  events: ReportEvent[];
}

export interface ReportTransaction {
  index: number;
  nas: string;
  nasPort: number;
  server: string;
  serverPort: number;
  id: number;
  code: number;
  codeName: string;
  user: string | null;
  requests: ReportEvent[];
  answer: { frame: number; t: number; code: number; codeName: string; after: number } | null;
  status: 'answered' | 'unanswered' | 'late' | 'rejected' | 'challenged';
  /** Seconds from the capture start: the request, and when the window of caused activity closes. */
  window: { start: number; end: number; gaveUp: number | null };
  /** Ids of report.attempts (equal to their positions) and positions in report.lookups caused by this request. */
  attempts: number[];
  lookups: number[];
  verdict: ReportVerdict | null;
}

export interface ReportFinding {
  id: FindingId;
  group: FindingGroup;
  severity: FindingSeverity;
  title: string;
  summary: string;
  explanation: string;
  remedy: Remedy | null;
  frames: number[];
  transactions: number[];
  attempts: number[];
  confidence: 'certain' | 'likely' | 'suspected';
}

export interface ReportVerdict {
  id: FindingId;
  severity: FindingSeverity;
  summary: string;
  frames: number[];
}

export interface ReportHost {
  address: string;
  names: string[];
  roles: ('nas' | 'radius-server' | 'entra-endpoint' | 'https-endpoint' | 'proxy' | 'dns-server')[];
}

export interface Report {
  /** Added in 1. */
  version: number;
  generator: string;
  capture: {
    name: string | null;
    format: 'pcap' | 'pcapng';
    frames: number;
    /** Epoch seconds of the first frame (9 decimals) and ISO 8601 UTC; null without time stamps. */
    start: string | null;
    startIso: string | null;
    duration: number | null;
    linkTypes: number[];
    bytes: number;
    problems: { id: string; severity: string; message: string; frame?: number }[];
  };
  hosts: ReportHost[];
  transactions: ReportTransaction[];
  attempts: ReportAttempt[];
  lookups: ReportLookup[];
  findings: ReportFinding[];
  verdict: ReportVerdict | null;
}
