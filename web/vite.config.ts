// Builds the app into web/dist, which the gateway serves at `/` (gateway/web.ts). JSX is Preact's.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
    // The app, and the hidden frame of a silent token renewal (web/src/oidc.ts).
    rollupOptions: {
      input: { main: `${import.meta.dirname}/index.html`, silent: `${import.meta.dirname}/silent-renew.html` },
    },
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000', '/dev': 'http://127.0.0.1:4000' } },
});
