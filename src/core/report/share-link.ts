// Share a report by link (issue "Share a report by link"). The link carries the report itself, in the URL
// fragment, which browsers never send to a server:
//
//   <base URL>#r=1.<base64url(deflate-raw(JSON of the wire form))>
//
// `1` is SHARE_LINK_VERSION, the version of the wire form (share-link-schema.ts). What the link holds is
// the share profile of the report (share-link-profile.ts), redacted as asked (redact.ts); the encoder
// degrades a large report in a stated order (DEGRADATION) until the fragment fits its target length, and
// refuses past SHARE_LIMITS.fragmentChars rather than cut anything silently. Decoding is for untrusted
// input: it never throws and returns either a validated report or an error with a code and a sentence.
// Compression is the platform's, injected (DeflateRaw), as gunzip is for captures.

import * as v from 'valibot';
import { decodeUtf8, encodeUtf8 } from '../base/text.ts';
import { redactReport, type RedactOptions } from './redact.ts';
import { REPORT_VERSION, type Report, type ReportFinding } from './schema.ts';
import { fromBase64Url, toBase64Url, type DeflateRaw } from './share-link-bytes.ts';
import { DEGRADATION, shareProfile, type SharedReport } from './share-link-profile.ts';
import { findRecipe, type Recipe } from './share-link-remedy.ts';
import { SHARE_LIMITS, WireSchema, type Wire } from './share-link-schema.ts';
import { fromWire, toWire, WireError } from './share-link-wire.ts';

export const SHARE_LINK_VERSION = 1;
/** The fragment's parameter: `#r=<version>.<payload>`. */
export const SHARE_PARAM = 'r';
/** Degrade until the fragment is at most this long, unless told otherwise (links this long paste anywhere). */
export const DEFAULT_TARGET_CHARS = 8_000;
/** Forbidden strings shorter than this are not looked for (a one-letter secret would match any text). */
export const FORBIDDEN_MIN_CHARS = 4;

export type ShareErrorCode =
  /** The text holds no `#r=` fragment. */
  | 'not-a-link'
  /** Made by another version of the share format. */
  | 'version'
  /** Over SHARE_LIMITS.fragmentChars, or inflates past SHARE_LIMITS.inflatedBytes (a zip bomb). */
  | 'too-large'
  /** Not base64url, not DEFLATE, not JSON: damaged in copying, or not made by radscope. */
  | 'corrupt'
  /** Well-formed but not what the schema allows. */
  | 'invalid'
  /** Encoding: a string the caller forbade (a shared secret, a password) would be in the link. */
  | 'forbidden'
  /** Encoding: the link would not decode to the report it was made from (a bug). */
  | 'internal';

export interface ShareError {
  code: ShareErrorCode;
  message: string;
}

export type ShareDecodeResult = ({ ok: true } & SharedReport) | { ok: false; error: ShareError };

export interface ShareLinkOptions extends RedactOptions {
  /** The page the link opens: the fragment is appended (replacing any). Without it, `url` is null. */
  baseUrl?: string;
  /** Degrade (DEGRADATION) until the fragment is at most this long. Default DEFAULT_TARGET_CHARS. */
  targetChars?: number;
  /**
   * Strings that must never be in a link (the shared secrets and passwords the caller holds; those of at
   * least FORBIDDEN_MIN_CHARS characters are looked for): the encoder refuses rather than share one.
   */
  forbidden?: readonly string[];
}

export type ShareEncodeResult =
  | {
      ok: true;
      /** The fragment, without '#': `r=1.…`. */
      fragment: string;
      /** baseUrl + '#' + fragment, or null without a baseUrl. */
      url: string | null;
      /** Degradation steps applied (the first `level` of DEGRADATION). */
      level: number;
      /** Exactly what the link decodes to: preview it, and say what `omitted` lists. */
      shared: SharedReport;
    }
  | { ok: false; error: ShareError };

const err = (code: ShareErrorCode, message: string) => ({ ok: false as const, error: { code, message } });

/** The redacted share profile at a degradation level, without encoding: what a link at that level shows. */
export function previewShareLink(report: Report, opts: RedactOptions = {}, level = 0): SharedReport {
  return profileAt(redactReport(report, opts), opts, level).shared;
}

function profileAt(redacted: Report, opts: RedactOptions, level: number, cache: Map<string, string> = new Map()): { shared: SharedReport; recipes: Map<ReportFinding, Recipe> } {
  const redaction = { users: !!opts.users, addresses: !!opts.addresses, publicNames: !!opts.addresses && (opts.keepPublicNames ?? true) };
  const shared = shareProfile(redacted, level, (f) => findRecipe(f, redacted, cache) !== null, redaction);
  const recipes = new Map<ReportFinding, Recipe>();
  for (const f of shared.report.findings) {
    const r = findRecipe(f, shared.report, cache);
    if (r !== null) recipes.set(f, r);
  }
  return { shared, recipes };
}

/** Makes a link of a report: redacted, degraded as needed, checked to decode to `shared`. Never throws. */
export async function encodeShareLink(report: Report, deflate: DeflateRaw, opts: ShareLinkOptions = {}): Promise<ShareEncodeResult> {
  try {
    const target = Math.min(opts.targetChars ?? DEFAULT_TARGET_CHARS, SHARE_LIMITS.fragmentChars);
    const redacted = redactReport(report, opts);
    const cache = new Map<string, string>();
    const at = async (level: number) => {
      const { shared, recipes } = profileAt(redacted, opts, level, cache);
      const json = encodeUtf8(JSON.stringify(toWire(shared, recipes)));
      const fragment = `${SHARE_PARAM}=${SHARE_LINK_VERSION}.${toBase64Url(await deflate.deflate(json))}`;
      return { fragment, json, shared, level, fits: fragment.length <= target && json.length <= SHARE_LIMITS.inflatedBytes };
    };
    // the first level that fits; the last one is tried second, so a hopeless report is refused at once
    let chosen = await at(0);
    if (!chosen.fits) {
      const last = await at(DEGRADATION.length);
      chosen = last;
      if (last.fragment.length <= SHARE_LIMITS.fragmentChars && last.json.length <= SHARE_LIMITS.inflatedBytes) {
        for (let level = 1; level < DEGRADATION.length; level++) {
          const c = await at(level);
          if (c.fits) {
            chosen = c;
            break;
          }
        }
      }
    }
    const { fragment, json, shared, level } = chosen;
    if (fragment.length > SHARE_LIMITS.fragmentChars || json.length > SHARE_LIMITS.inflatedBytes) {
      return err(
        'too-large',
        `This report is too large for a link: even with ${DEGRADATION.join(', ')} left out it needs ${fragment.length.toLocaleString('en-US')} characters, and a link holds at most ${SHARE_LIMITS.fragmentChars.toLocaleString('en-US')}. Share the capture or the JSON report (radscope analyze --json) instead.`,
      );
    }
    const text = decodeUtf8(json) + JSON.stringify(shared.report);
    for (const s of opts.forbidden ?? []) {
      if (s.length >= FORBIDDEN_MIN_CHARS && (text.includes(s) || text.includes(JSON.stringify(s).slice(1, -1)))) {
        return err('forbidden', 'The link would contain a shared secret or password given to radscope; it was not made.');
      }
    }
    // the link must decode to exactly what the preview shows
    const back = await decodeShareLink(fragment, deflate);
    if (!back.ok) return err('internal', `The link does not decode (${back.error.message}); this is a bug in radscope.`);
    if (!sameJson(back.report, shared.report) || !sameJson(back.omitted, shared.omitted) || !sameJson(back.evidenceTotals, shared.evidenceTotals)) {
      return err('internal', 'The link does not decode to the report it was made from; this is a bug in radscope.');
    }
    const url = opts.baseUrl === undefined ? null : `${opts.baseUrl.replace(/#.*$/s, '')}#${fragment}`;
    return { ok: true, fragment, url, level, shared };
  } catch (e) {
    return err('internal', `The link could not be made (${e instanceof Error ? e.message : String(e)}).`);
  }
}

/** Whether a URL, '#fragment' or fragment carries a shared report (for routing; decodeShareLink validates). */
export function isShareLink(text: string): boolean {
  return fragmentParam(text) !== null;
}

function fragmentParam(text: string): string | null {
  if (typeof text !== 'string') return null;
  const hash = text.indexOf('#');
  const fragment = (hash >= 0 ? text.slice(hash + 1) : text).trim();
  for (let part of fragment.split('&')) {
    // a mail or chat program may have percent-encoded the '=' (base64url itself needs no encoding)
    if (part.includes('%')) part = part.replace(/%3D/gi, '=').replace(/%2E/gi, '.');
    if (part.startsWith(`${SHARE_PARAM}=`)) return part.slice(SHARE_PARAM.length + 1);
  }
  return null;
}

/** Reads a link (a URL, '#fragment' or the fragment): the validated report, or an error. Never throws. */
export async function decodeShareLink(link: string, deflate: DeflateRaw): Promise<ShareDecodeResult> {
  try {
    if (typeof link !== 'string') return err('not-a-link', 'This is not a radscope share link.');
    const hash = link.indexOf('#');
    if ((hash >= 0 ? link.length - hash - 1 : link.length) > SHARE_LIMITS.fragmentChars + 64) {
      return err('too-large', `This link is longer than a radscope link can be (${SHARE_LIMITS.fragmentChars.toLocaleString('en-US')} characters after '#'); it was not read.`);
    }
    const param = fragmentParam(link);
    if (param === null) return err('not-a-link', `This is not a radscope share link: it has no "#${SHARE_PARAM}=" part.`);
    if (param.length > SHARE_LIMITS.fragmentChars) {
      return err('too-large', `This link is longer than a radscope link can be (${SHARE_LIMITS.fragmentChars.toLocaleString('en-US')} characters after '#'); it was not read.`);
    }
    const m = /^(\d{1,6})\.(.*)$/s.exec(param);
    if (!m) return err('corrupt', 'This share link is damaged: it has no version. Copy the whole link again.');
    const version = Number(m[1]);
    if (version !== SHARE_LINK_VERSION) {
      return err(
        'version',
        version > SHARE_LINK_VERSION
          ? `This link was made by a newer radscope (share format ${version}); this page reads format ${SHARE_LINK_VERSION}. Open it with a newer radscope.`
          : `This link was made by an older radscope (share format ${version}) that this one no longer reads (it reads format ${SHARE_LINK_VERSION}).`,
      );
    }
    const bytes = fromBase64Url(m[2]!);
    if (bytes === null || bytes.length === 0) return err('corrupt', 'This share link is damaged (characters that do not belong in it, or cut short). Copy the whole link again.');
    let json: Uint8Array | null;
    try {
      json = await deflate.inflate(bytes, SHARE_LIMITS.inflatedBytes);
    } catch {
      return err('corrupt', 'This share link is damaged: its data does not decompress. Copy the whole link again.');
    }
    if (json === null || json.length > SHARE_LIMITS.inflatedBytes) {
      return err('too-large', `This link unpacks to more than ${SHARE_LIMITS.inflatedBytes / (1 << 20)} MiB, more than any radscope report; it was not read.`);
    }
    let data: unknown;
    try {
      data = JSON.parse(decodeUtf8(json));
    } catch {
      return err('corrupt', 'This share link is damaged: its data is not a report. Copy the whole link again.');
    }
    const parsed = v.safeParse(WireSchema, data);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const path = v.getDotPath(issue) ?? '(top)';
      return err('invalid', `This share link does not hold a report radscope can show: at ${path}, ${issue.message}.`);
    }
    const shared = fromWire(parsed.output as Wire, REPORT_VERSION);
    return { ok: true, ...shared };
  } catch (e) {
    if (e instanceof WireError) return err('invalid', `This share link does not hold a report radscope can show: ${e.message}.`);
    return err('corrupt', `This share link could not be read (${e instanceof Error ? e.message : String(e)}).`);
  }
}

/** Deep equality of JSON-safe values, key order ignored, undefined properties as absent. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => sameJson(x, (b as unknown[])[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
