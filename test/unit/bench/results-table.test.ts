/** The combined benchmark table (issue 16, item 6): what each row shows, the verdicts, and the line of misses. */
import { describe, expect, it } from 'vitest';
import { createResultsTable, formatNumber, formatResultsTable, RESULTS_TABLE_TITLE, spreadOf, type ResultRow } from '../../bench/results-table.js';

const cli: ResultRow = {
  benchmark: 'cli',
  measurement: 'hostproof-posh --help',
  unit: 'ms',
  measured: spreadOf([131, 120, 163]),
  baseline: { name: 'empty Node process', median: 116 },
  target: { text: '≤ 250 ms', met: true },
};
const pipeline: ResultRow = {
  benchmark: 'pipeline',
  measurement: 'inbound messages: the app',
  unit: 'msg/s',
  measured: spreadOf([2283, 2127, 2480]),
  baseline: { name: 'bare session', median: 4073 },
  target: { text: '≥ 0.7× bare', met: false },
};
const info: ResultRow = { benchmark: 'messages', measurement: 'Size per message', unit: 'B', measured: spreadOf([1246]) };

/** The cells of the row whose line contains `text`, split on the padding between columns. */
const cellsOf = (lines: readonly string[], text: string) => (lines.find((line) => line.includes(text)) ?? '').trim().split(/\s{2,}/);

describe('the combined benchmark table', () => {
  it('shows the median and spread, the baseline and the ratio, the target and its verdict', () => {
    const lines = formatResultsTable([cli, pipeline]);
    expect(lines[0]).toContain(RESULTS_TABLE_TITLE);
    expect(cellsOf(lines, '--help')).toEqual(['cli', 'hostproof-posh --help', '131 ms (120–163) n=3', 'empty Node process: 116 ms', '1.13×', '≤ 250 ms', 'ok']);
    expect(cellsOf(lines, 'the app')).toEqual([
      'pipeline',
      'inbound messages: the app',
      '2,283 msg/s (2,127–2,480) n=3',
      'bare session: 4,073 msg/s',
      '0.56×',
      '≥ 0.7× bare',
      'MISS',
    ]);
  });

  it('shows a figure measured once without a spread, and a row without a target as information with no verdict', () => {
    const lines = formatResultsTable([info]);
    expect(cellsOf(lines, 'Size per message')).toEqual(['messages', 'Size per message', '1,246 B', '(info)']);
  });

  it('ends with every miss named, or says that every target was met', () => {
    expect(formatResultsTable([cli, pipeline, info]).at(-1)).toBe('  1 of 2 targets missed: pipeline: inbound messages: the app');
    expect(formatResultsTable([cli, info]).at(-1)).toBe('  Every target met (1).');
  });

  it('marks a row with a target but nothing measured as a miss', () => {
    const lines = formatResultsTable([{ ...cli, measured: { count: 0, median: 0, min: 0, max: 0 } }]);
    expect(cellsOf(lines, '--help')).toEqual(['cli', 'hostproof-posh --help', 'not measured', 'empty Node process: 116 ms', '≤ 250 ms', 'MISS']);
  });

  it('lines up the columns, headings included', () => {
    const lines = formatResultsTable([cli, pipeline, info]).slice(1, -1);
    const start = (line: string) => line.indexOf('(info)') >= 0 ? line.indexOf('(info)') : line.search(/[≤≥] /);
    const targetColumns = lines.slice(1).map(start);
    expect(new Set(targetColumns).size).toBe(1);
    expect(lines[0]?.indexOf('Target')).toBe(targetColumns[0]);
  });

  it('collects the rows each benchmark hands it, in order', () => {
    const table = createResultsTable();
    table.add([cli]);
    table.add([pipeline, info]);
    expect(table.rows().map((row) => row.benchmark)).toEqual(['cli', 'pipeline', 'messages']);
    expect(table.lines()).toEqual(formatResultsTable([cli, pipeline, info]));
  });

  it('rounds numbers by their size', () => {
    expect([formatNumber(1246.4), formatNumber(131.6), formatNumber(16.66), formatNumber(0.554)]).toEqual(['1,246', '132', '16.7', '0.55']);
    // Counts (DOM nodes, stalls, calls) stay whole.
    expect([formatNumber(0), formatNumber(93)]).toEqual(['0', '93']);
  });
});
