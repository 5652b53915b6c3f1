// The page's side of the service worker (dist/sw.js, from scripts/service-worker.js): registers it when the
// built app is served over http(s), adds the web app manifest there, and says so when the worker in charge
// caches another build than this page's, with a button to reload (an automatic reload would throw away the
// capture being looked at). Nothing happens in `npm run dev` or from file:// (no service workers there).

import './update-notice.css';

const served = location.protocol === 'https:' || location.protocol === 'http:';
/** This page's build id, written by the build (scripts/offline-build.ts). */
const build = document.querySelector<HTMLMetaElement>('meta[name="radscope-build"]')?.content ?? null;

if (import.meta.env.PROD && served) {
  const manifest = document.createElement('link');
  manifest.rel = 'manifest';
  manifest.href = './manifest.webmanifest';
  document.head.append(manifest);

  if ('serviceWorker' in navigator && build !== null) {
    const sw = navigator.serviceWorker;
    // Ask the worker in charge which build it caches: now (it may have taken over before this script ran) and
    // whenever another one takes over. A first visit's worker caches this very page: no notice then.
    const ask = () => sw.controller?.postMessage('radscope:build?');
    sw.addEventListener('message', (e: MessageEvent<unknown>) => {
      const theirs = (e.data as { radscopeBuild?: unknown } | null)?.radscopeBuild;
      if (typeof theirs === 'string' && theirs !== build) showUpdateNotice();
    });
    sw.addEventListener('controllerchange', ask);
    sw.startMessages();
    ask();
    window.addEventListener('load', () => {
      sw.register('./sw.js').catch(() => undefined); // no offline copy then; the page works as before
    });
  }
}

function showUpdateNotice(): void {
  if (document.querySelector('.update-notice')) return;
  const notice = document.createElement('aside');
  notice.className = 'update-notice';
  notice.setAttribute('aria-label', 'Update available');
  notice.setAttribute('aria-live', 'polite');
  const text = document.createElement('span');
  text.textContent = 'A new version of radscope is ready. Reload to use it (an open capture will have to be opened again).';
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.textContent = 'Reload';
  reload.addEventListener('click', () => location.reload());
  const later = document.createElement('button');
  later.type = 'button';
  later.textContent = 'Later';
  later.addEventListener('click', () => notice.remove());
  notice.append(text, reload, later);
  document.body.append(notice);
}
