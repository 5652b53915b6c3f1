// Which pages of rows the packet table asks the worker for: the rows in view, and while the view moves, the
// rows it will reach in the next two frames at that pace. A page takes the worker a file read and a decode,
// often longer than a frame: rows asked for only once in view arrive a frame late, and dragging the scrollbar
// (a screenful or more a frame) showed rows still loading on nearly every frame (bench:browser, 1G: 167 of
// 168 frames; 11 of 177 with this).

/** Page numbers (rows [n * page, (n + 1) * page)) for rows first..last, moving `step` rows a frame. */
export function pagesToFetch(first: number, last: number, step: number, count: number, page: number): number[] {
  const out: number[] = [];
  const add = (a: number, b: number) => {
    const lo = Math.max(0, a);
    const hi = Math.min(count - 1, b);
    for (let p = Math.floor(lo / page); p <= Math.floor(hi / page) && hi >= lo; p++) if (!out.includes(p)) out.push(p);
  };
  add(first, last);
  if (step !== 0) for (const ahead of [1, 2]) add(first + ahead * step, last + ahead * step);
  return out;
}

/** Rows kept on the page at most: past it, pages away from the view are dropped (they are asked for again). */
export const MAX_CACHED_ROWS = 20_000;
