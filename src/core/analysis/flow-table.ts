// A hash table from the unordered pair of a packet's transport endpoints (addresses and ports) to a number,
// without a string or an object per packet: keys are 32-bit words in one typed array, found by open
// addressing (linear probing). IPv4 and IPv6 keys never meet (a tag word tells them apart), as the address
// texts "10.0.0.1" and "::ffff:10.0.0.1" never did. The pair is ordered by (address, port), so both
// directions find the same entry; `srcIsLow` says which end the packet's source is.

import type { Packet } from '../dissect/packet.ts';

/** Words per key: tag, low address (4 words), high address (4 words), ports (low << 16 | high). */
const STRIDE = 10;
const EMPTY = -1;

export class FlowTable {
  /** After find(): whether the packet's source is the pair's low end (the same for both ends when equal). */
  srcIsLow = true;
  private slots: Int32Array;
  private keys: Uint32Array;
  private values: Int32Array;
  private count = 0;
  private mask: number;
  // the key of the last find(), and where it goes if set() follows
  private readonly key = new Uint32Array(STRIDE);
  private hash = 0;

  constructor(capacity = 1024) {
    let n = 16;
    while (n < capacity * 2) n *= 2;
    this.slots = new Int32Array(n).fill(EMPTY);
    this.mask = n - 1;
    this.keys = new Uint32Array(Math.max(16, capacity) * STRIDE);
    this.values = new Int32Array(Math.max(16, capacity));
  }

  get size(): number {
    return this.count;
  }

  /** The value for the packet's endpoint pair, or -1. Remembers the key for set(). */
  find(p: Packet): number {
    return p.ipVersion === 6 ? this.find6(p) : this.find4(p);
  }

  /** IPv4 (and no IP: addresses 0): three words of key, hashed and compared without a loop. */
  private find4(p: Packet): number {
    const s = p.ipv4Src >>> 0;
    const d = p.ipv4Dst >>> 0;
    const low = s < d || (s === d && p.srcPort <= p.dstPort);
    const lo = low ? s : d;
    const hi = low ? d : s;
    const ports = (low ? (p.srcPort << 16) | p.dstPort : (p.dstPort << 16) | p.srcPort) >>> 0;
    const tag = p.ipVersion;
    this.srcIsLow = low;
    const k = this.key;
    k[0] = tag;
    k[1] = lo;
    k[5] = hi;
    k[9] = ports;
    k[2] = k[3] = k[4] = k[6] = k[7] = k[8] = 0;
    const h = hash4(tag, lo, hi, ports);
    this.hash = h;
    const keys = this.keys;
    const slots = this.slots;
    const mask = this.mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const e = slots[i]!;
      if (e === EMPTY) return -1;
      const o = e * STRIDE;
      if (keys[o + 1] === lo && keys[o + 5] === hi && keys[o + 9] === ports && keys[o] === tag) return this.values[e]!;
    }
  }

  private find6(p: Packet): number {
    const k = this.key;
    const b = p.ipBuf;
    const sa = p.ipSrcAt;
    const da = p.ipDstAt;
    k[0] = 6;
    // compare the addresses word by word, then the ports
    let cmp = 0;
    for (let i = 0; i < 4; i++) {
      const sw = word(b, sa + 4 * i);
      const dw = da < 0 ? 0 : word(b, da + 4 * i);
      k[1 + i] = sw;
      k[5 + i] = dw;
      if (cmp === 0 && sw !== dw) cmp = sw < dw ? -1 : 1;
    }
    const low = cmp < 0 || (cmp === 0 && p.srcPort <= p.dstPort);
    if (!low) {
      for (let i = 1; i < 5; i++) {
        const t = k[i]!;
        k[i] = k[i + 4]!;
        k[i + 4] = t;
      }
    }
    k[9] = low ? ((p.srcPort << 16) | p.dstPort) >>> 0 : ((p.dstPort << 16) | p.srcPort) >>> 0;
    this.srcIsLow = low;
    const h = hashKey(k, 0);
    this.hash = h;
    const keys = this.keys;
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const e = this.slots[s]!;
      if (e === EMPTY) return -1;
      const o = e * STRIDE;
      let same = true;
      for (let i = 0; i < STRIDE && same; i++) same = keys[o + i] === k[i];
      if (same) return this.values[e]!;
    }
  }

  /** Sets the value of the key of the last find() (adding it when new). */
  set(value: number): void {
    const k = this.key;
    const keys = this.keys;
    for (let s = this.hash & this.mask; ; s = (s + 1) & this.mask) {
      const e = this.slots[s]!;
      if (e === EMPTY) break;
      const o = e * STRIDE;
      let same = true;
      for (let i = 0; i < STRIDE && same; i++) same = keys[o + i] === k[i];
      if (same) {
        this.values[e] = value;
        return;
      }
    }
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    if ((this.count + 1) * STRIDE > this.keys.length) {
      const next = new Uint32Array(this.keys.length * 2);
      next.set(this.keys);
      this.keys = next;
      const vals = new Int32Array(this.values.length * 2);
      vals.set(this.values);
      this.values = vals;
    }
    const e = this.count++;
    this.keys.set(k, e * STRIDE);
    this.values[e] = value;
    this.place(e, this.hash);
  }

  private place(e: number, h: number): void {
    let s = h & this.mask;
    while (this.slots[s] !== EMPTY) s = (s + 1) & this.mask;
    this.slots[s] = e;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    this.mask = this.slots.length - 1;
    const keys = this.keys;
    for (let e = 0; e < this.count; e++) this.place(e, hashKey(keys, e * STRIDE));
  }
}

/** The hash of the key at keys[o..o + STRIDE): IPv6 keys hash every word, others their three. */
function hashKey(keys: Uint32Array, o: number): number {
  const tag = keys[o]!;
  if (tag !== 6) return hash4(tag, keys[o + 1]!, keys[o + 5]!, keys[o + 9]!);
  let h = 0x811c9dc5 ^ tag;
  for (let i = 1; i < STRIDE; i++) h = mix(h, keys[o + i]!);
  return fmix(h);
}

function hash4(tag: number, lo: number, hi: number, ports: number): number {
  return fmix(mix(mix(mix(0x811c9dc5 ^ tag, lo), hi), ports));
}

function word(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

/** One round of MurmurHash3's body (32-bit). */
function mix(h: number, w: number): number {
  let k = Math.imul(w, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3's finaliser: spreads every input bit over the low bits the table uses. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
