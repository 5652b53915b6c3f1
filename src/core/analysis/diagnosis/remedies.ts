// What to do about each finding, concretely: the endpoints to allow, the SYSTEM account's proxy (the field
// report's registry steps), the NAS timeout, the shared secret, where to capture. Plain text and commands
// the UI shows with copy buttons; every name and address comes from the capture.

import { endpointsOf, RECOMMENDED_NAS_TIMEOUT_S, type EntraCloud } from './entra.ts';

export interface RemedyStep {
  title: string;
  detail?: string;
  /** Commands or registry lines, one per entry, to copy as they are. */
  commands?: string[];
}

export interface Remedy {
  summary: string;
  steps: RemedyStep[];
}

export interface RemedyContext {
  /** The RADIUS server's address, the endpoint (name or address) and its address and port. */
  server: string;
  target: string;
  targetAddress: string;
  port: number;
  cloud: EntraCloud | null;
  proxy?: string | null;
}

function hostsToAllow(c: RemedyContext): string[] {
  return c.cloud ? endpointsOf(c.cloud) : [c.target];
}

const SYSTEM_PROXY: RemedyStep = {
  title: 'Or send the RADIUS server through a proxy the firewall team provides. NPS runs as the SYSTEM account, so the proxy must be set for SYSTEM',
  detail:
    'Set the proxy for your own account first (inetcpl.cpl, or Settings > Network > Proxy), then copy it to SYSTEM and restart NPS. This changes the proxy of every service that runs as SYSTEM: weigh the impact and pick a quiet moment.',
  commands: [
    'reg export "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections" %TEMP%\\proxy.reg',
    'REM edit %TEMP%\\proxy.reg: replace HKEY_CURRENT_USER\\ with HKEY_USERS\\S-1-5-18\\ (the SYSTEM account), save',
    'reg import %TEMP%\\proxy.reg',
    'net stop ias && net start ias',
    'REM alternatively, for WinHTTP: netsh winhttp set proxy proxy-server="PROXY:PORT" bypass-list="<local>"',
  ],
};

export function allowEndpoints(c: RemedyContext, why: string): Remedy {
  const hosts = hostsToAllow(c);
  return {
    summary: `Allow HTTPS from the RADIUS server ${c.server} to ${c.cloud ? 'the Entra MFA endpoints' : c.target}${why}, or give the server a proxy.`,
    steps: [
      {
        title: `Ask the firewall team to allow TCP ${c.port} from ${c.server} to these names, and to exempt them from TLS inspection`,
        detail: `The capture shows ${c.target} at ${c.targetAddress}. Allow by name (FQDN rules): the addresses behind these names change.`,
        commands: hosts,
      },
      SYSTEM_PROXY,
    ],
  };
}

export function fixDns(server: string, name: string, dnsServers: string[]): Remedy {
  const dns = dnsServers[0] ?? 'your DNS server';
  return {
    summary: `Make ${name} resolvable from the RADIUS server ${server}.`,
    steps: [
      {
        title: `Check what the DNS server (${dnsServers.join(', ') || 'unknown'}) answers, from the RADIUS server`,
        commands: [`nslookup ${name} ${dns}`, `Resolve-DnsName ${name} -Type A -Server ${dns}`],
      },
      {
        title: 'Fix the DNS server: forwarders or root hints for public names, no split-horizon zone hiding Microsoft names, no filtering of these names',
        detail: 'The failed lookups with your search suffixes appended are normal; the lookup of the plain name is the one that must succeed.',
      },
    ],
  };
}

export function fixProxy(c: RemedyContext, status: number | null): Remedy {
  const auth = status === 407;
  return {
    summary: `Let the proxy ${c.proxy} accept CONNECT from ${c.server} to the Entra endpoints${auth ? ' without authentication' : ''}.`,
    steps: [
      {
        title: `Ask the proxy team to allow CONNECT to these names on port ${c.port} from ${c.server}${auth ? ', without asking for credentials (NPS runs as SYSTEM and cannot answer a 407 challenge)' : ''}`,
        commands: hostsToAllow(c),
      },
      { title: 'Or allow the RADIUS server to reach the endpoints directly on the firewall, and remove the proxy setting of the SYSTEM account' },
    ],
  };
}

export function trustOrExempt(c: RemedyContext, issuer: string | null): Remedy {
  return {
    summary: `Exempt the Entra endpoints from TLS inspection${issuer ? ` (the certificate came from "${issuer}")` : ''}.`,
    steps: [
      {
        title: 'Ask the firewall team to exempt these names from TLS inspection (preferred: Microsoft does not support inspecting this traffic)',
        commands: hostsToAllow(c),
      },
      {
        title: "Or, if inspection must stay, import the inspection device's root CA into the RADIUS server's Local Computer > Trusted Root Certification Authorities store",
        commands: ['certlm.msc', 'certutil -addstore Root inspection-root-ca.cer'],
      },
    ],
  };
}

export function serverAlert(c: RemedyContext): Remedy {
  return {
    summary: `Make the RADIUS server's TLS settings acceptable to ${c.target}.`,
    steps: [
      {
        title: 'Check that TLS 1.2 is enabled on the RADIUS server (Schannel event 36871 in the System log means it is not), and that .NET uses the system TLS defaults',
        commands: [
          'reg query "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client"',
          'reg add "HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319" /v SchUseStrongCrypto /t REG_DWORD /d 1 /f',
        ],
      },
      { title: 'If something between the server and the endpoint answers for it (a TLS-inspecting device), exempt the endpoint there' },
    ],
  };
}

export function fixSecret(nas: string): Remedy {
  return {
    summary: `Set the same shared secret on the NAS ${nas} and in NPS.`,
    steps: [
      { title: `In NPS: RADIUS Clients and Servers > RADIUS Clients > the entry for ${nas} > Shared secret; type it again` },
      { title: 'On the NAS (VPN gateway): the RADIUS server entry for this NPS server; type the same secret. Secrets are case-sensitive; watch for trailing spaces' },
    ],
  };
}

export function raiseTimeout(nas: string, took: number | null): Remedy {
  return {
    summary: `Raise the RADIUS timeout on the NAS ${nas} to at least ${RECOMMENDED_NAS_TIMEOUT_S} s.`,
    steps: [
      {
        title: `Set the NAS's RADIUS server timeout to ${RECOMMENDED_NAS_TIMEOUT_S} s or more (Microsoft recommends at least ${RECOMMENDED_NAS_TIMEOUT_S} s for the NPS extension, 90-120 s to avoid discarded retries)`,
        detail: took !== null ? `This answer took ${took.toFixed(1)} s, longer than the NAS waited. While MFA is pending, NPS discards the NAS's retransmissions as duplicates.` : undefined,
      },
      { title: 'Make sure users can approve quickly (push notifications reach the phone), or consider the OTP method where pushes are slow' },
    ],
  };
}

export function checkReject(): Remedy {
  return {
    summary: 'Find out on the NPS server why it rejected the user.',
    steps: [
      {
        title: "Read the NPS event in the Security log (event 6273 'Network Policy Server denied access') for its Reason Code, and the AzureMfa AuthZ log",
        commands: ['eventvwr.msc', 'Get-WinEvent -FilterHashtable @{LogName="Security"; Id=6273} -MaxEvents 5 | Format-List'],
      },
      { title: "If the extension logged 'AccessReject' without MFA: the primary (AD) authentication failed, or the user is not enrolled for MFA (REQUIRE_USER_MATCH)" },
    ],
  };
}

export function checkDiscard(server: string): Remedy {
  return {
    summary: `Find out why ${server} never answered.`,
    steps: [
      {
        title: "On the NPS server, look for event 6274 ('request discarded') and the AzureMfa AuthN/AuthZ logs at the time of the request",
        commands: ['Get-WinEvent -FilterHashtable @{LogName="Security"; Id=6274} -MaxEvents 5 | Format-List'],
      },
      { title: 'Check that NPS knows the NAS as a RADIUS client (address and secret), and that the request reached the NPS service (Windows Firewall, UDP 1812)' },
    ],
  };
}

export function captureWider(server: string): Remedy {
  return {
    summary: `Capture on the RADIUS server ${server} itself, all traffic, while a login is tried.`,
    steps: [
      {
        title: 'On the NPS server, in an elevated prompt: start a capture, reproduce the login, stop, convert',
        commands: [
          'pktmon start --capture --pkt-size 0 -f C:\\nps.etl',
          'REM ... try the VPN login now ...',
          'pktmon stop',
          'pktmon etl2pcap C:\\nps.etl --out C:\\nps.pcapng',
        ],
      },
      { title: 'Do not filter the capture on RADIUS ports: the cause is in the server\'s outbound HTTPS and DNS traffic' },
    ],
  };
}
