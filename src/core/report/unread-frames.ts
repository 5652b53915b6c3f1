// Why a capture with no RADIUS request may still hold some: frames whose link layer radscope does not decode
// (a link type it does not know: tcpdump's dsa.pcap, link type 284) are never read as RADIUS. The verdict
// line says so, in the page and the CLI, instead of a plain "no RADIUS request".

import type { Report } from './schema.ts';

/** The capture's problem saying frames were not decoded at the link layer (frame-problems.ts), or null. */
export function undecodedLinkProblem(report: Report): string | null {
  return report.capture.problems.find((p) => p.id.startsWith('frame.link.'))?.message ?? null;
}
