// The wire form of a shared report (share format 1) and its schema. A link is untrusted input: the
// decoder accepts only what this schema accepts (valibot), every string and list bounded, every index
// checked against its table; unknown keys are dropped. Compact on purpose (a 2,000-character budget for
// the field report's capture): one-letter keys, enumerations as small numbers, addresses in one table,
// frame numbers and times (integer microseconds) as differences from the one before, and event labels and
// intervals left out where the decoder derives the same ones (share-link-wire.ts).
//
// Added in share format 1: everything here. A change old decoders would misread needs SHARE_LINK_VERSION
// bumped; an added optional key does not (old decoders drop it).

import * as v from 'valibot';
import { CATALOGUE, type FindingId } from '../analysis/diagnosis/catalogue.ts';
import type { ReportEvent, ReportHost, ReportTransaction } from './schema.ts';

/** Limits of a link and of what it may hold. */
export const SHARE_LIMITS = {
  /** The fragment (what follows '#'), encoder and decoder alike. */
  fragmentChars: 32_000,
  /** The decompressed JSON: a zip bomb stops here. */
  inflatedBytes: 1 << 20,
  /** Entries of any one list. */
  items: 20_000,
  /** Sentences: summaries, explanations, problem messages. */
  text: 4_000,
  /** Labels, titles, remedy lines and commands, reasons, outcomes. */
  line: 1_000,
  /** Host, user and capture names. */
  name: 255,
  /** Addresses and endpoints. */
  address: 100,
  /** Short codes: RADIUS code names, DNS types, attempt outcomes, problem ids, the generator. */
  code: 64,
} as const;

export const EVENT_KINDS: readonly ReportEvent['kind'][] = [
  'dns-query',
  'dns-response',
  'syn',
  'syn-ack',
  'ack',
  'connect',
  'connect-response',
  'client-hello',
  'retransmission',
  'server-hello',
  'certificate',
  'alert',
  'rst',
  'fin',
  'data',
];
export const ROLES: readonly ReportHost['roles'][number][] = ['nas', 'radius-server', 'entra-endpoint', 'https-endpoint', 'proxy', 'dns-server'];
export const STATUSES: readonly ReportTransaction['status'][] = ['answered', 'unanswered', 'late', 'rejected', 'challenged'];
export const ATTEMPT_CONFIDENCE = ['high', 'medium', 'low'] as const;
export const FINDING_CONFIDENCE = ['certain', 'likely', 'suspected'] as const;
export const SEVERITIES = ['info', 'warning', 'error'] as const;
export const GROUPS = ['radius', 'tls', 'tcp', 'dns', 'proxy', 'capture'] as const;

/** C0 and C1 controls and the bidirectional overrides (which could disguise a host name): never in a link. */
export const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

const str = (max: number) => v.pipe(v.string(), v.maxLength(max), v.check((s) => !UNSAFE_CHARS.test(s), 'holds a control character'));
const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const list = <T extends v.GenericSchema>(item: T, max: number = SHARE_LIMITS.items) => v.pipe(v.array(item), v.maxLength(max));

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const Count = int(0, MAX_SAFE);
/** Microseconds, or a difference of them. */
const Micros = int(-MAX_SAFE, MAX_SAFE);
/** A frame number difference (frames are 1-based and below 2^53). */
const FrameDelta = int(-MAX_SAFE, MAX_SAFE);
const Port = int(0, 65_535);
const Index = int(0, SHARE_LIMITS.items - 1);
const Flag = v.literal(1);

const FindingIdSchema = v.picklist([...CATALOGUE.keys()] as [FindingId, ...FindingId[]]);
const Severity = v.picklist(SEVERITIES);

/** An event: [frame delta, time delta (µs), kind * 2 + bad, label (0: derived), interval (µs; null: none)]. */
const EventCode = int(0, EVENT_KINDS.length * 2 - 1);
const EventLabel = v.union([v.literal(0), str(SHARE_LIMITS.line)]);
const Event = v.union([
  v.strictTuple([FrameDelta, Micros, EventCode]),
  v.strictTuple([FrameDelta, Micros, EventCode, EventLabel]),
  v.strictTuple([FrameDelta, Micros, EventCode, EventLabel, v.nullable(Micros)]),
]);
const Events = list(Event);
/** Evidence frames, each a difference from the one before. */
const Frames = list(FrameDelta);
/** An endpoint: [address index, port] when it is "address:port" as the report writes it, else the text. */
const Endpoint = v.union([v.tuple([Index, Port]), str(SHARE_LIMITS.address)]);

const Context = { s: str(SHARE_LIMITS.address), t: str(SHARE_LIMITS.name), ta: str(SHARE_LIMITS.address), p: Port, cl: int(-1, 2) };
const Recipe = v.variant('r', [
  v.object({ r: v.literal('allow'), x: v.picklist([0, 1]), ...Context }),
  v.object({ r: v.literal('proxy'), px: str(SHARE_LIMITS.address), a: v.picklist([0, 1]), ...Context }),
  v.object({ r: v.literal('trust'), is: v.optional(str(SHARE_LIMITS.line)), ...Context }),
  v.object({ r: v.literal('alert'), t: str(SHARE_LIMITS.name) }),
  v.object({ r: v.literal('dns'), s: str(SHARE_LIMITS.address), n: str(SHARE_LIMITS.name), d: list(str(SHARE_LIMITS.address), 64) }),
  v.object({ r: v.literal('discard'), s: str(SHARE_LIMITS.address) }),
  v.object({ r: v.literal('blind'), s: str(SHARE_LIMITS.address) }),
  v.object({ r: v.literal('reject') }),
  v.object({ r: v.literal('timeout'), n: str(SHARE_LIMITS.address), tk: v.optional(Micros) }),
  v.object({ r: v.literal('secret'), n: str(SHARE_LIMITS.address) }),
]);
/** A remedy no recipe reproduces: summary and steps [title, detail, commands]. */
const RemedyText = v.object({
  s: str(SHARE_LIMITS.line),
  st: list(
    v.union([
      v.strictTuple([str(SHARE_LIMITS.line)]),
      v.strictTuple([str(SHARE_LIMITS.line), str(SHARE_LIMITS.line)]),
      v.strictTuple([str(SHARE_LIMITS.line), v.nullable(str(SHARE_LIMITS.line)), list(str(SHARE_LIMITS.line), 64)]),
    ]),
    32,
  ),
});

/** A verdict: the finding it repeats (f), with what differs from it; n: the evidence count when shortened. */
const Verdict = v.pipe(
  v.object({
    f: v.optional(Index),
    id: v.optional(FindingIdSchema),
    se: v.optional(Severity),
    su: v.optional(str(SHARE_LIMITS.text)),
    fr: v.optional(Frames),
    n: v.optional(Count),
  }),
  v.check((x) => x.f !== undefined || (x.id !== undefined && x.se !== undefined && x.su !== undefined && x.fr !== undefined), 'a verdict names its finding or says it all'),
);

const Capture = v.object({
  n: v.optional(str(SHARE_LIMITS.name)),
  f: v.picklist([0, 1]),
  fr: Count,
  s: v.optional(v.pipe(v.string(), v.regex(/^-?\d{1,16}\.\d{9}$/))),
  si: v.optional(str(SHARE_LIMITS.code)),
  d: v.optional(Micros),
  lt: list(int(0, 0xffff_ffff), 64),
  b: Count,
  p: v.optional(
    list(
      v.union([
        v.strictTuple([str(SHARE_LIMITS.code), str(SHARE_LIMITS.code), str(SHARE_LIMITS.text)]),
        v.strictTuple([str(SHARE_LIMITS.code), str(SHARE_LIMITS.code), str(SHARE_LIMITS.text), Count]),
      ]),
      50,
    ),
  ),
});

const Transaction = v.object({
  n: Index,
  np: Port,
  s: Index,
  sp: Port,
  i: int(0, 255),
  c: int(0, 255),
  cn: str(SHARE_LIMITS.code),
  u: v.optional(str(SHARE_LIMITS.name)),
  r: Events,
  a: v.optional(v.tuple([Count, Micros, int(0, 255), str(SHARE_LIMITS.code), Micros])),
  st: int(0, STATUSES.length - 1),
  w: v.tuple([Micros, Micros, v.nullable(Micros)]),
  at: list(Index),
  lk: list(Index),
  v: v.optional(Verdict),
});

const Attempt = v.object({
  k: v.picklist([0, 1]),
  st: int(-1, MAX_SAFE),
  c: Endpoint,
  sv: Index,
  p: Port,
  tg: v.optional(str(SHARE_LIMITS.name)),
  e: v.optional(Flag),
  tx: v.optional(Index),
  cf: int(0, 2),
  rs: v.optional(list(str(SHARE_LIMITS.line), 32)),
  o: str(SHARE_LIMITS.code),
  fi: v.optional(FindingIdSchema),
  ev: Events,
});

const Lookup = v.object({
  n: str(SHARE_LIMITS.name),
  ty: str(SHARE_LIMITS.code),
  c: Endpoint,
  s: Endpoint,
  tx: v.optional(Index),
  o: str(SHARE_LIMITS.line),
  ev: Events,
});

const Finding = v.object({
  id: FindingIdSchema,
  g: v.optional(v.picklist(GROUPS)),
  se: v.optional(Severity),
  ti: v.optional(str(SHARE_LIMITS.line)),
  su: str(SHARE_LIMITS.text),
  ex: v.optional(str(SHARE_LIMITS.text)),
  rm: v.optional(v.union([Recipe, RemedyText])),
  fr: Frames,
  n: v.optional(Count),
  tx: list(Index),
  at: list(Index),
  cf: int(0, 2),
});

/** What the sender's encoder left out (counts), by step: see share-link-profile.ts. */
const Omitted = v.object({
  u: v.optional(v.tuple([Count, Count, Count])),
  e: v.optional(v.tuple([Count, Count])),
  pl: v.optional(v.tuple([Count, Count, Count])),
  pt: v.optional(v.tuple([Count])),
  tx: v.optional(v.tuple([Count, Count, Count, Count])),
  cs: v.optional(v.tuple([Count])),
});

const Redaction = v.object({ u: v.optional(Flag), a: v.optional(Flag), p: v.optional(Flag) });

const WireObject = v.object({
  g: str(SHARE_LIMITS.code),
  c: Capture,
  A: list(str(SHARE_LIMITS.address)),
  h: list(v.tuple([Index, list(str(SHARE_LIMITS.name), 64), list(int(0, ROLES.length - 1), ROLES.length)])),
  t: list(Transaction),
  a: list(Attempt),
  l: list(Lookup),
  f: list(Finding),
  v: v.optional(Verdict),
  o: v.optional(Omitted),
  x: v.optional(Redaction),
});

export const WireSchema = v.pipe(WireObject, v.check(indexesInRange, 'an index points outside its table'));

export type Wire = v.InferOutput<typeof WireObject>;
export type WireEvent = v.InferOutput<typeof Event>;
export type WireEndpoint = v.InferOutput<typeof Endpoint>;
export type WireVerdict = v.InferOutput<typeof Verdict>;
export type WireRemedyText = v.InferOutput<typeof RemedyText>;
export type WireOmitted = v.InferOutput<typeof Omitted>;
export type WireCapture = v.InferOutput<typeof Capture>;

function indexesInRange(w: Wire): boolean {
  const addr = (i: number) => i < w.A.length;
  const ep = (e: unknown) => !Array.isArray(e) || addr(e[0] as number);
  const tx = (i: number | undefined) => i === undefined || i < w.t.length;
  const at = (i: number) => i < w.a.length;
  const lk = (i: number) => i < w.l.length;
  const fi = (i: number | undefined) => i === undefined || i < w.f.length;
  return (
    w.h.every((h) => addr(h[0])) &&
    w.t.every((t) => addr(t.n) && addr(t.s) && t.at.every(at) && t.lk.every(lk) && fi(t.v?.f)) &&
    w.a.every((a) => ep(a.c) && addr(a.sv) && tx(a.tx)) &&
    w.l.every((l) => ep(l.c) && ep(l.s) && tx(l.tx)) &&
    w.f.every((f) => f.tx.every((i) => tx(i)) && f.at.every(at)) &&
    fi(w.v?.f)
  );
}
