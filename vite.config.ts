import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { offlineBuild } from './scripts/offline-build.ts';

// The app. `npm run build` makes dist/index.html one self-contained file (the app, its styles, the analysis
// worker and the bundled sample inside, a Content-Security-Policy in a <meta>) that runs from any static server
// under any sub-path, straight from disk (file://) and with no network; beside it dist/sw.js, the service worker
// that lets a served copy start offline. See README.md, "Host it yourself", and scripts/offline-build.ts.
export default defineConfig({
  base: './',
  plugins: [
    react(),
    // inlines the script and the CSS into index.html (its generateBundle runs before offlineBuild's). Not its
    // removeViteModuleLoader: it cuts the first `(function(){...})();` out of the page, which in an IIFE build
    // is the app's own code (modulePreload: false below already leaves no module loader)
    viteSingleFile(),
    offlineBuild({
      embed: ['samples/tls-blackhole.pcapng'],
      precache: ['manifest.webmanifest', 'favicon.svg'],
      serviceWorkerTemplate: 'scripts/service-worker.js',
      serviceWorkerFile: 'sw.js',
    }),
  ],
  // a classic worker: it is started from a blob: URL (analysis-client.ts), which a module worker cannot be
  // from a page opened from file://
  worker: { format: 'iife' },
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: false,
    // no <link rel="modulepreload"> polyfill: there is nothing left to preload
    modulePreload: false,
    // a classic script: module scripts do not run from file://
    rolldownOptions: { output: { format: 'iife' } },
  },
  preview: { port: 4173, strictPort: true },
});
