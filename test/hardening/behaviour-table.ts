/**
 * One row of the hardening table (`npm run test:hardening`): what the test name says should happen, what was
 * expected, and what the test saw. The row is stored on the test's metadata so the table reporter
 * (`test/harness/behaviour-table-reporter.ts`) can print it after the run, and it is asserted here, so a
 * row that says "got" something other than "expected" is always a failed test, never only a line in a table.
 */
import { expect, type TestContext } from 'vitest';

export interface BehaviourRow {
  /** What a safe client does, in plain words ("refused before any byte of the password"). */
  readonly expected: string;
  /** What this run observed, in the same words when it behaved. */
  readonly got: string;
}

declare module 'vitest' {
  interface TaskMeta {
    behaviour?: BehaviourRow;
  }
}

export function expectBehaviour(context: Pick<TestContext, 'task'>, row: BehaviourRow): void {
  context.task.meta.behaviour = row;
  expect(row.got, `${context.task.name}: expected "${row.expected}", got "${row.got}"`).toBe(row.expected);
}
