// The worker's API as the UI sees it. Plain, structured-clone-safe data only: the UI imports these types
// (never the worker's code or the core's readers) and talks to the worker through comlink.

import type { ConversationSummary, PacketRow, Report } from '../core/index.ts';

export type { PacketRow, Report, ConversationSummary };

export interface OpenOptions {
  /** RADIUS shared secrets to verify with (kept in the worker's memory for this analysis only). */
  secrets?: string[];
  /** UDP ports that carry RADIUS besides the defaults. */
  radiusPorts?: number[];
  /** The RADIUS server's addresses, when the capture does not make them plain. */
  radiusServers?: string[];
  /**
   * For tests only: read the file this many bytes at a time, waiting `delayMs` before each read, so that a
   * small capture takes long enough to see the provisional results of a large one.
   */
  slowRead?: { chunkBytes: number; delayMs: number };
}

export interface OpenProgress {
  /** Bytes of the file read so far, and its size (compressed bytes for a gzip file). */
  bytes: number;
  totalBytes: number;
  frames: number;
  /**
   * Now and then (half a second in, then a second apart or more; never per chunk), what the frames read so far show: the RADIUS
   * requests whose window has closed, the connections they caused, and the findings these support. The final
   * report replaces it.
   */
  provisional?: Report;
}

export type DiagnosticSeverity = 'info' | 'warning' | 'error';

export interface OpenDiagnostic {
  /** Stable dotted id, e.g. `capture.record.truncated`. */
  id: string;
  severity: DiagnosticSeverity;
  message: string;
  /** 1-based frame number, when the problem belongs to a frame. */
  frame?: number;
  /** Byte offset in the (decompressed) capture. */
  fileOffset?: number;
}

export interface OpenResult {
  name: string;
  format: 'pcap' | 'pcapng';
  frames: number;
  /** Bytes of capture data read (after decompression). */
  bytes: number;
  /** True when the file was gzip-compressed. */
  compressed: boolean;
  /** LINKTYPE_* of each interface, in order of appearance. */
  linkTypes: number[];
  /** Time of the first / last frame in file order that has one, as tshark's frame.time_epoch; null if none has. */
  firstTime: string | null;
  lastTime: string | null;
  /** The same two times as ISO 8601 UTC with nanoseconds. */
  firstTimeUtc: string | null;
  lastTimeUtc: string | null;
  /** The first MAX_DIAGNOSTICS problems found while reading. */
  diagnostics: OpenDiagnostic[];
  /** How many further diagnostics were dropped to keep the result small. */
  diagnosticsOmitted: number;
  /** The file's pcapng comments (opt_comment of its sections, interfaces and packets), the first MAX_COMMENTS. */
  comments: OpenComment[];
  commentsOmitted: number;
  /** The diagnosis: verdict, findings, RADIUS transactions, outbound attempts (the timeline). */
  report: Report;
  /** Provisional reports sent while reading, and the milliseconds spent making and sending them. */
  provisional: { reports: number; ms: number };
}

/** Diagnostics kept in an OpenResult; a badly damaged file could otherwise produce one per frame. */
export const MAX_DIAGNOSTICS = 500;

/** A comment in the file: `ref` is the section's index (from 0), the interface's id or the frame's number. */
export interface OpenComment {
  scope: 'section' | 'interface' | 'frame';
  ref: number;
  text: string;
}

/** Comments kept in an OpenResult (a file may comment every packet). */
export const MAX_COMMENTS = 200;

export type FilterResult = { ok: true; count: number } | { ok: false; error: string; at: number };

export interface DetailNode {
  label: string;
  start: number;
  length: number;
  children?: DetailNode[];
  field?: string;
}

export interface FrameDetail {
  frame: number;
  bytes: Uint8Array;
  tree: DetailNode[];
}

export interface AnalysisApi {
  /**
   * Reads and analyses a capture (pcap or pcapng, optionally gzip-compressed). Opening another file cancels a
   * running open. Rejects with an Error whose message is written for the user.
   * Pass the progress callback wrapped in comlink's `proxy()`.
   */
  open(file: Blob, options: OpenOptions, onProgress?: (p: OpenProgress) => void): Promise<OpenResult>;
  /** Stops a running open (it rejects with a "cancelled" message). */
  cancel(): void;
  /** Rows of the current view (all frames, or those the filter keeps): `count` rows from position `start`. */
  rows(start: number, count: number): Promise<PacketRow[]>;
  /** Frames in the current view. */
  rowCount(): number;
  /** Applies a display filter ('' shows every frame). */
  setFilter(expression: string): Promise<FilterResult>;
  /** Position of a frame in the current view, or -1 when the filter hides it. */
  indexOfFrame(frame: number): number;
  /** The frame's bytes and its layers, for the details and hex panes. */
  frame(frame: number): Promise<FrameDetail>;
  /** The frames of the current view as a pcapng file. */
  exportPcapng(): Promise<Uint8Array>;
  conversations(): ConversationSummary[];
}
