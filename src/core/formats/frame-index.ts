// The frame index: one row per frame in typed-array columns (ARCHITECTURE.md "frame index"), never an object
// per packet. The packet table and the details pane re-read frames from the file by `fileOffset`.

import { F64Column, I32Column, U16Column, U32Column, U8Column } from '../base/growable.ts';
import type { RawFrame } from './raw-frame.ts';

export class FrameIndex {
  /** Offset of the frame's data in the (decompressed) capture stream; Float64 so files > 4 GiB fit. */
  readonly fileOffset = new F64Column();
  readonly capLen = new U32Column();
  readonly origLen = new U32Column();
  /** Whole seconds since the epoch (NaN when the frame has no time stamp) and nanoseconds. */
  readonly sec = new F64Column();
  readonly nsec = new U32Column();
  readonly interfaceId = new I32Column();
  readonly linkType = new U16Column();
  /** Compact analysis columns, filled by later stages: protocol code, TCP stream (-1 none), flag bits. */
  readonly protocol = new U8Column();
  readonly stream = new I32Column();
  readonly flags = new U32Column();

  get length(): number {
    return this.capLen.length;
  }

  /** Room for `frames` rows (estimateFrames). */
  reserve(frames: number): void {
    for (const c of this.columns()) c.reserve(frames);
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
    return this.columns().reduce((n, c) => n + c.byteLength, 0);
  }

  private columns() {
    return [this.fileOffset, this.capLen, this.origLen, this.sec, this.nsec, this.interfaceId, this.linkType, this.protocol, this.stream, this.flags];
  }
}

/** Read at least this much before estimating: the first records (a pcapng's header blocks) mislead. */
const ESTIMATE_AFTER_BYTES = 1 << 20;

/**
 * How many frames a capture of `totalBytes` holds, from the `frames` in its first `bytes` (null: too early to
 * say), 2% over.
 */
export function estimateFrames(totalBytes: number, bytes: number, frames: number): number | null {
  if (bytes < ESTIMATE_AFTER_BYTES || frames === 0 || !(totalBytes >= bytes)) return null;
  return Math.ceil((frames * totalBytes) / bytes * 1.02) + 1024;
}

/**
 * When to reserve room for more frames, as the read goes on (FrameEstimate.update after each chunk). The first
 * frames of a capture are often not like the rest: the 1 GB bench capture's first 4 MiB say 1.04 M frames for
 * 1.33 M, and columns reserved once from them doubled at the end (a copy of every column). Each reservation
 * leaves 15% room, and a new one is made only when the estimate outgrows it.
 */
export class FrameEstimate {
  private reserved = 0;

  constructor(private readonly totalBytes: number) {}

  /** The frames to reserve room for now, or null when what is reserved will do. */
  update(bytes: number, frames: number): number | null {
    const estimate = estimateFrames(this.totalBytes, bytes, frames);
    if (estimate === null || estimate <= this.reserved) return null;
    this.reserved = Math.ceil(estimate * 1.15);
    return this.reserved;
  }
}
