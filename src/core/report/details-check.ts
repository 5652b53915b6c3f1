// Checks on a details tree that tests (and a cautious caller) run: every node's bytes lie inside the
// captured frame and inside its parent's, so a hex pane can always highlight them.

import type { DetailNode } from './details-node.ts';

/** Every node of the tree, depth first. */
export function flattenDetails(nodes: DetailNode[], out: DetailNode[] = []): DetailNode[] {
  for (const n of nodes) {
    out.push(n);
    if (n.children) flattenDetails(n.children, out);
  }
  return out;
}

/** What is wrong with the byte ranges of a tree over a frame of `capLen` captured bytes ([] when nothing). */
export function detailRangeProblems(nodes: DetailNode[], capLen: number): string[] {
  const problems: string[] = [];
  const walk = (list: DetailNode[], lo: number, hi: number, path: string) => {
    for (const n of list) {
      const where = `${path} > ${n.label} [${n.start}, +${n.length}]`;
      if (!Number.isInteger(n.start) || !Number.isInteger(n.length) || n.length < 0) problems.push(`${where}: not a byte range`);
      else if (n.start < 0 || n.start + n.length > capLen) problems.push(`${where}: outside the frame of ${capLen} bytes`);
      else if (n.start < lo || n.start + n.length > hi) problems.push(`${where}: outside its parent [${lo}, ${hi})`);
      if (n.children) walk(n.children, n.start, n.start + n.length, where);
    }
  };
  walk(nodes, 0, capLen, '');
  return problems;
}
