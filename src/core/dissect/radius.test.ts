// Unit tests of the RADIUS decoder with byte arrays that name where they came from: RFC 2865 section 7.1
// (protocol-facts.md section 3.5) and tcpdump's test captures (expected values from their .out files).

import { describe, expect, test } from 'vitest';
import { decodeRadius, isRadius, looksLikeRadius, RADIUS_MAX_ATTRIBUTES, type RadiusPacket } from './radius.ts';

function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

// RFC 2865 section 7.1: Access-Request from NAS 192.168.1.16 port 3, user nemo, secret xyzzy5461
const RFC2865_REQUEST = hex(`
  01 00 00 38 0f 40 3f 94 73 97 80 57 bd 83 d5 cb 98 f4 22 7a
  01 06 6e 65 6d 6f
  02 12 0d be 70 8d 93 d4 13 ce 31 96 e4 3f 78 2a 0a ee
  04 06 c0 a8 01 10
  05 06 00 00 00 03`);
const RFC2865_ACCEPT = hex(`
  02 00 00 26 86 fe 22 0e 76 24 ba 2a 10 05 f6 bf 9b 55 e0 b2
  06 06 00 00 00 01
  0f 06 00 00 00 00
  0e 06 c0 a8 01 03`);
// tcpdump tests/radius_rfc5447.pcap frame 1 (radius_rfc5447-v.out): Access-Request id 0x4f, length 56
const RFC5447_REQUEST = hex(
  '014f00385bec15a7f3ac1590f65629a9f979c34001076c757365727c0a00000600000000017d132020010db8000000000000000000000000',
);
// tcpdump tests/RADIUS-RFC3162.pcap frame 1 (radius-rfc3162-v.out): prefixes valid and broken
const RFC3162_REQUEST = hex(
  '01f0008d2afdb090418ac6365298fbbb15e0fd2e0105626f62021245e8d5daead87e4015e0fcc0ec0f08a15f1220010db80a0b12f00000000000000001' +
    '6114004020010db80a0b12f00000000000000000610c004020010db80a0b12f0610400006103006115004020010db80a0b12f000000000000000000061140081' +
    '20010db80a0b12f00000000000000001',
);

function decode(b: Uint8Array, reported = b.length, captured = b.length): RadiusPacket {
  const p = decodeRadius(b, 0, captured, reported);
  if (p === null) throw new Error('not RADIUS');
  return p;
}

const summary = (p: RadiusPacket) => p.attributes.map((a) => `${a.name}=${a.display}`);

describe('decodeRadius', () => {
  test('RFC 2865 section 7.1 Access-Request and Access-Accept', () => {
    const req = decode(RFC2865_REQUEST);
    expect([req.code, req.codeName, req.id, req.length]).toEqual([1, 'Access-Request', 0, 56]);
    expect(summary(req)).toEqual(['User-Name=nemo', 'User-Password=(encrypted, 16 octets)', 'NAS-IP-Address=192.168.1.16', 'NAS-Port=3']);
    expect(req.problems).toEqual([]);
    const acc = decode(RFC2865_ACCEPT);
    expect(summary(acc)).toEqual(['Service-Type=Login (1)', 'Login-Service=Telnet (0)', 'Login-IP-Host=192.168.1.3']);
  });

  test('RFC 5447 attributes, as tcpdump prints them', () => {
    const p = decode(RFC5447_REQUEST);
    expect(summary(p)).toEqual([
      'User-Name=luser',
      'MIP6-Feature-Vector=[MIP6_INTEGRATED, IP4_HOA_SUPPORTED, LOCAL_MAG_ROUTING_SUPPORTED]',
      'MIP6-Home-Link-Prefix=2001:db8::/32',
    ]);
  });

  test('Length beyond the UDP payload (tcpdump radius_rfc5447_invalid_length: "[length 57 > 56] (invalid)")', () => {
    const b = RFC5447_REQUEST.slice();
    b[3] = 57;
    const p = decode(b);
    expect(p.lengthInvalid).toBe(true);
    expect(p.truncated).toBe(false);
    expect(p.problems.map((x) => x.kind)).toEqual(['malformed', 'malformed']);
    expect(p.problems[0]!.message).toContain('Length 57 is more than the 56 octets');
    expect(p.attributes.map((a) => a.name)).toEqual(['User-Name', 'MIP6-Feature-Vector', 'MIP6-Home-Link-Prefix']);
  });

  test('a capture cut short is truncated, not malformed', () => {
    const p = decode(RFC5447_REQUEST, 56, 30);
    expect(p.truncated).toBe(true);
    expect(p.lengthInvalid).toBe(false);
    expect(p.bytes.length).toBe(30);
    expect(p.problems).toEqual([{ kind: 'truncated', offset: 27, message: 'attribute 124 cut short by the capture' }]);
    const header = decode(RFC5447_REQUEST, 56, 10);
    expect(header.authenticator.length).toBe(6);
    expect(header.problems[0]!.kind).toBe('truncated');
  });

  test('RFC 3162 prefixes: valid ones decoded, broken ones noted (radius-rfc3162-v.out)', () => {
    const p = decode(RFC3162_REQUEST);
    expect(p.attributes.map((a) => [a.name, a.length, a.problem === null ? a.display : a.problem])).toEqual([
      ['User-Name', 5, 'bob'],
      ['User-Password', 18, '(encrypted, 16 octets)'],
      ['NAS-IPv6-Address', 18, '2001:db8:a0b:12f0::1'],
      ['Framed-IPv6-Prefix', 20, '2001:db8:a0b:12f0::/64'],
      ['Framed-IPv6-Prefix', 12, '2001:db8:a0b:12f0::/64'],
      ['Framed-IPv6-Prefix', 4, '::/0'],
      ['Framed-IPv6-Prefix', 3, 'length 1 < 2'],
      ['Framed-IPv6-Prefix', 21, 'length 19 > 18'],
      ['Framed-IPv6-Prefix', 20, 'prefix length 129 > 128'],
    ]);
  });

  test('not RADIUS by is_radius(): unknown code, Length out of 20..4096, fewer than 4 octets', () => {
    const b = RFC2865_REQUEST.slice();
    b[0] = 58; // tcpdump radius_attr_asan.pcap: "Unknown Command (58)"; Wireshark shows data
    expect(decodeRadius(b, 0, b.length)).toBeNull();
    expect(isRadius(hex('01000013'), 0, 4)).toBe(false);
    expect(isRadius(hex('01001001'), 0, 4)).toBe(false);
    expect(isRadius(hex('010010'), 0, 3)).toBe(false);
    expect(isRadius(hex('01001000'), 0, 4)).toBe(true);
  });

  test('malformed attributes give problem notes, never a throw', () => {
    const short = hex('01010018' + '00'.repeat(16) + '0101' + '0106'); // attribute length 1
    expect(decode(short).problems).toEqual([{ kind: 'malformed', offset: 20, message: 'attribute 1 has length 1 < 2' }]);
    const past = hex('01010018' + '00'.repeat(16) + '010a6162'); // length 10 runs past Length 24
    expect(decode(past).problems[0]!.message).toBe('attribute 1 of length 10 runs past the end of the packet');
    const badInt = hex('0101001b' + '00'.repeat(16) + '0505000003' + '0602'); // NAS-Port of 3 octets
    const p = decode(badInt);
    expect(p.attributes.map((a) => [a.name, a.problem])).toEqual([['NAS-Port', 'length 3 != 4'], ['Service-Type', 'length 0 != 4']]);
  });

  test('attributes are bounded', () => {
    const b = new Uint8Array(4096);
    b.set([1, 1, 0x10, 0x00]); // Length 4096
    for (let o = 20; o < 4096; o += 2) b.set([33, 2], o); // empty Proxy-State attributes
    const p = decode(b);
    expect(p.attributes.length).toBe(RADIUS_MAX_ATTRIBUTES);
    expect(p.problems[0]!.message).toContain('more than 1024 attributes');
  });

  test('EAP-Message: consecutive attributes are joined (RFC 3579 section 3.1), a later one is flagged', () => {
    // EAP-Response/Identity "John.McGuirk" (tcpdump RADIUS.pcap frame 1) split over two EAP-Message attributes
    const eap = hex('0200001101');
    const id = new TextEncoder().encode('John.McGuirk');
    const body = new Uint8Array([...eap, ...id]);
    const attrs = [79, 2 + 6, ...body.subarray(0, 6), 79, 2 + 11, ...body.subarray(6), 4, 6, 10, 0, 0, 1, 79, 3, 0];
    const len = 20 + attrs.length;
    const b = new Uint8Array([1, 5, 0, len, ...new Uint8Array(16), ...attrs]);
    const p = decode(b);
    expect(p.eap).toMatchObject({ code: 2, codeName: 'Response', id: 0, length: 17, type: 1, typeName: 'Identity', identity: 'John.McGuirk', segments: 2, problem: null });
    expect(p.problems.map((x) => x.message)).toEqual(['EAP-Message not consecutive with the earlier ones (RFC 3579 section 3.1); not joined']);
  });

  test('Vendor-Specific: Microsoft sub-attributes decoded, other vendors kept raw', () => {
    const success = new TextEncoder().encode('\x01S=407A5589115FD0D6209F510FE9C04566932CDA56');
    const ms = [0, 0, 1, 0x37, 26, 2 + success.length, ...success, 7, 6, 0, 0, 0, 1];
    const cisco = [0, 0, 0, 9, 1, 8, 0x61, 0x62, 0x3d, 0x31, 0x32, 0x33];
    const attrs = [26, 2 + ms.length, ...ms, 26, 2 + cisco.length, ...cisco];
    const b = new Uint8Array([2, 7, 0, 20 + attrs.length, ...new Uint8Array(16), ...attrs]);
    const p = decode(b);
    expect(p.attributes.map((a) => [a.vendorId, a.vendorType, a.name, a.display])).toEqual([
      [311, 26, 'MS-CHAP2-Success', '0x' + Buffer.from(success).toString('hex')],
      [311, 7, 'MS-MPPE-Encryption-Policy', 'Encryption-Allowed (1)'],
      [9, -1, 'Vendor-Specific', 'Cisco (9): 0x0108' + '61623d313233'],
    ]);
    expect(p.problems).toEqual([]);
  });

  test('tunnel attributes carry a tag (RFC 2868 section 3)', () => {
    const attrs = [64, 6, 1, 0, 0, 13, 65, 6, 1, 0, 0, 6, 81, 6, 1, 0x31, 0x30, 0x30, 81, 5, 0x32, 0x30, 0x30];
    const b = new Uint8Array([2, 7, 0, 20 + attrs.length, ...new Uint8Array(16), ...attrs]);
    expect(decode(b).attributes.map((a) => [a.name, a.tag, a.display])).toEqual([
      ['Tunnel-Type', 1, 'VLAN (13)'],
      ['Tunnel-Medium-Type', 1, '802 (6)'],
      ['Tunnel-Private-Group-ID', 1, '100'],
      ['Tunnel-Private-Group-ID', null, '200'],
    ]);
  });

  test('Operator-Name (RFC 5580 section 4.1), Event-Timestamp (RFC 2869 section 5.3), Egress-VLANID (RFC 4675)', () => {
    const name = [...new TextEncoder().encode('1example.net')];
    const attrs = [126, 2 + name.length, ...name, 55, 6, 0x5e, 0x0b, 0xe1, 0x00, 56, 6, 0x31, 0, 0, 100];
    const b = new Uint8Array([4, 1, 0, 20 + attrs.length, ...new Uint8Array(16), ...attrs]);
    expect(summary(decode(b))).toEqual(['Operator-Name=[REALM] example.net', 'Event-Timestamp=2020-01-01T00:00:00Z', 'Egress-VLANID=Tagged, VLAN 100']);
  });

  test('looksLikeRadius: whole packet, Length = UDP payload, attributes tile it', () => {
    expect(looksLikeRadius(RFC2865_REQUEST, 0, 56, 56)).toBe(true);
    expect(looksLikeRadius(RFC2865_REQUEST, 0, 56, 60)).toBe(false); // padding after Length
    expect(looksLikeRadius(RFC2865_REQUEST, 0, 40, 56)).toBe(false); // cut by the capture
    const b = RFC2865_REQUEST.slice();
    b[21] = 7; // User-Name length no longer tiles the packet
    expect(looksLikeRadius(b, 0, 56, 56)).toBe(false);
  });

  test('random and mutated packets never throw', () => {
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    for (let i = 0; i < 3000; i++) {
      const base = i % 2 === 0 ? RFC3162_REQUEST : RFC2865_ACCEPT;
      const b = base.slice();
      for (let k = 0; k < 6; k++) b[rnd() % b.length] = rnd();
      if (i % 3 === 0) b[0] = 1;
      const cut = rnd() % (b.length + 1);
      expect(() => decodeRadius(b, 0, cut, b.length - (rnd() % 3))).not.toThrow();
    }
  });
});

describe('EAP reassembly is bounded by the RADIUS Length (RFC 2865 section 3: at most 4096 octets)', () => {
  // an Access-Request of EAP-Message attributes (type 79) of 255 octets each, filling `length` octets
  const eapPacket = (length: number): Uint8Array => {
    const b = new Uint8Array(length);
    b.set([1, 9, length >> 8, length & 0xff]);
    for (let o = 20; o < length; ) {
      const alen = Math.min(255, length - o);
      b[o] = 79;
      b[o + 1] = alen;
      o += alen;
    }
    return b;
  };

  test('the largest packet joins at most 4076 octets; a larger Length is not RADIUS at all', () => {
    const p = decodeRadius(eapPacket(4096), 0, 4096)!;
    expect(p.eap!.segments).toBe(16);
    expect(p.eap!.octets).toBe(4096 - 20 - 2 * 16);
    expect(p.attributesCapped).toBe(false);
    const over = eapPacket(4097);
    expect(decodeRadius(over, 0, over.length)).toBeNull();
  });
});
