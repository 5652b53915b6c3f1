// A seeded mutator over captures, for the fuzz tests (issue 8, "Property and fuzz tests"). Pure and
// deterministic: the same input and seed always give the same bytes and the same description. It knows the
// record layout of pcap and pcapng well enough to damage the fields a reader or dissector trusts (record and
// block lengths, IPv4 total length and IHL, UDP length, TCP data offset, RADIUS length), and besides that
// flips bits, cuts, duplicates and reorders records, and writes random bytes.
//
// It also walks a capture's records independently of the core (`walkRecords`), so a test can tell how many
// frames lie wholly before the first damaged byte and must still be reported.

/** mulberry32: a small seeded generator. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CaptureRecord {
  /** Offset of the record (pcap record header, pcapng block). */
  start: number;
  /** Offset just past it. */
  end: number;
  /** A record the core reports as a frame (pcap record; pcapng EPB, SPB, obsolete PB). */
  packet: boolean;
  /** Offset of the packet bytes, and their captured length; -1 when not a packet. */
  dataAt: number;
  capLen: number;
  linkType: number;
  littleEndian: boolean;
  /** Where the record's length fields are (bytes, width), for the length mutations. */
  lengthFields: Array<{ at: number; width: 2 | 4 }>;
}

export interface CaptureLayout {
  format: 'pcap' | 'pcapng' | 'other';
  /** Offset just past the file header (pcap global header); 0 for pcapng (the SHB is a record). */
  headerEnd: number;
  records: CaptureRecord[];
}

function u32(b: Uint8Array, at: number, le: boolean): number {
  return le ? (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0 : ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

function u16(b: Uint8Array, at: number, le: boolean): number {
  return le ? b[at]! | (b[at + 1]! << 8) : (b[at]! << 8) | b[at + 1]!;
}

/**
 * The records of a capture, walked from its headers alone, stopping at the first record that does not fit
 * (a cut or a bad length). Meant for the undamaged originals.
 */
export function walkRecords(b: Uint8Array): CaptureLayout {
  if (b.length >= 24) {
    const be = u32(b, 0, false);
    const le = u32(b, 0, true);
    const magics = [0xa1b2c3d4, 0xa1b23c4d, 0xa1b2cd34];
    if (magics.includes(be) || magics.includes(le)) {
      const little = !magics.includes(be);
      const magic = little ? le : be;
      const hdr = magic === 0xa1b2cd34 ? 24 : 16;
      const linkType = u32(b, 20, little) & 0x0fffffff;
      const records: CaptureRecord[] = [];
      let o = 24;
      while (o + hdr <= b.length) {
        const incl = u32(b, o + 8, little);
        if (o + hdr + incl > b.length) break;
        records.push({ start: o, end: o + hdr + incl, packet: true, dataAt: o + hdr, capLen: incl, linkType, littleEndian: little, lengthFields: [{ at: o + 8, width: 4 }, { at: o + 12, width: 4 }] });
        o += hdr + incl;
      }
      return { format: 'pcap', headerEnd: 24, records };
    }
  }
  if (b.length >= 12 && u32(b, 0, false) === 0x0a0d0d0a) {
    const records: CaptureRecord[] = [];
    let little = true;
    let links: number[] = [];
    let o = 0;
    while (o + 12 <= b.length) {
      const type0 = u32(b, o, false);
      if (type0 === 0x0a0d0d0a) {
        const bom = u32(b, o + 8, false);
        if (bom === 0x1a2b3c4d) little = false;
        else if (bom === 0x4d3c2b1a) little = true;
        else break;
        links = [];
      }
      const type = u32(b, o, little);
      const len = u32(b, o + 4, little);
      if (len < 12 || len % 4 !== 0 || o + len > b.length || u32(b, o + len - 4, little) !== len) break;
      const rec: CaptureRecord = { start: o, end: o + len, packet: false, dataAt: -1, capLen: 0, linkType: -1, littleEndian: little, lengthFields: [{ at: o + 4, width: 4 }, { at: o + len - 4, width: 4 }] };
      if (type === 1 && len >= 20) links.push(u16(b, o + 8, little));
      else if (type === 6 && len >= 32) {
        rec.packet = true;
        rec.dataAt = o + 28;
        rec.capLen = u32(b, o + 20, little);
        rec.linkType = links[u32(b, o + 8, little)] ?? -1;
        rec.lengthFields.push({ at: o + 20, width: 4 }, { at: o + 24, width: 4 });
      } else if (type === 3 && len >= 16) {
        rec.packet = true;
        rec.dataAt = o + 12;
        rec.capLen = Math.min(u32(b, o + 8, little), len - 16);
        rec.linkType = links[0] ?? -1;
        rec.lengthFields.push({ at: o + 8, width: 4 });
      } else if (type === 2 && len >= 32) {
        rec.packet = true;
        rec.dataAt = o + 28;
        rec.capLen = u32(b, o + 20, little);
        rec.linkType = links[u16(b, o + 8, little)] ?? -1;
        rec.lengthFields.push({ at: o + 20, width: 4 }, { at: o + 24, width: 4 });
      }
      records.push(rec);
      o += len;
    }
    return { format: 'pcapng', headerEnd: 0, records };
  }
  return { format: 'other', headerEnd: 0, records: [] };
}

/** Packet records that end at or before `offset` (all records before it being whole). */
export function packetsBefore(layout: CaptureLayout, offset: number): number {
  if (offset < layout.headerEnd) return 0;
  let n = 0;
  for (const r of layout.records) {
    if (r.end > offset) break;
    if (r.packet) n++;
  }
  return n;
}

/** The first offset where two byte strings differ (the shorter one's length when one is a prefix). */
export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? Infinity : n;
}

interface ProtoField {
  name: string;
  at: number;
  width: 1 | 2 | 4;
  /** For a nibble field: the mask within the byte (0xf0 or 0x0f). */
  nibble?: 0xf0 | 0x0f;
}

const RADIUS_PORTS = new Set([1812, 1813, 1645, 1646, 1700, 3799]);

/** Offsets of the IP, UDP, TCP and RADIUS length fields in one packet record (big-endian, network order). */
export function protocolFields(b: Uint8Array, r: CaptureRecord): ProtoField[] {
  if (!r.packet || r.dataAt < 0) return [];
  const end = Math.min(r.dataAt + r.capLen, r.end, b.length);
  let ip = -1;
  let etherType = -1;
  const d = r.dataAt;
  switch (r.linkType) {
    case 1: {
      let o = d + 12;
      while (o + 2 <= end && (u16(b, o, false) === 0x8100 || u16(b, o, false) === 0x88a8)) o += 4;
      if (o + 2 > end) return [];
      etherType = u16(b, o, false);
      ip = o + 2;
      break;
    }
    case 101:
    case 228:
    case 229:
      ip = d;
      etherType = (b[d]! >> 4) === 6 ? 0x86dd : 0x0800;
      break;
    case 0:
    case 108:
      ip = d + 4;
      etherType = (b[ip]! >> 4) === 6 ? 0x86dd : 0x0800;
      break;
    case 113:
      if (d + 16 > end) return [];
      etherType = u16(b, d + 14, false);
      ip = d + 16;
      break;
    default:
      return [];
  }
  const out: ProtoField[] = [];
  let l4 = -1;
  let proto = -1;
  if (etherType === 0x0800 && ip + 20 <= end && b[ip]! >> 4 === 4) {
    out.push({ name: 'ipv4.ihl', at: ip, width: 1, nibble: 0x0f }, { name: 'ipv4.total_length', at: ip + 2, width: 2 });
    l4 = ip + (b[ip]! & 0x0f) * 4;
    proto = b[ip + 9]!;
  } else if (etherType === 0x86dd && ip + 40 <= end) {
    out.push({ name: 'ipv6.payload_length', at: ip + 4, width: 2 });
    l4 = ip + 40;
    proto = b[ip + 6]!;
  }
  if (proto === 17 && l4 + 8 <= end) {
    out.push({ name: 'udp.length', at: l4 + 4, width: 2 });
    if ((RADIUS_PORTS.has(u16(b, l4, false)) || RADIUS_PORTS.has(u16(b, l4 + 2, false))) && l4 + 12 <= end) {
      out.push({ name: 'radius.length', at: l4 + 10, width: 2 });
    }
  } else if (proto === 6 && l4 + 20 <= end) {
    out.push({ name: 'tcp.data_offset', at: l4 + 12, width: 1, nibble: 0xf0 });
  }
  return out;
}

export type MutationKind = 'bitflip' | 'cut' | 'record-length' | 'protocol-length' | 'duplicate' | 'reorder' | 'random-bytes' | 'cut-tail';

export interface Mutated {
  bytes: Uint8Array;
  /** One line per step, e.g. "bitflip at 1234 bit 5". */
  steps: string[];
  kinds: MutationKind[];
  /** True when only packet contents changed (the capture's framing is untouched: every frame must still be read). */
  contentOnly: boolean;
}

const KINDS: MutationKind[] = ['bitflip', 'cut', 'record-length', 'protocol-length', 'duplicate', 'reorder', 'random-bytes', 'cut-tail'];

function setField(b: Uint8Array, at: number, width: 1 | 2 | 4, le: boolean, value: number, nibble?: 0xf0 | 0x0f): void {
  if (nibble !== undefined) {
    const v = value & 0x0f;
    b[at] = nibble === 0x0f ? (b[at]! & 0xf0) | v : (b[at]! & 0x0f) | (v << 4);
    return;
  }
  for (let i = 0; i < width; i++) {
    const shift = le ? 8 * i : 8 * (width - 1 - i);
    b[at + i] = (value / 2 ** shift) & 0xff;
  }
}

function getField(b: Uint8Array, at: number, width: 1 | 2 | 4, le: boolean, nibble?: 0xf0 | 0x0f): number {
  if (nibble !== undefined) return nibble === 0x0f ? b[at]! & 0x0f : b[at]! >> 4;
  if (width === 1) return b[at]!;
  return width === 2 ? u16(b, at, le) : u32(b, at, le);
}

/** The damaged value: 0, the largest, or one off the true value. */
function badValue(rnd: () => number, current: number, max: number): [number, string] {
  const pick = Math.floor(rnd() * 4);
  if (pick === 0) return [0, '0'];
  if (pick === 1) return [max, 'max'];
  if (pick === 2) return [(current + 1) % (max + 1), '+1'];
  return [current === 0 ? max : current - 1, '-1'];
}

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** One mutation step on `b` (a fresh array is returned; `b` is not changed). */
function step(b: Uint8Array, rnd: () => number, kind: MutationKind): { bytes: Uint8Array; note: string; contentOnly: boolean } {
  const int = (n: number) => Math.floor(rnd() * n);
  const layout = walkRecords(b);
  const recs = layout.records;
  if (b.length === 0) return { bytes: b, note: 'nothing to mutate (empty)', contentOnly: true };
  switch (kind) {
    case 'bitflip': {
      const out = b.slice();
      const n = 1 + int(8);
      const at: string[] = [];
      for (let i = 0; i < n; i++) {
        const o = int(out.length);
        const bit = int(8);
        out[o]! ^= 1 << bit;
        at.push(`${o}.${bit}`);
      }
      return { bytes: out, note: `bitflip ${at.join(' ')}`, contentOnly: false };
    }
    case 'cut': {
      const o = int(b.length);
      return { bytes: b.slice(0, o), note: `cut at ${o}`, contentOnly: false };
    }
    case 'cut-tail': {
      // cut inside the last few records, where a live capture is usually cut
      const r = recs.length > 0 ? recs[Math.max(0, recs.length - 1 - int(3))]! : null;
      const o = r ? r.start + int(r.end - r.start) : int(b.length);
      return { bytes: b.slice(0, o), note: `cut-tail at ${o}`, contentOnly: false };
    }
    case 'record-length': {
      const fields = recs.flatMap((r) => r.lengthFields.map((f) => ({ ...f, le: r.littleEndian })));
      if (layout.format === 'pcap') fields.push({ at: 16, width: 4, le: recs[0]?.littleEndian ?? true }); // snaplen
      if (fields.length === 0) return step(b, rnd, 'bitflip');
      const f = fields[int(fields.length)]!;
      const out = b.slice();
      const [v, label] = badValue(rnd, getField(out, f.at, f.width, f.le), f.width === 4 ? 0xffffffff : 0xffff);
      setField(out, f.at, f.width, f.le, v);
      return { bytes: out, note: `record length field at ${f.at} := ${label} (${v})`, contentOnly: false };
    }
    case 'protocol-length': {
      const candidates = recs.filter((r) => r.packet);
      for (let tries = 0; tries < 8 && candidates.length > 0; tries++) {
        const r = candidates[int(candidates.length)]!;
        const fields = protocolFields(b, r);
        if (fields.length === 0) continue;
        const f = fields[int(fields.length)]!;
        const out = b.slice();
        const max = f.nibble !== undefined ? 0x0f : f.width === 1 ? 0xff : f.width === 2 ? 0xffff : 0xffffffff;
        const [v, label] = badValue(rnd, getField(out, f.at, f.width, false, f.nibble), max);
        setField(out, f.at, f.width, false, v, f.nibble);
        return { bytes: out, note: `${f.name} at ${f.at} := ${label} (${v})`, contentOnly: true };
      }
      return step(b, rnd, 'bitflip');
    }
    case 'duplicate': {
      if (recs.length === 0) return step(b, rnd, 'cut');
      const i = int(recs.length);
      const r = recs[i]!;
      const out = concat([b.subarray(0, r.end), b.subarray(r.start, r.end), b.subarray(r.end)]);
      return { bytes: out, note: `duplicate record ${i} (${r.start}..${r.end})`, contentOnly: false };
    }
    case 'reorder': {
      if (recs.length < 2) return step(b, rnd, 'cut');
      const i = int(recs.length - 1);
      const j = i + 1 + int(Math.min(8, recs.length - 1 - i));
      const a = recs[i]!;
      const c = recs[j]!;
      // swap records i and j
      const out = concat([b.subarray(0, a.start), b.subarray(c.start, c.end), b.subarray(a.end, c.start), b.subarray(a.start, a.end), b.subarray(c.end)]);
      return { bytes: out, note: `swap records ${i} and ${j}`, contentOnly: false };
    }
    case 'random-bytes': {
      const out = b.slice();
      const o = int(out.length);
      const n = 1 + int(64);
      const insert = rnd() < 0.3;
      const junk = new Uint8Array(n);
      for (let k = 0; k < n; k++) junk[k] = int(256);
      if (insert) return { bytes: concat([b.subarray(0, o), junk, b.subarray(o)]), note: `insert ${n} random bytes at ${o}`, contentOnly: false };
      out.set(junk.subarray(0, Math.min(n, out.length - o)), o);
      return { bytes: out, note: `overwrite ${n} random bytes at ${o}`, contentOnly: false };
    }
  }
}

/**
 * Mutates `input` with 1 to 3 steps chosen from `seed` (or the given kinds). Deterministic; `input` is not
 * changed.
 */
export function mutate(input: Uint8Array, seed: number, kinds: readonly MutationKind[] = KINDS): Mutated {
  const rnd = random(seed);
  const n = rnd() < 0.7 ? 1 : 1 + Math.floor(rnd() * 3);
  let bytes = input;
  const steps: string[] = [];
  const used: MutationKind[] = [];
  let contentOnly = true;
  for (let i = 0; i < n; i++) {
    const kind = kinds[Math.floor(rnd() * kinds.length)]!;
    const s = step(bytes, rnd, kind);
    bytes = s.bytes;
    steps.push(s.note);
    used.push(kind);
    contentOnly &&= s.contentOnly;
  }
  if (bytes === input) bytes = input.slice();
  return { bytes, steps, kinds: used, contentOnly };
}

export { KINDS as MUTATION_KINDS };
