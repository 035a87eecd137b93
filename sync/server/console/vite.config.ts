import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The county console is served by the gateway under /console/ (see consolePlugin.ts). Its CSP is
// `default-src 'self'`, so the build must contain no inline script or style: Vite emits only
// external, hashed files, and the app uses no inline <style>.
export default defineConfig({
  root,
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../../dist/console', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome120',
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1024,
  },
});
