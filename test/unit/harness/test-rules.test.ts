/**
 * The rules of test/README.md, checked over every test file so they hold between CI runs too: nothing focused
 * or skipped by hand (a missing system program skips through requireSystemDependency, which fails under CI),
 * and no sleeping in a test file (a barrier shows an absence, waitUntil / waitForEvent wait for a change).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const TEST_FILE = /\.test\.tsx?$/;
const files = readdirSync('test', { recursive: true, encoding: 'utf8' })
  .filter((name) => TEST_FILE.test(name))
  .map((name) => path.join('test', name));

function offenders(pattern: RegExp): string[] {
  return files.filter((file) => pattern.test(readFileSync(file, 'utf8')));
}

describe('test files follow the test rules', () => {
  it('finds the test files', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain(path.join('test', 'unit', 'harness', 'test-rules.test.ts'));
  });

  it('focus nothing with .only', () => {
    expect(offenders(/\b(?:it|test|describe)(?:\.each\([^)]*\))?\.only\b/)).toEqual([]);
  });

  it('skip nothing by hand (.skip, .todo, skipIf)', () => {
    expect(offenders(/\b(?:it|test|describe)\.(?:skip|todo|skipIf)\b/)).toEqual([]);
  });

  it('do not sleep: no promise that only waits for a timer', () => {
    // A promise whose resolver is handed straight to setTimeout is a sleep; a stub that answers late is fine.
    // (The crash tests' random kill point is a wait on purpose; it lives in test/hardening/crash-safety/kill-lane.ts.)
    expect(offenders(/new Promise\(\s*\(?\s*(\w+)\s*\)?\s*=>\s*setTimeout\(\s*\1\s*,/)).toEqual([]);
  });
});
