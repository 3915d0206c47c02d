/**
 * Builds what the e2e tier serves: the renderer from the current source, and the page bridge that stands in
 * for the preload.
 */
import { build } from 'vite';

export const BRIDGE_OUT_DIR = 'test-results/harness';

export default async function setup(): Promise<void> {
  await build({ configFile: 'vite.renderer.config.ts', logLevel: 'warn' });
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: BRIDGE_OUT_DIR,
      emptyOutDir: true,
      lib: { entry: 'test/harness/page-bridge.ts', formats: ['iife'], name: 'HostproofBridge', fileName: () => 'page-bridge.js' },
    },
  });
}
