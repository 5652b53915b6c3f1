// MD5 (RFC 1321) and HMAC-MD5 (RFC 2104), for RADIUS authenticators (RFC 2865 section 3, RFC 3579 section
// 3.2) and JA3. The core has no platform crypto (no WebCrypto MD5 exists, and no Node types), so it is here.
// Not for security: MD5 is what those protocols specify.

const S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const K = new Int32Array(64);
for (let i = 0; i < 64; i++) K[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0;

export function md5(...parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const padded = new Uint8Array(((len + 8) >> 6) * 64 + 64);
  let o = 0;
  for (const p of parts) {
    padded.set(p, o);
    o += p.length;
  }
  padded[len] = 0x80;
  const bits = len * 8;
  const dv = new DataView(padded.buffer);
  dv.setUint32(padded.length - 8, bits >>> 0, true);
  dv.setUint32(padded.length - 4, Math.floor(bits / 2 ** 32), true);
  let a0 = 0x67452301 | 0;
  let b0 = 0xefcdab89 | 0;
  let c0 = 0x98badcfe | 0;
  let d0 = 0x10325476 | 0;
  const m = new Int32Array(16);
  for (let blk = 0; blk < padded.length; blk += 64) {
    for (let i = 0; i < 16; i++) m[i] = dv.getInt32(blk + i * 4, true);
    let a = a0, b = b0, c = c0, d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) { f = (b & c) | (~b & d); g = i; }
      else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) & 15; }
      else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) & 15; }
      else { f = c ^ (b | ~d); g = (7 * i) & 15; }
      const t = d;
      d = c;
      c = b;
      const x = (a + f + K[i]! + m[g]!) | 0;
      const s = S[(i >> 4) * 4 + (i & 3)]!;
      b = (b + ((x << s) | (x >>> (32 - s)))) | 0;
      a = t;
    }
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }
  const out = new Uint8Array(16);
  const ov = new DataView(out.buffer);
  ov.setInt32(0, a0, true);
  ov.setInt32(4, b0, true);
  ov.setInt32(8, c0, true);
  ov.setInt32(12, d0, true);
  return out;
}

/** HMAC-MD5 (RFC 2104 section 2), block size 64. */
export function hmacMd5(key: Uint8Array, ...message: Uint8Array[]): Uint8Array {
  let k = key.length > 64 ? md5(key) : key;
  const kp = new Uint8Array(64);
  kp.set(k);
  const ipad = kp.map((x) => x ^ 0x36);
  const opad = kp.map((x) => x ^ 0x5c);
  k = md5(ipad, ...message);
  return md5(opad, k);
}
