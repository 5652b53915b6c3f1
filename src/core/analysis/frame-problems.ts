// What the decoder could not read in the frames, summed up for the reader of the report: one line per layer
// and kind ("IPv6 malformed in 2 frames: version field is 0, not 6"), with the first frame and
// its byte offset, like the "Malformed Packet" and "Bad TCP" expert items a Wireshark user would look for.
// Only frames with a problem reach note(), so an intact capture costs one length check per frame.

import type { Diagnostic, ProblemKind, Severity } from '../base/diagnostics.ts';
import type { Packet } from '../dissect/packet.ts';
import type { RawFrame } from '../formats/raw-frame.ts';

interface Seen {
  layer: string;
  kind: ProblemKind;
  frame: number;
  fileOffset: number;
  message: string;
  frames: number;
}

export class FrameProblems {
  private readonly byKey = new Map<string, Seen>();

  /** Records the first problem of a decoded frame (later ones in the same frame usually follow from it). */
  note(p: Packet, raw: RawFrame): void {
    const first = p.problems[0];
    if (first === undefined) return;
    const key = `${first.layer}|${first.kind}`;
    const seen = this.byKey.get(key);
    if (seen !== undefined) {
      seen.frames++;
      return;
    }
    this.byKey.set(key, { layer: first.layer, kind: first.kind, frame: raw.number, fileOffset: raw.fileOffset + first.offset, message: first.message, frames: 1 });
  }

  diagnostics(): Diagnostic[] {
    return [...this.byKey.values()].map((s) => ({
      id: s.layer === 'frame' ? `frame.${s.kind}` : `frame.${s.layer.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.${s.kind}`,
      severity: severityOf(s),
      message: `${LAYER_WORDS[s.layer] ?? s.layer} ${KIND_WORDS[s.kind]} in ${s.frames === 1 ? '1 frame' : `${s.frames} frames`}: ${s.message}`,
      frame: s.frame,
      fileOffset: s.fileOffset,
    }));
  }
}

const LAYER_WORDS: Record<string, string> = { frame: 'Frame', link: 'Link layer' };
const KIND_WORDS: Record<ProblemKind, string> = { truncated: 'cut short', malformed: 'malformed', unsupported: 'not decoded' };

/** A snap length that cut frames is how the capture was made, not damage; everything else is worth a look. */
function severityOf(s: Seen): Severity {
  return s.layer === 'frame' && s.kind === 'truncated' ? 'info' : 'warning';
}
