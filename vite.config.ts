import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app. `base: './'` keeps every URL relative, so dist/ works under any sub-path of a static server.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { outDir: 'dist', target: 'es2022', sourcemap: false },
  preview: { port: 4173, strictPort: true },
});
