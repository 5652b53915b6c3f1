// IP fragment reassembly for IPv4 (RFC 791 section 3.2) and IPv6 (RFC 8200 section 4.5). The datagram is
// handed back in the frame whose fragment completes it, as Wireshark does (ip.reassembled_in). Memory and time
// are bounded (base/limits.ts): datagrams waiting at once and the bytes they hold together (the oldest waiting
// datagram is dropped, as an OS drops the oldest queue at its fragment memory threshold), fragments per
// datagram (each new fragment re-checks the coverage, so an unbounded count would cost quadratic time), and the
// bytes of one datagram (its IP length field cannot say more). Each bound hit is noted in `hits`.

import { LIMITS, type LimitHits } from '../base/limits.ts';

const MAX_DATAGRAM = 65_535 + 8; // the largest IPv4/IPv6 payload (without jumbograms)

export interface FragmentLimits {
  fragmentDatagrams: number;
  fragmentsPerDatagram: number;
  fragmentBytes: number;
}

interface Pending {
  pieces: { at: number; bytes: Uint8Array }[];
  /** Bytes held in `pieces`. */
  bytes: number;
  /** Total length, known once the last fragment (more = false) arrives; -1 before. */
  total: number;
  /** The datagram can never be rebuilt: a fragment was captured short, or a limit gave it up. */
  broken: boolean;
}

export class FragmentReassembler {
  private readonly pending = new Map<string, Pending>();
  private readonly limits: FragmentLimits;
  /** Bytes held by all pending datagrams. */
  heldBytes = 0;
  /** Datagrams dropped to stay within the limits. */
  evicted = 0;

  constructor(
    private readonly hits: LimitHits | null = null,
    limits: Partial<FragmentLimits> = {},
  ) {
    this.limits = { fragmentDatagrams: LIMITS.fragmentDatagrams, fragmentsPerDatagram: LIMITS.fragmentsPerDatagram, fragmentBytes: LIMITS.fragmentBytes, ...limits };
  }

  /** Datagrams waiting for fragments now. */
  get size(): number {
    return this.pending.size;
  }

  /**
   * Adds one fragment. `captured` is the fragment's payload as captured; `declared` its length per the IP
   * header. Returns the whole datagram payload when this fragment completes it, else null.
   */
  add(key: string, _frame: number, at: number, more: boolean, captured: Uint8Array, declared: number): Uint8Array | null {
    const lim = this.limits;
    let d = this.pending.get(key);
    if (d === undefined) {
      if (this.pending.size >= lim.fragmentDatagrams) {
        this.dropOldest();
        this.hits?.hit('limit.ip.fragments', () => `${lim.fragmentDatagrams.toLocaleString('en-US')} IP datagrams were waiting for fragments when another began; radscope dropped the oldest, whose later fragments are not reassembled`);
      }
      d = { pieces: [], bytes: 0, total: -1, broken: false };
      this.pending.set(key, d);
    }
    if (captured.length < declared) this.giveUp(d);
    if (at + declared > MAX_DATAGRAM) this.giveUp(d);
    if (!d.broken && d.pieces.length >= lim.fragmentsPerDatagram) {
      this.giveUp(d);
      this.hits?.hit('limit.ip.fragment.count', () => `an IP datagram came in more than ${lim.fragmentsPerDatagram} fragments; radscope did not reassemble it`);
    }
    if (!d.broken) {
      while (this.heldBytes + declared > lim.fragmentBytes && this.pending.size > 1 && this.pending.keys().next().value !== key) {
        this.dropOldest();
        this.hits?.hit('limit.ip.fragment.bytes', () => `IP fragments waiting for reassembly held more than ${mib(lim.fragmentBytes)}; radscope dropped the oldest incomplete datagrams`);
      }
      if (this.heldBytes + declared > lim.fragmentBytes) {
        this.giveUp(d);
        this.hits?.hit('limit.ip.fragment.bytes', () => `IP fragments waiting for reassembly held more than ${mib(lim.fragmentBytes)}; radscope dropped the oldest incomplete datagrams`);
      }
    }
    if (!d.broken) {
      d.pieces.push({ at, bytes: captured.slice(0, declared) });
      d.bytes += declared;
      this.heldBytes += declared;
    }
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
    this.heldBytes -= d.bytes;
    this.pending.delete(key);
    return whole;
  }

  /** The datagram cannot be rebuilt: its bytes are freed, and its entry stays so later fragments are not held. */
  private giveUp(d: Pending): void {
    d.broken = true;
    this.heldBytes -= d.bytes;
    d.bytes = 0;
    d.pieces = [];
  }

  private dropOldest(): void {
    const oldest = this.pending.keys().next().value as string;
    this.heldBytes -= this.pending.get(oldest)!.bytes;
    this.pending.delete(oldest);
    this.evicted++;
  }
}

function mib(n: number): string {
  return n >= 1 << 20 ? `${n / (1 << 20)} MiB` : `${n.toLocaleString('en-US')} bytes`;
}
