// Least-recently-used order over dense ids (TCP stream numbers), as an intrusive doubly-linked list in two
// typed arrays: touching an id is a few array stores, with no object or allocation per packet (the arrays
// grow by doubling, 8 bytes per id ever seen). Used to pick the flow to evict when a cap is reached.

const NONE = -1;

export class LruList {
  private prev: Int32Array;
  private next: Int32Array;
  /** Most recently touched id, and least recently touched (NONE when empty). */
  private head = NONE;
  private tail = NONE;
  private count = 0;

  constructor(capacity = 1024) {
    this.prev = new Int32Array(capacity).fill(NONE);
    this.next = new Int32Array(capacity).fill(NONE);
  }

  get size(): number {
    return this.count;
  }

  /** Whether `id` is in the list. */
  has(id: number): boolean {
    return id < this.prev.length && (this.head === id || this.prev[id] !== NONE);
  }

  /** Makes `id` the most recent, adding it when absent. */
  touch(id: number): void {
    if (this.head === id) return;
    if (id >= this.prev.length) this.grow(id);
    const prev = this.prev;
    const next = this.next;
    const p = prev[id]!;
    if (p !== NONE) {
      // in the list, not at the head: unlink
      const n = next[id]!;
      next[p] = n;
      if (n !== NONE) prev[n] = p;
      else this.tail = p;
    } else {
      this.count++;
    }
    prev[id] = NONE;
    next[id] = this.head;
    if (this.head !== NONE) prev[this.head] = id;
    this.head = id;
    if (this.tail === NONE) this.tail = id;
  }

  /** Removes and returns the least recently touched id (NONE when empty). */
  popOldest(): number {
    const id = this.tail;
    if (id === NONE) return NONE;
    const p = this.prev[id]!;
    this.tail = p;
    if (p !== NONE) this.next[p] = NONE;
    else this.head = NONE;
    this.prev[id] = NONE;
    this.next[id] = NONE;
    this.count--;
    return id;
  }

  private grow(id: number): void {
    let n = this.prev.length * 2;
    while (n <= id) n *= 2;
    const prev = new Int32Array(n).fill(NONE);
    prev.set(this.prev);
    const next = new Int32Array(n).fill(NONE);
    next.set(this.next);
    this.prev = prev;
    this.next = next;
  }
}
