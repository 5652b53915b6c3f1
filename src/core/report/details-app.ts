// Which application decoder gets a UDP or TCP payload in the details: what the pass recognised (context.app,
// e.g. RADIUS on a port of its own), else the well-known ports (RADIUS, DNS/mDNS/LLMNR) and for TCP the
// payload's start (a TLS record header, an HTTP request or status line). Anything else is data.

import { DEFAULT_RADIUS_PORTS } from '../analysis/radius/radius-types.ts';
import { dnsFlavourOf } from '../dissect/dns-codes.ts';
import { classifyHttpStart } from '../dissect/http-head.ts';
import { isRadius } from '../dissect/radius.ts';
import { looksLikeTlsRecord, TLS_RECORD_HEADER } from '../dissect/tls-record.ts';
import { decodeDnsDetails, decodeDnsTcpDetails } from './details-dns.ts';
import { decodeHttpDetails } from './details-http.ts';
import { dataNode, type DetailNode, type DetailState } from './details-node.ts';
import { decodeRadiusDetails } from './details-radius.ts';
import { decodeTlsDetails } from './details-tls.ts';

const RADIUS_PORTS = new Set(DEFAULT_RADIUS_PORTS);

/** `b[off, end)` is the captured payload; `wireLen` its length as sent. */
export function decodeAppDetails(st: DetailState, out: DetailNode[], tcp: boolean, src: number, dst: number, off: number, end: number, wireLen: number): void {
  const b = st.b;
  const app = st.ctx.app;
  const len = end - off;
  if (!tcp && (app === 'radius' || (app === undefined && (RADIUS_PORTS.has(src) || RADIUS_PORTS.has(dst)))) && isRadius(b, off, len)) {
    return decodeRadiusDetails(st, out, off, end, wireLen);
  }
  const dns = app === 'dns' ? 'dns' : app === undefined ? dnsFlavourOf(src, dst, tcp) : null;
  if (dns !== null) return tcp ? decodeDnsTcpDetails(st, out, off, end, dns) : decodeDnsDetails(st, out, off, end, dns, false);
  if (tcp) {
    if (app === 'tls' || (app === undefined && len >= TLS_RECORD_HEADER && looksLikeTlsRecord(b, off))) return decodeTlsDetails(st, out, off, end);
    const kind = classifyHttpStart(b, off, end);
    if ((app === 'http' || app === undefined) && (kind === 'request' || kind === 'response')) return decodeHttpDetails(st, out, off, end, kind === 'response');
  }
  st.protocols.push('data');
  out.push(dataNode(b, off, len));
}
