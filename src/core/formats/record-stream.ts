// Splits a stream of chunks of any size into whole records, without copying the stream into one buffer.
// Records that lie inside a chunk are handed over as views of that chunk; only a record that straddles a
// chunk boundary is assembled in a small carry buffer (so a 1-byte and a 32 MiB chunking give the same result).

/** Returned by `recordSize` when the bytes at hand cannot start a valid record: stop reading. */
export const STOP = -2;
/** Returned by `recordSize` when more bytes are needed before the size is known. */
export const NEED_MORE = -1;

export abstract class RecordStream {
  private carry = new Uint8Array(256);
  private carryLen = 0;
  /** Stream offset of the first byte not yet handed to `onRecord` (or held in carry). */
  protected consumed = 0;
  protected stopped = false;

  /**
   * Size of the record starting at `off` (header, body and padding), NEED_MORE if `avail` bytes are too few
   * to tell, or STOP when the bytes cannot be a record (the subclass reports why).
   */
  protected abstract recordSize(buf: Uint8Array, dv: DataView, off: number, avail: number, streamOffset: number): number;

  /** One whole record of `size` bytes at `off`; `streamOffset` is its offset in the stream. */
  protected abstract onRecord(buf: Uint8Array, dv: DataView, off: number, size: number, streamOffset: number): void;

  /** Called once at the end with the bytes of an incomplete last record (0 when none). */
  protected abstract onEnd(leftover: number, streamOffset: number): void;

  feed(chunk: Uint8Array): void {
    if (this.stopped) return;
    let pos = 0;
    if (this.carryLen > 0) {
      pos = this.fillCarry(chunk);
      if (pos < 0) return; // chunk used up, record still incomplete (or stopped)
    }
    const dv = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const end = chunk.length;
    while (pos < end && !this.stopped) {
      const size = this.recordSize(chunk, dv, pos, end - pos, this.consumed);
      if (size === STOP) {
        this.stopped = true;
        return;
      }
      if (size === NEED_MORE || size > end - pos) break;
      this.onRecord(chunk, dv, pos, size, this.consumed);
      pos += size;
      this.consumed += size;
    }
    if (pos < end && !this.stopped) this.appendCarry(chunk, pos, end);
  }

  end(): void {
    if (this.stopped) return;
    this.onEnd(this.carryLen, this.consumed);
  }

  /** Completes the carried record from `chunk`; returns the position after it, or -1 if not complete. */
  private fillCarry(chunk: Uint8Array): number {
    let pos = 0;
    for (;;) {
      const dv = new DataView(this.carry.buffer, 0, this.carryLen);
      const size = this.recordSize(this.carry, dv, 0, this.carryLen, this.consumed);
      if (size === STOP) {
        this.stopped = true;
        return -1;
      }
      const want = size === NEED_MORE ? this.carryLen + 1 : size;
      if (size !== NEED_MORE && this.carryLen >= size) {
        const full = new DataView(this.carry.buffer, 0, size);
        this.onRecord(this.carry, full, 0, size, this.consumed);
        this.consumed += size;
        this.carryLen = 0;
        // reclaim a carry that an unusually large record made big
        if (this.carry.length > 1 << 20) this.carry = new Uint8Array(256);
        return pos;
      }
      if (pos >= chunk.length) return -1;
      // NEED_MORE: take one byte at a time (only a header's worth, at most), so the carry never runs past
      // the end of its record; else take exactly what the record lacks
      const take = Math.min(size === NEED_MORE ? 1 : want - this.carryLen, chunk.length - pos);
      this.appendCarry(chunk, pos, pos + take);
      pos += take;
    }
  }

  private appendCarry(src: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (this.carryLen + n > this.carry.length) {
      let cap = this.carry.length * 2;
      while (cap < this.carryLen + n) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.carry.subarray(0, this.carryLen));
      this.carry = next;
    }
    this.carry.set(src.subarray(from, to), this.carryLen);
    this.carryLen += n;
  }
}
