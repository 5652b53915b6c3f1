// Where radscope's RADIUS analysis deliberately differs from tshark 4.0 on the public corpus. Every entry has a
// reason; the RADIUS differential test (src/core/analysis/radius/radius.differential.test.ts) fails on any
// difference not listed here, and on any entry that no longer matches a difference.

export interface KnownRadiusDifference {
  /** Capture path relative to corpus/public. */
  file: string;
  /** tshark field compared ('radius.code', 'radius.reqframe', 'eap.type'...). */
  field: string;
  /** Frame numbers concerned. */
  frames: number[];
  reason: string;
}

export const KNOWN_RADIUS_DIFFERENCES: KnownRadiusDifference[] = [];
