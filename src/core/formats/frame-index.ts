// The frame index: one row per frame in typed-array columns (ARCHITECTURE.md "frame index"), never an object
// per packet. The packet table and the details pane re-read frames from the file by `fileOffset`.

import { Column } from '../base/growable.ts';
import type { RawFrame } from './raw-frame.ts';

export class FrameIndex {
  /** Offset of the frame's data in the (decompressed) capture stream; Float64 so files > 4 GiB fit. */
  readonly fileOffset = new Column(Float64Array);
  readonly capLen = new Column(Uint32Array);
  readonly origLen = new Column(Uint32Array);
  /** Whole seconds since the epoch (NaN when the frame has no time stamp) and nanoseconds. */
  readonly sec = new Column(Float64Array);
  readonly nsec = new Column(Uint32Array);
  readonly interfaceId = new Column(Int32Array);
  readonly linkType = new Column(Uint16Array);
  /** Compact analysis columns, filled by later stages: protocol code, TCP stream (-1 none), flag bits. */
  readonly protocol = new Column(Uint8Array);
  readonly stream = new Column(Int32Array);
  readonly flags = new Column(Uint32Array);

  get length(): number {
    return this.capLen.length;
  }

  add(f: RawFrame): void {
    this.fileOffset.push(f.fileOffset);
    this.capLen.push(f.capLen);
    this.origLen.push(f.origLen);
    this.sec.push(f.hasTime ? f.sec : NaN);
    this.nsec.push(f.nsec);
    this.interfaceId.push(f.interfaceId);
    this.linkType.push(f.linkType);
    this.protocol.push(0);
    this.stream.push(-1);
    this.flags.push(0);
  }

  get byteLength(): number {
    return [this.fileOffset, this.capLen, this.origLen, this.sec, this.nsec, this.interfaceId, this.linkType, this.protocol, this.stream, this.flags]
      .reduce((n, c) => n + c.byteLength, 0);
  }
}
