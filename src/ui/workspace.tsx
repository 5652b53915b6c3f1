// An analysed capture: the verdict first, the timeline, then the packets (filter, table, details and bytes),
// the conversations and the RADIUS requests. Every view asks the worker for what it shows.

import { createColumnHelper } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ConversationSummary, FrameDetail, OpenResult, PacketRow } from '../worker/api.ts';
import { useAfterFirstPaint } from './after-paint.ts';
import { captureViews } from './analysis-client.ts';
import { clipForDisplay } from '../core/base/display-text.ts';
import { formatCount } from './format.ts';
import { DetailsPane } from './packets/DetailsPane.tsx';
import { PacketTable, type TimeMode } from './packets/PacketTable.tsx';
import { ResultPanel } from './result-panel.tsx';
import { ShareDialog } from './share/ShareDialog.tsx';
import { SortableTable, type Feat } from './tables/SortableTable.tsx';
import { TX_COLUMNS, txRowClass } from './tables/transaction-columns.ts';
import { Timeline } from './timeline/Timeline.tsx';
import { VerdictPanel } from './verdict/VerdictPanel.tsx';

type Tab = 'packets' | 'conversations' | 'radius';

const convHelper = createColumnHelper<Feat, ConversationSummary>();
const CONV_COLUMNS = convHelper.columns([
  convHelper.accessor('proto', { header: 'Proto' }),
  convHelper.accessor('stream', { header: 'Stream', cell: (c) => (c.getValue() < 0 ? '' : c.getValue()) }),
  convHelper.accessor((c) => `${c.orig}:${c.origPort}`, { id: 'orig', header: 'Originator' }),
  convHelper.accessor((c) => `${c.resp}:${c.respPort}`, { id: 'resp', header: 'Responder' }),
  convHelper.accessor('duration', { header: 'Duration (s)', cell: (c) => c.getValue().toFixed(3) }),
  convHelper.accessor('origPackets', { header: 'Orig pkts' }),
  convHelper.accessor('respPackets', { header: 'Resp pkts' }),
  convHelper.accessor('origBytes', { header: 'Orig bytes' }),
  convHelper.accessor('respBytes', { header: 'Resp bytes' }),
  convHelper.accessor('connState', { header: 'State' }),
  convHelper.accessor('history', { header: 'History' }),
]);

export function Workspace({ name, result, forbidden }: { name: string; result: OpenResult; forbidden: readonly string[] }) {
  const report = result.report;
  // what the panels show: overlong names cut (the share dialog redacts the whole report, so it gets it as is)
  const shown = useMemo(() => clipForDisplay(report), [report]);
  const api = captureViews();
  const [selected, setSelected] = useState<number | null>(null);
  const [detail, setDetail] = useState<FrameDetail | null>(null);
  const [loadingDetail, setLoadingDetail] = useState(false);
  const [tab, setTab] = useState<Tab>('packets');
  const [count, setCount] = useState(result.frames);
  const [viewKey, setViewKey] = useState(0);
  const [filter, setFilter] = useState('');
  const [filterError, setFilterError] = useState<string | null>(null);
  const [timeMode, setTimeMode] = useState<TimeMode>('relative');
  const [sharing, setSharing] = useState(false);
  const [conversations, setConversations] = useState<ConversationSummary[] | null>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  // the verdict and the timeline are painted first; the packets and the file's summary a frame later
  const below = useAfterFirstPaint();
  const infoCache = useRef(new Map<number, string>());

  const fetchRows = useCallback(
    async (start: number, n: number): Promise<PacketRow[]> => {
      const rows = await api.rows(start, n);
      for (const r of rows) infoCache.current.set(r.frame, clipForDisplay(`${r.protocol}  ${r.src} → ${r.dst}  ${r.info}`));
      return rows;
    },
    [api],
  );
  const indexOfFrame = useCallback((f: number) => api.indexOfFrame(f), [api]);

  const select = useCallback(
    (frame: number) => {
      setSelected(frame);
      setTab('packets');
      setLoadingDetail(true);
      void api.frame(frame).then(
        (d) => {
          setDetail(d);
          setLoadingDetail(false);
        },
        () => setLoadingDetail(false),
      );
    },
    [api],
  );

  const applyFilter = useCallback(
    async (text: string) => {
      const r = await api.setFilter(text.trim());
      if (r.ok) {
        setFilterError(null);
        setCount(r.count);
        setViewKey((k) => k + 1);
      } else setFilterError(`${r.error}`);
    },
    [api],
  );

  // "/" focuses the filter, Escape clears it (Wireshark-like keys)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA');
      if (e.key === '/' && !typing) {
        e.preventDefault();
        filterRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (tab === 'conversations' && conversations === null) void api.conversations().then(setConversations);
  }, [tab, conversations, api]);

  const exportPcapng = async () => {
    const bytes = await api.exportPcapng();
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${name.replace(/\.(pcapng|pcap|cap)(\.gz)?$/i, '')}${filter.trim() ? '-filtered' : ''}.pcapng`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const frameSummary = useCallback((f: number) => infoCache.current.get(f), []);
  const tabs = useMemo(
    () => [
      ['packets', `Packets (${formatCount(count)}${count !== result.frames ? ` of ${formatCount(result.frames)}` : ''})`],
      ['conversations', 'Conversations'],
      ['radius', `RADIUS requests (${report.transactions.length})`],
    ] as const,
    [count, result.frames, report.transactions.length],
  );

  return (
    <div className="workspace">
      <div className="share-open">
        <button type="button" onClick={() => setSharing(true)}>
          Share a link to this report…
        </button>
      </div>
      {sharing && <ShareDialog report={report} forbidden={forbidden} onClose={() => setSharing(false)} />}
      <VerdictPanel report={shown} onSelectFrame={select} />
      <section className="panel timeline-panel" aria-label="Timeline">
        <Timeline report={shown} selectedFrame={selected} onSelectFrame={select} frameSummary={frameSummary} />
      </section>
      {below && (
        <section className="panel packets-panel">
          <div className="tabs" role="tablist" aria-label="Views">
            {tabs.map(([id, label]) => (
              <button key={id} role="tab" type="button" aria-selected={tab === id} className={tab === id ? 'active' : ''} onClick={() => setTab(id)}>
                {label}
              </button>
            ))}
          </div>
          {tab === 'packets' && (
            <>
              <form
                className="filter-bar"
                onSubmit={(e) => {
                  e.preventDefault();
                  void applyFilter(filter);
                }}
              >
                <input
                  ref={filterRef}
                  className={`filter${filterError ? ' invalid' : filter.trim() ? ' valid' : ''}`}
                  aria-label="Display filter"
                  aria-invalid={filterError !== null}
                  placeholder="Display filter, e.g. tcp.analysis.retransmission or tls.clienthello.unanswered   ( / to focus )"
                  value={filter}
                  spellCheck={false}
                  onChange={(e) => setFilter(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Escape') {
                      setFilter('');
                      void applyFilter('');
                    }
                  }}
                />
                <button type="submit">Apply</button>
                <label className="time-mode">
                  Time{' '}
                  <select value={timeMode} onChange={(e) => setTimeMode(e.target.value as TimeMode)} aria-label="Time column">
                    <option value="relative">since the first frame</option>
                    <option value="absolute">absolute (UTC)</option>
                    <option value="delta">since the row above</option>
                  </select>
                </label>
                <button type="button" onClick={() => void exportPcapng()}>
                  Export {filter.trim() ? 'filtered ' : ''}packets (pcapng)
                </button>
              </form>
              {filterError && (
                <p className="filter-error" role="alert">
                  {filterError}
                </p>
              )}
              <div className="packets-split">
                <PacketTable
                  count={count}
                  viewKey={viewKey}
                  fetchRows={fetchRows}
                  indexOfFrame={indexOfFrame}
                  selectedFrame={selected}
                  onSelect={select}
                  onOpen={select}
                  timeMode={timeMode}
                />
                <DetailsPane detail={detail} loading={loadingDetail} />
              </div>
            </>
          )}
          {tab === 'conversations' &&
            (conversations === null ? <p>Loading…</p> : <SortableTable label="Conversations" rows={conversations} columns={CONV_COLUMNS} />)}
          {tab === 'radius' && (
            <SortableTable label="RADIUS requests" rows={shown.transactions} columns={TX_COLUMNS} rowClass={txRowClass} onRowClick={(t) => t.requests[0] && select(t.requests[0].frame)} />
          )}
        </section>
      )}
      {below && <ResultPanel name={name} result={result} />}
    </div>
  );
}
