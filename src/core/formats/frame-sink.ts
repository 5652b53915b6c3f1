// The callbacks a format reader reports to. Kept tiny so readers stay independent of what consumes frames.

import type { Diagnostic } from '../base/diagnostics.ts';
import { LIMITS } from '../base/limits.ts';
import type { InterfaceInfo, RawFrame } from './raw-frame.ts';

export interface FrameSink {
  /** One frame; `frame` is reused for the next call. */
  frame(frame: RawFrame): void;
  /** A new interface (pcapng IDB, or the pcap file header). */
  interface?(info: InterfaceInfo): void;
  diagnostic(d: Diagnostic): void;
}

/** Largest record we accept before calling a length field corrupt (wiretap's limit for most link types). */
export const MAX_RECORD_BYTES = LIMITS.recordBytes;
