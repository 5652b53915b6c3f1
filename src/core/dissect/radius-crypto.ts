// The shared-secret arithmetic of RADIUS (protocol-facts.md section 3.5):
// - Response Authenticator = MD5(Code | ID | Length | Request Authenticator | Attributes | Secret)
//   (RFC 2865 section 3; RFC 2866 section 3; RFC 5176 section 3.5), as Wireshark's valid_authenticator();
// - Accounting-, CoA- and Disconnect-Request Authenticator = MD5(Code | ID | Length | 16 zero octets |
//   Attributes | Secret) (RFC 2866 section 3; RFC 5176 section 3.5);
// - Message-Authenticator = HMAC-MD5(Secret, packet with the attribute's value zeroed), the Authenticator
//   field holding the packet's own Request Authenticator in Access-Request and Status-Server, the request's
//   in a response, and zeros in Accounting/CoA/Disconnect-Request (RFC 3579 section 3.2; RFC 5176 section 3.5);
// - User-Password hidden by the MD5 chain of RFC 2865 section 5.2.
// Every check works on an owned copy and returns null when the packet is too incomplete to check.

import { hmacMd5, md5 } from '../base/md5.ts';
import { decodeUtf8 } from '../base/text.ts';
import { ATTR_MESSAGE_AUTHENTICATOR } from './radius-dictionary.ts';
import { RADIUS_AUTHENTICATOR_LENGTH as AUTH_LEN, RADIUS_HEADER_LENGTH, findAttribute, type RadiusPacket } from './radius.ts';
import { isPrintableText } from './radius-value.ts';

const ZERO_AUTHENTICATOR = new Uint8Array(AUTH_LEN);
/** RFC 2865 section 5.2: the password is at most 128 octets, in 16-octet blocks. */
const PASSWORD_BLOCK = 16;
const PASSWORD_MAX = 128;

/** A secret as octets (UTF-8), the way RADIUS implementations take it from their configuration. */
export function encodeSecret(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

function complete(p: RadiusPacket): boolean {
  return p.bytes.length === p.length && p.length >= RADIUS_HEADER_LENGTH;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The packet with its Authenticator field replaced (an owned copy). */
function withAuthenticator(p: RadiusPacket, auth: Uint8Array): Uint8Array {
  const copy = p.bytes.slice(0, p.length);
  copy.set(auth, 4);
  return copy;
}

/** Response Authenticator check of a response against the Request Authenticator of its request. */
export function responseAuthenticatorValid(p: RadiusPacket, requestAuthenticator: Uint8Array, secret: Uint8Array): boolean | null {
  if (!complete(p) || requestAuthenticator.length !== AUTH_LEN) return null;
  return equal(md5(withAuthenticator(p, requestAuthenticator), secret), p.authenticator);
}

/** Request Authenticator check of an Accounting-Request, CoA-Request or Disconnect-Request. */
export function requestAuthenticatorValid(p: RadiusPacket, secret: Uint8Array): boolean | null {
  if (!complete(p)) return null;
  return equal(md5(withAuthenticator(p, ZERO_AUTHENTICATOR), secret), p.authenticator);
}

/**
 * Message-Authenticator check; `authenticator` is what the Authenticator field held when the sender computed
 * it (see the header). Null when the packet has no well-formed Message-Authenticator or is incomplete.
 */
export function messageAuthenticatorValid(p: RadiusPacket, authenticator: Uint8Array, secret: Uint8Array): boolean | null {
  const a = findAttribute(p, ATTR_MESSAGE_AUTHENTICATOR);
  if (a === undefined || a.valueLen !== AUTH_LEN || !complete(p) || authenticator.length !== AUTH_LEN) return null;
  const copy = withAuthenticator(p, authenticator);
  copy.fill(0, a.valueAt, a.valueAt + AUTH_LEN);
  return equal(hmacMd5(secret, copy), p.bytes.subarray(a.valueAt, a.valueAt + AUTH_LEN));
}

/**
 * Reverses the RFC 2865 section 5.2 chain: b1 = MD5(S + RA), p1 = c1 XOR b1; bi = MD5(S + c(i-1)),
 * pi = ci XOR bi. Null when the hidden value is not 16..128 octets in whole blocks (malformed, not a clue
 * about the secret).
 */
export function decryptUserPassword(hidden: Uint8Array, requestAuthenticator: Uint8Array, secret: Uint8Array): Uint8Array | null {
  if (hidden.length < PASSWORD_BLOCK || hidden.length > PASSWORD_MAX || hidden.length % PASSWORD_BLOCK !== 0) return null;
  if (requestAuthenticator.length !== AUTH_LEN) return null;
  const out = new Uint8Array(hidden.length);
  let prev = requestAuthenticator;
  for (let i = 0; i < hidden.length; i += PASSWORD_BLOCK) {
    const b = md5(secret, prev);
    for (let j = 0; j < PASSWORD_BLOCK; j++) out[i + j] = hidden[i + j]! ^ b[j]!;
    prev = hidden.subarray(i, i + PASSWORD_BLOCK);
  }
  return out;
}

export interface PasswordJudgement {
  /** The plaintext looks like a password: NUL padding only at the end, and printable UTF-8 before it. */
  plausible: boolean;
  /** The text before the padding (only meaningful when plausible). */
  text: string;
}

/**
 * Judges decrypted User-Password octets. With the wrong secret the octets are uniformly random, so printable
 * UTF-8 followed by clean NUL padding happens by chance about once in ten million tries for one block.
 */
export function judgePassword(plain: Uint8Array): PasswordJudgement {
  let end = plain.indexOf(0);
  if (end < 0) end = plain.length;
  for (let i = end; i < plain.length; i++) if (plain[i] !== 0) return { plausible: false, text: '' };
  const text = decodeUtf8(plain, 0, end);
  return { plausible: isPrintableText(text), text };
}
