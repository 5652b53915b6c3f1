import { defineConfig } from 'vite';

// The Node CLI, built once by `npm install` (the `prepare` script) so that `npx radscope` needs no TS runner.
export default defineConfig({
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    target: 'node20',
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: { output: { entryFileNames: 'radscope.mjs', format: 'es' } },
  },
});
