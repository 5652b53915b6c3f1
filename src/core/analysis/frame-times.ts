// Every frame's time (seconds since the epoch, one float: ~0.2 µs precision today), for windows, evidence and
// the timeline: 8 bytes a frame, in blocks of 64 Ki frames. Blocks rather than one doubling array: no 2x
// slack at the end, and no moment where the old and the new array are both held while one is copied
// (16 + 32 MiB for a capture of 2 to 4 million frames).

const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;

export class FrameTimes {
  private readonly blocks: Float64Array[] = [];
  private last: Float64Array | null = null;
  private at = BLOCK;
  length = 0;

  push(t: number): void {
    if (this.at === BLOCK) {
      this.last = new Float64Array(BLOCK);
      this.blocks.push(this.last);
      this.at = 0;
    }
    this.last![this.at++] = t;
    this.length++;
  }

  /** Time of the frame at index i (0-based); NaN outside 0..length-1 (and for a non-integer i). */
  get(i: number): number {
    if (!(i >= 0 && i < this.length) || (i | 0) !== i) return NaN;
    return this.blocks[i >>> BLOCK_BITS]![i & (BLOCK - 1)]!;
  }
}
