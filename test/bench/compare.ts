/**
 * Runs groups of alternatives with tinybench in one process and prints, per group, each side's mean time and
 * how many times faster the fastest is than each other side. Speed is reported, never asserted.
 */
import { Bench } from 'tinybench';
import { median, spreadOf, type ResultsSink } from './results-table.js';

export interface Alternative {
  readonly name: string;
  readonly run: () => Promise<unknown> | unknown;
  /** Samples to take (slow alternatives need few). */
  readonly iterations: number;
}

export interface Comparison {
  readonly title: string;
  /** The benchmark and the short name its rows carry in the combined table (results-table.ts). */
  readonly benchmark: string;
  readonly label: string;
  readonly alternatives: readonly Alternative[];
}

/** Prints the comparison; `results` gets one row per side, the first side with the second as its baseline. */
export async function compare(comparison: Comparison, results?: ResultsSink): Promise<void> {
  const means: Array<{ name: string; mean: number; samples: number; times: number[] }> = [];
  for (const alternative of comparison.alternatives) {
    // One Bench per side so each gets its own iteration count; they run back to back in this process.
    const bench = new Bench({ iterations: alternative.iterations, time: 0, warmupIterations: 1, warmupTime: 0 });
    bench.add(alternative.name, alternative.run);
    await bench.run();
    const task = bench.tasks[0];
    if (!task?.result || task.result.error) throw task?.result?.error ?? new Error(`${alternative.name} produced no result`);
    means.push({ name: alternative.name, mean: task.result.mean, samples: task.result.samples.length, times: [...task.result.samples] });
  }
  const fastest = means.reduce((a, b) => (b.mean < a.mean ? b : a));
  console.log(`\n${comparison.title}`);
  for (const m of means) {
    const ratio = m === fastest ? 'fastest' : `${(m.mean / fastest.mean).toFixed(2)}x slower than ${fastest.name}`;
    console.log(`  ${m.name.padEnd(44)} ${m.mean.toFixed(2).padStart(10)} ms/op  (${m.samples} samples)  ${ratio}`);
  }
  const second = means[1];
  results?.add(
    means.map((m, i) => ({
      benchmark: comparison.benchmark,
      measurement: `${comparison.label}: ${m.name}`,
      unit: 'ms',
      measured: spreadOf(m.times),
      ...(i === 0 && second ? { baseline: { name: second.name, median: median(second.times) } } : {}),
    })),
  );
}
