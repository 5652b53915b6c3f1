// What the user can tell the analysis: RADIUS shared secrets (to verify authenticators and passwords), extra
// RADIUS ports, the RADIUS server's address. Secrets stay in this page's memory, and in the worker for the
// analysis; they are written to this browser's storage only when the user asks, and never put in links.

import { useState } from 'react';
import type { OpenOptions } from '../worker/api.ts';

const KEY = 'radscope.settings';

export interface Settings {
  secrets: string;
  ports: string;
  servers: string;
  remember: boolean;
}

export function loadSettings(): Settings {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Settings> | null;
    if (v && v.remember) return { secrets: String(v.secrets ?? ''), ports: String(v.ports ?? ''), servers: String(v.servers ?? ''), remember: true };
  } catch {
    // nothing stored, or storage refused
  }
  return { secrets: '', ports: '', servers: '', remember: false };
}

export function saveSettings(s: Settings): void {
  try {
    if (s.remember) localStorage.setItem(KEY, JSON.stringify(s));
    else localStorage.removeItem(KEY);
  } catch {
    // storage refused: nothing is kept, which is the safe side
  }
}

/** The analysis options these settings mean; problems in them as messages. */
export function toOptions(s: Settings): { options: OpenOptions; problems: string[] } {
  const problems: string[] = [];
  const secrets = s.secrets.split('\n').map((x) => x.replace(/\r$/, '')).filter((x) => x.length > 0);
  const radiusPorts = s.ports
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((x) => {
      const n = Number(x);
      if (!Number.isInteger(n) || n < 1 || n > 65535) problems.push(`"${x}" is not a UDP port`);
      return n;
    })
    .filter((n) => Number.isInteger(n) && n >= 1 && n <= 65535);
  const radiusServers = s.servers.split(/[\s,]+/).filter(Boolean);
  for (const a of radiusServers) if (!/^[0-9.]+$|^[0-9a-fA-F:]+$/.test(a)) problems.push(`"${a}" is not an IP address`);
  return { options: { secrets, radiusPorts, radiusServers: radiusServers.map((a) => a.toLowerCase()) }, problems };
}

export function SettingsPanel({ value, onChange }: { value: Settings; onChange(s: Settings): void }) {
  const [shown, setShown] = useState(false);
  const { problems } = toOptions(value);
  return (
    <details className="settings">
      <summary>Settings</summary>
      <div className="settings-body">
        <label>
          RADIUS shared secrets, one per line (checked against authenticators and passwords; applied to the next capture you open)
          <textarea
            rows={2}
            spellCheck={false}
            autoComplete="off"
            className={shown ? '' : 'masked'}
            value={value.secrets}
            onChange={(e) => onChange({ ...value, secrets: e.target.value })}
          />
        </label>
        <label className="inline">
          <input type="checkbox" checked={shown} onChange={(e) => setShown(e.target.checked)} /> Show the secrets
        </label>
        <label>
          Other RADIUS ports (besides 1812, 1813, 1645, 1646, 1700, 3799)
          <input value={value.ports} onChange={(e) => onChange({ ...value, ports: e.target.value })} placeholder="e.g. 11812" />
        </label>
        <label>
          RADIUS server address (when the capture does not make it plain)
          <input value={value.servers} onChange={(e) => onChange({ ...value, servers: e.target.value })} placeholder="e.g. 10.0.0.10" />
        </label>
        <label className="inline">
          <input type="checkbox" checked={value.remember} onChange={(e) => onChange({ ...value, remember: e.target.checked })} /> Remember these settings in this browser (secrets included)
        </label>
        {problems.length > 0 && <p className="settings-problem">{problems.join('; ')}</p>}
      </div>
    </details>
  );
}
