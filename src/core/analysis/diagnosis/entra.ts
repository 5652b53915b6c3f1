// What radscope knows of the Microsoft NPS extension for Entra MFA (learn.microsoft.com
// entra/identity/authentication/howto-mfa-nps-extension and -errors; product-anchors.md section 4).

export type EntraCloud = 'public' | 'usgov' | 'china';

export interface EntraEndpoint {
  host: string;
  cloud: EntraCloud;
  purpose: 'token' | 'mfa' | 'notifications' | 'credentials';
}

/** The hosts the extension calls on TCP 443 from the NPS server, per cloud (product-anchors 4.1). */
export const ENTRA_ENDPOINTS: EntraEndpoint[] = [
  { host: 'login.microsoftonline.com', cloud: 'public', purpose: 'token' },
  { host: 'strongauthenticationservice.auth.microsoft.com', cloud: 'public', purpose: 'mfa' },
  { host: 'adnotifications.windowsazure.com', cloud: 'public', purpose: 'notifications' },
  { host: 'credentials.azure.com', cloud: 'public', purpose: 'credentials' },
  { host: 'login.microsoftonline.us', cloud: 'usgov', purpose: 'token' },
  { host: 'strongauthenticationservice.auth.microsoft.us', cloud: 'usgov', purpose: 'mfa' },
  { host: 'adnotifications.windowsazure.us', cloud: 'usgov', purpose: 'notifications' },
  { host: 'login.chinacloudapi.cn', cloud: 'china', purpose: 'token' },
  { host: 'strongauthenticationservice.auth.microsoft.cn', cloud: 'china', purpose: 'mfa' },
  { host: 'adnotifications.windowsazure.cn', cloud: 'china', purpose: 'notifications' },
];

export const ENTRA_PORT = 443;
/** Microsoft's recommended minimum RADIUS timeout on the NAS while MFA is pending (product-anchors 4.3). */
export const RECOMMENDED_NAS_TIMEOUT_S = 60;
/** NPS discards NAS retransmissions while MFA is pending, and for up to 10 s after answering. */
export const NPS_DUPLICATE_DISCARD_AFTER_ANSWER_S = 10;

/** The endpoint a host name is (case-insensitive, a trailing dot ignored), or undefined. */
export function entraEndpoint(host: string | null | undefined): EntraEndpoint | undefined {
  if (!host) return undefined;
  const h = host.toLowerCase().replace(/\.$/, '');
  return ENTRA_ENDPOINTS.find((e) => e.host === h);
}

/** The endpoints of one cloud, for a remedy that lists what to allow. */
export function endpointsOf(cloud: EntraCloud): string[] {
  return ENTRA_ENDPOINTS.filter((e) => e.cloud === cloud || (cloud !== 'public' && e.purpose === 'credentials')).map((e) => e.host);
}
