// What the page shows while a capture is still being read: the worker's latest provisional report (the RADIUS
// requests whose window has closed in the part read so far, their connections and the findings they already
// support), plainly marked as such. The final report replaces it when the read ends.

import { memo, useState } from 'react';
import { useAfterPaint } from './after-paint.ts';
import type { Report } from '../core/report/schema.ts';
import { formatCount } from './format.ts';
import { Timeline } from './timeline/Timeline.tsx';
import { VerdictPanel } from './verdict/VerdictPanel.tsx';

export function ProvisionalView({ report, percent }: { report: Report; percent: number }) {
  const n = report.transactions.length;
  return (
    <div className="provisional-view" aria-busy="true" data-testid="provisional">
      <p className="provisional-banner" role="note">
        <strong>Provisional — still reading ({percent}%).</strong> What the first {formatCount(report.capture.frames)} frames
        show: {n} RADIUS {n === 1 ? 'request' : 'requests'} so far. The final report replaces this when the whole file is read.
      </p>
      <ProvisionalBody report={report} />
    </div>
  );
}

/** Renders again only for a new report, not for each progress message in between. */
const ProvisionalBody = memo(function ProvisionalBody({ report }: { report: Report }) {
  // no packet table yet (the worker makes it at the end): a click only highlights on the timeline
  const [selected, setSelected] = useState<number | null>(null);
  // the verdict first, the timeline a frame later (the first time too): two shorter tasks
  const timelineReport = useAfterPaint(report);
  return (
    <>
      <VerdictPanel report={report} onSelectFrame={setSelected} />
      {timelineReport && (
        <section className="panel timeline-panel" aria-label="Timeline">
          <Timeline report={timelineReport} selectedFrame={selected} onSelectFrame={setSelected} />
        </section>
      )}
    </>
  );
});
