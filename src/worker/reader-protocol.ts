// Messages between the analysis worker and its reader thread (reader-worker.ts, reader-chunks.ts).

export type ReaderRequest =
  /** Read `blob` into `buffers` buffers of `bufferBytes`, which go back and forth. */
  | { type: 'start'; blob: Blob; bufferBytes: number; buffers: number }
  /** A buffer the analysis is done with, to be filled again. */
  | { type: 'back'; buffer: ArrayBuffer };

export type ReaderReply =
  /** The file's next `length` bytes, at the start of `buffer` (full but for the file's last). */
  | { type: 'chunk'; buffer: ArrayBuffer; length: number }
  | { type: 'end' }
  /** A DOMException's name and message (NotReadableError: the file changed or went away). */
  | { type: 'error'; name: string; message: string };
