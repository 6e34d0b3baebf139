// Builds the app into web/dist, which the gateway serves at `/` (gateway/web.ts). JSX is Preact's.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', reportCompressedSize: true },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000', '/dev': 'http://127.0.0.1:4000' } },
});
