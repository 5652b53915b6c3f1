// Growable typed-array columns for per-frame data: amortised doubling, no object per frame.
//
// One class per element type, each with its own push/get/set: a single generic class would make the element
// store in push() see five typed-array kinds and go megamorphic in V8, and that one store then cost about a
// second per ten million pushes on a 1 GB capture (the page keeps ~20 columns a frame). Keep the methods in
// each class; moving them into the base would share one store site again.

abstract class ColumnBase<T extends Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array> {
  protected buf: T;
  length = 0;

  protected constructor(buf: T) {
    this.buf = buf;
  }

  /** A view of the filled part (shares memory; valid until the next push that grows). */
  view(): T {
    return this.buf.subarray(0, this.length) as T;
  }

  /** Bytes held, for memory accounting. */
  get byteLength(): number {
    return this.buf.byteLength;
  }

  /** Room for `n` values in all (a caller that can estimate the count saves the doublings' copies). */
  reserve(n: number): void {
    if (n <= this.buf.length) return;
    const next = new (this.buf.constructor as new (length: number) => T)(n);
    next.set(this.buf as never);
    this.buf = next;
  }

  protected grow(min: number): void {
    let n = this.buf.length * 2;
    while (n < min) n *= 2;
    const next = new (this.buf.constructor as new (length: number) => T)(n);
    next.set(this.buf as never);
    this.buf = next;
  }
}

export class F64Column extends ColumnBase<Float64Array> {
  constructor(initial = 1024) {
    super(new Float64Array(initial));
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
}

export class U32Column extends ColumnBase<Uint32Array> {
  constructor(initial = 1024) {
    super(new Uint32Array(initial));
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
}

export class I32Column extends ColumnBase<Int32Array> {
  constructor(initial = 1024) {
    super(new Int32Array(initial));
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
}

export class U16Column extends ColumnBase<Uint16Array> {
  constructor(initial = 1024) {
    super(new Uint16Array(initial));
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
}

export class U8Column extends ColumnBase<Uint8Array> {
  constructor(initial = 1024) {
    super(new Uint8Array(initial));
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
}
