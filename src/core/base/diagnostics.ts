// Diagnostics: how the core tells its caller about bad input without logging or throwing.
// ARCHITECTURE.md "Bad input, three kinds": truncated (shorter than declared), malformed (breaks the spec),
// unsupported (no decoder). Capture-level problems (a broken container record) use the same shape with no frame.

export type ProblemKind = 'truncated' | 'malformed' | 'unsupported';
export type Severity = 'info' | 'warning' | 'error';

export interface Diagnostic {
  /** Stable dotted id, e.g. `capture.record.truncated`. */
  readonly id: string;
  readonly severity: Severity;
  readonly message: string;
  /** 1-based frame number, when the problem belongs to a frame. */
  readonly frame?: number;
  /** Byte offset in the (decompressed) capture file. */
  readonly fileOffset?: number;
}

export type DiagnosticSink = (d: Diagnostic) => void;

/** A sink that keeps everything, for tests and small captures. */
export function collectDiagnostics(): { sink: DiagnosticSink; list: Diagnostic[] } {
  const list: Diagnostic[] = [];
  return { sink: (d) => list.push(d), list };
}
