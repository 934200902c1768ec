// The renderer bundle: `npx vite build -c renderer/vite.config.mts` → dist/renderer, which the
// browser host serves and the Electron window loads. No inline scripts or styles anywhere: the
// CSP of both is `script-src 'self'; style-src 'self'`.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // Relative asset URLs: the same bundle works from http://127.0.0.1:<port>/ and from file://.
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Chromium has modulepreload; the polyfill would only add code.
    modulePreload: { polyfill: false },
    // Every asset a file of its own (CSP img-src allows data:, but fonts and styles must be 'self').
    assetsInlineLimit: 0,
    target: 'chrome120',
    reportCompressedSize: false,
    // Loaded from the local disk or 127.0.0.1, never over a network: one chunk is fine.
    chunkSizeWarningLimit: 1000,
  },
  server: { host: '127.0.0.1' },
});
