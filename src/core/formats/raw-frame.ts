// What a format reader hands to the rest of the core for each frame. One object is reused for every frame
// (no allocation per packet): `data` is a view that is valid only during the callback.

export interface RawFrame {
  /** 1-based frame number, as Wireshark counts. */
  number: number;
  /** The captured bytes (a view into the reader's chunk or carry buffer). */
  data: Uint8Array;
  /** Offset of `data[0]` in the (decompressed) capture stream. */
  fileOffset: number;
  capLen: number;
  origLen: number;
  /** False for a pcapng Simple Packet Block, which carries no time stamp. */
  hasTime: boolean;
  sec: number;
  nsec: number;
  /** Global interface index (pcapng: counted over all sections; pcap: 0); NO_INTERFACE for custom blocks. */
  interfaceId: number;
  /** LINKTYPE_* value of the interface. */
  linkType: number;
}

/** interfaceId of a record that belongs to no interface (a pcapng Custom Block). */
export const NO_INTERFACE = -1;
/** linkType of a record that is not a packet (a pcapng Custom Block); LINKTYPE values stop at 0xffff - 1. */
export const LINKTYPE_NONE = 0xffff;

export function newRawFrame(): RawFrame {
  return {
    number: 0,
    data: new Uint8Array(0),
    fileOffset: 0,
    capLen: 0,
    origLen: 0,
    hasTime: false,
    sec: 0,
    nsec: 0,
    interfaceId: 0,
    linkType: 0,
  };
}

export interface InterfaceInfo {
  /** Global index, in order of appearance. */
  id: number;
  /** Section number (0-based) for pcapng; 0 for pcap. */
  section: number;
  linkType: number;
  snapLen: number;
  name?: string;
  description?: string;
  /** Time-stamp units (ticks) per second: 1e6, 1e9, 2^20... (pcapng if_tsresol; pcap: by its magic). */
  tsResol: number;
  tsOffset: number;
}

export interface CaptureComment {
  scope: 'section' | 'interface' | 'frame';
  /** Frame number for frame comments, interface id for interface comments, section index for section ones. */
  ref: number;
  text: string;
}

export interface NameRecord {
  address: string;
  names: string[];
}

export interface FormatSummary {
  format: 'pcap' | 'pcapng';
  /** 'little' | 'big', or 'mixed' when pcapng sections differ. */
  byteOrder: 'little' | 'big' | 'mixed';
  /** pcap: 'usec' | 'nsec'; pcapng: per interface (see interfaces). */
  tsResolution?: 'usec' | 'nsec';
  /** pcap: the modified (Kuznetzov) variant with 24-byte record headers. */
  variant?: 'modified';
  version?: string;
  snapLen?: number;
  sections: number;
  interfaces: InterfaceInfo[];
  comments: CaptureComment[];
  names: NameRecord[];
  /** pcapng Decryption Secrets Blocks, kept for later (TLS key logs). */
  secrets: { type: number; data: Uint8Array }[];
  /** Blocks skipped because radscope does not know them (pcapng type numbers with counts). */
  skippedBlocks: Record<string, number>;
}
