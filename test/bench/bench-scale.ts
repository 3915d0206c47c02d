/**
 * How big a benchmark run is. `npm run bench` measures at the issues' sizes; `HOSTPROOF_BENCH_QUICK=1` runs every
 * benchmark with tiny sizes and one pass, which is what `npm test` does (test/bench/quick-run.test.ts) so a
 * benchmark that no longer runs or prints is caught at once, not at the next measurement. A quick run's numbers
 * say nothing about speed: its tables carry a line saying so.
 */
export interface BenchScale {
  readonly quick: boolean;
  /** Samples of the SCRAM derivation per side (the slow pure-JavaScript side takes at most 3). */
  readonly scramSamples: number;
  /** Messages in the history benchmark's database. */
  readonly messages: number;
  /** Conversations opened at random in the history benchmark. */
  readonly historySamples: number;
  /** Start-ups of each side in the history benchmark. */
  readonly startupRounds: number;
  /** Passes of the UI benchmark's scenarios, and how long its presence burst lasts. */
  readonly uiPasses: number;
  readonly uiPresenceSeconds: number;
  /** One-to-one messages in each burst of the inbound pipeline benchmark, and its rounds. */
  readonly pipelineMessages: number;
  readonly pipelineRounds: number;
  /** Rounds of the connect-under-delay benchmark, logins per side of the login benchmark, starts of the command line. */
  readonly connectRounds: number;
  readonly loginSamples: number;
  readonly cliRuns: number;
}

export function benchScale(env: NodeJS.ProcessEnv = process.env): BenchScale {
  if (env.HOSTPROOF_BENCH_QUICK === '1') {
    return { quick: true, scramSamples: 2, messages: 3_000, historySamples: 20, startupRounds: 1, uiPasses: 1, uiPresenceSeconds: 1, pipelineMessages: 200, pipelineRounds: 1, connectRounds: 1, loginSamples: 2, cliRuns: 2 };
  }
  return {
    quick: false,
    scramSamples: 50,
    messages: Number(env.HOSTPROOF_MESSAGES_BENCH_COUNT ?? 1_000_000),
    historySamples: 300,
    startupRounds: 8,
    uiPasses: Number(env.HOSTPROOF_UI_BENCH_PASSES ?? 3),
    uiPresenceSeconds: 5,
    pipelineMessages: Number(env.HOSTPROOF_PIPELINE_BENCH_COUNT ?? 20_000),
    // Two rounds and five: a whole run took 9 min 45 s with three and seven (2026-12-01, load 5–9), and neither
    // verdict moved with the rounds in any run so far (docs/performance.md, "The whole run").
    pipelineRounds: Number(env.HOSTPROOF_PIPELINE_BENCH_ROUNDS ?? 2),
    connectRounds: Number(env.HOSTPROOF_CONNECT_BENCH_ROUNDS ?? 5),
    loginSamples: 20,
    cliRuns: 10,
  };
}

/** The line a quick run prints under each table, so nobody reads its numbers as a measurement. */
export const QUICK_RUN_NOTE = '  (quick run: tiny sizes, one pass; this checks that the benchmark runs, not how fast)';
