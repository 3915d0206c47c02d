/**
 * The message benchmark's report: one line per measurement with its median, 95th percentile and spread, the
 * statistic the target is about compared with it (ratio measured/target, "ok" or "MISS"), and where there is
 * one, the baseline measured in the same run with how many times slower or faster it is.
 */
import type { ResultRow } from '../results-table.js';
import type { Summary } from './stats.js';

export interface Target {
  readonly value: number;
  /** Which statistic the issue's target is about. */
  readonly statistic: 'median' | 'p95' | 'overall';
  /** 'at-most' for times, 'at-least' for rates. */
  readonly bound: 'at-most' | 'at-least';
}

export interface Row {
  readonly label: string;
  readonly unit: string;
  readonly measured: Summary;
  /** For rates measured as a whole (messages over the total time), that figure; compared when the target says 'overall'. */
  readonly overall?: number;
  readonly target?: Target;
  /** With `overall` for rates: compared by their overall figures, as the tail of a rate is where its cost is. */
  readonly baseline?: { readonly name: string; readonly measured: Summary; readonly overall?: number };
}

const fmt = (v: number) => (v >= 1000 ? Math.round(v).toLocaleString('en-GB') : v >= 10 ? v.toFixed(1) : v.toFixed(2));

function compared(row: Row, target: Target): number {
  if (target.statistic === 'overall') return row.overall ?? row.measured.median;
  return target.statistic === 'p95' ? row.measured.p95 : row.measured.median;
}

export function meets(row: Row): boolean {
  if (!row.target) return true;
  const value = compared(row, row.target);
  return row.target.bound === 'at-most' ? value <= row.target.value : value >= row.target.value;
}

function targetCell(row: Row): string {
  const t = row.target;
  if (!t) return '(info)';
  const statistic = t.statistic === 'overall' ? '' : `${t.statistic} `;
  return `${statistic}${t.bound === 'at-most' ? '≤' : '≥'} ${t.value.toLocaleString('en-GB')}`;
}

function verdictCell(row: Row): string {
  const t = row.target;
  if (!t) return '';
  return `${(compared(row, t) / t.value).toFixed(2)}× target ${meets(row) ? 'ok' : 'MISS'}`;
}

function baselineCell(row: Row): string {
  const b = row.baseline;
  if (!b) return '';
  const overall = b.overall !== undefined && row.overall !== undefined;
  const ratio = overall ? (b.overall ?? 0) / (row.overall ?? 1) : b.measured.median / row.measured.median;
  const times = ratio >= 1 ? `${ratio.toFixed(1)}×` : `1/${(1 / ratio).toFixed(1)}×`;
  const figure = overall ? ` overall ${fmt(b.overall ?? 0)}` : '';
  return `${b.name}: ${fmt(b.measured.median)} (${fmt(b.measured.min)}–${fmt(b.measured.max)})${figure}, ${times} this`;
}

export function printRows(title: string, rows: readonly Row[]): void {
  console.log(`\n${title}`);
  console.log('  median (min–max), p95 over the samples; n = samples; ratio = measured/target; baseline in the same run');
  const width = Math.max(...rows.map((r) => r.label.length)) + 2;
  for (const row of rows) {
    const m = row.measured;
    const overall = row.overall === undefined ? '' : ` overall ${fmt(row.overall)}`;
    const measured = `${fmt(m.median)} ${row.unit} (${fmt(m.min)}–${fmt(m.max)}) p95 ${fmt(m.p95)}${overall} n=${m.count}`;
    console.log(`  ${row.label.padEnd(width)}${targetCell(row).padEnd(16)}${measured.padEnd(60)}${verdictCell(row).padEnd(22)}${baselineCell(row)}`);
  }
  const misses = rows.filter((r) => !meets(r)).length;
  console.log(misses === 0 ? '  Every target met.' : `  ${misses} target(s) missed.`);
}

// ---- Handed to the combined table (test/bench/results-table.ts, issue 16 item 6) ----
/** These rows for the combined table; the start-up rows (start-up-bench.ts) as a benchmark of their own. */
export function resultRows(rows: readonly Row[]): ResultRow[] {
  return rows.map((row) => {
    const t = row.target;
    const b = row.baseline;
    return {
      benchmark: /start|conversation lists|database alone/i.test(row.label) ? 'start-up' : 'messages',
      measurement: row.label.trim(),
      unit: row.unit,
      measured: row.measured,
      // Medians on both sides (per page for a rate); the target's own statistic, when it is another, is in its text.
      ...(b ? { baseline: { name: b.name, median: b.measured.median } } : {}),
      ...(t ? { target: { text: `${targetCell(row)} ${row.unit}${t.statistic === 'median' ? '' : ` (${t.statistic} ${fmt(compared(row, t))})`}`, met: meets(row) } } : {}),
    };
  });
}
// ---- end of the combined table's block ----
