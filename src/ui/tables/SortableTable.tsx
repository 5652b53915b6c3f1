// A small sortable table (react-table's row sorting) for the conversations and the RADIUS transactions.
// Click a header to sort; click a row to select its first frame.

import { createSortedRowModel, rowSortingFeature, sortFn_alphanumeric, sortFn_basic, tableFeatures, useTable } from '@tanstack/react-table';
import type { ColumnDef, RowData, SortingState } from '@tanstack/react-table';
import { useState } from 'react';

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});

export type Feat = typeof features;

interface Props<T extends RowData> {
  label: string;
  rows: T[];
  columns: ColumnDef<Feat, T, any>[];
  onRowClick?(row: T): void;
  rowClass?(row: T): string | undefined;
}

export function SortableTable<T extends RowData>({ label, rows, columns, onRowClick, rowClass }: Props<T>) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const table = useTable({ features, columns, data: rows, state: { sorting }, onSortingChange: setSorting });
  return (
    <div className="sortable-wrap">
      <table className="sortable" aria-label={label}>
        <thead>
          {table.getHeaderGroups().map((g) => (
            <tr key={g.id}>
              {g.headers.map((h) => {
                const dir = h.column.getIsSorted();
                return (
                  <th key={h.id} aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}>
                    <button type="button" onClick={h.column.getToggleSortingHandler()}>
                      <table.FlexRender header={h} />
                      <span aria-hidden="true">{dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((r) => (
            <tr key={r.id} className={rowClass?.(r.original)} onClick={() => onRowClick?.(r.original)}>
              {r.getAllCells().map((c) => (
                <td key={c.id}>
                  <table.FlexRender cell={c} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
