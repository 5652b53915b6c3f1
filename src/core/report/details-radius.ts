// Details of a RADIUS packet (RFC 2865 section 3): header, the links the pass made (response frame, time,
// duplicates), and every attribute with its dictionary name and value (src/core/dissect/radius.ts and its
// dictionaries). Hidden values (User-Password, Tunnel-Password, MS-MPPE keys) show as "(encrypted)": the
// details never decrypt, whatever secrets the pass was given.

import { u32 } from '../base/bytes.ts';
import { toHex } from '../base/text.ts';
import { VENDOR_NAMES } from '../dissect/radius-dictionary-microsoft.ts';
import { ATTR_EAP_MESSAGE, ATTR_VENDOR_SPECIFIC } from '../dissect/radius-dictionary.ts';
import { decodeRadius, RADIUS_HEADER_LENGTH, type RadiusAttribute, type RadiusPacket } from '../dissect/radius.ts';
import { dataNode, generated, hex, malformedNode, node, secondsFixed, truncatedNode, type DetailNode, type DetailState } from './details-node.ts';

/** Wireshark's field name for an attribute: "radius.User_Name". */
function fieldOf(name: string): string {
  return 'radius.' + name.replace(/[^A-Za-z0-9]+/g, '_');
}

/** The value as the attribute's own line shows it: text, "Virtual (5)", hex without 0x, "(encrypted)". */
function valueText(a: RadiusAttribute): string {
  if (a.kind === 'encrypted') return '(encrypted)';
  if (a.display.startsWith('0x') && typeof a.value === 'string' && /^[0-9a-f]*$/.test(a.value)) return a.display.slice(2);
  return a.display;
}

/** The value in an AVP summary line: "Virtual(5)", "Encrypted". */
function summaryValue(a: RadiusAttribute): string {
  if (a.kind === 'encrypted') return 'Encrypted';
  return valueText(a).replace(/ \((\d+)\)$/, '($1)');
}

export function decodeRadiusDetails(st: DetailState, out: DetailNode[], off: number, end: number, wireLen: number): void {
  const b = st.b;
  const p = decodeRadius(b, off, end - off, wireLen);
  if (p === null) {
    st.protocols.push('data');
    return void out.push(dataNode(b, off, end - off));
  }
  st.protocols.push('radius');
  const have = p.bytes.length;
  const c: DetailNode[] = [
    node(`Code: ${p.codeName} (${p.code})`, off, 1, 'radius.code'),
    node(`Packet identifier: ${hex(p.id, 2)} (${p.id})`, off + 1, 1, 'radius.id'),
    node(`Length: ${p.length}`, off + 2, 2, 'radius.length'),
  ];
  const radius = node('RADIUS Protocol', off, have, 'radius', c);
  out.push(radius);
  if (have < RADIUS_HEADER_LENGTH) {
    if (have >= 4) c.push(truncatedNode('RADIUS authenticator', off + 4, have - 4, 16));
    else c.splice(0, c.length, truncatedNode('RADIUS header', off, have, RADIUS_HEADER_LENGTH));
    return;
  }
  c.push(node(`Authenticator: ${toHex(p.authenticator)}`, off + 4, 16, 'radius.authenticator'));
  const x = st.ctx.radius;
  if (x?.responseIn) c.push(generated(`The response to this request is in frame ${x.responseIn}`, off, 'radius.rspframe'));
  if (x?.requestIn) c.push(generated(`This is a response to a request in frame ${x.requestIn}`, off, 'radius.reqframe'));
  if (x?.time !== undefined) c.push(generated(`Time from request: ${secondsFixed(x.time)} seconds`, off, 'radius.time'));
  if (x?.duplicateOf) c.push(generated(`Duplicate Request Frame Number: ${x.duplicateOf}`, off, 'radius.req.dup'));
  if (p.lengthInvalid) c.push(malformedNode(p.problems[0]?.message ?? 'Length is more than the UDP payload', off + 2, 2));
  if (have > RADIUS_HEADER_LENGTH) c.push(node('Attribute Value Pairs', off + RADIUS_HEADER_LENGTH, have - RADIUS_HEADER_LENGTH, undefined, attributes(p, off)));
}

/** One node per attribute on the wire (a Vendor-Specific one holds its sub-attributes), then a structural problem. */
function attributes(p: RadiusPacket, off: number): DetailNode[] {
  const b = p.bytes;
  const items: DetailNode[] = [];
  let k = 0; // next decoded attribute
  let o = RADIUS_HEADER_LENGTH;
  let eapSegment = 0;
  while (o + 2 <= b.length) {
    const type = b[o]!;
    const alen = b[o + 1]!;
    if (alen < 2 || o + alen > b.length) break;
    const head = [node(`Type: ${type}`, off + o, 1, 'radius.avp.type'), node(`Length: ${alen}`, off + o + 1, 1, 'radius.avp.length')];
    if (type === ATTR_VENDOR_SPECIFIC && alen >= 6) {
      const vendor = u32(b, o + 2);
      const vname = VENDOR_NAMES.get(vendor) ?? 'Unknown';
      head.push(node(`Vendor ID: ${vname} (${vendor})`, off + o + 2, 4, 'radius.vendor_id'));
      while (k < p.attributes.length && p.attributes[k]!.offset < o + alen && p.attributes[k]!.type === ATTR_VENDOR_SPECIFIC) {
        const a = p.attributes[k++]!;
        if (a.vendorType < 0) {
          if (a.valueLen > 0) head.push(node(`Value: ${toHex(b, a.valueAt, a.valueAt + a.valueLen)}`, off + a.valueAt, a.valueLen, 'radius.vsa.value'));
        } else {
          head.push(vsaNode(a, off));
        }
      }
      items.push(node(`AVP: t=Vendor-Specific(26) l=${alen} vnd=${vname}(${vendor})`, off + o, alen, 'radius.avp', head));
    } else {
      const a = p.attributes[k];
      if (a === undefined || a.offset !== o) break; // decodeRadius stopped here (see its problems below)
      k++;
      let summary = `val=${summaryValue(a)}`;
      if (type === ATTR_EAP_MESSAGE) {
        eapSegment++;
        const next = o + alen < b.length ? b[o + alen] : -1;
        summary = next === ATTR_EAP_MESSAGE ? `Segment[${eapSegment}]` : `Last Segment[${eapSegment}]`;
      }
      head.push(...valueNodes(a, off));
      if (type === ATTR_EAP_MESSAGE && p.eap !== null && summary.startsWith('Last') && eapSegment === p.eap.segments) {
        const e = p.eap;
        const what = [e.codeName, e.typeName, e.identity !== null ? `Identity: ${e.identity}` : null].filter((s) => s !== null).join(', ');
        head.push(generated(`Extensible Authentication Protocol (${e.octets} bytes in ${e.segments} segment${e.segments === 1 ? '' : 's'}): ${what}`, off + o, 'eap'));
      }
      items.push(node(`AVP: t=${a.name}(${type}) l=${alen} ${summary}`, off + o, alen, 'radius.avp', head));
    }
    o += alen;
  }
  // decodeRadius stopped at a broken or cut attribute: say so where it is, over what is left
  const stop = p.problems.find((x) => x.offset >= RADIUS_HEADER_LENGTH && !p.lengthInvalid);
  if (stop !== undefined && stop.offset < b.length) {
    const n = b.length - stop.offset;
    items.push(stop.kind === 'truncated' ? node(`[Truncated: ${stop.message}]`, off + stop.offset, n, '_ws.short') : malformedNode(stop.message, off + stop.offset, n));
  }
  return items;
}

function valueNodes(a: RadiusAttribute, off: number): DetailNode[] {
  const c: DetailNode[] = [];
  if (a.tag !== null) c.push(node(`Tag: ${hex(a.tag, 2)}`, off + a.valueAt - 1, 1, 'radius.avp.tag'));
  const f = fieldOf(a.name) + (a.kind === 'encrypted' ? '_encrypted' : '');
  c.push(node(`${a.name}: ${valueText(a)}`, off + a.valueAt, a.valueLen, f));
  if (a.problem !== null) c.push(malformedNode(`${a.name}: ${a.problem}`, off + a.valueAt, a.valueLen));
  return c;
}

function vsaNode(a: RadiusAttribute, off: number): DetailNode {
  const c = [node(`Type: ${a.vendorType}`, off + a.offset, 1, 'radius.vsa.type'), node(`Length: ${a.length}`, off + a.offset + 1, 1, 'radius.vsa.len'), ...valueNodes(a, off)];
  return node(`VSA: t=${a.name}(${a.vendorType}) l=${a.length} val=${summaryValue(a)}`, off + a.offset, a.length, 'radius.vsa', c);
}
