import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  // Pre-bundle what the workers import, so the dev server does not discover them late and reload the
  // page in the middle of a first training.
  optimizeDeps: {
    include: [
      '@tensorflow/tfjs',
      '@tensorflow/tfjs-backend-wasm',
      '@tensorflow/tfjs-backend-webgpu',
      'sucrase/dist/index.js',
      'sucrase/dist/parser/index.js',
      'sucrase/dist/parser/tokenizer/types.js',
    ],
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
    // The benchmark page (npm run bench) is built with the app so it runs the same bundles; it is only
    // fetched when opened (dist/bench/perf/browser/index.html).
    rolldownOptions: { input: { main: 'index.html', bench: 'bench/perf/browser/index.html' } },
  },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
});
