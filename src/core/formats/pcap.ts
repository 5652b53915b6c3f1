// Classic libpcap files: https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/ (section 4, 5) and
// wiretap/libpcap.c. Microsecond and nanosecond magics in both byte orders, and the "modified" (Kuznetzov)
// variant whose record header carries 8 more bytes (ifindex, protocol, pkt_type, pad).

import type { FormatSummary, RawFrame } from './raw-frame.ts';
import { newRawFrame } from './raw-frame.ts';
import { MAX_RECORD_BYTES, type FrameSink } from './frame-sink.ts';
import { NEED_MORE, RecordStream, STOP } from './record-stream.ts';

export const PCAP_MAGIC_USEC = 0xa1b2c3d4;
export const PCAP_MAGIC_NSEC = 0xa1b23c4d;
export const PCAP_MAGIC_MODIFIED = 0xa1b2cd34;
const GLOBAL_HEADER_LEN = 24; // draft-ietf-opsawg-pcap section 4
const NS_PER_S = 1_000_000_000;

export class PcapReader extends RecordStream {
  private le = true;
  private nsec = false;
  private recordHeaderLen = 16;
  private haveHeader = false;
  private linkType = 0;
  private readonly f: RawFrame = newRawFrame();
  frames = 0;
  readonly summary: FormatSummary = {
    format: 'pcap',
    byteOrder: 'little',
    sections: 1,
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
    if (!this.haveHeader) return avail < GLOBAL_HEADER_LEN ? NEED_MORE : GLOBAL_HEADER_LEN;
    if (avail < this.recordHeaderLen) return NEED_MORE;
    const capLen = dv.getUint32(off + 8, this.le);
    if (capLen > MAX_RECORD_BYTES) {
      this.sink.diagnostic({
        id: 'capture.record.corrupt',
        severity: 'error',
        frame: this.frames + 1,
        fileOffset: at,
        message: `pcap record ${this.frames + 1} at byte ${at} declares ${capLen} captured bytes, more than the ${MAX_RECORD_BYTES} a record may hold; the file is damaged here and reading stops (${this.frames} frames read).`,
      });
      return STOP;
    }
    return this.recordHeaderLen + capLen;
  }

  protected onRecord(b: Uint8Array, dv: DataView, off: number, size: number, at: number): void {
    if (!this.haveHeader) {
      this.readGlobalHeader(dv, off);
      return;
    }
    const le = this.le;
    const f = this.f;
    const tsSec = dv.getUint32(off, le);
    const frac = dv.getUint32(off + 4, le);
    let ns = this.nsec ? frac : frac * 1000;
    let sec = tsSec;
    this.frames++;
    if (ns >= NS_PER_S) {
      // An out-of-range fraction (tcpdump's timestamp_invalid_* tests): carry it into the seconds and say so.
      this.sink.diagnostic({
        id: 'capture.timestamp.invalid',
        severity: 'warning',
        frame: this.frames,
        fileOffset: at,
        message: `frame ${this.frames}: the time stamp's fraction (${frac} ${this.nsec ? 'ns' : 'µs'}) is one second or more; it was carried into the seconds.`,
      });
      sec += Math.floor(ns / NS_PER_S);
      ns %= NS_PER_S;
    }
    f.number = this.frames;
    f.sec = sec;
    f.nsec = ns;
    f.hasTime = true;
    f.capLen = dv.getUint32(off + 8, le);
    f.origLen = dv.getUint32(off + 12, le);
    f.fileOffset = at + this.recordHeaderLen;
    // a view made by the constructor: cheaper than subarray(), which looks up a species constructor
    f.data = new Uint8Array(b.buffer, b.byteOffset + off + this.recordHeaderLen, size - this.recordHeaderLen);
    f.interfaceId = 0;
    f.linkType = this.linkType;
    this.sink.frame(f);
  }

  protected onEnd(leftover: number, at: number): void {
    if (!this.haveHeader) {
      this.sink.diagnostic({
        id: 'capture.header.truncated',
        severity: 'error',
        fileOffset: 0,
        message: `The pcap file header is cut short: ${leftover} of ${GLOBAL_HEADER_LEN} bytes.`,
      });
    } else if (leftover > 0) {
      this.sink.diagnostic({
        id: 'capture.record.truncated',
        severity: 'warning',
        frame: this.frames + 1,
        fileOffset: at,
        message: `The last record (frame ${this.frames + 1}, at byte ${at}) is cut short: only ${leftover} bytes of it are in the file. The ${this.frames} frames before it were read.`,
      });
    }
  }

  private readGlobalHeader(dv: DataView, off: number): void {
    const magicBE = dv.getUint32(off, false);
    const magicLE = dv.getUint32(off, true);
    const magic = [PCAP_MAGIC_USEC, PCAP_MAGIC_NSEC, PCAP_MAGIC_MODIFIED].includes(magicBE) ? magicBE : magicLE;
    this.le = magic === magicLE;
    this.nsec = magic === PCAP_MAGIC_NSEC;
    if (magic === PCAP_MAGIC_MODIFIED) {
      this.recordHeaderLen = 24;
      this.summary.variant = 'modified';
    }
    const le = this.le;
    const snapLen = dv.getUint32(off + 16, le);
    // draft-ietf-opsawg-pcap section 4: LinkType in the low 16 bits, FCS bits above
    this.linkType = dv.getUint32(off + 20, le) & 0xffff;
    this.haveHeader = true;
    this.summary.byteOrder = le ? 'little' : 'big';
    this.summary.tsResolution = this.nsec ? 'nsec' : 'usec';
    this.summary.version = `${dv.getUint16(off + 4, le)}.${dv.getUint16(off + 6, le)}`;
    this.summary.snapLen = snapLen;
    const info = {
      id: 0,
      section: 0,
      linkType: this.linkType,
      snapLen,
      tsResol: this.nsec ? 1e9 : 1e6, // units per second, as InterfaceInfo.tsResol and the pcapng reader have it
      tsOffset: 0,
    };
    this.summary.interfaces.push(info);
    this.sink.interface?.(info);
  }
}
