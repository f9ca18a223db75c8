// The web application's build: `vite build web` (run by `npm install` and `npm run build`) writes web/dist, which
// the upload service serves. Preact's JSX runtime; code shared with the services (contracts' types, the
// identities) is imported from ../shared and bundled.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true },
});
