import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

/** The `hostproof-posh` command: the same trust code as the app, bundled for Node with dependencies external. */
const external = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...Object.keys(pkg.dependencies)].map(
  (name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/.*)?$`),
);

export default defineConfig({
  build: {
    outDir: 'dist/cli',
    emptyOutDir: true,
    target: 'node20',
    ssr: true,
    rollupOptions: {
      input: { 'hostproof-posh': 'main/cli/hostproof-posh.ts' },
      external,
      // Each command is a chunk of its own, loaded when it runs (run-cli.ts): `--help` loads the entry alone.
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
