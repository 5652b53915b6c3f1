// How a RADIUS frame shows in the packet list: the `radius` object of `radscope packets --json`, and the Info
// column text as Wireshark 4.0 writes it (packet-radius.c dissect_radius: "%s id=%d", then ", Duplicate
// Request" / ", Duplicate Response", and " [incorrect authenticator]" when a secret was given and failed).

import type { RadiusFrameInfo, RadiusRecord } from './radius-types.ts';

export function radiusRecord(info: RadiusFrameInfo): RadiusRecord {
  return { code: info.code, id: info.id, reqFrame: info.reqFrame, rspFrame: info.rspFrame, dup: info.dup, time: info.time };
}

export function radiusInfoText(info: RadiusFrameInfo): string {
  let s = `${info.codeName} id=${info.id}`;
  if (info.dup !== null) s += ', Duplicate Request';
  if (info.rspDup !== null) s += ', Duplicate Response';
  const s2 = info.secrets;
  if (s2 !== null && s2.secretIndex === -1 && s2.checks.some((c) => c.kind.endsWith('-authenticator'))) s += ' [incorrect authenticator]';
  return s;
}
