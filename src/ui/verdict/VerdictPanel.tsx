// Why the RADIUS server never answered, in one plain sentence, with its evidence frames, the explanation
// and what to do; then every other finding by severity. All text is the report's, rendered as text.

import { useId, useMemo, useState } from 'react';
import type { Report, ReportFinding } from '../../core/report/schema.ts';
import { useAfterPaint } from '../after-paint.ts';
import { Evidence } from './Evidence.tsx';
import { evidenceFrames, frameLabels, healthMessage, otherFindings, SEVERITY_LABEL, verdictFinding, type Severity } from './findings.ts';
import { RemedyView } from './RemedyView.tsx';
import './VerdictPanel.css';

export interface VerdictPanelProps {
  report: Report;
  /** Called with a frame number when an evidence frame is clicked. */
  onSelectFrame(frame: number): void;
}

const CONFIDENCE_TEXT: Record<ReportFinding['confidence'], string> = {
  certain: 'certain',
  likely: 'likely',
  suspected: 'suspected',
};

export function VerdictPanel({ report, onSelectFrame }: VerdictPanelProps) {
  const labels = useMemo(() => frameLabels(report), [report]);
  const main = useMemo(() => verdictFinding(report), [report]);
  // the other findings (dozens on a busy capture) a painted frame after the verdict: the verdict's own
  // style and layout alone took 26-57 ms in a provisional update while the worker and its reader held both cores
  const others = useAfterPaint(useMemo(() => otherFindings(report), [report])) ?? [];
  const v = report.verdict;
  const titleId = useId();

  return (
    <section className="vp" aria-label="Diagnosis">
      {v ? (
        <article className={`vp-verdict vp-sev--${v.severity}`} data-finding-id={v.id} aria-labelledby={titleId}>
          <div className="vp-verdict-head">
            <SeverityBadge severity={v.severity} />
            <h2 className="vp-verdict-title" id={titleId}>
              {main?.title ?? v.id}
            </h2>
            {main && <span className="vp-confidence">Confidence: {CONFIDENCE_TEXT[main.confidence]}</span>}
          </div>
          {/* two columns on a wide screen: what happened (and why) beside what to do */}
          <div className="vp-columns">
            <div className="vp-col">
              <p className="vp-summary">{v.summary}</p>
              <Evidence frames={evidenceFrames(v)} labels={labels} onSelectFrame={onSelectFrame} />
              {main && (
                <section className="vp-section">
                  <h3>Why</h3>
                  <p>{main.explanation}</p>
                </section>
              )}
            </div>
            {main?.remedy && (
              <section className="vp-section vp-col vp-remedy">
                <h3>What to do</h3>
                <RemedyView remedy={main.remedy} />
              </section>
            )}
          </div>
        </article>
      ) : (
        <Healthy report={report} />
      )}

      {others.length > 0 && (
        <div className="vp-others">
          <h2 className="vp-others-title">{v ? 'Other findings' : 'Findings'}</h2>
          {others.map((g) => (
            <section key={g.severity} className={`vp-group vp-sev--${g.severity}`} aria-label={`${SEVERITY_LABEL[g.severity]} findings`}>
              <h3 className="vp-group-title">
                <SeverityBadge severity={g.severity} /> <span className="vp-group-count">{g.findings.length}</span>
              </h3>
              {g.findings.map((f, i) => (
                <FindingItem key={`${f.id}:${i}`} finding={f} labels={labels} onSelectFrame={onSelectFrame} />
              ))}
            </section>
          ))}
        </div>
      )}
    </section>
  );
}

function Healthy({ report }: { report: Report }) {
  const m = healthMessage(report);
  return (
    <div className={`vp-healthy vp-healthy--${m.kind}`} role="status">
      <span className="vp-healthy-icon" aria-hidden="true">
        {m.kind === 'healthy' ? '✓' : m.kind === 'empty' ? '–' : '?'}
      </span>
      <div>
        <h2 className="vp-healthy-title">{m.headline}</h2>
        <p className="vp-healthy-detail">{m.detail}</p>
      </div>
    </div>
  );
}

function FindingItem({ finding, labels, onSelectFrame }: { finding: ReportFinding; labels: ReadonlyMap<number, string>; onSelectFrame(frame: number): void }) {
  // the body is made when first opened: a large capture has dozens of findings, mostly left closed, and
  // building every body at once is a good part of the page's work when a report arrives
  const [opened, setOpened] = useState(false);
  return (
    <details className={`vp-finding vp-sev--${finding.severity}`} data-finding-id={finding.id} onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary>
        <span className="vp-finding-title">{finding.title}</span>
        <span className="vp-finding-id">{finding.id}</span>
      </summary>
      {opened && <FindingBody finding={finding} labels={labels} onSelectFrame={onSelectFrame} />}
    </details>
  );
}

function FindingBody({ finding, labels, onSelectFrame }: { finding: ReportFinding; labels: ReadonlyMap<number, string>; onSelectFrame(frame: number): void }) {
  return (
    <div className="vp-finding-body">
      <p className="vp-finding-summary">{finding.summary}</p>
      <Evidence frames={evidenceFrames(finding)} labels={labels} onSelectFrame={onSelectFrame} />
      <section className="vp-section">
        <h4>Why</h4>
        <p>{finding.explanation}</p>
        <p className="vp-confidence">Confidence: {CONFIDENCE_TEXT[finding.confidence]}</p>
      </section>
      {finding.remedy && (
        <section className="vp-section">
          <h4>What to do</h4>
          <RemedyView remedy={finding.remedy} />
        </section>
      )}
    </div>
  );
}

const SEVERITY_ICON: Record<Severity, string> = { error: '✕', warning: '!', info: 'i' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`vp-badge vp-badge--${severity}`}>
      <span className="vp-badge-icon" aria-hidden="true">
        {SEVERITY_ICON[severity]}
      </span>
      {SEVERITY_LABEL[severity]}
    </span>
  );
}
