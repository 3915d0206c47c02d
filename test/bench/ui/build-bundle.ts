/**
 * The UI benchmark's bundles: a PRODUCTION build of the renderer (React's production build, minified, as the
 * packaged app ships it; the e2e setup builds with NODE_ENV=test, which gives React's development build) and
 * the synthetic API as a page script. Both go to a fresh temporary directory, never to dist/.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';

export interface BenchBundle {
  readonly rendererDir: string;
  readonly pageScript: string;
}

/** Builds the renderer found under `sourceRoot` (the checkout itself, or an older commit's files). */
export async function buildBenchBundle(sourceRoot: string): Promise<BenchBundle> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'hostproof-ui-bench-'));
  const rendererDir = path.join(out, 'renderer');
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(sourceRoot, 'vite.renderer.config.ts'),
      root: path.join(sourceRoot, 'renderer'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: rendererDir, emptyOutDir: true },
    });
    await build({
      configFile: false,
      mode: 'production',
      logLevel: 'warn',
      build: {
        outDir: path.join(out, 'page'),
        emptyOutDir: true,
        lib: { entry: path.resolve('test/bench/ui/synthetic-api.ts'), formats: ['iife'], name: 'HostproofBench', fileName: () => 'synthetic-api.js' },
      },
    });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
  return { rendererDir, pageScript: path.join(out, 'page', 'synthetic-api.js') };
}
