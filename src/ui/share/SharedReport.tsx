// A report opened from a share link: the same verdict, timeline and RADIUS requests as the workspace, under
// a banner that says what this is (someone's report, no packets), what was hidden and what was left out.
// Everything shown comes from the link, validated by the core's decoder, and is rendered as text.

import { useState } from 'react';
import { describeOmission, type SharedReport as Shared } from '../../core/report/share-link-profile.ts';
import { SortableTable } from '../tables/SortableTable.tsx';
import { TX_COLUMNS, txRowClass } from '../tables/transaction-columns.ts';
import { Timeline } from '../timeline/Timeline.tsx';
import { VerdictPanel } from '../verdict/VerdictPanel.tsx';

export function SharedReportView({ shared, onClose }: { shared: Shared; onClose(): void }) {
  const { report, omitted, redaction, evidenceTotals } = shared;
  const [selected, setSelected] = useState<number | null>(null);
  const hidden = [redaction.users && 'user names', redaction.addresses && (redaction.publicNames ? 'IP addresses and host names (Microsoft service names kept)' : 'IP addresses and all host names')].filter(Boolean);
  const c = report.capture;
  const shortened = evidenceTotals.length;

  return (
    <div className="workspace shared-report">
      <section className="panel shared-banner" role="note" aria-label="Shared report" data-testid="shared-banner">
        <div className="shared-banner-head">
          <h2>Shared report</h2>
          <button type="button" onClick={onClose}>
            Close and open a capture
          </button>
        </div>
        <p>
          Someone analysed a capture with radscope and shared this report. The link holds the findings and the frame numbers of their evidence, not the packets: to see a
          frame, open the capture itself.
        </p>
        <p data-testid="shared-capture">
          Capture: {c.name ?? 'name not shared'}, {c.format}, {c.frames.toLocaleString('en-US')} frames{c.startIso ? `, starting ${c.startIso}` : ''}.
        </p>
        {hidden.length > 0 && <p data-testid="shared-redaction">Hidden by the sender: {hidden.join(' and ')}.</p>}
        {(omitted.length > 0 || shortened > 0) && (
          <ul className="shared-omitted" data-testid="shared-omitted">
            {omitted.map((o, i) => (
              <li key={i}>{describeOmission(o)}</li>
            ))}
          </ul>
        )}
      </section>
      <VerdictPanel report={report} onSelectFrame={setSelected} />
      {selected !== null && (
        <p className="panel shared-frame-note" role="status">
          Frame {selected} is in the sender’s capture; a shared report holds no packets. Open the capture with radscope to see it.
        </p>
      )}
      <section className="panel timeline-panel" aria-label="Timeline">
        <Timeline report={report} selectedFrame={selected} onSelectFrame={setSelected} />
      </section>
      <section className="panel packets-panel" aria-label="RADIUS requests">
        <h2 className="shared-section-title">RADIUS requests ({report.transactions.length})</h2>
        <SortableTable label="RADIUS requests" rows={report.transactions} columns={TX_COLUMNS} rowClass={txRowClass} onRowClick={(t) => t.requests[0] && setSelected(t.requests[0].frame)} />
      </section>
    </div>
  );
}
