import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

/**
 * The main process, bundled as ESM for Electron's Node. Runtime dependencies (notably @xmpp/*, which
 * crashes when bundled as ESM) stay external and are shipped in node_modules by electron-builder.
 */
const external = [
  'electron',
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies),
].map((name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/.*)?$`));

export default defineConfig({
  build: {
    outDir: 'dist/main',
    emptyOutDir: true,
    target: 'node20',
    ssr: true,
    sourcemap: true,
    rollupOptions: {
      input: { index: 'main/electron/main.ts' },
      external,
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
});
