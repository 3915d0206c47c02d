/**
 * `npm run bench`: every comparison in one process run, printed with ratios. Needs Prosody for the connect
 * comparison (skipped with a loud line when it is missing).
 */
import 'reflect-metadata';
import { compare } from './compare.js';
import { connectComparison } from './connect-bench.js';
import { scramComparisons } from './scram-bench.js';
import { PROSODY, requireSystemDependency } from '../harness/system-dependency.js';

for (const comparison of scramComparisons()) await compare(comparison);

if (requireSystemDependency(PROSODY, 'bench (verified connect)')) {
  const { comparison, stop } = await connectComparison();
  try {
    await compare(comparison);
  } finally {
    await stop();
  }
}
