// The packet table's scroll test of bench/browser.mjs: scroll the open capture's table for a few seconds, one
// step per animation frame, and count the frames that took long (over 50 ms: a stall anyone sees; over 25 ms:
// at least one frame dropped at 60 Hz) and the frames that showed rows still loading ("…").
//   wheel: 600 px (27 rows) a frame, a fast flick of the wheel, from the top;
//   jump:  the whole table in 3 s, as when the scrollbar is dragged from top to bottom;
// and then whether the bottom of the table shows the last row (a browser clamps a tall element's height).

/** @param {import('@playwright/test').Page} page */
export async function scrollTable(page, seconds = 3) {
  await page.evaluate(() => {
    // a row still loading inside the visible part (the overscan rows around it do not count)
    window.__loadingInView = (el) => {
      const box = el.getBoundingClientRect();
      for (const c of el.querySelectorAll('.cell.loading')) {
        const r = c.getBoundingClientRect();
        if (r.bottom > box.top && r.top < box.bottom) return true;
      }
      return false;
    };
  });
  const out = {};
  for (const mode of ['wheel', 'jump']) {
    out[mode] = await page.evaluate(
      ({ mode, seconds }) =>
        new Promise((done) => {
          const el = document.querySelector('.packet-body');
          const loadingInView = window.__loadingInView;
          if (!el) throw new Error('no packet table');
          el.scrollTop = 0;
          const span = el.scrollHeight - el.clientHeight;
          const deltas = [];
          let blank = 0;
          let start = null;
          let last = null;
          const step = (t) => {
            if (start === null) start = t;
            if (last !== null) {
              deltas.push(t - last);
              if (loadingInView(el)) blank++;
            }
            last = t;
            const f = (t - start) / (seconds * 1000);
            if (f >= 1) {
              done({
                seconds: (t - start) / 1000,
                frames: deltas.length,
                over50: deltas.filter((d) => d > 50).length,
                over25: deltas.filter((d) => d > 25).length,
                maxMs: Math.max(0, ...deltas),
                blank,
                span,
              });
              return;
            }
            el.scrollTop = mode === 'wheel' ? el.scrollTop + 600 : f * span;
            requestAnimationFrame(step);
          };
          requestAnimationFrame(step);
        }),
      { mode, seconds },
    );
  }
  out.end = await page.evaluate(
    () =>
      new Promise((done) => {
        const el = document.querySelector('.packet-body');
        el.scrollTop = el.scrollHeight;
        const rows = Number(document.querySelector('[data-testid="frame-count"]')?.textContent?.replace(/\D/g, '') ?? NaN);
        const look = (tries) =>
          requestAnimationFrame(() => {
            const shown = [...el.querySelectorAll('[role="row"][aria-rowindex]')].map((r) => Number(r.getAttribute('aria-rowindex')));
            const last = Math.max(0, ...shown);
            const loaded = el.querySelector(`[aria-rowindex="${last}"][data-frame]`) !== null;
            if ((!loaded || last < rows) && tries > 0) look(tries - 1);
            else done({ rows, lastRowShown: last, loaded });
          });
        look(60);
      }),
  );
  return out;
}
