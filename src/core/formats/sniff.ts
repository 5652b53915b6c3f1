// Format detection by magic bytes, never by file name. Anything we cannot read gets a message that names
// what the file looks like and how to turn it into something we can read.

import { toHex } from '../base/text.ts';
import { PCAP_MAGIC_MODIFIED, PCAP_MAGIC_NSEC, PCAP_MAGIC_USEC } from './pcap.ts';
import { BT_SHB } from './pcapng.ts';

export type Sniffed =
  | { kind: 'pcap' }
  | { kind: 'pcapng' }
  | { kind: 'gzip' }
  | { kind: 'unreadable'; detected: string; message: string };

/** Bytes `sniff` wants to see (fewer is fine for a short file). */
export const SNIFF_BYTES = 128;

const WE_READ = 'radscope reads pcap and pcapng captures (optionally gzip-compressed).';

export function sniff(head: Uint8Array): Sniffed {
  const n = head.length;
  const dv = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (n >= 4) {
    const be = dv.getUint32(0, false);
    const le = dv.getUint32(0, true);
    for (const m of [PCAP_MAGIC_USEC, PCAP_MAGIC_NSEC, PCAP_MAGIC_MODIFIED]) if (be === m || le === m) return { kind: 'pcap' };
    if (be === BT_SHB) return { kind: 'pcapng' };
  }
  if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return { kind: 'gzip' };
  const ascii = (s: string) => n >= s.length && [...s].every((c, i) => head[i] === c.charCodeAt(0));
  if (ascii('GMBU')) {
    return {
      kind: 'unreadable',
      detected: 'netmon',
      message: `This is a Microsoft Network Monitor capture (.cap, magic "GMBU"). ${WE_READ} Open it in Wireshark and save it as pcapng (File > Save As), or run: editcap -F pcapng capture.cap capture.pcapng`,
    };
  }
  if (ascii('RTSS')) {
    return {
      kind: 'unreadable',
      detected: 'netmon1',
      message: `This is a Network Monitor 1.x capture (magic "RTSS"). ${WE_READ} Convert it with: editcap -F pcapng capture.cap capture.pcapng`,
    };
  }
  // ETL (Event Trace Log) from `netsh trace` or `pktmon`
  if (isEtl(head)) {
    return {
      kind: 'unreadable',
      detected: 'etl',
      message: `This looks like a Windows ETL trace (netsh trace / pktmon). ${WE_READ} Convert it on Windows with: pktmon etl2pcap capture.etl --out capture.pcapng (Windows 10 2004 or later), or with Microsoft's etl2pcapng tool: etl2pcapng.exe capture.etl capture.pcapng`,
    };
  }
  if (ascii('snoop\0\0\0')) {
    return { kind: 'unreadable', detected: 'snoop', message: `This is a Solaris snoop capture. ${WE_READ} Convert it with: editcap -F pcapng capture.snoop capture.pcapng` };
  }
  if (n === 0) return { kind: 'unreadable', detected: 'empty', message: `The file is empty. ${WE_READ}` };
  const shown = toHex(head, 0, Math.min(n, 8)).replace(/(..)/g, '$1 ').trim();
  return {
    kind: 'unreadable',
    detected: 'unknown',
    message: `This is not a capture radscope can read: it starts with the bytes ${shown}, which match no capture format radscope knows. ${WE_READ}`,
  };
}

/**
 * ETL files are a sequence of trace buffers. Each starts with a 72-byte WMI_BUFFER_HEADER whose first dword
 * is the buffer size (a power of two, 4 KiB to 16 MiB in practice); the first event of the first buffer is the
 * logfile header, a SYSTEM_TRACE_HEADER whose marker has the flags byte 0xC0 (TRACE_HEADER_FLAG |
 * TRACE_HEADER_EVENT_TRACE), a header type of 1 or 2 (SYSTEM32/SYSTEM64) and hook id 0 (EVENT_TRACE_GROUP_HEADER,
 * type INFO). Layout from Geoff Chappell's ETW studies (ntoskrnl/api/etw).
 */
function isEtl(h: Uint8Array): boolean {
  if (h.length < 0x50) return false;
  const dv = new DataView(h.buffer, h.byteOffset, h.byteLength);
  const bufferSize = dv.getUint32(0, true);
  const plausibleSize = bufferSize >= 1024 && bufferSize <= 16 << 20 && (bufferSize & (bufferSize - 1)) === 0;
  return plausibleSize && h[0x4b] === 0xc0 && (h[0x4a] === 1 || h[0x4a] === 2) && dv.getUint16(0x4c, true) === 0;
}
