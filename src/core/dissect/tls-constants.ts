// TLS numbers and names: record content types (RFC 8446 section 5.1, RFC 6520, RFC 9146), handshake types
// (RFC 8446 section 4 and the IANA registry), alerts (RFC 8446 section 6, IANA), versions, GREASE (RFC 8701)
// and the HelloRetryRequest random (RFC 8446 section 4.1.3). protocol-facts.md sections 4.1-4.6.

export const CT_CHANGE_CIPHER_SPEC = 20;
export const CT_ALERT = 21;
export const CT_HANDSHAKE = 22;
export const CT_APPLICATION_DATA = 23;
export const CT_HEARTBEAT = 24; // RFC 6520
export const CT_TLS12_CID = 25; // RFC 9146
export const CT_ACK = 26; // RFC 9147 (DTLS 1.3)

/**
 * Wireshark 4.0's ssl_is_valid_content_type (packet-tls-utils.c): 20..25. The DTLS 1.3 ack type (26) is not
 * valid on TLS there (a record starting with 26 is "Continuation Data"; checked with tshark 4.0.17).
 */
export function isValidContentType(t: number): boolean {
  return t >= CT_CHANGE_CIPHER_SPEC && t <= CT_TLS12_CID;
}

export const CONTENT_TYPE_NAMES: Record<number, string> = {
  20: 'change_cipher_spec',
  21: 'alert',
  22: 'handshake',
  23: 'application_data',
  24: 'heartbeat',
  25: 'tls12_cid',
  26: 'ack',
};

export const HS_HELLO_REQUEST = 0;
export const HS_CLIENT_HELLO = 1;
export const HS_SERVER_HELLO = 2;
export const HS_NEW_SESSION_TICKET = 4;
export const HS_CERTIFICATE = 11;
export const HS_SERVER_KEY_EXCHANGE = 12;
export const HS_SERVER_HELLO_DONE = 14;
export const HS_CLIENT_KEY_EXCHANGE = 16;
export const HS_FINISHED = 20;

/** Handshake types Wireshark 4.0 knows (ssl_31_handshake_type); others are not reported as tls.handshake.type. */
export const HANDSHAKE_TYPE_NAMES: Record<number, string> = {
  0: 'hello_request',
  1: 'client_hello',
  2: 'server_hello',
  3: 'hello_verify_request',
  4: 'new_session_ticket',
  5: 'end_of_early_data',
  6: 'hello_retry_request',
  8: 'encrypted_extensions',
  11: 'certificate',
  12: 'server_key_exchange',
  13: 'certificate_request',
  14: 'server_hello_done',
  15: 'certificate_verify',
  16: 'client_key_exchange',
  20: 'finished',
  21: 'certificate_url',
  22: 'certificate_status',
  23: 'supplemental_data',
  24: 'key_update',
  25: 'compressed_certificate',
  67: 'encrypted_extensions_npn',
  254: 'message_hash',
};

export function isKnownHandshakeType(t: number): boolean {
  return HANDSHAKE_TYPE_NAMES[t] !== undefined;
}

/** SSL 2.0 message types (draft-hickman-netscape-ssl-00), Wireshark's ssl_20_msg_types. */
export const SSL2_MESSAGE_NAMES: Record<number, string> = {
  0: 'error',
  1: 'client_hello',
  2: 'client_master_key',
  3: 'client_finished',
  4: 'server_hello',
  5: 'server_verify',
  6: 'server_finished',
  7: 'request_certificate',
  8: 'client_certificate',
};

export const ALERT_LEVEL_NAMES: Record<number, string> = { 1: 'warning', 2: 'fatal' };

export const ALERT_DESCRIPTION_NAMES: Record<number, string> = {
  0: 'close_notify',
  10: 'unexpected_message',
  20: 'bad_record_mac',
  21: 'decryption_failed',
  22: 'record_overflow',
  30: 'decompression_failure',
  40: 'handshake_failure',
  41: 'no_certificate',
  42: 'bad_certificate',
  43: 'unsupported_certificate',
  44: 'certificate_revoked',
  45: 'certificate_expired',
  46: 'certificate_unknown',
  47: 'illegal_parameter',
  48: 'unknown_ca',
  49: 'access_denied',
  50: 'decode_error',
  51: 'decrypt_error',
  60: 'export_restriction',
  70: 'protocol_version',
  71: 'insufficient_security',
  80: 'internal_error',
  86: 'inappropriate_fallback',
  90: 'user_canceled',
  100: 'no_renegotiation',
  110: 'unsupported_extension',
  111: 'certificate_unobtainable',
  112: 'unrecognized_name',
  113: 'bad_certificate_status_response',
  114: 'bad_certificate_hash_value',
  115: 'unknown_psk_identity',
  116: 'certificate_required',
  117: 'general_error',
  120: 'no_application_protocol',
  121: 'ech_required',
};

export function alertName(description: number): string {
  return ALERT_DESCRIPTION_NAMES[description] ?? `unknown_${description}`;
}

export const VERSION_SSL2 = 0x0002;
export const VERSION_SSL3 = 0x0300;
export const VERSION_TLS10 = 0x0301;
export const VERSION_TLS11 = 0x0302;
export const VERSION_TLS12 = 0x0303;
export const VERSION_TLS13 = 0x0304;
/** TLCP (GB/T 38636-2020), which Wireshark treats as a TLS 1.1-like version. */
export const VERSION_TLCP = 0x0101;

export function versionName(v: number): string {
  switch (v) {
    case VERSION_SSL2:
      return 'SSL 2.0';
    case VERSION_SSL3:
      return 'SSL 3.0';
    case VERSION_TLS10:
      return 'TLS 1.0';
    case VERSION_TLS11:
      return 'TLS 1.1';
    case VERSION_TLS12:
      return 'TLS 1.2';
    case VERSION_TLS13:
      return 'TLS 1.3';
    case VERSION_TLCP:
      return 'TLCP';
  }
  if ((v & 0xff00) === 0x7f00) return `TLS 1.3 draft ${v & 0xff}`;
  if (isGrease(v)) return 'GREASE';
  return `0x${v.toString(16).padStart(4, '0')}`;
}

/** A draft TLS 1.3 version (0x7fNN, or Facebook's 0xfb17/0xfb1a): its draft number, else 0. */
export function tls13Draft(v: number): number {
  if ((v & 0xff00) === 0x7f00) return v & 0xff;
  if (v === 0xfb17 || v === 0xfb1a) return v & 0xff;
  return 0;
}

/** RFC 8701 section 2: 0x0A0A, 0x1A1A ... 0xFAFA for cipher suites, extensions, groups, versions, sigalgs. */
export function isGrease(v: number): boolean {
  return (v & 0x0f0f) === 0x0a0a && v >> 8 === (v & 0xff);
}

/** SHA-256("HelloRetryRequest"), the ServerHello.random of a HelloRetryRequest (RFC 8446 section 4.1.3). */
export const HRR_RANDOM = new Uint8Array([
  0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91, 0xc2, 0xa2, 0x11, 0x16,
  0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
]);

// Extension types parsed (IANA TLS ExtensionType values; protocol-facts.md 4.4)
export const EXT_SERVER_NAME = 0x0000; // RFC 6066 section 3
export const EXT_SUPPORTED_GROUPS = 0x000a; // RFC 8422 section 5.1.1, RFC 8446 section 4.2.7
export const EXT_EC_POINT_FORMATS = 0x000b; // RFC 8422 section 5.1.2
export const EXT_SIGNATURE_ALGORITHMS = 0x000d; // RFC 8446 section 4.2.3
export const EXT_ALPN = 0x0010; // RFC 7301 section 3.1
export const EXT_SUPPORTED_VERSIONS = 0x002b; // RFC 8446 section 4.2.1
export const EXT_KEY_SHARE = 0x0033; // RFC 8446 section 4.2.8
export const EXT_QUIC_TRANSPORT_PARAMETERS = 0x0039; // RFC 9001 section 8.2
export const EXT_ENCRYPTED_CLIENT_HELLO = 0xfe0d; // draft-ietf-tls-esni
