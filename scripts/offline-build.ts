// The last step of `vite build` (see vite.config.ts): turns the bundle that vite-plugin-singlefile inlined into
// index.html into a page that runs from any static server, under any sub-path, straight from disk (file://) and
// with no network at all:
//
// - the app's script becomes one classic inline <script> at the end of <body>: module scripts do not run from
//   file:// in Chromium, and a classic script needs the DOM above it (a module script was deferred);
// - the favicon and the files listed in `embed` (the bundled sample capture) go into the page: the favicon as a
//   data: URL, the others base64 in non-executable <script type="application/octet-stream"> data blocks
//   (fetch() cannot read a file:// URL in Chromium; src/ui/offline/embedded-file.ts reads the blocks);
// - a Content-Security-Policy <meta> goes first in <head>, with the SHA-256 of every inline script and style
//   computed here, so no 'unsafe-inline' script is needed and it works from file:// (a nonce needs a server);
// - sw.js, the service worker that lets a served copy start offline (template: scripts/service-worker.js), is
//   written with the build's id (also in the page's `radscope-build` <meta>, so an open page can tell it is out of
//   date) and a cache version that is the hash of what it caches: every new build is a new worker.
//
// Anything left outside the page (a JavaScript or CSS file singlefile could not inline) fails the build.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Script } from 'node:vm';
import type { OutputAsset, OutputBundle } from 'rolldown';
import type { Plugin, ResolvedConfig } from 'vite';

export interface OfflineBuildOptions {
  /** Files of the public folder to put into the page, as relative URLs the app asks for (no leading './'). */
  embed: string[];
  /** Files of the public folder the service worker caches besides the page itself. */
  precache: string[];
  /** The service worker's template. */
  serviceWorkerTemplate: string;
  /** The service worker's file name in dist/. */
  serviceWorkerFile: string;
}

/** The policy of the built page; `scripts` and `styles` are the hashes of its inline code. */
export function contentSecurityPolicy(scripts: string[], styles: string[]): string {
  const hashes = (h: string[]) => h.map((x) => ` 'sha256-${x}'`).join('');
  return [
    // everything not named below: only the page's own origin
    "default-src 'self'",
    // only the inline scripts of this very build, by hash: no eval, no injected or foreign script
    `script-src${hashes(scripts) || " 'none'"}`,
    // <style> elements: this build's only; style="" attributes (the timeline's SVG export writes them) are
    // allowed: they cannot run code, and every URL a style could load is held by img-src and font-src
    `style-src 'self'${hashes(styles)}`,
    `style-src-elem 'self'${hashes(styles)}`,
    "style-src-attr 'unsafe-inline'",
    // data: for the inlined favicon, blob: for the timeline's PNG export (an SVG drawn through an Image)
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // fetch, XHR, WebSocket, EventSource, sendBeacon: the page's own origin and nothing else
    "connect-src 'self'",
    // the analysis worker runs from a blob: URL made from the inlined code; 'self' is the service worker
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

/** Executable inline scripts (no src, a JavaScript type or none) and their text. */
function inlineScripts(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1]!;
    if (/\bsrc\s*=/i.test(attrs)) continue;
    const type = /\btype\s*=\s*"([^"]*)"/i.exec(attrs)?.[1]?.toLowerCase();
    if (type === undefined || type === '' || type === 'text/javascript' || type === 'module') out.push(m[2]!);
  }
  return out;
}

function inlineStyles(html: string): string[] {
  return [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]!);
}

/** `html` with `find` replaced once by `by` (a function replacement: the app's code holds `$` patterns). */
function replaceOnce(html: string, find: RegExp, by: (...m: string[]) => string, what: string): string {
  if (!find.test(html)) throw new Error(`offline-build: ${what} not found in index.html`);
  return html.replace(find, (...m: string[]) => by(...m));
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

export function offlineBuild(options: OfflineBuildOptions): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'radscope:offline-build',
    apply: 'build',
    enforce: 'post',
    configResolved(c) {
      config = c;
    },
    generateBundle: {
      // after vite-plugin-singlefile's own post-order generateBundle (this plugin comes after it in vite.config.ts)
      order: 'post',
      handler(_output, bundle: OutputBundle) {
        const publicFile = (name: string) => {
          const p = resolve(config.publicDir, name);
          if (!existsSync(p)) this.error(`offline-build: public/${name} does not exist`);
          return readFileSync(p);
        };
        const left = Object.keys(bundle).filter((f) => /\.(m?js|css)$/.test(f));
        if (left.length > 0) this.error(`offline-build: not inlined into index.html: ${left.join(', ')}; the page would not run from file://`);
        const page = bundle['index.html'] as OutputAsset | undefined;
        if (!page || typeof page.source !== 'string') this.error('offline-build: no index.html in the bundle');
        let html = page.source as string;

        // 1. the app's inlined module script -> one classic script at the end of <body>
        const modules = [...html.matchAll(/<script type="module"[^>]*>([\s\S]*?)<\/script>\s*/g)];
        if (modules.length !== 1) this.error(`offline-build: expected one inlined module script, found ${modules.length}`);
        const code = modules[0]![1]!;
        try {
          new Script(code, { filename: 'index.html (inline script)' });
        } catch (e) {
          this.error(`offline-build: the app's code is not a classic script (set build.rolldownOptions.output.format to 'iife'): ${String(e)}`);
        }
        html = html.replace(modules[0]![0], '');

        // 2. the embedded files, then the app's script, at the end of <body>
        const blocks = options.embed.map((name) => {
          const b64 = publicFile(name).toString('base64');
          return `<script type="application/octet-stream" data-embedded-file="${escapeAttr(name)}">${b64}</script>`;
        });
        html = replaceOnce(html, /<\/body>/, () => `${blocks.join('\n')}\n<script>${code}</script>\n</body>`, '</body>');

        // 3. the favicon as a data: URL
        html = replaceOnce(
          html,
          /<link rel="icon" type="image\/svg\+xml" href="\.\/([^"]+)"\s*\/?>/,
          (_m, file) => `<link rel="icon" type="image/svg+xml" href="data:image/svg+xml;base64,${publicFile(file!).toString('base64')}" />`,
          'the favicon <link>',
        );

        // 4. the Content-Security-Policy, first in <head> after the charset, hashing what is inline now
        if (/http-equiv="Content-Security-Policy"/i.test(html)) this.error('offline-build: index.html already has a CSP <meta>');
        const csp = contentSecurityPolicy(inlineScripts(html).map(sha256), inlineStyles(html).map(sha256));
        html = replaceOnce(
          html,
          /<meta charset="UTF-8" \/>/i,
          (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}" />`,
          'the charset <meta>',
        );

        // 5. the build's id: a hash of the page as it is now; the service worker carries the same id
        const build = createHash('sha256').update(html).digest('hex').slice(0, 16);
        html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, (m) => `${m}\n    <meta name="radscope-build" content="${build}" />`);
        if (/\bsrc="(?!data:)[^"]*"|\bhref="(?!data:)[^"#]*\.(js|css)"/.test(html.replace(/<script[^>]*>[\s\S]*?<\/script>/g, ''))) {
          this.error('offline-build: index.html still refers to an outside script or style');
        }
        page.source = html;

        // 6. the service worker: its cache's version is the hash of everything it caches
        const precached = options.precache.map((name) => ({ name, bytes: publicFile(name) }));
        const version = createHash('sha256');
        version.update(build);
        for (const f of precached) version.update(f.name).update(f.bytes);
        const template = readFileSync(resolve(config.root, options.serviceWorkerTemplate), 'utf8');
        const sw = template
          .replace("'__RADSCOPE_BUILD__'", () => JSON.stringify(build))
          .replace("'__RADSCOPE_VERSION__'", () => JSON.stringify(version.digest('hex').slice(0, 16)))
          .replace("['__RADSCOPE_PRECACHE__']", () => JSON.stringify(options.precache));
        if (sw.includes('__RADSCOPE_')) this.error('offline-build: a placeholder of the service worker template was left unfilled');
        this.emitFile({ type: 'asset', fileName: options.serviceWorkerFile, source: sw });
      },
    },
  };
}
