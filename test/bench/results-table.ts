/**
 * The one table `npm run bench` ends with (issue 16, item 6): every benchmark hands its measurements here as
 * rows, beside its own detailed print, and the run prints them together: the median and spread (min–max) over
 * the repeated runs, the baseline measured in the same run and the ratio to it, the target and, for every row
 * with one, "ok" or "MISS". Each benchmark decides whether its target is met (by its own rule: the UI's "every
 * pass", the message store's p95 or overall rate), so the table never second-guesses a verdict.
 */

export interface ResultRow {
  /** Which benchmark measured it: 'scram', 'cli', 'login', 'connect', 'pipeline', 'start-up', 'messages', 'ui'. */
  readonly benchmark: string;
  readonly measurement: string;
  /** 'ms', 'msg/s', 'RTT', 'B', or '' for a count. */
  readonly unit: string;
  /** Over the repeated runs (`spreadOf` makes it from their values; count 1 for a figure measured once). */
  readonly measured: Spread;
  /** The same quantity for the baseline, measured in the same run: the ratio is this row's median over it. */
  readonly baseline?: { readonly name: string; readonly median: number };
  readonly target?: { readonly text: string; readonly met: boolean };
}

/** Where a benchmark hands its rows. */
export interface ResultsSink {
  add(rows: readonly ResultRow[]): void;
}

export interface ResultsTable extends ResultsSink {
  rows(): readonly ResultRow[];
  /** The table's lines, title first. */
  lines(): string[];
}

export interface Spread {
  readonly count: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export const RESULTS_TABLE_TITLE = 'All benchmarks';

export function createResultsTable(): ResultsTable {
  const rows: ResultRow[] = [];
  return {
    add: (more) => {
      rows.push(...more);
    },
    rows: () => rows,
    lines: () => formatResultsTable(rows),
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function spreadOf(values: readonly number[]): Spread {
  return { count: values.length, median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** Thousands grouped; whole numbers as they are and from 100 up, one decimal from 10, two below. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  if (size >= 100 || Number.isInteger(value)) return Math.round(value).toLocaleString('en-GB');
  return size >= 10 ? value.toFixed(1) : value.toFixed(2);
}

const withUnit = (value: string, unit: string) => (unit ? `${value} ${unit}` : value);

function measuredCell(row: ResultRow): string {
  const { count, median: m, min, max } = row.measured;
  if (count === 0) return 'not measured';
  const value = withUnit(formatNumber(m), row.unit);
  return count === 1 ? value : `${value} (${formatNumber(min)}–${formatNumber(max)}) n=${count}`;
}

function baselineCell(row: ResultRow): string {
  return row.baseline ? `${row.baseline.name}: ${withUnit(formatNumber(row.baseline.median), row.unit)}` : '';
}

function ratioCell(row: ResultRow): string {
  if (!row.baseline || row.measured.count === 0 || row.baseline.median === 0) return '';
  return `${(row.measured.median / row.baseline.median).toFixed(2)}×`;
}

function verdictCell(row: ResultRow): string {
  if (!row.target) return '';
  return row.target.met && row.measured.count > 0 ? 'ok' : 'MISS';
}

const HEADINGS = ['Benchmark', 'Measurement', 'Median (min–max)', 'Baseline, same run', 'Ratio', 'Target', ''] as const;

/** The combined table as text lines (columns padded to their widest cell), ending with the misses. */
export function formatResultsTable(rows: readonly ResultRow[]): string[] {
  const cells = rows.map((row) => [row.benchmark, row.measurement, measuredCell(row), baselineCell(row), ratioCell(row), row.target?.text ?? '(info)', verdictCell(row)]);
  const widths = HEADINGS.map((heading, column) => Math.max(heading.length, ...cells.map((line) => (line[column] ?? '').length)));
  const line = (values: readonly string[]) => `  ${values.map((value, column) => value.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd();
  const targeted = rows.filter((row) => row.target);
  const misses = targeted.filter((row) => verdictCell(row) === 'MISS');
  return [
    `${RESULTS_TABLE_TITLE}: ${rows.length} measurements, median (min–max) over the repeated runs (n); ratio = median / baseline`,
    line(HEADINGS),
    ...cells.map(line),
    misses.length === 0
      ? `  Every target met (${targeted.length}).`
      : `  ${misses.length} of ${targeted.length} targets missed: ${misses.map((row) => `${row.benchmark}: ${row.measurement}`).join('; ')}`,
  ];
}
