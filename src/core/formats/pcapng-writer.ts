// Writes pcapng (draft-ietf-opsawg-pcapng): a Section Header Block, one Interface Description Block per
// interface used (link type and snap length kept, if_tsresol = 9 so times stay exact to the nanosecond),
// then one Enhanced Packet Block per frame. Little-endian. For "export the filtered packets".

import { encodeUtf8 } from '../base/text.ts';

export interface WriterInterface {
  linkType: number;
  snapLen: number;
  name?: string;
}

const SHB = 0x0a0d0d0a;
const IDB = 1;
const EPB = 6;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const IF_NAME = 2;
const IF_TSRESOL = 9;

const pad4 = (n: number) => (n + 3) & ~3;

export class PcapngWriter {
  private readonly parts: Uint8Array[] = [];
  private readonly ifIndex = new Map<string, number>();

  constructor(application = 'radscope') {
    const app = encodeUtf8(application);
    // options: shb_userappl (4), then opt_endofopt
    const opts = 4 + pad4(app.length) + 4;
    const len = 28 + opts;
    const b = new Uint8Array(len);
    const dv = new DataView(b.buffer);
    dv.setUint32(0, SHB, true);
    dv.setUint32(4, len, true);
    dv.setUint32(8, BYTE_ORDER_MAGIC, true);
    dv.setUint16(12, 1, true);
    dv.setUint16(14, 0, true);
    dv.setBigInt64(16, -1n, true); // section length unknown
    dv.setUint16(24, 4, true);
    dv.setUint16(26, app.length, true);
    b.set(app, 28);
    dv.setUint32(len - 4, len, true);
    this.parts.push(b);
  }

  /** The interface id for this link type and snap length, writing its IDB the first time. */
  private iface(i: WriterInterface): number {
    const key = `${i.linkType}/${i.snapLen}/${i.name ?? ''}`;
    const known = this.ifIndex.get(key);
    if (known !== undefined) return known;
    const name = i.name ? encodeUtf8(i.name) : null;
    const opts = (name ? 4 + pad4(name.length) : 0) + 8 + 4; // if_name, if_tsresol (1 byte padded), end
    const len = 20 + opts;
    const b = new Uint8Array(len);
    const dv = new DataView(b.buffer);
    dv.setUint32(0, IDB, true);
    dv.setUint32(4, len, true);
    dv.setUint16(8, i.linkType, true);
    dv.setUint32(12, i.snapLen, true);
    let o = 16;
    if (name) {
      dv.setUint16(o, IF_NAME, true);
      dv.setUint16(o + 2, name.length, true);
      b.set(name, o + 4);
      o += 4 + pad4(name.length);
    }
    dv.setUint16(o, IF_TSRESOL, true);
    dv.setUint16(o + 2, 1, true);
    b[o + 4] = 9;
    dv.setUint32(len - 4, len, true);
    this.parts.push(b);
    const id = this.ifIndex.size;
    this.ifIndex.set(key, id);
    return id;
  }

  /** One frame; `sec`/`nsec` its time (a frame without one is written at 0). */
  add(i: WriterInterface, data: Uint8Array, origLen: number, sec: number, nsec: number): void {
    const id = this.iface(i);
    const len = 32 + pad4(data.length);
    const b = new Uint8Array(len);
    const dv = new DataView(b.buffer);
    const ts = BigInt(Math.max(0, sec)) * 1_000_000_000n + BigInt(nsec);
    dv.setUint32(0, EPB, true);
    dv.setUint32(4, len, true);
    dv.setUint32(8, id, true);
    dv.setUint32(12, Number(ts >> 32n), true);
    dv.setUint32(16, Number(ts & 0xffffffffn), true);
    dv.setUint32(20, data.length, true);
    dv.setUint32(24, origLen, true);
    b.set(data, 28);
    dv.setUint32(len - 4, len, true);
    this.parts.push(b);
  }

  /** The file so far, in one buffer. */
  bytes(): Uint8Array {
    const n = this.parts.reduce((s, p) => s + p.length, 0);
    const out = new Uint8Array(n);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}
