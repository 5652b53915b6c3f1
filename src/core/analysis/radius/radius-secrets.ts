// Which configured shared secret fits a RADIUS packet (protocol-facts.md section 3.5). Every check the packet
// allows is made with every secret:
// - a response: its Response Authenticator against the request's authenticator (RFC 2865 section 3);
// - an Accounting-, CoA- or Disconnect-Request: its computed Request Authenticator (RFC 2866 section 3,
//   RFC 5176 section 3.5);
// - a Message-Authenticator (RFC 3579 section 3.2), with the Authenticator field as the sender had it;
// - an Access-Request's User-Password (RFC 2865 section 5.2): the only clue an Access-Request without
//   Message-Authenticator gives. A wrong secret decrypts it to random octets (see judgePassword).
// The decrypted password stays inside this file unless the caller opted in with `revealPasswords`.

import { RADIUS_ACCESS_REQUEST, RADIUS_STATUS_SERVER, hasComputedRequestAuthenticator } from '../../dissect/radius-codes.ts';
import {
  decryptUserPassword, judgePassword, messageAuthenticatorValid, requestAuthenticatorValid, responseAuthenticatorValid,
} from '../../dissect/radius-crypto.ts';
import { ATTR_USER_PASSWORD } from '../../dissect/radius-dictionary.ts';
import { RADIUS_AUTHENTICATOR_LENGTH, attributeBytes, findAttribute, type RadiusPacket } from '../../dissect/radius.ts';
import type { RadiusCheckKind, RadiusRole, RadiusSecretResult } from './radius-types.ts';

const ZERO_AUTHENTICATOR = new Uint8Array(RADIUS_AUTHENTICATOR_LENGTH);

/**
 * `requestAuthenticator` is the authenticator of the request a response answers (null when unknown; unused
 * for requests). Returns null when no secrets are configured.
 */
export function checkRadiusSecrets(
  p: RadiusPacket,
  role: RadiusRole,
  requestAuthenticator: Uint8Array | null,
  secrets: readonly Uint8Array[],
  revealPasswords: boolean,
): RadiusSecretResult | null {
  if (secrets.length === 0) return null;
  const checks: RadiusSecretResult['checks'] = [];
  const add = (kind: RadiusCheckKind, verdict: (s: Uint8Array) => boolean | null) => {
    const valid: boolean[] = [];
    for (const s of secrets) {
      const v = verdict(s);
      if (v === null) return; // not checkable (incomplete packet): no entry
      valid.push(v);
    }
    checks.push({ kind, valid });
  };

  if (role === 'response' && requestAuthenticator !== null) {
    add('response-authenticator', (s) => responseAuthenticatorValid(p, requestAuthenticator, s));
  } else if (role === 'request' && hasComputedRequestAuthenticator(p.code)) {
    add('request-authenticator', (s) => requestAuthenticatorValid(p, s));
  }

  const maAuthenticator = messageAuthenticatorBasis(p, role, requestAuthenticator);
  if (maAuthenticator !== null) add('message-authenticator', (s) => messageAuthenticatorValid(p, maAuthenticator, s));

  const password = p.code === RADIUS_ACCESS_REQUEST ? findAttribute(p, ATTR_USER_PASSWORD) : undefined;
  const texts: (string | null)[] = [];
  if (password !== undefined && p.authenticator.length === RADIUS_AUTHENTICATOR_LENGTH) {
    const hidden = attributeBytes(p, password);
    add('user-password', (s) => {
      const plain = decryptUserPassword(hidden, p.authenticator, s);
      if (plain === null) return null;
      const j = judgePassword(plain);
      texts.push(j.plausible ? j.text : null);
      return j.plausible;
    });
  }

  let secretIndex: number | null = null;
  if (checks.length > 0) {
    secretIndex = -1;
    for (let i = 0; i < secrets.length; i++) {
      if (checks.every((c) => c.valid[i])) {
        secretIndex = i;
        break;
      }
    }
  }
  const result: RadiusSecretResult = { checks, secretIndex };
  if (revealPasswords && secretIndex !== null && secretIndex >= 0 && texts[secretIndex] != null) result.password = texts[secretIndex]!;
  return result;
}

/** What the Authenticator field held when the Message-Authenticator was computed; null when not checkable. */
function messageAuthenticatorBasis(p: RadiusPacket, role: RadiusRole, requestAuthenticator: Uint8Array | null): Uint8Array | null {
  if (role === 'response') return requestAuthenticator;
  if (p.code === RADIUS_ACCESS_REQUEST || p.code === RADIUS_STATUS_SERVER) {
    return p.authenticator.length === RADIUS_AUTHENTICATOR_LENGTH ? p.authenticator : null;
  }
  if (hasComputedRequestAuthenticator(p.code)) return ZERO_AUTHENTICATOR;
  return null;
}
