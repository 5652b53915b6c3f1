// radscope's service worker: lets a copy served over http(s) start with no network after the first visit.
// Written into dist/sw.js by scripts/offline-build.ts, which fills in the build id, the cache version (a hash
// of every file cached here, so each build that changes anything is a new worker) and the list of files.
// Never used from file://.
//
// The page is one file (index.html, with the app, the analysis worker and the sample inside), so a version is
// one page: there is no mix of old and new chunks to fear, and a new worker takes over at once (skipWaiting,
// clients.claim). A page opened before the update keeps running its old code until it is reloaded; it shows
// "A new version of radscope is ready" with a Reload button (src/ui/offline/service-worker-client.ts): the page
// asks the worker for its BUILD and compares it with its own.
//
// Strategy: cache first, for the page and the files listed; everything else goes to the network untouched.

/** The page this worker caches (the `radscope-build` <meta> of its index.html). */
const BUILD = '__RADSCOPE_BUILD__';
/** BUILD and the other files cached: the cache's name. */
const VERSION = '__RADSCOPE_VERSION__';
/** Files besides the page, relative to this worker's URL; cached when the server has them. */
const PRECACHE = ['__RADSCOPE_PRECACHE__'];

const SCOPE = new URL('./', self.location.href);
const PAGE = new URL('index.html', SCOPE).href;
/** One cache per deployment (scope) and version: two copies on one origin never touch each other's cache. */
const PREFIX = `radscope ${SCOPE.pathname} `;
const CACHE = PREFIX + VERSION;

/**
 * The response without its redirect history: a redirected response may not answer a navigation, and some
 * servers redirect index.html to the folder.
 */
async function clean(response) {
  if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
  if (!response.redirected) return response;
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers });
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const existed = await caches.has(CACHE);
      try {
        // cache: 'reload': past the HTTP cache, so a new worker never stores an old page
        const page = await clean(await fetch(PAGE, { cache: 'reload' }));
        // a deployment caught halfway (this sw.js, the previous index.html): fail, and stay with the previous
        // worker and its page; the browser tries again on a later visit
        if (!(await page.clone().text()).includes(`<meta name="radscope-build" content="${BUILD}"`)) {
          throw new Error(`${PAGE} is not build ${BUILD}`);
        }
        // the others are nice to have (installing from the browser's menu): a server that does not serve
        // them (a .webmanifest type it does not know) must not cost the offline start
        const files = [];
        for (const file of PRECACHE) {
          const url = new URL(file, SCOPE).href;
          const response = await fetch(url, { cache: 'reload' }).then(clean, () => null).catch(() => null);
          if (response) files.push([url, response]);
        }
        const cache = await caches.open(CACHE);
        await cache.put(PAGE, page.clone());
        await cache.put(SCOPE.href, page);
        for (const [url, response] of files) await cache.put(url, response);
      } catch (e) {
        if (!existed) await caches.delete(CACHE);
        throw e;
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  // the page, whatever its query (a share link is in the fragment, which never reaches here)
  const isPage = request.mode === 'navigate' && (url.pathname === SCOPE.pathname || url.href.split(/[?#]/)[0] === PAGE);
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit = isPage ? await cache.match(PAGE) : await cache.match(request, { ignoreSearch: true });
      return hit ?? fetch(request);
    })(),
  );
  if (isPage) event.waitUntil(retireIfGone());
});

/**
 * A deployment that was taken down must not live on in its visitors' browsers (nor take over the page of the
 * next app served at the same address, such as another `vite preview` on localhost:4173): when sw.js is gone
 * (404, 410, or no longer JavaScript, as a single-page app's fallback answers), this worker unregisters and
 * deletes its caches; this visit still shows the cached app, the next goes to the server. Offline, or on any
 * other answer, nothing changes.
 */
async function retireIfGone() {
  let response;
  try {
    response = await fetch(self.location.href, { cache: 'no-store' });
  } catch {
    return;
  }
  const gone = response.status === 404 || response.status === 410 || (response.ok && !/javascript/i.test(response.headers.get('content-type') ?? ''));
  if (!gone) return;
  await self.registration.unregister();
  for (const key of await caches.keys()) if (key.startsWith(PREFIX)) await caches.delete(key);
}

self.addEventListener('message', (event) => {
  if (event.data === 'radscope:build?') event.source?.postMessage({ radscopeBuild: BUILD });
});
