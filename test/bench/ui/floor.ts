/**
 * The machine's floor for the window's first render: two pages with none of the app, loaded in the same browser
 * between the app's passes and measured the same way (navigation → the first frame showing their rows, and from
 * the entry bundle's arrival). "Plain" makes twenty rows with DOM calls: what Chromium here costs for any page.
 * "React alone" renders the same rows with React's production build: what any React window costs before its own
 * code. A target below the second is out of reach of a React window on this machine, whatever the app does.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { serveDirectory } from '../../harness/static-server.js';
import type { ResultRow } from '../results-table.js';

declare const __bench: { until(ready: () => boolean): Promise<number> };

export type FloorPage = 'plain' | 'react';
const PAGES: Record<FloorPage, string> = { plain: 'Floor: plain page, 20 rows', react: 'Floor: React alone, 20 rows' };

interface FloorLoad {
  readonly navigationToShown: number;
  readonly bundleToShown: number;
}

export interface Floor {
  /** Loads each floor page once in a fresh tab of `context`. */
  measureOnce(context: BrowserContext, pageScript: string): Promise<void>;
  print(): void;
  rows(): ResultRow[];
  close(): Promise<void>;
}

export async function createFloor(): Promise<Floor> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'hostproof-ui-floor-'));
  const root = path.resolve('test/bench/ui/floor');
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: false,
      root,
      base: './',
      mode: 'production',
      logLevel: 'warn',
      build: {
        outDir: out,
        emptyOutDir: true,
        modulePreload: { polyfill: false },
        rollupOptions: { input: { plain: path.join(root, 'plain.html'), react: path.join(root, 'react.html') } },
      },
    });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
  const server = await serveDirectory(out, { cacheAssets: true });
  const loads: Record<FloorPage, FloorLoad[]> = { plain: [], react: [] };

  async function load(context: BrowserContext, pageScript: string, which: FloorPage): Promise<FloorLoad> {
    const page = await context.newPage();
    try {
      await page.addInitScript('globalThis.__name = (f) => f;');
      await page.addInitScript({ path: pageScript });
      await page.goto(new URL(`${which}.html`, server.url).href);
      return await page.evaluate(async () => {
        const shown = await __bench.until(() => document.querySelector('[data-floor-rows]') !== null);
        const entry = (document.querySelector('script[type="module"][src]') as HTMLScriptElement | null)?.src;
        const bundle = performance.getEntriesByType('resource').find((e) => e.name === entry) as PerformanceResourceTiming | undefined;
        if (!bundle) throw new Error('The floor page\'s bundle is not in the resource timings.');
        return { navigationToShown: shown, bundleToShown: shown - bundle.responseEnd };
      });
    } finally {
      await page.close();
    }
  }

  const spread = (values: readonly number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
    return { count: sorted.length, median, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0 };
  };
  const measures = [
    { suffix: '(navigation → shown)', of: (l: FloorLoad) => l.navigationToShown },
    { suffix: '(bundle in → shown)', of: (l: FloorLoad) => l.bundleToShown },
  ];

  return {
    async measureOnce(context, pageScript) {
      for (const which of ['plain', 'react'] as const) loads[which].push(await load(context, pageScript, which));
    },
    print() {
      console.log('  The machine\'s floor, loaded between the passes in the same browser (no app code; median (min–max)):');
      for (const which of ['plain', 'react'] as const) {
        const cells = measures.map((m) => {
          const s = spread(loads[which].map(m.of));
          return `${m.suffix.slice(1, -1)} ${s.median.toFixed(0)} ms (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
        });
        console.log(`    ${PAGES[which]}: ${cells.join(', ')}`);
      }
    },
    rows() {
      return (['plain', 'react'] as const).flatMap((which) =>
        loads[which].length === 0 ? [] : measures.map((m) => ({ benchmark: 'ui', measurement: `${PAGES[which]} ${m.suffix}`, unit: 'ms', measured: spread(loads[which].map(m.of)) })),
      );
    },
    async close() {
      await server.close();
      await rm(out, { recursive: true, force: true });
    },
  };
}
