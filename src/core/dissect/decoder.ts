// The dissector chain for one frame, to the transport layer: link -> VLAN -> IPv4/IPv6 (+fragments, tunnels)
// -> UDP/TCP/ICMP. One PacketDecoder per capture: it owns the reused Packet and the reassembly state.

import type { RawFrame } from '../formats/raw-frame.ts';
import { LINKTYPE_NONE } from '../formats/raw-frame.ts';
import type { DecodeContext } from './decode-context.ts';
import type { LimitHits } from '../base/limits.ts';
import { FragmentReassembler, type FragmentLimits } from './ip-fragments.ts';
import { decodeLink } from './link.ts';
import { Packet, Proto } from './packet.ts';

export interface DecoderOptions {
  /** Where fragment reassembly notes the limits it hits. */
  hits?: LimitHits;
  /** Smaller fragment limits than base/limits.ts's (tests). */
  limits?: Partial<FragmentLimits>;
}

export class PacketDecoder implements DecodeContext {
  readonly fragments: FragmentReassembler;
  private readonly packet = new Packet();

  constructor(opts: DecoderOptions = {}) {
    this.fragments = new FragmentReassembler(opts.hits ?? null, opts.limits);
  }

  /** Decodes `frame` into the decoder's one Packet (valid until the next call). Never throws on bad bytes. */
  decode(frame: RawFrame): Packet {
    const p = this.packet;
    p.reset(frame.number, frame.linkType);
    p.data = frame.data;
    if (frame.linkType === LINKTYPE_NONE) {
      p.proto = Proto.RECORD;
      return p;
    }
    decodeLink(p, frame.data, frame.data.length, Math.max(frame.origLen, frame.data.length), this);
    if (frame.capLen < frame.origLen && p.problems.length === 0) {
      // snaplen cut: say so once, at the frame level, if no layer already did
      p.problem('truncated', 'frame', frame.capLen, `captured ${frame.capLen} of ${frame.origLen} bytes (snap length)`);
    }
    return p;
  }
}
