// Bundles the Electron main process (ESM) and the sandboxed preload (CommonJS: sandboxed
// preloads cannot load ES modules) into dist/main/. Dependencies stay external: electron-builder
// packages node_modules, and native modules must load from disk.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: false, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['main/shell/main.ts'],
  outfile: 'dist/main/shell.js',
  format: 'esm',
  packages: 'external',
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
});

await build({
  ...common,
  entryPoints: ['main/shell/preload.ts'],
  outfile: 'dist/main/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});
console.log('built dist/main/shell.js and dist/main/preload.cjs');
