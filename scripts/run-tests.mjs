#!/usr/bin/env node
// `npm test`: every tier (unit, components, integration, e2e) in one Vitest run, then one summary line a
// person (and CI) can read. Under CI=true a skipped test fails the run: CI must never pass by testing less.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const report = 'test-results/vitest.json';
rmSync(report, { force: true });
const run = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });

if (!existsSync(report)) {
  console.log('Summary: 0 passed, 1 failed (Vitest wrote no report; see the output above)');
  process.exit(run.status || 1);
}
const result = JSON.parse(readFileSync(report, 'utf8'));
const passed = result.numPassedTests ?? 0;
const failed = (result.numFailedTests ?? 0) + (result.numFailedTestSuites ?? 0);
const skipped = (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
// The failures again, last: CI keeps only the tail of a long run, and Vitest's own list of failures sits
// above the hardening table, where it is cut off.
const root = process.cwd() + '/';
for (const file of result.testResults ?? []) {
  const name = String(file.name ?? '').replace(root, '');
  if (file.status === 'failed' && file.message) {
    console.log(`\nFAILED file ${name}: ${firstLines(file.message)}`);
  }
  for (const test of file.assertionResults ?? []) {
    if (test.status !== 'failed') continue;
    console.log(`\nFAILED ${name} > ${test.fullName}\n  ${firstLines((test.failureMessages ?? []).join('\n'))}`);
  }
}
console.log(`\nSummary: ${passed} passed, ${failed} failed, ${skipped} skipped`);

let status = run.status ?? 1;
if (passed === 0) {
  console.log('No test passed: treating the run as failed.');
  status = 1;
}
if (process.env.CI === 'true' && skipped > 0) {
  console.log(`CI=true and ${skipped} test(s) were skipped: failing the run.`);
  status = 1;
}
process.exit(status);

function firstLines(text) {
  return String(text).split('\n').slice(0, 6).join('\n  ');
}
