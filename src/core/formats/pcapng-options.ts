// pcapng options (draft-ietf-opsawg-pcapng section 3.5): code(2) | length(2) | value padded to 32 bits,
// ended by opt_endofopt (0) or by the end of the block body.

import { decodeUtf8 } from '../base/text.ts';

export const OPT_ENDOFOPT = 0;
export const OPT_COMMENT = 1;

/** Calls `each(code, valueOffset, valueLength)` for each option in [off, end); false when the list is damaged. */
export function forEachOption(
  dv: DataView,
  off: number,
  end: number,
  le: boolean,
  each: (code: number, at: number, len: number) => void,
): boolean {
  while (off + 4 <= end) {
    const code = dv.getUint16(off, le);
    const len = dv.getUint16(off + 2, le);
    if (code === OPT_ENDOFOPT) return true;
    if (off + 4 + len > end) return false;
    each(code, off + 4, len);
    off += 4 + ((len + 3) & ~3);
  }
  return off === end || off + 4 > end;
}

export function optionString(b: Uint8Array, at: number, len: number): string {
  // strings are UTF-8, not NUL-terminated; writers that add a NUL anyway are forgiven
  let end = at + len;
  while (end > at && b[end - 1] === 0) end--;
  return decodeUtf8(b, at, end);
}
