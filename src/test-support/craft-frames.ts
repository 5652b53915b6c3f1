// Frames built byte by byte for tests that need many or odd packets (the limits tests): Ethernet II + IPv4
// (RFC 791 section 3.1, checksum left 0 as offloaded captures have it) + UDP (RFC 768) or TCP (RFC 9293
// section 3.1), and a classic pcap file around them (draft-ietf-opsawg-pcap: microseconds, little-endian,
// LINKTYPE_ETHERNET). Independent of the readers and dissectors under test.

const ETH = [0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0x66, 0x77, 0x88, 0x99, 0xaa, 0x08, 0x00];

export const SYN = 0x02;
export const ACK = 0x10;
export const FIN = 0x01;
export const PSH = 0x08;

const be16 = (v: number): number[] => [(v >>> 8) & 0xff, v & 0xff];
const be32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

export interface Ip {
  src: number;
  dst: number;
  proto: number;
  /** IP identification (fragments of one datagram share it). */
  id?: number;
  /** Fragment offset in octets (a multiple of 8) and More Fragments. */
  fragAt?: number;
  more?: boolean;
}

/** An Ethernet frame carrying one IPv4 packet (or fragment) with `payload`. */
export function ipv4Frame(ip: Ip, payload: number[]): number[] {
  const flags = (ip.more ? 0x2000 : 0) | ((ip.fragAt ?? 0) >>> 3);
  return [...ETH, 0x45, 0, ...be16(20 + payload.length), ...be16(ip.id ?? 0), ...be16(flags), 64, ip.proto, 0, 0, ...be32(ip.src), ...be32(ip.dst), ...payload];
}

/** A UDP header and payload (checksum 0: none). */
export function udp(sport: number, dport: number, payload: number[]): number[] {
  return [...be16(sport), ...be16(dport), ...be16(8 + payload.length), 0, 0, ...payload];
}

export function udpFrame(src: number, dst: number, sport: number, dport: number, payload: number[]): number[] {
  return ipv4Frame({ src, dst, proto: 17 }, udp(sport, dport, payload));
}

export interface Seg {
  src: number;
  dst: number;
  sport: number;
  dport: number;
  seq: number;
  ack?: number;
  flags: number;
  payload?: number[];
}

export function tcpFrame(s: Seg): number[] {
  const tcp = [...be16(s.sport), ...be16(s.dport), ...be32(s.seq >>> 0), ...be32((s.ack ?? 0) >>> 0), 0x50, s.flags, ...be16(65535), 0, 0, 0, 0, ...(s.payload ?? [])];
  return ipv4Frame({ src: s.src, dst: s.dst, proto: 6 }, tcp);
}

/** A pcap file of `frames`, frame i at 1000 + i seconds. */
export function pcapFile(frames: number[][]): Uint8Array {
  const le32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
  const out: number[] = [...le32(0xa1b2c3d4), 2, 0, 4, 0, ...le32(0), ...le32(0), ...le32(262144), ...le32(1)];
  frames.forEach((f, i) => {
    out.push(...le32(1000 + i), ...le32(0), ...le32(f.length), ...le32(f.length));
    for (const b of f) out.push(b);
  });
  return Uint8Array.from(out);
}

/** File offset of frame n (1-based) in pcapFile(frames): the record header's end, where its bytes start. */
export function frameOffset(frames: number[][], n: number): number {
  let o = 24;
  for (let i = 0; i < n - 1; i++) o += 16 + frames[i]!.length;
  return o + 16;
}

export const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

/** 10.0.0.x */
export const ip = (x: number): number => (0x0a000000 | x) >>> 0;
