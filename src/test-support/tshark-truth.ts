// Reading the tshark 4.0 ground truth of the public corpus (`<capture>.tshark.json`, see its MANIFEST).

export interface TruthFrame {
  'frame.number': number;
  'frame.time_epoch'?: string;
  'frame.len': number;
  'frame.cap_len': number;
  'frame.protocols'?: string;
  'frame.interface_id'?: number;
  'frame.encap_type'?: number;
  [field: string]: unknown;
}

export interface Truth {
  file: { format: string; byte_order?: string; ts_resolution?: string; pcap_header?: { linktype: number; snaplen: number } };
  summary: {
    packets: number;
    file_format: string;
    wtap_encap_types: number[];
    first_time: string | null;
    last_time: string | null;
    frames_without_time: number[];
    tshark_rc: number;
    tshark_stderr: string;
    /** Frames tshark marked malformed, and those with an error-level expert item. */
    malformed_frames?: number[];
    expert_error_frames?: number[];
  };
  capinfos: { rc: number; info: Record<string, string>; interfaces: Record<string, unknown>[] };
  frames: TruthFrame[];
}

/** A field tshark may print once or several times (then a list), as a list. */
export function all<T>(f: TruthFrame, name: string): T[] {
  const v = f[name];
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]) as T[];
}

export function first<T>(f: TruthFrame, name: string): T | undefined {
  return all<T>(f, name)[0];
}

const TRANSPORTS = new Set(['tcp', 'udp', 'icmp', 'icmpv6']);

/**
 * Which IP layer our one src/dst stands for: the last IP header before the first transport layer (the inner
 * header of a tunnel, the outer header of an ICMP error that quotes another). Returns the field prefix and
 * its index among that protocol's occurrences, or null when the frame has no IP.
 */
export function carrierIp(f: TruthFrame): { field: 'ip' | 'ipv6'; nth: number } | null {
  const layers = (f['frame.protocols'] ?? '').split(':');
  let chosen: { field: 'ip' | 'ipv6'; nth: number } | null = null;
  const seen = { ip: 0, ipv6: 0 };
  for (const l of layers) {
    if (l === 'ip' || l === 'ipv6') {
      chosen = { field: l, nth: seen[l]++ };
    } else if (TRANSPORTS.has(l)) {
      break;
    }
  }
  return chosen;
}

/** The first transport layer named in frame.protocols. */
export function firstTransport(f: TruthFrame): string | null {
  for (const l of (f['frame.protocols'] ?? '').split(':')) if (TRANSPORTS.has(l)) return l;
  return null;
}

/**
 * Wiretap encapsulation (WTAP_ENCAP_*, what tshark and capinfos name) to LINKTYPE_*, for the link types in
 * the corpus (wiretap/wtap.h; wiretap/pcap-common.c pcap_to_wtap_map). Checked against the classic-pcap
 * truth files, which carry both numbers.
 */
export const WTAP_TO_LINKTYPE: Record<number, number> = {
  1: 1, // ETHERNET
  7: 101, // RAW_IP
  15: 0, // NULL
  25: 113, // SLL
  58: 160, // USER13
  129: 228, // RAW_IP4
  130: 229, // RAW_IP6
  184: 2, // XEROX 3MB ETHERNET (LINKTYPE_EXP_ETHERNET)
  185: 271, // VSOCK
  198: 274, // ETHERNET_MPACKET
  210: 276, // SLL2
};
