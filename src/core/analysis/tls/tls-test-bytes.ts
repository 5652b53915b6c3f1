// Builders for TLS bytes in tests (ClientHello, ServerHello, records), following RFC 8446 section 4.1.2-4.1.3
// and 5.1 field by field. Pure functions of plain arrays; used only by the *.test.ts files beside it.

export const u16b = (v: number): number[] => [(v >> 8) & 0xff, v & 0xff];
export const u24b = (v: number): number[] => [(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
export const vec8 = (b: number[]): number[] => [b.length, ...b];
export const vec16 = (b: number[]): number[] => [...u16b(b.length), ...b];
export const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

export function ext(type: number, body: number[]): number[] {
  return [...u16b(type), ...vec16(body)];
}

export const sniExt = (name: string): number[] => ext(0x0000, vec16([0, ...vec16(ascii(name))]));
export const alpnExt = (protos: (string | number[])[]): number[] => ext(0x0010, vec16(protos.flatMap((p) => vec8(typeof p === 'string' ? ascii(p) : p))));
export const u16ListExt = (type: number, values: number[], lenBytes: 1 | 2 = 2): number[] => {
  const body = values.flatMap(u16b);
  return ext(type, lenBytes === 1 ? vec8(body) : vec16(body));
};
export const keyShareExt = (groups: [number, number][]): number[] => ext(0x0033, vec16(groups.flatMap(([g, n]) => [...u16b(g), ...vec16(new Array<number>(n).fill(0x42))])));

export interface HelloSpec {
  version?: number;
  sessionId?: number[];
  ciphers: number[];
  compression?: number[];
  extensions?: number[][];
}

export function clientHelloBody(h: HelloSpec): number[] {
  const random = Array.from({ length: 32 }, (_, i) => i);
  const exts = h.extensions === undefined ? [] : vec16(h.extensions.flat());
  return [...u16b(h.version ?? 0x0303), ...random, ...vec8(h.sessionId ?? []), ...vec16(h.ciphers.flatMap(u16b)), ...vec8(h.compression ?? [0]), ...exts];
}

export function serverHelloBody(opts: { version?: number; random?: number[]; cipher: number; extensions?: number[][] }): number[] {
  const random = opts.random ?? Array.from({ length: 32 }, (_, i) => 0x80 + i);
  const exts = opts.extensions === undefined ? [] : vec16(opts.extensions.flat());
  return [...u16b(opts.version ?? 0x0303), ...random, ...vec8([]), ...u16b(opts.cipher), 0, ...exts];
}

export function handshake(type: number, body: number[]): number[] {
  return [type, ...u24b(body.length), ...body];
}

export function record(type: number, body: number[], version = 0x0303): number[] {
  return [type, ...u16b(version), ...u16b(body.length), ...body];
}
