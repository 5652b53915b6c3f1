// Remedies in a share link are re-derived, not carried: a remedy is one of the functions of
// analysis/diagnosis/remedies.ts applied to a few parameters (the server, the endpoint, the cloud, the
// NAS...). The encoder guesses the parameters from the report and keeps a recipe only when the remedy it
// derives is exactly the report's (so a change of wording there can only make links longer, never wrong);
// the decoder applies the recipe. A remedy no recipe reproduces travels as text.

import { entraEndpoint, type EntraCloud } from '../analysis/diagnosis/entra.ts';
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
} from '../analysis/diagnosis/remedies.ts';
import { endpointText } from '../base/address.ts';
import type { Report, ReportFinding } from './schema.ts';

export const CLOUDS: readonly EntraCloud[] = ['public', 'usgov', 'china'];

/** An endpoint context: server, target, target address, port, cloud (index in CLOUDS, -1 none). */
export interface RecipeContext {
  s: string;
  t: string;
  ta: string;
  p: number;
  cl: number;
}

export type Recipe =
  | ({ r: 'allow'; x: 0 | 1 } & RecipeContext)
  | ({ r: 'proxy'; px: string; a: 0 | 1 } & RecipeContext)
  | ({ r: 'trust'; is?: string } & RecipeContext)
  | { r: 'alert'; t: string }
  | { r: 'dns'; s: string; n: string; d: string[] }
  | { r: 'discard'; s: string }
  | { r: 'blind'; s: string }
  | { r: 'reject' }
  | { r: 'timeout'; n: string; tk?: number }
  | { r: 'secret'; n: string };

const EXEMPT = ' (and exempt them from TLS inspection)';

function ctxOf(c: RecipeContext, proxy: string | null = null): RemedyContext {
  return { server: c.s, target: c.t, targetAddress: c.ta, port: c.p, cloud: CLOUDS[c.cl] ?? null, proxy };
}

/** The remedy a recipe stands for. */
export function deriveRemedy(x: Recipe): Remedy {
  switch (x.r) {
    case 'allow':
      return allowEndpoints(ctxOf(x), x.x ? EXEMPT : '');
    case 'proxy':
      return fixProxy(ctxOf(x, x.px), x.a ? 407 : null);
    case 'trust':
      return trustOrExempt(ctxOf(x), x.is ?? null);
    case 'alert':
      return serverAlert({ server: '', target: x.t, targetAddress: '', port: 0, cloud: null });
    case 'dns':
      return fixDns(x.s, x.n, x.d);
    case 'discard':
      return checkDiscard(x.s);
    case 'blind':
      return captureWider(x.s);
    case 'reject':
      return checkReject();
    case 'timeout':
      return raiseTimeout(x.n, x.tk === undefined ? null : x.tk / 1e6);
    case 'secret':
      return fixSecret(x.n);
  }
}

function addressOf(endpoint: string): string {
  if (endpoint.startsWith('[')) return endpoint.slice(1, endpoint.indexOf(']'));
  const i = endpoint.lastIndexOf(':');
  return i > 0 && endpoint.indexOf(':') === i ? endpoint.slice(0, i) : endpoint;
}

/** Recipes worth trying for a finding, from what the report says about its attempts and requests. */
function candidates(f: ReportFinding, report: Report): Recipe[] {
  const out: Recipe[] = [];
  const a = f.attempts.length > 0 ? report.attempts[f.attempts[0]!] : undefined;
  const tx = report.transactions[f.transactions[0] ?? -1];
  if (a) {
    const proxy = a.kind === 'proxy';
    const connect = a.events.find((e) => e.kind === 'connect')?.label.replace(/^CONNECT /, '');
    const connectPort = connect ? Number(/:(\d+)$/.exec(connect)?.[1] ?? 443) : 443;
    const target = a.target ?? a.server;
    const cloud = a.entra ? entraEndpoint(a.target)?.cloud : undefined;
    const c: RecipeContext = { s: addressOf(a.client), t: target, ta: proxy ? target : a.server, p: proxy ? connectPort : a.serverPort, cl: cloud ? CLOUDS.indexOf(cloud) : -1 };
    const px = endpointText(a.server, a.serverPort);
    const issuer = /\(issued by "(.*)"\)/.exec(f.summary)?.[1];
    out.push({ r: 'allow', x: 1, ...c }, { r: 'allow', x: 0, ...c });
    out.push({ r: 'proxy', px, a: 1, ...c }, { r: 'proxy', px, a: 0, ...c });
    out.push(issuer !== undefined ? { r: 'trust', is: issuer, ...c } : { r: 'trust', ...c });
    out.push({ r: 'alert', t: c.t });
  }
  const dnsName = /could not resolve (.+?): /.exec(f.summary)?.[1];
  if (dnsName !== undefined) {
    const frames = new Set(f.frames);
    const servers = [...new Set(report.lookups.filter((l) => l.events.some((e) => frames.has(e.frame))).map((l) => addressOf(l.server)))];
    const server = /^(.+?) could not resolve /.exec(f.summary)?.[1] ?? tx?.server ?? '?';
    out.push({ r: 'dns', s: server, n: dnsName, d: servers });
  }
  if (tx) {
    out.push({ r: 'discard', s: tx.server }, { r: 'blind', s: tx.server }, { r: 'secret', n: tx.nas });
    out.push(tx.answer ? { r: 'timeout', n: tx.nas, tk: Math.round(tx.answer.after * 1e6) } : { r: 'timeout', n: tx.nas });
  }
  out.push({ r: 'reject' });
  return out;
}

/**
 * The recipe that gives exactly this finding's remedy, or null (then the remedy travels as text). `cache`
 * (recipe JSON to remedy JSON) spares re-deriving the same remedy for the many findings of a large report.
 */
export function findRecipe(f: ReportFinding, report: Report, cache: Map<string, string> = new Map()): Recipe | null {
  if (f.remedy === null) return null;
  const want = JSON.stringify(f.remedy);
  for (const c of candidates(f, report)) {
    const key = JSON.stringify(c);
    let got = cache.get(key);
    if (got === undefined) cache.set(key, (got = JSON.stringify(deriveRemedy(c))));
    if (got === want) return c;
  }
  return null;
}
