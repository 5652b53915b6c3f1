// The packet list: Wireshark's columns, its default colouring, a million rows scrolled smoothly. Rows come
// from the worker a window at a time (the page never holds every packet); react-table owns the columns and
// their rendering, useFixedRows the rows on screen. Keyboard: arrows move, Enter opens the details.

import { columnSizingFeature, createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { PacketRow } from '../../worker/api.ts';
import { useFixedRows } from './fixed-rows.ts';
import { MAX_CACHED_ROWS, pagesToFetch } from './row-pages.ts';

export type TimeMode = 'relative' | 'absolute' | 'delta';

const ROW_HEIGHT = 22;
const PAGE = 200;
/** The table body's CSS height (28rem), until it is measured. */
const BODY_HEIGHT = 448;

interface Props {
  /** Rows in the current view (all frames, or the filtered ones); changes when the filter changes. */
  count: number;
  /** A token that changes when the view changes (so cached rows are dropped). */
  viewKey: number;
  fetchRows(start: number, count: number): Promise<PacketRow[]>;
  /** Row position of a frame in the view (-1 when filtered out). */
  indexOfFrame(frame: number): Promise<number>;
  selectedFrame: number | null;
  onSelect(frame: number): void;
  onOpen(frame: number): void;
  timeMode: TimeMode;
}

const features = tableFeatures({ columnSizingFeature });
const helper = createColumnHelper<typeof features, PacketRow>();

function timeText(r: PacketRow, mode: TimeMode): string {
  if (mode === 'absolute') return r.timeAbs ? r.timeAbs.replace('T', ' ').replace('Z', '') : '';
  const v = mode === 'delta' ? r.timeDelta : r.timeRel;
  return v === null ? '' : v.toFixed(6);
}

export function PacketTable(props: Props) {
  const { count, viewKey, fetchRows, selectedFrame, onSelect, onOpen, timeMode, indexOfFrame } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const cache = useRef(new Map<number, PacketRow>());
  const loading = useRef(new Set<number>());
  const [, bump] = useState(0);
  const [cursor, setCursor] = useState(0);

  /** The view the cache holds rows of: an answer for an earlier view (a filter since changed) is dropped. */
  const view = useRef(viewKey);
  useEffect(() => {
    view.current = viewKey;
    cache.current.clear();
    loading.current.clear();
    bump((n) => n + 1);
  }, [viewKey]);

  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor('frame', { header: 'No.', size: 55 }),
        helper.accessor((r) => timeText(r, timeMode), { id: 'time', header: timeMode === 'absolute' ? 'Time (UTC)' : timeMode === 'delta' ? 'Delta' : 'Time', size: timeMode === 'absolute' ? 230 : 95 }),
        helper.accessor('src', { header: 'Source', size: 140 }),
        helper.accessor('dst', { header: 'Destination', size: 140 }),
        helper.accessor('protocol', { header: 'Protocol', size: 70 }),
        helper.accessor('length', { header: 'Length', size: 60 }),
        helper.accessor('info', { header: 'Info', size: 900 }),
      ]),
    [timeMode],
  );

  const { items, totalSize, scrollToIndex } = useFixedRows(scrollRef, count, ROW_HEIGHT, 8, BODY_HEIGHT);

  // fetch the pages the visible rows fall in, and during a drag those the next frames will show
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const lastFirst = useRef(first);
  const inView = useRef({ first, last });
  inView.current = { first, last };
  useEffect(() => {
    const step = first - lastFirst.current;
    lastFirst.current = first;
    if (cache.current.size > MAX_CACHED_ROWS) {
      // the rows of a long scroll: keep only those in view
      for (const i of cache.current.keys()) if (i < first - PAGE || i > last + PAGE) cache.current.delete(i);
    }
    for (const page of pagesToFetch(first, last, step, count, PAGE)) {
      if (loading.current.has(page) || cache.current.has(page * PAGE)) continue;
      loading.current.add(page);
      const key = viewKey;
      void fetchRows(page * PAGE, PAGE).then((rows) => {
        if (key !== view.current) return;
        rows.forEach((r, i) => cache.current.set(page * PAGE + i, r));
        loading.current.delete(page);
        // a page asked for ahead of a drag is drawn when the view gets there, not now
        const v = inView.current;
        if (page * PAGE <= v.last && (page + 1) * PAGE > v.first) bump((n) => n + 1);
      });
    }
  }, [first, last, count, fetchRows, viewKey]);

  const visibleRows = items.map((it) => cache.current.get(it.index)).filter((r): r is PacketRow => r !== undefined);
  const table = useTable({ features, columns, data: visibleRows, getRowId: (r) => String(r.frame) });
  const byFrame = new Map(table.getRowModel().rows.map((r) => [r.original.frame, r]));

  // scroll a frame selected elsewhere (timeline, verdict) into view
  useEffect(() => {
    if (selectedFrame === null) return;
    let live = true;
    void indexOfFrame(selectedFrame).then((i) => {
      if (!live || i < 0) return;
      setCursor(i);
      scrollToIndex(i, 'center');
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedFrame, viewKey]);

  const moveTo = useCallback(
    (i: number) => {
      const j = Math.max(0, Math.min(count - 1, i));
      setCursor(j);
      scrollToIndex(j);
      const r = cache.current.get(j);
      if (r) onSelect(r.frame);
    },
    [count, onSelect, scrollToIndex],
  );

  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    if (e.key === 'ArrowDown') moveTo(cursor + 1);
    else if (e.key === 'ArrowUp') moveTo(cursor - 1);
    else if (e.key === 'PageDown') moveTo(cursor + page);
    else if (e.key === 'PageUp') moveTo(cursor - page);
    else if (e.key === 'Home') moveTo(0);
    else if (e.key === 'End') moveTo(count - 1);
    else if (e.key === 'Enter') {
      const r = cache.current.get(cursor);
      if (r) onOpen(r.frame);
    } else return;
    e.preventDefault();
  };

  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const width = headers.reduce((s, h) => s + h.getSize(), 0);
  return (
    <div className="packet-table" role="grid" aria-label="Packets" aria-rowcount={count}>
      <div className="packet-head" role="row" style={{ width }}>
        {headers.map((h) => (
          <div key={h.id} role="columnheader" className={`cell col-${h.id}`} style={{ width: h.getSize() }}>
            <table.FlexRender header={h} />
          </div>
        ))}
      </div>
      <div className="packet-body" ref={scrollRef} tabIndex={0} onKeyDown={onKeyDown} aria-label="Packet rows (arrow keys move, Enter opens the details)">
        <div style={{ height: totalSize, position: 'relative', width }}>
          {items.map((it) => {
            const r = cache.current.get(it.index);
            const row = r ? byFrame.get(r.frame) : undefined;
            const selected = r !== undefined && r.frame === selectedFrame;
            return (
              <div
                key={it.index}
                role="row"
                aria-rowindex={it.index + 1}
                aria-selected={selected}
                data-frame={r?.frame}
                className={`packet-row${selected ? ' selected' : ''}${it.index === cursor ? ' cursor' : ''}`}
                style={{
                  transform: `translateY(${it.start}px)`,
                  height: ROW_HEIGHT,
                  ...(r?.color && !selected ? { backgroundColor: r.color.bg, color: r.color.fg } : {}),
                }}
                title={r?.color ? `Coloring rule: ${r.color.name}` : undefined}
                onClick={() => {
                  if (!r) return;
                  setCursor(it.index);
                  onSelect(r.frame);
                }}
                onDoubleClick={() => r && onOpen(r.frame)}
              >
                {row
                  ? row.getAllCells().map((cell) => (
                      <div key={cell.id} role="gridcell" className={`cell col-${cell.column.id}`} style={{ width: cell.column.getSize() }}>
                        <table.FlexRender cell={cell} />
                      </div>
                    ))
                  : <div className="cell loading">…</div>}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
