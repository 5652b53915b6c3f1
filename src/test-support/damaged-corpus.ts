// The public captures tshark 4.0 could not read, or read with damage: exit code not 0, or frames marked
// malformed or with an error-level expert item (their `.tshark.json` summary). Every one must give a report
// or a clear error, in the CLI and in the browser (issue "Hardening").

import { HAVE_PUBLIC_CORPUS, publicCaptures, readTruth } from './corpus.ts';
import type { Truth } from './tshark-truth.ts';

export interface DamagedCapture {
  /** Path relative to the public corpus. */
  path: string;
  name: string;
  /** tshark's exit code and first stderr line. */
  tsharkRc: number;
  tsharkError: string;
  /** Frames tshark read (0 when it gave up). */
  packets: number;
  /** Damaged frames whose dissection tshark ended at the link or network layer (an IP header it could not
   * take, or data after the EtherType): damage in the headers radscope decodes itself, so it must say so. */
  headerDamage: number[];
}

/** Where tshark's protocol stack ends for a frame whose IP layer (or the layer below) is the damaged one. */
const NETWORK_END = /(^|:)(ip|ipv6|ipv6\.[a-z]+|data)$|^$/;

export function damagedPublicCaptures(): DamagedCapture[] {
  if (!HAVE_PUBLIC_CORPUS) return [];
  const out: DamagedCapture[] = [];
  for (const path of publicCaptures()) {
    const t = readTruth<Truth>(path);
    const s = t.summary;
    const bad = [...new Set([...(s.malformed_frames ?? []), ...(s.expert_error_frames ?? [])])].sort((a, b) => a - b);
    if (s.tshark_rc === 0 && bad.length === 0) continue;
    const protocols = new Map(t.frames.map((f) => [f['frame.number'], f['frame.protocols'] ?? '']));
    out.push({
      path,
      name: path.slice(path.lastIndexOf('/') + 1),
      tsharkRc: s.tshark_rc,
      tsharkError: s.tshark_stderr.split('\n')[0] ?? '',
      packets: s.packets,
      headerDamage: bad.filter((n) => NETWORK_END.test(protocols.get(n) ?? '')),
    });
  }
  return out;
}
