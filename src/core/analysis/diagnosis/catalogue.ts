// The one catalogue of findings (ARCHITECTURE.md "Conventions"): stable dotted ids, never renamed (only
// deprecated), usable in the display filter. Each entry is the generic title; a Finding made from it adds
// the specific sentence, the explanation, the remedy and the evidence frames.

export type FindingSeverity = 'info' | 'warning' | 'error';
export type FindingGroup = 'radius' | 'tls' | 'tcp' | 'dns' | 'proxy' | 'capture';

export interface CatalogueEntry {
  id: string;
  group: FindingGroup;
  severity: FindingSeverity;
  title: string;
}

const entries = [
  { id: 'radius.request.unanswered', group: 'radius', severity: 'error', title: 'RADIUS request never answered' },
  { id: 'tls.clienthello.unanswered', group: 'tls', severity: 'error', title: 'TLS ClientHello retransmitted, never answered' },
  { id: 'tls.clienthello.reset', group: 'tls', severity: 'error', title: 'TLS ClientHello answered by a reset' },
  { id: 'tcp.syn.unanswered', group: 'tcp', severity: 'error', title: 'TCP connection attempt never answered' },
  { id: 'tcp.connection.refused', group: 'tcp', severity: 'error', title: 'TCP connection refused' },
  { id: 'dns.lookup.failed', group: 'dns', severity: 'error', title: 'DNS lookup of a needed name failed' },
  { id: 'proxy.connect.denied', group: 'proxy', severity: 'error', title: 'Proxy refused the CONNECT request' },
  { id: 'proxy.connect.unanswered', group: 'proxy', severity: 'error', title: 'Proxy never answered the CONNECT request' },
  { id: 'tls.certificate.rejected', group: 'tls', severity: 'error', title: "Server's certificate rejected by the client" },
  { id: 'tls.alert.server', group: 'tls', severity: 'error', title: 'Server sent a fatal TLS alert' },
  { id: 'radius.access_reject', group: 'radius', severity: 'warning', title: 'Access-Reject' },
  { id: 'radius.secret.mismatch', group: 'radius', severity: 'error', title: 'RADIUS shared secret mismatch' },
  { id: 'radius.response.late', group: 'radius', severity: 'warning', title: 'RADIUS answer came after the NAS gave up' },
  { id: 'proxy.tunnel', group: 'proxy', severity: 'info', title: 'Endpoint reached through a proxy' },
  { id: 'capture.blind', group: 'capture', severity: 'warning', title: "The capture cannot show the RADIUS server's outbound traffic" },
  { id: 'capture.truncated', group: 'capture', severity: 'warning', title: 'The capture file is damaged or cut short' },
] as const satisfies readonly CatalogueEntry[];

export type FindingId = (typeof entries)[number]['id'];

export const CATALOGUE: ReadonlyMap<FindingId, CatalogueEntry> = new Map(entries.map((e) => [e.id, e]));

export function catalogueEntry(id: FindingId): CatalogueEntry {
  return CATALOGUE.get(id)!;
}

const SEVERITY_RANK: Record<FindingSeverity, number> = { info: 0, warning: 1, error: 2 };

export function severityRank(s: FindingSeverity): number {
  return SEVERITY_RANK[s];
}
