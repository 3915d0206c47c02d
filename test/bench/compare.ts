/**
 * Runs groups of alternatives with tinybench in one process and prints, per group, each side's mean time and
 * how many times faster the fastest is than each other side. Speed is reported, never asserted.
 */
import { Bench } from 'tinybench';

export interface Alternative {
  readonly name: string;
  readonly run: () => Promise<unknown> | unknown;
  /** Samples to take (slow alternatives need few). */
  readonly iterations: number;
}

export interface Comparison {
  readonly title: string;
  readonly alternatives: readonly Alternative[];
}

export async function compare(comparison: Comparison): Promise<void> {
  const means: Array<{ name: string; mean: number; samples: number }> = [];
  for (const alternative of comparison.alternatives) {
    // One Bench per side so each gets its own iteration count; they run back to back in this process.
    const bench = new Bench({ iterations: alternative.iterations, time: 0, warmupIterations: 1, warmupTime: 0 });
    bench.add(alternative.name, alternative.run);
    await bench.run();
    const task = bench.tasks[0];
    if (!task?.result || task.result.error) throw task?.result?.error ?? new Error(`${alternative.name} produced no result`);
    means.push({ name: alternative.name, mean: task.result.mean, samples: task.result.samples.length });
  }
  const fastest = means.reduce((a, b) => (b.mean < a.mean ? b : a));
  console.log(`\n${comparison.title}`);
  for (const m of means) {
    const ratio = m === fastest ? 'fastest' : `${(m.mean / fastest.mean).toFixed(2)}x slower than ${fastest.name}`;
    console.log(`  ${m.name.padEnd(44)} ${m.mean.toFixed(2).padStart(10)} ms/op  (${m.samples} samples)  ${ratio}`);
  }
}
