// Names Wireshark 4.0 gives TLS numbers in the details tree (tshark -G values: tls.record.content_type,
// tls.handshake.type, tls.alert_message.desc, tls.handshake.extension.type, tls.handshake.ciphersuite,
// tls.handshake.extensions_supported_group). Cipher suites and groups: the ones clients of today send; others
// show as "Unknown (0x....)".

import { isGrease } from '../dissect/tls-constants.ts';

export const CONTENT_TYPES: Record<number, string> = {
  20: 'Change Cipher Spec', 21: 'Alert', 22: 'Handshake', 23: 'Application Data', 24: 'Heartbeat', 25: 'Connection ID',
};

export const HANDSHAKE_TYPES: Record<number, string> = {
  0: 'Hello Request', 1: 'Client Hello', 2: 'Server Hello', 3: 'Hello Verify Request', 4: 'New Session Ticket', 5: 'End of Early Data',
  6: 'Hello Retry Request', 8: 'Encrypted Extensions', 11: 'Certificate', 12: 'Server Key Exchange', 13: 'Certificate Request',
  14: 'Server Hello Done', 15: 'Certificate Verify', 16: 'Client Key Exchange', 20: 'Finished', 21: 'Client Certificate URL',
  22: 'Certificate Status', 23: 'Supplemental Data', 24: 'Key Update', 25: 'Compressed Certificate', 67: 'Encrypted Extensions',
};

export const ALERT_LEVELS: Record<number, string> = { 1: 'Warning', 2: 'Fatal' };

export const ALERT_DESCRIPTIONS: Record<number, string> = {
  0: 'Close Notify', 1: 'End of Early Data', 10: 'Unexpected Message', 20: 'Bad Record MAC', 21: 'Decryption Failed',
  22: 'Record Overflow', 30: 'Decompression Failure', 40: 'Handshake Failure', 41: 'No Certificate', 42: 'Bad Certificate',
  43: 'Unsupported Certificate', 44: 'Certificate Revoked', 45: 'Certificate Expired', 46: 'Certificate Unknown',
  47: 'Illegal Parameter', 48: 'Unknown CA', 49: 'Access Denied', 50: 'Decode Error', 51: 'Decrypt Error',
  60: 'Export Restriction', 70: 'Protocol Version', 71: 'Insufficient Security', 80: 'Internal Error',
  86: 'Inappropriate Fallback', 90: 'User Canceled', 100: 'No Renegotiation', 109: 'Missing Extension',
  110: 'Unsupported Extension', 111: 'Certificate Unobtainable', 112: 'Unrecognized Name',
  113: 'Bad Certificate Status Response', 114: 'Bad Certificate Hash Value', 115: 'Unknown PSK Identity',
  116: 'Certificate Required', 120: 'No application Protocol', 121: 'ECH Required',
};

const EXTENSIONS: Record<number, string> = {
  0: 'server_name', 1: 'max_fragment_length', 2: 'client_certificate_url', 3: 'trusted_ca_keys', 4: 'truncated_hmac',
  5: 'status_request', 6: 'user_mapping', 7: 'client_authz', 8: 'server_authz', 9: 'cert_type', 10: 'supported_groups',
  11: 'ec_point_formats', 12: 'srp', 13: 'signature_algorithms', 14: 'use_srtp', 15: 'heartbeat',
  16: 'application_layer_protocol_negotiation', 17: 'status_request_v2', 18: 'signed_certificate_timestamp',
  19: 'client_certificate_type', 20: 'server_certificate_type', 21: 'padding', 22: 'encrypt_then_mac',
  23: 'extended_master_secret', 24: 'token_binding', 25: 'cached_info', 27: 'compress_certificate', 28: 'record_size_limit',
  34: 'delegated_credentials', 35: 'session_ticket', 40: 'Reserved (key_share)', 41: 'pre_shared_key', 42: 'early_data',
  43: 'supported_versions', 44: 'cookie', 45: 'psk_key_exchange_modes', 46: 'Reserved (ticket_early_data_info)',
  47: 'certificate_authorities', 48: 'oid_filters', 49: 'post_handshake_auth', 50: 'signature_algorithms_cert', 51: 'key_share',
  52: 'transparency_info', 53: 'connection_id (deprecated)', 54: 'connection_id', 55: 'external_id_hash', 56: 'external_session_id',
  57: 'quic_transport_parameters', 58: 'ticket_request', 59: 'dnssec_chain', 13172: 'next_protocol_negotiation',
  17513: 'application_settings', 30031: 'channel_id_old', 30032: 'channel_id', 65281: 'renegotiation_info',
  65445: 'quic_transport_parameters (drafts version)', 65486: 'encrypted_server_name',
};

export function extensionName(t: number): string {
  return EXTENSIONS[t] ?? (isGrease(t) ? 'Reserved (GREASE)' : 'Unknown');
}

const CIPHER_SUITES: Record<number, string> = {
  0x1301: 'TLS_AES_128_GCM_SHA256', 0x1302: 'TLS_AES_256_GCM_SHA384', 0x1303: 'TLS_CHACHA20_POLY1305_SHA256',
  0x1304: 'TLS_AES_128_CCM_SHA256', 0x1305: 'TLS_AES_128_CCM_8_SHA256',
  0xc02b: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 0xc02c: 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  0xc02f: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 0xc030: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  0xcca8: 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 0xcca9: 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  0xccaa: 'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 0x009e: 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256',
  0x009f: 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384', 0xc023: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256',
  0xc024: 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384', 0xc027: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
  0xc028: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384', 0xc009: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA',
  0xc00a: 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA', 0xc013: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
  0xc014: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA', 0xc008: 'TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA',
  0xc012: 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA', 0x0033: 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA',
  0x0039: 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA', 0x0067: 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA256',
  0x006b: 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA256', 0x009c: 'TLS_RSA_WITH_AES_128_GCM_SHA256',
  0x009d: 'TLS_RSA_WITH_AES_256_GCM_SHA384', 0x002f: 'TLS_RSA_WITH_AES_128_CBC_SHA', 0x0035: 'TLS_RSA_WITH_AES_256_CBC_SHA',
  0x003c: 'TLS_RSA_WITH_AES_128_CBC_SHA256', 0x003d: 'TLS_RSA_WITH_AES_256_CBC_SHA256', 0x000a: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
  0x00ff: 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV', 0x5600: 'TLS_FALLBACK_SCSV',
  // older suites that older Windows and Java clients still offer
  0x00c4: 'TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256', 0x0088: 'TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA', 0x0081: 'TLS_GOSTR341001_WITH_28147_CNT_IMIT',
  0x00c0: 'TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256', 0x0084: 'TLS_RSA_WITH_CAMELLIA_256_CBC_SHA', 0x00be: 'TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256',
  0x0045: 'TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA', 0x00ba: 'TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256', 0x0041: 'TLS_RSA_WITH_CAMELLIA_128_CBC_SHA',
  0xc011: 'TLS_ECDHE_RSA_WITH_RC4_128_SHA', 0xc007: 'TLS_ECDHE_ECDSA_WITH_RC4_128_SHA', 0x0005: 'TLS_RSA_WITH_RC4_128_SHA',
  0x0004: 'TLS_RSA_WITH_RC4_128_MD5', 0x0016: 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA', 0x0013: 'TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA',
  0x0032: 'TLS_DHE_DSS_WITH_AES_128_CBC_SHA', 0x0038: 'TLS_DHE_DSS_WITH_AES_256_CBC_SHA', 0x0040: 'TLS_DHE_DSS_WITH_AES_128_CBC_SHA256',
  0x006a: 'TLS_DHE_DSS_WITH_AES_256_CBC_SHA256', 0x00a2: 'TLS_DHE_DSS_WITH_AES_128_GCM_SHA256', 0x00a3: 'TLS_DHE_DSS_WITH_AES_256_GCM_SHA384',
  0xc00e: 'TLS_ECDH_RSA_WITH_AES_128_CBC_SHA', 0xc00f: 'TLS_ECDH_RSA_WITH_AES_256_CBC_SHA', 0xc004: 'TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA',
  0xc005: 'TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA', 0xc02d: 'TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256', 0xc02e: 'TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384',
  0xc031: 'TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256', 0xc032: 'TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384', 0xc025: 'TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256',
  0xc026: 'TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384', 0xc029: 'TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256', 0xc02a: 'TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384',
  0xc0ac: 'TLS_ECDHE_ECDSA_WITH_AES_128_CCM', 0xc0ad: 'TLS_ECDHE_ECDSA_WITH_AES_256_CCM', 0xc09c: 'TLS_RSA_WITH_AES_128_CCM',
  0xc09d: 'TLS_RSA_WITH_AES_256_CCM', 0xc0a0: 'TLS_RSA_WITH_AES_128_CCM_8', 0xc0a1: 'TLS_RSA_WITH_AES_256_CCM_8', 0x0096: 'TLS_RSA_WITH_SEED_CBC_SHA',
  0x0007: 'TLS_RSA_WITH_IDEA_CBC_SHA', 0x0009: 'TLS_RSA_WITH_DES_CBC_SHA', 0x0015: 'TLS_DHE_RSA_WITH_DES_CBC_SHA',
};

export function cipherSuiteName(v: number): string {
  return CIPHER_SUITES[v] ?? (isGrease(v) ? 'Reserved (GREASE)' : 'Unknown');
}

const GROUPS: Record<number, string> = {
  0x17: 'secp256r1', 0x18: 'secp384r1', 0x19: 'secp521r1', 0x1a: 'brainpoolP256r1', 0x1b: 'brainpoolP384r1',
  0x1c: 'brainpoolP512r1', 0x1d: 'x25519', 0x1e: 'x448', 0x29: 'curveSM2', 0x100: 'ffdhe2048', 0x101: 'ffdhe3072',
  0x102: 'ffdhe4096', 0x103: 'ffdhe6144', 0x104: 'ffdhe8192',
};

export function groupName(v: number): string {
  return GROUPS[v] ?? (isGrease(v) ? 'Reserved (GREASE)' : 'Unknown');
}

export const EC_POINT_FORMATS: Record<number, string> = { 0: 'uncompressed', 1: 'ansiX962_compressed_prime', 2: 'ansiX962_compressed_char2' };
export const PSK_KE_MODES: Record<number, string> = { 0: 'PSK-only key establishment (psk_ke)', 1: 'PSK with (EC)DHE key establishment (psk_dhe_ke)' };
export const COMPRESSION_METHODS: Record<number, string> = { 0: 'null', 1: 'DEFLATE', 64: 'LZS' };

/** "TLSv1.2" as record layers are titled (Wireshark's short version names). */
export function recordVersionName(v: number): string {
  const names: Record<number, string> = { 0x0300: 'SSLv3', 0x0301: 'TLSv1', 0x0302: 'TLSv1.1', 0x0303: 'TLSv1.2', 0x0304: 'TLSv1.3' };
  return names[v] ?? 'TLS';
}

const SIGNATURE_ALGORITHMS: Record<number, string> = {
  0x0201: 'rsa_pkcs1_sha1', 0x0203: 'ecdsa_sha1', 0x0401: 'rsa_pkcs1_sha256', 0x0403: 'ecdsa_secp256r1_sha256',
  0x0501: 'rsa_pkcs1_sha384', 0x0503: 'ecdsa_secp384r1_sha384', 0x0601: 'rsa_pkcs1_sha512', 0x0603: 'ecdsa_secp521r1_sha512',
  0x0708: 'sm2sig_sm3', 0x0804: 'rsa_pss_rsae_sha256', 0x0805: 'rsa_pss_rsae_sha384', 0x0806: 'rsa_pss_rsae_sha512',
  0x0807: 'ed25519', 0x0808: 'ed448', 0x0809: 'rsa_pss_pss_sha256', 0x080a: 'rsa_pss_pss_sha384', 0x080b: 'rsa_pss_pss_sha512',
};
const SIG_HASHES = ['none', 'MD5', 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512'];
const SIG_KINDS = ['anonymous', 'RSA', 'DSA', 'ECDSA'];

/** A SignatureScheme (RFC 8446 section 4.2.3), or the TLS 1.2 hash/signature pair ("SHA224 ECDSA"). */
export function signatureAlgorithmName(v: number): string {
  const named = SIGNATURE_ALGORITHMS[v];
  if (named !== undefined) return named;
  if (isGrease(v)) return 'Reserved (GREASE)';
  return `${SIG_HASHES[v >> 8] ?? 'Unknown'} ${SIG_KINDS[v & 0xff] ?? 'Unknown'}`;
}
