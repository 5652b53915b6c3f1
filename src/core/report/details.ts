// The packet details of one frame as Wireshark's tree (buildDetails), and its hex dump (hexDump). One frame
// at a time, on demand (the detail pane re-reads the frame's bytes from the file), so the layers are decoded
// here again with every field's place, rather than kept from the pass. Never throws: a cut or broken layer
// becomes a "[Truncated: ...]" or "[Malformed: ...]" node and decoding stops there.

import { formatEpoch } from '../base/time.ts';
import { decodeLinkDetails } from './details-link.ts';
import {
  dataNode, generated, malformedNode, node, wiresharkDate,
  type DetailContext, type DetailFrame, type DetailNode, type DetailState, type DetailTime,
} from './details-node.ts';

export { wiresharkDate };
export type { DetailApp, DetailContext, DetailExchangeContext, DetailFrame, DetailNode, DetailTcpContext, DetailTime } from './details-node.ts';
export { detailRangeProblems, flattenDetails } from './details-check.ts';
export { detailContextFromVisit, type DetailTimes } from './details-context.ts';

// Wireshark's encapsulation (WTAP_ENCAP_*) for the LINKTYPE_* values radscope decodes (wiretap/pcap-common.c)
const ENCAPSULATIONS: Record<number, [number, string]> = {
  0: [15, 'NULL/Loopback'],
  1: [1, 'Ethernet'],
  12: [7, 'Raw IP'],
  14: [7, 'Raw IP'],
  101: [7, 'Raw IP'],
  108: [174, 'OpenBSD loopback'],
  113: [25, 'Linux cooked-mode capture v1'],
  228: [129, 'Raw IPv4'],
  229: [130, 'Raw IPv6'],
  276: [210, 'Linux cooked-mode capture v2'],
};

/** Bytes a decoder may read past the captured end before its bounds check drops the field. */
const READ_SLACK = 64;

/** The details tree of one frame: Frame, then one node per layer, outermost first. */
export function buildDetails(frame: DetailFrame, context: DetailContext = {}): DetailNode[] {
  const end = Math.max(0, Math.min(frame.data.length, frame.capLen));
  // fixed headers are read whole and their fields dropped when not captured (keepCaptured): past the
  // captured bytes they read zeros, never the caller's buffer beyond capLen
  const b = new Uint8Array(end + READ_SLACK);
  b.set(frame.data.subarray(0, end));
  const st: DetailState = { b, end, ctx: context, protocols: [], inner: false, netEnd: -1, ipLayers: 0, cut: end < frame.origLen };
  const layers: DetailNode[] = [];
  try {
    decodeLinkDetails(st, layers, frame.linkType);
    // bytes after the network-layer datagram on an Ethernet: padding to the 60-byte minimum, or a trailer
    if (st.netEnd >= 0 && st.netEnd < end && st.protocols[0] === 'eth') {
      let zero = true;
      for (let i = st.netEnd; i < end; i++) if (st.b[i] !== 0) zero = false;
      const n = end - st.netEnd;
      layers.push(dataNode(st.b, st.netEnd, n, zero ? `Padding (${n} bytes)` : `Trailer (${n} bytes)`, zero ? 'eth.padding' : 'eth.trailer'));
    }
  } catch (e) {
    // a bug in a decoder must not take the pane down: say so where the user looks
    layers.push(malformedNode(`decoder error: ${e instanceof Error ? e.message : String(e)}`, 0, 0));
  }
  return [frameNode(frame, end, context, st.protocols), ...layers];
}

function frameNode(f: DetailFrame, end: number, ctx: DetailContext, protocols: string[]): DetailNode {
  const bytes = (n: number) => `${n} byte${n === 1 ? '' : 's'} (${n * 8} bits)`;
  const onIf = ctx.interfaceName !== undefined ? ` on interface ${ctx.interfaceName}, id ${f.interfaceId}` : '';
  const c: DetailNode[] = [];
  if (ctx.interfaceName !== undefined) c.push(node(`Interface id: ${f.interfaceId} (${ctx.interfaceName})`, 0, 0, 'frame.interface_id'));
  const encap = ENCAPSULATIONS[f.linkType];
  c.push(node(encap ? `Encapsulation type: ${encap[1]} (${encap[0]})` : `Encapsulation type: Unknown (LINKTYPE ${f.linkType})`, 0, 0, 'frame.encap_type'));
  if (f.hasTime) {
    c.push(node(`Arrival Time: ${wiresharkDate(f.sec, f.nsec)}`, 0, 0, 'frame.time'));
    c.push(node(`Epoch Time: ${formatEpoch(f.sec, f.nsec)} seconds`, 0, 0, 'frame.time_epoch'));
    if (ctx.previousTime !== undefined) {
      const prev = ctx.previousTime ?? f;
      c.push(generated(`Time delta from previous captured frame: ${timeDelta(prev, f)} seconds`, 0, 'frame.time_delta'));
    }
    if (ctx.firstTime) c.push(generated(`Time since reference or first frame: ${timeDelta(ctx.firstTime, f)} seconds`, 0, 'frame.time_relative'));
  } else {
    c.push(generated('Arrival Time: not recorded (the block carries no time stamp)', 0, 'frame.time'));
  }
  c.push(node(`Frame Number: ${f.number}`, 0, 0, 'frame.number'));
  c.push(node(`Frame Length: ${bytes(f.origLen)}`, 0, 0, 'frame.len'));
  c.push(node(`Capture Length: ${bytes(f.capLen)}`, 0, 0, 'frame.cap_len'));
  if (f.data.length < f.capLen) c.push(node(`[Truncated: ${f.data.length} of the ${f.capLen} captured bytes were read]`, 0, 0, '_ws.short'));
  c.push(generated(`Protocols in frame: ${protocols.join(':')}`, 0, 'frame.protocols'));
  const size = (n: number, what: string) => `${n} byte${n === 1 ? '' : 's'} ${what} (${n * 8} bits)`;
  return node(`Frame ${f.number}: ${size(f.origLen, 'on wire')}, ${size(f.capLen, 'captured')}${onIf}`, 0, end, 'frame', c);
}

/** b - a as Wireshark prints relative times: exact, 9 decimals. */
function timeDelta(a: DetailTime, b: DetailTime): string {
  if (![a.sec, a.nsec, b.sec, b.nsec].every(Number.isFinite)) return '0.000000000';
  const ns = (BigInt(Math.trunc(b.sec)) - BigInt(Math.trunc(a.sec))) * 1_000_000_000n + BigInt(Math.trunc(b.nsec) - Math.trunc(a.nsec));
  const abs = ns < 0n ? -ns : ns;
  return `${ns < 0n ? '-' : ''}${abs / 1_000_000_000n}.${(abs % 1_000_000_000n).toString().padStart(9, '0')}`;
}

/** Lines of 16 bytes as tshark -x prints them: "0000  45 00 00 3c ...   E..<....". */
export function hexDump(data: Uint8Array): string[] {
  const lines: string[] = [];
  for (let o = 0; o < data.length; o += 16) {
    let hexPart = '';
    let text = '';
    for (let i = o; i < Math.min(o + 16, data.length); i++) {
      const c = data[i]!;
      hexPart += (i > o ? ' ' : '') + c.toString(16).padStart(2, '0');
      text += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
    }
    lines.push(`${o.toString(16).padStart(4, '0')}  ${hexPart.padEnd(47)}   ${text}`);
  }
  return lines;
}
