/**
 * `npm run bench`: every comparison in one process run, printed with ratios, then connect to online under
 * network delay (the app's connect path against Prosody behind 40 ms each way), the message history benchmark
 * (1,000,000 messages in SQLite) and the UI benchmark (a production renderer in Chromium against the issue's
 * targets). Needs Prosody for the connect benchmark and Chromium for the UI benchmark (each skipped with a loud
 * line when missing). `npm run bench -- ui` runs the UI benchmark alone, `npm run bench -- messages` the message
 * history benchmark alone, `npm run bench -- connect` the connect benchmark alone, `npm run bench -- cli` the
 * command line's start (`--help` to its first byte of output) alone, `npm run bench -- login` the whole login
 * with and without channel binding alone.
 */
import 'reflect-metadata';
import { runCliStartBench } from './cli-start-bench.js';
import { compare } from './compare.js';
import { runConnectDelayBench } from './connect-delay-bench.js';
import { runMessagesBench } from './messages/messages-bench.js';
import { saslComparisons } from './sasl-bench.js';
import { scramComparisons } from './scram-bench.js';
import { PROSODY, requireSystemDependency } from '../harness/system-dependency.js';
import { runUiBench } from './ui/ui-bench.js';

const only = process.argv.slice(2).find((arg) => ['ui', 'messages', 'connect', 'cli', 'login'].includes(arg));
if (!only) for (const comparison of scramComparisons()) await compare(comparison);
if (!only || only === 'cli') await runCliStartBench();

if ((!only || only === 'login') && requireSystemDependency(PROSODY, 'bench (whole login)')) {
  const sasl = await saslComparisons();
  try {
    for (const comparison of sasl.comparisons) await compare(comparison);
    const used = sasl.used();
    console.log(`  mechanisms used: ${used.join('; ')}`);
    // A Prosody without -PLUS mechanisms (e.g. one whose LuaSec has no channel binding) logs both sides in unbound.
    if (!used.some((u) => u.includes('-PLUS'))) console.log('  note: this Prosody offered no -PLUS mechanism, so both sides logged in without channel binding');
  } finally {
    await sasl.stop();
  }
}

if ((!only || only === 'connect') && requireSystemDependency(PROSODY, 'bench (connect under network delay)')) await runConnectDelayBench();

if (!only || only === 'messages') await runMessagesBench();
if (!only || only === 'ui') await runUiBench();
