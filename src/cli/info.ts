// `radscope info FILE [--json]`: what the file is, as capinfos would say it, plus what is wrong with it.

import { forDisplay, formatIso, type Diagnostic, type ScanResult } from '../core/index.ts';

export interface InfoJson {
  format: 'pcap' | 'pcapng';
  byteOrder: string;
  variant: string | null;
  tsResolution: string | null;
  compressed: boolean;
  sections: number;
  linkTypes: number[];
  interfaces: { id: number; linkType: number; snapLen: number; name: string | null; description: string | null; tsResol: number; tsOffset: number }[];
  frames: number;
  firstTime: string | null;
  lastTime: string | null;
  duration: number | null;
  bytes: number;
  dataBytes: number;
  comments: number;
  findings: Diagnostic[];
}

export function buildInfo(r: ScanResult): InfoJson {
  const s = r.summary;
  const linkTypes = [...new Set(s.interfaces.map((i) => i.linkType))];
  return {
    format: s.format,
    byteOrder: s.byteOrder,
    variant: s.variant ?? null,
    tsResolution: s.tsResolution ?? null,
    compressed: r.compressed,
    sections: s.sections,
    linkTypes,
    interfaces: s.interfaces.map((i) => ({
      id: i.id,
      linkType: i.linkType,
      snapLen: i.snapLen,
      name: i.name ?? null,
      description: i.description ?? null,
      tsResol: i.tsResol,
      tsOffset: i.tsOffset,
    })),
    frames: r.frames,
    firstTime: r.firstTime ? formatIso(r.firstTime.sec, r.firstTime.nsec) : null,
    lastTime: r.lastTime ? formatIso(r.lastTime.sec, r.lastTime.nsec) : null,
    duration: r.firstTime && r.lastTime ? r.lastTime.sec - r.firstTime.sec + (r.lastTime.nsec - r.firstTime.nsec) / 1e9 : null,
    bytes: r.bytes,
    dataBytes: r.dataBytes,
    comments: s.comments.length,
    findings: r.diagnostics,
  };
}

export function infoText(info: InfoJson, name: string): string {
  const i = forDisplay(info); // interface names and problem messages quote the capture: escapes for the terminal
  const lines = [
    `File:          ${name}`,
    `Format:        ${i.format}${i.variant ? ` (${i.variant})` : ''}, ${i.byteOrder}-endian${i.tsResolution ? `, ${i.tsResolution} time stamps` : ''}${i.compressed ? ', gzip-compressed' : ''}`,
    `Link types:    ${i.linkTypes.join(', ') || '(none)'}`,
    `Interfaces:    ${i.interfaces.length}${i.interfaces.some((x) => x.name) ? ` (${i.interfaces.map((x) => x.name ?? '?').join(', ')})` : ''}`,
    `Frames:        ${i.frames}`,
    `First frame:   ${i.firstTime ?? '-'}`,
    `Last frame:    ${i.lastTime ?? '-'}`,
    `Duration:      ${i.duration === null ? '-' : `${i.duration.toFixed(6)} s`}`,
    `Bytes:         ${i.bytes} (${i.dataBytes} of packet data)`,
    `Comments:      ${i.comments}`,
  ];
  if (i.findings.length === 0) lines.push('Findings:      none');
  else {
    lines.push(`Findings:      ${i.findings.length}`);
    for (const f of i.findings) lines.push(`  [${f.severity}] ${f.message}`);
  }
  return lines.join('\n');
}
