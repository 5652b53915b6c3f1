// The Certificate handshake message of TLS 1.2 and earlier (RFC 5246 section 7.4.2: certificate_list<0..2^24-1>
// of ASN.1Cert<1..2^24-1>) and of TLS 1.3 (RFC 8446 section 4.4.2: a request context and, per entry,
// extensions; only visible in plaintext when decrypted, so rare here). Reads the subject and issuer of each
// certificate, first (the server's own) first, up to MAX_CHAIN; stops quietly where the message was cut.

import { u16, u24 } from '../base/bytes.ts';
import type { TlsDecodeProblem } from './tls-hello.ts';
import { decodeX509Names, type X509Names } from './x509-name.ts';

const MAX_CHAIN = 8;

export interface TlsCertificateChain {
  /** Certificates whose names could be read, in the order sent (the end-entity certificate first). */
  chain: X509Names[];
  /** Certificates listed (including those cut off or unreadable). */
  count: number;
}

/**
 * `b[start..end)` is the message body, or the first part of it when `complete` is false (a large chain kept
 * only in part): then a certificate running past `end` is simply not read.
 */
export function decodeCertificateMessage(b: Uint8Array, start: number, end: number, tls13: boolean, complete: boolean, problems: TlsDecodeProblem[]): TlsCertificateChain {
  const out: TlsCertificateChain = { chain: [], count: 0 };
  let p = start;
  if (tls13) {
    if (end - p < 1) return out;
    p += 1 + b[p]!; // certificate_request_context<0..2^8-1>
  }
  if (end - p < 3) return out;
  const listLen = u24(b, p);
  p += 3;
  const listEnd = p + listLen;
  if (complete && listEnd > end) problems.push({ kind: 'malformed', offset: p - 3 - start, message: `certificate list length ${listLen} runs past the message` });
  const stop = Math.min(listEnd, end);
  while (stop - p >= 3) {
    const len = u24(b, p);
    p += 3;
    out.count++;
    if (p + len > stop) {
      if (complete) problems.push({ kind: 'malformed', offset: p - 3 - start, message: `certificate length ${len} runs past the list` });
      break;
    }
    if (out.chain.length < MAX_CHAIN) {
      const names = decodeX509Names(b, p, p + len);
      if (names !== null) out.chain.push(names);
      else problems.push({ kind: 'malformed', offset: p - start, message: 'certificate is not DER the parser can read (subject and issuer unknown)' });
    }
    p += len;
    if (tls13) {
      if (stop - p < 2) break;
      p += 2 + u16(b, p); // extensions<0..2^16-1>
    }
  }
  return out;
}
