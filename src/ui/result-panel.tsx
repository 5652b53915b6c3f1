import { clipForDisplay } from '../core/base/display-text.ts';
import type { OpenComment, OpenDiagnostic, OpenResult } from '../worker/api.ts';
import { formatBytes, formatCount, linkTypeName } from './format.ts';

interface Props {
  name: string;
  result: OpenResult;
}

export function ResultPanel({ name, result }: Props) {
  const linkTypes = [...new Set(result.linkTypes)];
  return (
    // the provisional reports' count and cost, for bench/browser.mjs
    <section className="panel result" aria-labelledby="result-title" data-provisional-reports={result.provisional.reports} data-provisional-ms={result.provisional.ms}>
      <h2 id="result-title">{name}</h2>
      <dl className="facts">
        <dt>Format</dt>
        <dd data-testid="format">
          {result.format}
          {result.compressed && <span className="note"> (gzip-compressed)</span>}
        </dd>
        <dt>Frames</dt>
        <dd data-testid="frame-count">{result.frames}</dd>
        <dt>Capture data</dt>
        <dd>{formatBytes(result.bytes)}</dd>
        <dt>Link {linkTypes.length === 1 ? 'type' : 'types'}</dt>
        <dd>{linkTypes.length === 0 ? 'none' : linkTypes.map(linkTypeName).join(', ')}</dd>
        <dt>First frame</dt>
        <dd data-testid="first-time"><Time utc={result.firstTimeUtc} epoch={result.firstTime} /></dd>
        <dt>Last frame</dt>
        <dd data-testid="last-time"><Time utc={result.lastTimeUtc} epoch={result.lastTime} /></dd>
      </dl>
      <Comments list={result.comments} omitted={result.commentsOmitted} />
      <Diagnostics list={result.diagnostics} omitted={result.diagnosticsOmitted} />
    </section>
  );
}

function Time({ utc, epoch }: { utc: string | null; epoch: string | null }) {
  if (utc === null || epoch === null) return <span className="note">no time stamp</span>;
  return (
    <>
      <time dateTime={utc}>{utc.replace('T', ' ').replace('Z', ' UTC')}</time>
      <span className="note epoch"> {epoch}</span>
    </>
  );
}

/** The file's own comments (Wireshark: Statistics > Capture File Properties, and each packet's pkt_comment). */
function Comments({ list, omitted }: { list: OpenComment[]; omitted: number }) {
  if (list.length === 0) return null;
  const n = list.length + omitted;
  return (
    <div className="comments">
      <h3>
        {formatCount(n)} {n === 1 ? 'comment' : 'comments'} in the file
      </h3>
      <ul>
        {clipForDisplay(list).map((c, i) => (
          <li key={i} className="comment">
            <span className="where">{c.scope === 'section' ? `Section ${c.ref + 1}` : c.scope === 'interface' ? `Interface ${c.ref}` : `Frame ${c.ref}`}:</span>{' '}
            <span className="comment-text">{c.text}</span>
          </li>
        ))}
      </ul>
      {omitted > 0 && <p className="note">and {formatCount(omitted)} more, not shown</p>}
    </div>
  );
}

function Diagnostics({ list, omitted }: { list: OpenDiagnostic[]; omitted: number }) {
  if (list.length === 0) return <p className="diagnostics-none">No problems found while reading the file.</p>;
  return (
    <div className="diagnostics">
      <h3>
        {formatCount(list.length + omitted)} {list.length + omitted === 1 ? 'problem' : 'problems'} found while reading
      </h3>
      <ul>
        {list.map((d, i) => (
          <li key={i} className={`diagnostic ${d.severity}`}>
            <span className="severity">{d.severity}</span> {d.message}
            {d.frame !== undefined && <span className="where"> (frame {d.frame})</span>}
            {d.frame === undefined && d.fileOffset !== undefined && <span className="where"> (byte {d.fileOffset})</span>}
          </li>
        ))}
      </ul>
      {omitted > 0 && <p className="note">{formatCount(omitted)} more not shown.</p>}
    </div>
  );
}
