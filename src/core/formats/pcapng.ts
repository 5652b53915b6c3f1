// pcapng: draft-ietf-opsawg-pcapng (section 4) and wiretap/pcapng.c. Several sections, each with its own
// byte order and interface list; IDB options if_name, if_description, if_tsresol (10^-n or 2^-n), if_tsoffset;
// EPB, SPB (no time stamp), the obsolete Packet Block, NRB, ISB and DSB; custom blocks skipped quietly;
// any other block skipped with a note.

import type { FormatSummary, InterfaceInfo, RawFrame } from './raw-frame.ts';
import { LINKTYPE_NONE, NO_INTERFACE, newRawFrame } from './raw-frame.ts';
import { MAX_RECORD_BYTES, type FrameSink } from './frame-sink.ts';
import { NEED_MORE, RecordStream, STOP } from './record-stream.ts';
import { forEachOption, OPT_COMMENT, optionString } from './pcapng-options.ts';
import { unitsToTime, unitsPerSecond, type TimeOut } from './ts-units.ts';
import { formatIpv4, formatIpv6 } from '../base/address.ts';

export const BT_SHB = 0x0a0d0d0a;
const BT_IDB = 1;
const BT_OPB = 2; // obsolete Packet Block
const BT_SPB = 3;
const BT_NRB = 4;
const BT_ISB = 5;
const BT_EPB = 6;
const BT_DSB = 0x0a;
const BT_CUSTOM = 0x00000bad;
const BT_CUSTOM_NOCOPY = 0x40000bad;
/** An SHB without options: block type, length, byte-order magic, version, section length, trailing length. */
const MIN_SHB_BYTES = 28;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_TSRESOL = 9;
const IF_TSOFFSET = 14;
/** Largest block accepted: a packet block's data plus generous room for options. */
const MAX_BLOCK_BYTES = MAX_RECORD_BYTES + 65_536;

const BLOCK_NAMES: Record<number, string> = { 7: 'IRIG timestamp', 8: 'ARINC 429', 9: 'systemd journal export' };

interface SectionIface {
  info: InterfaceInfo;
  tsresol: number;
}

export class PcapngReader extends RecordStream {
  private le = true;
  private inSection = false;
  private section = -1;
  private ifaces: SectionIface[] = [];
  private nextGlobalIface = 0;
  private readonly f: RawFrame = newRawFrame();
  private readonly t: TimeOut = { sec: 0, nsec: 0 };
  frames = 0;
  readonly summary: FormatSummary = {
    format: 'pcapng',
    byteOrder: 'little',
    sections: 0,
    interfaces: [],
    comments: [],
    names: [],
    secrets: [],
    skippedBlocks: {},
  };

  constructor(private readonly sink: FrameSink) {
    super();
  }

  protected recordSize(_b: Uint8Array, dv: DataView, off: number, avail: number, at: number): number {
    if (avail < 8) return NEED_MORE;
    const type = dv.getUint32(off, this.le);
    let le = this.le;
    if (type === BT_SHB) {
      if (avail < 12) return NEED_MORE;
      const bom = dv.getUint32(off + 8, true);
      if (bom === BYTE_ORDER_MAGIC) le = true;
      else if (dv.getUint32(off + 8, false) === BYTE_ORDER_MAGIC) le = false;
      else return this.damaged(at, `a Section Header Block with an unknown byte-order magic 0x${bom.toString(16)}`);
    } else if (!this.inSection) {
      return this.damaged(at, 'a block before any Section Header Block');
    }
    const len = dv.getUint32(off + 4, le);
    if (len < 12) return this.damaged(at, `a block of type 0x${type.toString(16)} with an impossible length ${len}`);
    // A Section Header Block has 28 bytes without options (draft-ietf-opsawg-pcapng section 4.1); wiretap's
    // pcapng_read_section_header_block fails the file on a shorter one ("less than the minimum SHB size").
    if (type === BT_SHB && len < MIN_SHB_BYTES) return this.damaged(at, `a Section Header Block of ${len} bytes, shorter than its minimum of ${MIN_SHB_BYTES}`);
    if (len > MAX_BLOCK_BYTES) return this.damaged(at, `a block of type 0x${type.toString(16)} declaring ${len} bytes, more than radscope accepts (${MAX_BLOCK_BYTES})`);
    // The spec wants a multiple of 4; some writers (python-pcapng's test006) give the unpadded length. The
    // padding is in the file all the same, so round up as wiretap does.
    return (len + 3) & ~3;
  }

  protected onRecord(b: Uint8Array, dv: DataView, off: number, size: number, at: number): void {
    let type = dv.getUint32(off, this.le);
    if (type === BT_SHB) {
      this.le = dv.getUint32(off + 8, true) === BYTE_ORDER_MAGIC;
      type = BT_SHB;
    }
    const le = this.le;
    const declared = dv.getUint32(off + 4, le);
    const trailer = dv.getUint32(off + size - 4, le);
    if (declared !== size) {
      this.sink.diagnostic({
        id: 'capture.block.malformed',
        severity: 'info',
        fileOffset: at,
        message: `pcapng block at byte ${at}: its length ${declared} is not a multiple of 4; read as ${size} with its padding.`,
      });
    } else if (trailer !== size) {
      this.sink.diagnostic({
        id: 'capture.block.malformed',
        severity: 'warning',
        fileOffset: at,
        message: `pcapng block at byte ${at}: its trailing length (${trailer}) differs from its leading length (${size}); the block was read by its leading length.`,
      });
    }
    const body = off + 8;
    const bodyEnd = off + size - 4;
    switch (type) {
      case BT_SHB:
        return this.readShb(b, dv, body, bodyEnd);
      case BT_IDB:
        return this.readIdb(b, dv, body, bodyEnd, at);
      case BT_EPB:
        return this.readPacket(b, dv, body, bodyEnd, at, 'epb');
      case BT_OPB:
        return this.readPacket(b, dv, body, bodyEnd, at, 'opb');
      case BT_SPB:
        return this.readSpb(b, dv, body, bodyEnd, at);
      case BT_NRB:
        return this.readNrb(b, dv, body, bodyEnd);
      case BT_DSB: {
        if (bodyEnd - body < 8) return this.malformed(at, 'Decryption Secrets Block too short');
        const stype = dv.getUint32(body, le);
        const slen = dv.getUint32(body + 4, le);
        if (body + 8 + slen > bodyEnd) return this.malformed(at, 'Decryption Secrets Block length runs past the block');
        this.summary.secrets.push({ type: stype, data: b.slice(body + 8, body + 8 + slen) });
        return;
      }
      case BT_CUSTOM:
      case BT_CUSTOM_NOCOPY:
        return this.readCustom(b, body, bodyEnd, at);
      case BT_ISB:
        return; // interface statistics are not needed for the analysis
      default: {
        const key = BLOCK_NAMES[type] ?? `0x${type.toString(16).padStart(8, '0')}`;
        const seen = this.summary.skippedBlocks[key] ?? 0;
        this.summary.skippedBlocks[key] = seen + 1;
        if (seen === 0) {
          this.sink.diagnostic({
            id: 'capture.block.unknown',
            severity: 'info',
            fileOffset: at,
            message: `pcapng block type ${key} at byte ${at} is not one radscope reads; it and any like it were skipped.`,
          });
        }
      }
    }
  }

  protected onEnd(leftover: number, at: number): void {
    if (leftover > 0) {
      this.sink.diagnostic({
        id: 'capture.record.truncated',
        severity: 'warning',
        frame: this.frames + 1,
        fileOffset: at,
        message: `The last pcapng block (at byte ${at}) is cut short: only ${leftover} bytes of it are in the file. The ${this.frames} frames before it were read.`,
      });
    }
  }

  private damaged(at: number, what: string): number {
    this.sink.diagnostic({
      id: 'capture.block.corrupt',
      severity: 'error',
      fileOffset: at,
      message: `pcapng: ${what} at byte ${at}; the file is damaged here and reading stops (${this.frames} frames read).`,
    });
    return STOP;
  }

  private malformed(at: number, why: string): void {
    this.sink.diagnostic({ id: 'capture.block.malformed', severity: 'warning', fileOffset: at, message: `pcapng block at byte ${at}: ${why}; skipped.` });
  }

  private readShb(b: Uint8Array, dv: DataView, body: number, end: number): void {
    const first = this.section < 0;
    this.section++;
    this.inSection = true;
    this.ifaces = [];
    const s = this.summary;
    s.sections++;
    const order = this.le ? 'little' : 'big';
    s.byteOrder = first ? order : s.byteOrder === order ? order : 'mixed';
    if (first) s.version = `${dv.getUint16(body + 4, this.le)}.${dv.getUint16(body + 6, this.le)}`;
    forEachOption(dv, body + 16, end, this.le, (code, at, len) => {
      if (code === OPT_COMMENT) s.comments.push({ scope: 'section', ref: this.section, text: optionString(b, at, len) });
    });
  }

  private readIdb(b: Uint8Array, dv: DataView, body: number, end: number, at: number): void {
    if (end - body < 8) return this.malformed(at, 'Interface Description Block too short');
    const le = this.le;
    const info: InterfaceInfo = {
      id: this.nextGlobalIface++,
      section: this.section,
      linkType: dv.getUint16(body, le),
      snapLen: dv.getUint32(body + 4, le),
      tsResol: 1e6,
      tsOffset: 0,
    };
    let tsresol = 6;
    const ok = forEachOption(dv, body + 8, end, le, (code, vat, len) => {
      if (code === IF_TSRESOL && len >= 1) tsresol = b[vat]!;
      else if (code === IF_TSOFFSET && len >= 8) info.tsOffset = Number(dv.getBigInt64(vat, le));
      else if (code === IF_NAME) info.name = optionString(b, vat, len);
      else if (code === IF_DESCRIPTION) info.description = optionString(b, vat, len);
      else if (code === OPT_COMMENT) this.summary.comments.push({ scope: 'interface', ref: info.id, text: optionString(b, vat, len) });
    });
    if (!ok) this.malformed(at, 'Interface Description Block options run past the block (kept what was readable)');
    info.tsResol = unitsPerSecond(tsresol);
    this.ifaces.push({ info, tsresol });
    this.summary.interfaces.push(info);
    this.sink.interface?.(info);
  }

  private readPacket(b: Uint8Array, dv: DataView, body: number, end: number, at: number, kind: 'epb' | 'opb'): void {
    const le = this.le;
    if (end - body < 20) return this.malformed(at, `${kind === 'epb' ? 'Enhanced' : 'Obsolete'} Packet Block too short`);
    const ifId = kind === 'epb' ? dv.getUint32(body, le) : dv.getUint16(body, le);
    const iface = this.ifaces[ifId];
    if (iface === undefined) {
      return this.malformed(at, `packet on interface ${ifId}, which this section has not described (${this.ifaces.length} interfaces)`);
    }
    const capLen = dv.getUint32(body + 12, le);
    const data = body + 20;
    if (data + capLen > end) return this.malformed(at, `captured length ${capLen} runs past the end of the block`);
    unitsToTime(dv.getUint32(body + 4, le), dv.getUint32(body + 8, le), iface.tsresol, this.t);
    const f = this.f;
    f.number = ++this.frames;
    f.hasTime = true;
    f.sec = this.t.sec + iface.info.tsOffset;
    f.nsec = this.t.nsec;
    f.capLen = capLen;
    f.origLen = dv.getUint32(body + 16, le);
    this.emit(b, data, capLen, at + (data - body) + 8, iface.info);
    const optStart = data + ((capLen + 3) & ~3);
    if (optStart < end) {
      forEachOption(dv, optStart, end, le, (code, vat, len) => {
        if (code === OPT_COMMENT) this.summary.comments.push({ scope: 'frame', ref: this.frames, text: optionString(b, vat, len) });
      });
    }
  }

  private readSpb(b: Uint8Array, dv: DataView, body: number, end: number, at: number): void {
    const iface = this.ifaces[0];
    if (iface === undefined) return this.malformed(at, 'Simple Packet Block in a section with no interface');
    if (end - body < 4) return this.malformed(at, 'Simple Packet Block too short');
    const origLen = dv.getUint32(body, this.le);
    // section 4.4: the captured length is the smaller of the original length and interface 0's snaplen,
    // and cannot exceed the block's data area
    let capLen = Math.min(origLen, end - body - 4);
    if (iface.info.snapLen > 0) capLen = Math.min(capLen, iface.info.snapLen);
    const f = this.f;
    f.number = ++this.frames;
    f.hasTime = false;
    f.sec = 0;
    f.nsec = 0;
    f.capLen = capLen;
    f.origLen = origLen;
    this.emit(b, body + 4, capLen, at + 12, iface.info);
  }

  /**
   * Custom blocks (section 4.8) are private to their writer, but Wireshark 4.0 lists each as a record
   * ("data", no time stamp), so it counts as a frame here too: frame numbers must stay the ones users see in
   * Wireshark. Its "length" is everything after the Private Enterprise Number, options included, as there.
   */
  private readCustom(b: Uint8Array, body: number, end: number, at: number): void {
    if (end - body < 4) return this.malformed(at, 'Custom Block too short');
    const f = this.f;
    f.number = ++this.frames;
    f.hasTime = false;
    f.sec = 0;
    f.nsec = 0;
    f.capLen = f.origLen = end - body - 4;
    f.data = b.subarray(body + 4, end);
    f.fileOffset = at + 12;
    f.interfaceId = NO_INTERFACE;
    f.linkType = LINKTYPE_NONE;
    this.sink.frame(f);
  }

  private emit(b: Uint8Array, data: number, capLen: number, fileOffset: number, iface: InterfaceInfo): void {
    const f = this.f;
    f.data = new Uint8Array(b.buffer, b.byteOffset + data, capLen); // cheaper than subarray()
    f.fileOffset = fileOffset;
    f.interfaceId = iface.id;
    f.linkType = iface.linkType;
    this.sink.frame(f);
  }

  private readNrb(b: Uint8Array, dv: DataView, body: number, end: number): void {
    // records: type(2) | length(2) | value, padded; 1 = IPv4 + names, 2 = IPv6 + names (section 4.5)
    let o = body;
    while (o + 4 <= end) {
      const type = dv.getUint16(o, this.le);
      const len = dv.getUint16(o + 2, this.le);
      if (type === 0 || o + 4 + len > end) return;
      const v = o + 4;
      const alen = type === 1 ? 4 : type === 2 ? 16 : 0;
      if (alen > 0 && len > alen) {
        const address = type === 1 ? formatIpv4(b, v) : formatIpv6(b, v);
        const names: string[] = [];
        let s = v + alen;
        const vend = v + len;
        while (s < vend) {
          let e = s;
          while (e < vend && b[e] !== 0) e++;
          if (e > s) names.push(optionString(b, s, e - s));
          s = e + 1;
        }
        this.summary.names.push({ address, names });
      }
      o += 4 + ((len + 3) & ~3);
    }
  }
}
