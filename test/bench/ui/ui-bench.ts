/**
 * The UI benchmark: a production build of the renderer in Debian's Chromium with the synthetic API, several
 * fresh passes of every scenario, and per measurement the median and spread (min–max) against the issue's
 * targets. With a git ref (HOSTPROOF_UI_BENCH_BEFORE=<ref>), the same scenarios also run against that commit's
 * renderer, in the same run, for a before/after table; the scenarios that froze the old window are shortened
 * for it (said in the table) so the run stays within a few minutes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../harness/renderer-harness.js';
import { serveDirectory } from '../../harness/static-server.js';
import { CHROMIUM, requireSystemDependency } from '../../harness/system-dependency.js';
import { buildBenchBundle } from './build-bundle.js';
import { checkoutRenderer } from './checkout.js';
import { createFloor, type Floor } from './floor.js';
import { QUICK_RUN_NOTE, type BenchScale } from '../bench-scale.js';
import { runPass, type Pass } from './scenarios.js';
import { printTable, resultRows, type Side } from './table.js';
import type { ResultsSink } from '../results-table.js';

interface Target {
  readonly name: string;
  readonly sourceRoot: string;
  readonly passes: number;
  readonly presenceSeconds: number;
}

interface Served {
  readonly target: Target;
  readonly url: string;
  readonly pageScript: string;
  readonly results: Pass[];
  /** The first load in the fresh browser: nothing cached or compiled yet, as at the first launch after installing. */
  firstLaunch: Pass | null;
  close(): Promise<void>;
}

async function serve(target: Target): Promise<Served> {
  const bundle = await buildBenchBundle(target.sourceRoot);
  const server = await serveDirectory(bundle.rendererDir, { cacheAssets: true });
  return {
    target,
    url: server.url,
    pageScript: bundle.pageScript,
    results: [],
    firstLaunch: null,
    close: async () => {
      await server.close();
      await rm(path.dirname(bundle.rendererDir), { recursive: true, force: true });
    },
  };
}

async function onePass(context: BrowserContext, side: Served, firstLaunch = false): Promise<void> {
  const page = await context.newPage();
  // tsx names functions with a helper the page lacks; the in-page steps need it defined.
  await page.addInitScript('globalThis.__name = (f) => f;');
  await page.addInitScript({ path: side.pageScript });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const pass = await runPass(page, side.url, firstLaunch ? 1 : side.target.presenceSeconds);
  if (firstLaunch) side.firstLaunch = pass;
  else side.results.push(pass);
  await page.close();
  if (errors.length > 0) throw new Error(`The page failed during the benchmark: ${errors.join('; ')}`);
}

/**
 * Passes of the sides interleaved (this checkout, before, this checkout, …) in one browser, so a spell of load
 * from elsewhere on a shared machine falls on both sides rather than on one.
 */
async function measure(targets: readonly Target[], floor: Floor): Promise<Side[]> {
  const served: Served[] = [];
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'hostproof-ui-bench-chromium-'));
  let context: BrowserContext | undefined;
  try {
    for (const target of targets) served.push(await serve(target));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM.path,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1100, height: 720 },
    });
    // The first launch of each side compiles its bundle: measured, reported on its own (info), not a pass. The
    // passes after it are later launches, with the compiled code kept as the app's code cache keeps it.
    for (const side of served) await onePass(context, side, true);
    const rounds = Math.max(...targets.map((t) => t.passes));
    for (let round = 0; round < rounds; round++) {
      for (const side of served) if (round < side.target.passes) await onePass(context, side);
      if (served[0]) await floor.measureOnce(context, served[0].pageScript);
    }
    return served.map((s) => ({ name: s.target.name, passes: s.results, firstLaunch: s.firstLaunch, presenceSeconds: s.target.presenceSeconds }));
  } finally {
    await context?.close();
    for (const s of served) await s.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
}

const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

export async function runUiBench(scale: BenchScale, results?: ResultsSink): Promise<void> {
  if (!requireSystemDependency(CHROMIUM, 'bench (UI)')) return;
  const started = Date.now();
  const loadBefore = load();
  const targets: Target[] = [{ name: 'this checkout', sourceRoot: process.cwd(), passes: scale.uiPasses, presenceSeconds: scale.uiPresenceSeconds }];
  const before = process.env.HOSTPROOF_UI_BENCH_BEFORE;
  const old = before ? await checkoutRenderer(before) : null;
  const floor = await createFloor();
  try {
    // The old window needed seconds per second of presence at this rate: one pass of one second says enough.
    if (before && old) targets.push({ name: before, sourceRoot: old, passes: 1, presenceSeconds: 1 });
    const sides = await measure(targets, floor);
    printTable(sides);
    floor.print();
    if (sides[0]) results?.add([...resultRows(sides[0]), ...floor.rows()]); // the combined table (issue 16 item 6)
    if (scale.quick) console.log(QUICK_RUN_NOTE);
  } finally {
    await floor.close();
    if (old) await rm(old, { recursive: true, force: true });
  }
  console.log(`  (UI benchmark took ${((Date.now() - started) / 1000).toFixed(0)} s on ${os.cpus().length} cores; load average ${loadBefore} before, ${load()} after)`);
}
