// State a decoder keeps across frames (fragment reassembly) and the reporting it needs, passed down the chain.

import type { FragmentReassembler } from './ip-fragments.ts';

export interface DecodeContext {
  readonly fragments: FragmentReassembler;
  /** Leave fragments as they are (Wireshark's ip.defragment off). */
  readonly noDefragment?: boolean;
}
