// The finding id the diagnosis must give for each lab truth.json diagnosis (null: no verdict, nothing failed),
// for the unit tests and the end-to-end tests alike.

export const VERDICT: Record<string, string | null> = {
  TLS_CLIENTHELLO_BLACKHOLED: 'tls.clienthello.unanswered',
  TLS_RESET_AFTER_CLIENTHELLO: 'tls.clienthello.reset',
  TCP_SYN_UNANSWERED: 'tcp.syn.unanswered',
  DNS_FAILURE: 'dns.lookup.failed',
  PROXY_DENIED: 'proxy.connect.denied',
  TLS_ALERT_FROM_CLIENT_UNTRUSTED_CERT: 'tls.certificate.rejected',
  RADIUS_ACCESS_REJECT: 'radius.access_reject',
  RADIUS_RESPONSE_AUTHENTICATOR_INVALID: 'radius.secret.mismatch',
  RADIUS_RESPONSE_AFTER_NAS_TIMEOUT: 'radius.response.late',
  HEALTHY: null,
  PROXY_TUNNEL_OK: null,
};
