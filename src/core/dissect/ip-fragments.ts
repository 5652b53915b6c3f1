// IP fragment reassembly for IPv4 (RFC 791 section 3.2) and IPv6 (RFC 8200 section 4.5). The datagram is
// handed back in the frame whose fragment completes it, as Wireshark does (ip.reassembled_in). Memory is
// bounded: a cap on pending datagrams (oldest evicted) and on the bytes of one datagram.

const MAX_PENDING = 4096;
const MAX_DATAGRAM = 65_535 + 8; // the largest IPv4/IPv6 payload (without jumbograms)

interface Pending {
  pieces: { at: number; bytes: Uint8Array }[];
  /** Total length, known once the last fragment (more = false) arrives; -1 before. */
  total: number;
  /** A fragment was captured short: the datagram can never be rebuilt. */
  broken: boolean;
}

export class FragmentReassembler {
  private readonly pending = new Map<string, Pending>();
  /** Datagrams dropped because the pending table was full (reported by later stages). */
  evicted = 0;

  /**
   * Adds one fragment. `captured` is the fragment's payload as captured; `declared` its length per the IP
   * header. Returns the whole datagram payload when this fragment completes it, else null.
   */
  add(key: string, _frame: number, at: number, more: boolean, captured: Uint8Array, declared: number): Uint8Array | null {
    let d = this.pending.get(key);
    if (d === undefined) {
      if (this.pending.size >= MAX_PENDING) {
        const oldest = this.pending.keys().next().value as string;
        this.pending.delete(oldest);
        this.evicted++;
      }
      d = { pieces: [], total: -1, broken: false };
      this.pending.set(key, d);
    }
    if (captured.length < declared) d.broken = true;
    if (at + declared > MAX_DATAGRAM) d.broken = true;
    if (!d.broken) d.pieces.push({ at, bytes: captured.slice(0, declared) });
    if (!more) d.total = at + declared;
    if (d.broken || d.total < 0) return null;
    // complete when the pieces cover [0, total) without a gap
    const sorted = [...d.pieces].sort((a, b) => a.at - b.at);
    let covered = 0;
    for (const piece of sorted) {
      if (piece.at > covered) return null;
      covered = Math.max(covered, piece.at + piece.bytes.length);
    }
    if (covered < d.total) return null;
    const whole = new Uint8Array(d.total);
    // first copy wins where fragments overlap (Wireshark keeps the data it saw first)
    for (let i = d.pieces.length - 1; i >= 0; i--) {
      const piece = d.pieces[i]!;
      whole.set(piece.bytes.subarray(0, Math.max(0, Math.min(piece.bytes.length, d.total - piece.at))), piece.at);
    }
    this.pending.delete(key);
    return whole;
  }
}
