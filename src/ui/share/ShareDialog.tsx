// "Share a link to this report": choose what to hide, see what the link will show and what it leaves out,
// copy it. The link is made here, in the page, by the core's codec (share-link.ts); it carries the report
// in the URL fragment, which browsers never send to a server, and never a byte of the capture. The
// analysis secrets the user typed are passed as `forbidden`: the codec refuses a link that would hold one.

import { useEffect, useId, useRef, useState } from 'react';
import { describeOmission } from '../../core/report/share-link-profile.ts';
import { encodeShareLink, type ShareEncodeResult } from '../../core/report/share-link.ts';
import type { Report } from '../../core/report/schema.ts';
import { CopyButton } from '../verdict/CopyButton.tsx';
import { NO_DEFLATE_MESSAGE, pageDeflateRaw } from './deflate.ts';
import './share.css';

export interface ShareChoices {
  users: boolean;
  addresses: boolean;
  keepPublicNames: boolean;
}

interface ShareDialogProps {
  report: Report;
  /** Strings that must never be in the link (the RADIUS secrets given to this page). */
  forbidden: readonly string[];
  onClose(): void;
}

/** The page the link opens: this one, without its fragment (and without a previous shared report). */
export function shareBaseUrl(): string {
  return location.href.replace(/#.*$/s, '');
}

export function ShareDialog({ report, forbidden, onClose }: ShareDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [choices, setChoices] = useState<ShareChoices>({ users: false, addresses: false, keepPublicNames: true });
  const [result, setResult] = useState<ShareEncodeResult | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  useEffect(() => {
    let current = true;
    setResult(null);
    const made: Promise<ShareEncodeResult> =
      pageDeflateRaw === null
        ? Promise.resolve({ ok: false, error: { code: 'internal', message: NO_DEFLATE_MESSAGE } })
        : encodeShareLink(report, pageDeflateRaw, { ...choices, baseUrl: shareBaseUrl(), forbidden });
    void made.then((r) => {
      if (current) setResult(r);
    });
    return () => {
      current = false;
    };
  }, [report, forbidden, choices]);

  const set = (k: keyof ShareChoices) => (e: React.ChangeEvent<HTMLInputElement>) => setChoices((c) => ({ ...c, [k]: e.target.checked }));
  const fromFile = location.protocol === 'file:';

  return (
    <dialog ref={ref} className="share-dialog" aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      <h2 id={titleId}>Share a link to this report</h2>
      <p className="share-intro">
        The link holds the diagnosis, the timeline and the frame numbers of the evidence: no packet bytes, no RADIUS secret or password. It is all in the part after
        “#”, which a browser never sends to a server; whoever opens the link sees the report in their own browser.
      </p>
      <fieldset className="share-choices">
        <legend>Hide before sharing</legend>
        <label>
          <input type="checkbox" checked={choices.users} onChange={set('users')} /> User names (shown as user-1, user-2, …)
        </label>
        <label>
          <input type="checkbox" checked={choices.addresses} onChange={set('addresses')} /> IP addresses and host names (shown as addr-1, host-1, …)
        </label>
        <label className="share-sub">
          <input type="checkbox" checked={choices.keepPublicNames} disabled={!choices.addresses} onChange={set('keepPublicNames')} /> but keep Microsoft service names
          (login.microsoftonline.com, …): the remedy names them
        </label>
      </fieldset>

      {result === null ? (
        <p className="share-status" role="status">
          Making the link…
        </p>
      ) : result.ok ? (
        <ShareResult result={result} />
      ) : (
        <p className="share-refused" role="alert">
          {result.error.message}
        </p>
      )}
      {fromFile && (
        <p className="share-note">
          This page was opened from a file, so the link opens only where radscope is at the same path. To share links, host radscope as static files (README: “Host it
          yourself”).
        </p>
      )}
      <div className="share-actions">
        <button type="button" onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}

function ShareResult({ result }: { result: Extract<ShareEncodeResult, { ok: true }> }) {
  const { report, omitted, redaction } = result.shared;
  const url = result.url ?? result.fragment;
  const hidden = [redaction.users && 'user names', redaction.addresses && (redaction.publicNames ? 'addresses and host names (Microsoft service names kept)' : 'addresses and all host names')].filter(Boolean);
  const failing = report.transactions.filter((t) => t.verdict && t.verdict.severity !== 'info').length;
  return (
    <div className="share-result">
      <label className="share-link-label" htmlFor="share-link">
        Link ({url.length.toLocaleString('en-US')} characters)
      </label>
      <textarea id="share-link" data-testid="share-link" readOnly value={url} rows={4} spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
      <div className="share-copy">
        <CopyButton text={url} label="Copy link" />
      </div>
      <div className="share-preview" data-testid="share-preview">
        <h3>The link shows</h3>
        <ul>
          <li>{report.verdict ? `The verdict: ${report.findings.find((f) => f.id === report.verdict?.id)?.title ?? report.verdict.id}` : 'No verdict: nothing failed'}</li>
          <li>
            {count(report.findings.length, 'finding')}, {count(report.transactions.length, 'RADIUS request')} ({failing} failing), {count(report.attempts.length, 'connection')},{' '}
            {count(report.lookups.length, 'DNS lookup')}
          </li>
          <li>{hidden.length > 0 ? `Hidden: ${hidden.join(' and ')}.` : 'Nothing hidden: user names, addresses and host names are as in the capture.'}</li>
        </ul>
        {omitted.length > 0 && (
          <>
            <h3>Not in the link</h3>
            <ul data-testid="share-omitted">
              {omitted.map((o, i) => (
                <li key={i}>{describeOmission(o)}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}

function count(n: number, one: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : `${one}s`}`;
}
