// Installed in the page by bench/browser.mjs (page.addInitScript) before the app loads: it watches the open of
// a capture from the file input's change event to the final verdict on screen, and records on the way every
// main-thread long task (PerformanceObserver 'longtask': tasks over 50 ms), every animation-frame gap and
// when the first (provisional) results appeared. The bench reads window.__bench when the verdict is shown.
(() => {
  const b = {
    t0: null,
    firstResult: null,
    finalSeen: null,
    finalPainted: null,
    longtasks: [],
    frames: [],
    // long animation frames (Chromium 123+): what a long task spent its time on (scripts, style and layout)
    loafs: [],
  };
  window.__bench = b;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.duration <= 50) continue;
        b.loafs.push({
          start: e.startTime,
          duration: e.duration,
          blocking: e.blockingDuration,
          // from the frame's start: when rendering began, and style and layout
          render: e.renderStart ? e.renderStart - e.startTime : null,
          styleLayout: e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : null,
          scripts: e.scripts.map((x) => ({ fn: x.sourceFunctionName, invoker: x.invoker, ms: x.duration, forcedLayout: x.forcedStyleAndLayoutDuration })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // an older browser: long tasks only
  }

  // The file input's change event: the "drop". Capture phase, so it runs before the app's own handler.
  document.addEventListener(
    'change',
    (e) => {
      if (e.target instanceof HTMLInputElement && e.target.type === 'file') b.t0 = performance.now();
    },
    true,
  );

  // Frame gaps while the page is open: long gaps are frames the user saw dropped.
  let last = null;
  const tick = (t) => {
    if (last !== null && b.t0 !== null && b.finalPainted === null) b.frames.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);

  // The verdict panel of the finished analysis lives in .workspace; a provisional one elsewhere.
  const watch = () => {
    if (b.t0 === null) return;
    const now = performance.now();
    if (b.firstResult === null && document.querySelector('[aria-label="Timeline"], [aria-label="Diagnosis"]')) b.firstResult = now;
    if (b.finalSeen === null && document.querySelector('.workspace [aria-label="Diagnosis"]')) {
      b.finalSeen = now;
      // the next frame's callbacks run just before it paints the verdict
      requestAnimationFrame(() => {
        b.finalPainted = performance.now();
      });
    }
  };
  const start = () => new MutationObserver(watch).observe(document.body, { childList: true, subtree: true });
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
