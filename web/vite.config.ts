// Builds the single-page app into dist/, served by `smartassist serve --static web/dist`.
// `npm run dev` proxies the API (and its WebSocket) to a server on 127.0.0.1:8080.
import { defineConfig } from 'vite';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2020' },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true } },
  },
});
