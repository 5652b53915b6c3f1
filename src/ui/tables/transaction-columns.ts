// The RADIUS requests table's columns (the workspace and the shared report both show it): one row per
// request (its retransmissions are "Sent"), its answer and the root cause of its failure.

import { createColumnHelper } from '@tanstack/react-table';
import type { Report } from '../../core/report/schema.ts';
import type { Feat } from './SortableTable.tsx';

export type Tx = Report['transactions'][number];
const txHelper = createColumnHelper<Feat, Tx>();
export const TX_COLUMNS = txHelper.columns([
  txHelper.accessor((t) => t.requests[0]?.frame ?? 0, { id: 'frame', header: 'Frame' }),
  txHelper.accessor((t) => t.requests[0]?.t ?? 0, { id: 't', header: 'Time', cell: (c) => c.getValue().toFixed(3) }),
  txHelper.accessor('codeName', { header: 'Request' }),
  txHelper.accessor('id', { header: 'Id' }),
  txHelper.accessor((t) => `${t.nas}:${t.nasPort}`, { id: 'nas', header: 'NAS' }),
  txHelper.accessor((t) => t.user ?? '', { id: 'user', header: 'User' }),
  txHelper.accessor((t) => t.requests.length, { id: 'copies', header: 'Sent' }),
  txHelper.accessor((t) => t.answer?.codeName ?? 'no reply', { id: 'answer', header: 'Answer' }),
  txHelper.accessor((t) => t.answer?.after ?? -1, { id: 'after', header: 'After (s)', cell: (c) => (c.getValue() < 0 ? '' : c.getValue().toFixed(3)) }),
  txHelper.accessor('status', { header: 'Status' }),
  txHelper.accessor((t) => t.verdict?.id ?? '', { id: 'verdict', header: 'Root cause' }),
]);

/** Failing requests are marked like the timeline's failing lanes. */
export function txRowClass(t: Tx): string | undefined {
  return t.verdict && t.verdict.severity !== 'info' ? 'failing' : undefined;
}
