// Growable typed-array columns for per-frame data: amortised doubling, no object per frame.

type TypedArrayCtor<T> = { new (length: number): T };

export class Column<T extends Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array> {
  private buf: T;
  length = 0;

  constructor(private readonly ctor: TypedArrayCtor<T>, initial = 1024) {
    this.buf = new ctor(initial);
  }

  push(v: number): void {
    if (this.length === this.buf.length) this.grow(this.length + 1);
    this.buf[this.length++] = v;
  }

  get(i: number): number {
    return this.buf[i]!;
  }

  set(i: number, v: number): void {
    this.buf[i] = v;
  }

  /** A view of the filled part (shares memory; valid until the next push that grows). */
  view(): T {
    return this.buf.subarray(0, this.length) as T;
  }

  /** Bytes held, for memory accounting. */
  get byteLength(): number {
    return this.buf.byteLength;
  }

  private grow(min: number): void {
    let n = this.buf.length * 2;
    while (n < min) n *= 2;
    const next = new this.ctor(n);
    next.set(this.buf as never);
    this.buf = next;
  }
}
