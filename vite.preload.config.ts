import { defineConfig } from 'vite';

/** The preload, bundled as a single CommonJS file: sandboxed preloads cannot be ES modules. */
export default defineConfig({
  build: {
    outDir: 'dist/preload',
    emptyOutDir: true,
    target: 'chrome140',
    ssr: true,
    rollupOptions: {
      input: { preload: 'app/preload.ts' },
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
  ssr: { noExternal: true },
});
