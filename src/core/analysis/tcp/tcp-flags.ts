// Wireshark's tcp.analysis.* flags as bits of one number (several can hold at once: protocol-facts.md 1.2),
// with the names tshark prints and the expert severities of packet-tcp.c.

export const TcpFlag = {
  RETRANSMISSION: 1 << 0,
  FAST_RETRANSMISSION: 1 << 1,
  SPURIOUS_RETRANSMISSION: 1 << 2,
  OUT_OF_ORDER: 1 << 3,
  LOST_SEGMENT: 1 << 4,
  ACK_LOST_SEGMENT: 1 << 5,
  DUPLICATE_ACK: 1 << 6,
  ZERO_WINDOW: 1 << 7,
  ZERO_WINDOW_PROBE: 1 << 8,
  ZERO_WINDOW_PROBE_ACK: 1 << 9,
  KEEP_ALIVE: 1 << 10,
  KEEP_ALIVE_ACK: 1 << 11,
  WINDOW_UPDATE: 1 << 12,
  WINDOW_FULL: 1 << 13,
  REUSED_PORTS: 1 << 14,
} as const;

/** tshark's names (tcp.analysis.<name>), in the order packet-tcp.c adds them to the tree. */
export const TCP_FLAG_NAMES: [number, string][] = [
  [TcpFlag.RETRANSMISSION, 'retransmission'],
  [TcpFlag.FAST_RETRANSMISSION, 'fast_retransmission'],
  [TcpFlag.SPURIOUS_RETRANSMISSION, 'spurious_retransmission'],
  [TcpFlag.OUT_OF_ORDER, 'out_of_order'],
  [TcpFlag.LOST_SEGMENT, 'lost_segment'],
  [TcpFlag.ACK_LOST_SEGMENT, 'ack_lost_segment'],
  [TcpFlag.WINDOW_UPDATE, 'window_update'],
  [TcpFlag.WINDOW_FULL, 'window_full'],
  [TcpFlag.KEEP_ALIVE, 'keep_alive'],
  [TcpFlag.KEEP_ALIVE_ACK, 'keep_alive_ack'],
  [TcpFlag.DUPLICATE_ACK, 'duplicate_ack'],
  [TcpFlag.ZERO_WINDOW, 'zero_window'],
  [TcpFlag.ZERO_WINDOW_PROBE, 'zero_window_probe'],
  [TcpFlag.ZERO_WINDOW_PROBE_ACK, 'zero_window_probe_ack'],
  [TcpFlag.REUSED_PORTS, 'reused_ports'],
];

/**
 * The tcp.analysis fields a frame carries. A fast or spurious retransmission is also a retransmission there
 * (packet-tcp.c adds tcp.analysis.retransmission for both), so the name list says so too.
 */
export function tcpFlagNames(bits: number): string[] {
  if (bits & (TcpFlag.FAST_RETRANSMISSION | TcpFlag.SPURIOUS_RETRANSMISSION)) bits |= TcpFlag.RETRANSMISSION;
  const out: string[] = [];
  for (const [bit, name] of TCP_FLAG_NAMES) if (bits & bit) out.push(name);
  return out;
}

/**
 * Wireshark's "Bad TCP" colouring rule: tcp.analysis.flags && !window_update && !keep_alive && !keep_alive_ack
 * (colorfilters, current defaults; protocol-facts.md 2.1).
 */
export function isBadTcp(bits: number): boolean {
  return bits !== 0 && (bits & (TcpFlag.WINDOW_UPDATE | TcpFlag.KEEP_ALIVE | TcpFlag.KEEP_ALIVE_ACK)) === 0;
}

/** Wireshark's Info-column text for the most telling flag, e.g. "[TCP Retransmission]". */
export function tcpFlagsInfo(bits: number): string {
  if (bits & TcpFlag.SPURIOUS_RETRANSMISSION) return '[TCP Spurious Retransmission]';
  if (bits & TcpFlag.FAST_RETRANSMISSION) return '[TCP Fast Retransmission]';
  if (bits & TcpFlag.OUT_OF_ORDER) return '[TCP Out-Of-Order]';
  if (bits & TcpFlag.RETRANSMISSION) return '[TCP Retransmission]';
  if (bits & TcpFlag.LOST_SEGMENT) return '[TCP Previous segment not captured]';
  if (bits & TcpFlag.ACK_LOST_SEGMENT) return '[TCP ACKed unseen segment]';
  if (bits & TcpFlag.KEEP_ALIVE_ACK) return '[TCP Keep-Alive ACK]';
  if (bits & TcpFlag.KEEP_ALIVE) return '[TCP Keep-Alive]';
  if (bits & TcpFlag.ZERO_WINDOW_PROBE_ACK) return '[TCP ZeroWindowProbeAck]';
  if (bits & TcpFlag.ZERO_WINDOW_PROBE) return '[TCP ZeroWindowProbe]';
  if (bits & TcpFlag.ZERO_WINDOW) return '[TCP ZeroWindow]';
  if (bits & TcpFlag.DUPLICATE_ACK) return '[TCP Dup ACK]';
  if (bits & TcpFlag.WINDOW_FULL) return '[TCP Window Full]';
  if (bits & TcpFlag.WINDOW_UPDATE) return '[TCP Window Update]';
  if (bits & TcpFlag.REUSED_PORTS) return '[TCP Port numbers reused]';
  return '';
}
