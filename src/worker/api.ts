// The worker's API as the UI sees it. Plain, structured-clone-safe data only: the UI imports these types
// (never the worker's code or the core's readers) and talks to the worker through comlink.

export interface OpenProgress {
  /** Bytes of capture data read so far (after decompression). */
  bytes: number;
  frames: number;
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
}

/** Diagnostics kept in an OpenResult; a badly damaged file could otherwise produce one per frame. */
export const MAX_DIAGNOSTICS = 500;

export interface AnalysisApi {
  /**
   * Reads a capture (pcap or pcapng, optionally gzip-compressed). Opening another file cancels a running open.
   * Rejects with an Error whose message is written for the user.
   * Pass the progress callback wrapped in comlink's `proxy()`.
   */
  open(file: Blob, onProgress?: (p: OpenProgress) => void): Promise<OpenResult>;
}
