// The one error type the core throws across its boundary: a capture we cannot read at all.
// Everything else (a damaged record, a bad header) is a Diagnostic and the reading goes on.

export class CaptureFormatError extends Error {
  override readonly name = 'CaptureFormatError';
  constructor(
    message: string,
    /** What the file looked like, for the message and for tests (e.g. 'etl', 'netmon', 'unknown'). */
    readonly detected: string,
  ) {
    super(message);
  }
}

/** Thrown when the caller cancels a running analysis through its AbortSignal-like token. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor() {
    super('cancelled');
  }
}
