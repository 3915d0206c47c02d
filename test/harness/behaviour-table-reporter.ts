/**
 * Prints the hardening suite's table (behaviour, expected, got) after a run that included hardening tests:
 * `npm run test:hardening` and `npm test` alike, so CI's log carries the table. Rows come from
 * `expectBehaviour` (test/hardening/behaviour-table.ts); a hardening test that failed before it recorded a
 * row is listed with its first error, so a crash is never missing from the table.
 */
import type { Reporter, TestCase, TestModule } from 'vitest/node';

const HARDENING_PROJECT = 'hardening';
const WIDTHS = { behaviour: 58, expected: 34, got: 34 } as const;

interface Row {
  readonly status: 'pass' | 'FAIL';
  readonly behaviour: string;
  readonly expected: string;
  readonly got: string;
}

function behaviourName(testCase: TestCase): string {
  return testCase.fullName.replace(/ > /g, ': ');
}

function rowOf(testCase: TestCase): Row | undefined {
  const result = testCase.result();
  if (result.state === 'skipped' || result.state === 'pending') return undefined;
  const status = result.state === 'passed' ? 'pass' : 'FAIL';
  const recorded = testCase.meta().behaviour;
  if (recorded) return { status, behaviour: behaviourName(testCase), expected: recorded.expected, got: recorded.got };
  const firstError = result.errors?.[0]?.message.split('\n')[0] ?? '';
  return {
    status,
    behaviour: behaviourName(testCase),
    expected: 'as the test name says',
    got: status === 'pass' ? 'as the test name says' : `failed: ${firstError}`,
  };
}

/** Splits text into lines of at most `width` characters, at spaces where it can. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > width) {
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= width) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

export function formatBehaviourTable(rows: readonly Row[]): string {
  const cells = (status: string, behaviour: string, expected: string, got: string) => {
    const [first, second, third] = [wrap(behaviour, WIDTHS.behaviour), wrap(expected, WIDTHS.expected), wrap(got, WIDTHS.got)];
    const height = Math.max(first.length, second.length, third.length);
    const out: string[] = [];
    for (let i = 0; i < height; i++) {
      const mark = i === 0 ? status.padEnd(4) : '    ';
      out.push(
        `${mark} | ${(first[i] ?? '').padEnd(WIDTHS.behaviour)} | ${(second[i] ?? '').padEnd(WIDTHS.expected)} | ${third[i] ?? ''}`,
      );
    }
    return out;
  };
  const rule = `${'-'.repeat(4)}-+-${'-'.repeat(WIDTHS.behaviour)}-+-${'-'.repeat(WIDTHS.expected)}-+-${'-'.repeat(WIDTHS.got)}`;
  const lines = [...cells('', 'behaviour', 'expected', 'got'), rule];
  for (const row of rows) lines.push(...cells(row.status, row.behaviour, row.expected, row.got), rule);
  const failed = rows.filter((row) => row.status === 'FAIL').length;
  lines.push(`Hardening: ${rows.length - failed} of ${rows.length} behaved as expected${failed ? `, ${failed} did not` : ''}.`);
  return lines.join('\n');
}

export default class BehaviourTableReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const rows: Row[] = [];
    // File by file, tests in the order they are written: the table reads like the suite.
    const modules = [...testModules].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
    for (const testModule of modules) {
      if (testModule.project.name !== HARDENING_PROJECT) continue;
      for (const testCase of testModule.children.allTests()) {
        const row = rowOf(testCase);
        if (row) rows.push(row);
      }
    }
    if (rows.length === 0) return;
    process.stdout.write(`\nHardening suite (test/hardening/)\n${formatBehaviourTable(rows)}\n`);
  }
}
