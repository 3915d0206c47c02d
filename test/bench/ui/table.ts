/** The UI benchmark's report: one line per measurement, median and spread per side, against the issue's target. */
import type { ResultRow } from '../results-table.js';
import type { Pass } from './scenarios.js';

export interface Side {
  readonly name: string;
  readonly passes: readonly Pass[];
  /** The first load in a fresh browser (cold: nothing compiled yet), reported apart from the passes. */
  readonly firstLaunch: Pass | null;
  readonly presenceSeconds: number;
}

interface Row {
  /** 'first-launch': the value of the side's first, cold load; otherwise of its passes. */
  readonly from?: 'first-launch';
  readonly label: string;
  readonly target: string;
  /** Whether a value meets the target. */
  readonly meets: (value: number) => boolean;
  /** Null when the window has no such step (the chat-first window shows the chat list with the window). */
  readonly value: (pass: Pass) => number | null;
  readonly unit: string;
}

/** rAF deltas jitter by a fraction of a millisecond around 16.67 ms; a dropped frame doubles them. */
const FRAME = 16.7 * 1.05;
const ms = (limit: number) => (v: number) => v <= limit;

const ROWS: readonly Row[] = [
  { label: 'Window first render (navigation → shown)', target: '≤ 200 ms', meets: ms(200), value: (p) => p.windowFirstRender, unit: 'ms' },
  { label: 'Window first render (bundle in → shown)', target: '≤ 200 ms', meets: ms(200), value: (p) => p.appFirstRender, unit: 'ms' },
  { from: 'first-launch', label: 'First launch, cold (navigation → shown)', target: '(info)', meets: () => true, value: (p) => p.windowFirstRender, unit: 'ms' },
  { from: 'first-launch', label: 'First launch, cold (bundle in → shown)', target: '(info)', meets: () => true, value: (p) => p.appFirstRender, unit: 'ms' },
  { label: 'Chat list first render (account → list)', target: '≤ 200 ms', meets: ms(200), value: (p) => p.chatListFirstRender, unit: 'ms' },
  { label: 'Roster first render (5,000 contacts)', target: '≤ 200 ms', meets: ms(200), value: (p) => p.rosterFirstRender, unit: 'ms' },
  { label: 'DOM nodes, roster shown', target: '< 3,000', meets: (v) => v < 3000, value: (p) => p.rosterNodes, unit: '' },
  { label: 'Presence 100/s: longest task', target: '≤ 50 ms', meets: ms(50), value: (p) => p.presence.longestTask, unit: 'ms' },
  { label: 'Presence 100/s: longest frame', target: '(info)', meets: () => true, value: (p) => p.presence.maxFrame, unit: 'ms' },
  { label: 'Roster scroll: p95 frame', target: '≤ 16.7 ms', meets: ms(FRAME), value: (p) => p.rosterScroll.p95Frame, unit: 'ms' },
  { label: 'Open conversation from roster', target: '≤ 100 ms', meets: ms(100), value: (p) => p.openFromRoster, unit: 'ms' },
  { label: 'Open conversation from chat list', target: '≤ 100 ms', meets: ms(100), value: (p) => p.openFromList, unit: 'ms' },
  { label: 'DOM nodes, conversation open', target: '< 3,000', meets: (v) => v < 3000, value: (p) => p.conversationNodes, unit: '' },
  { label: '1,000 messages in 1 s: longest task', target: '≤ 50 ms', meets: ms(50), value: (p) => p.incoming.longestTask, unit: 'ms' },
  { label: '1,000 messages in 1 s: markRead calls', target: '(info)', meets: () => true, value: (p) => p.incomingMarkReads, unit: '' },
  { label: 'Message list scroll: p95 frame', target: '≤ 16.7 ms', meets: ms(FRAME), value: (p) => p.messageScroll.p95Frame, unit: 'ms' },
  { label: 'Read back 2,000 older: stalls', target: '0', meets: (v) => v === 0, value: (p) => (p.readBack.stalled ? 1 : 0), unit: '' },
  { label: 'Read back 2,000 older: longest task', target: '≤ 50 ms', meets: ms(50), value: (p) => p.readBack.longestTask, unit: 'ms' },
  { label: 'Read back 2,000 older: p95 frame', target: '≤ 16.7 ms', meets: ms(FRAME), value: (p) => p.readBack.p95Frame, unit: 'ms' },
  { label: 'Read back 2,000 older: time', target: '(info)', meets: () => true, value: (p) => p.readBack.ms, unit: 'ms' },
];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

function valuesOf(row: Row, side: Side): number[] {
  const passes = row.from === 'first-launch' ? (side.firstLaunch ? [side.firstLaunch] : []) : side.passes;
  return passes.map(row.value).filter((v): v is number => v !== null);
}

function cell(row: Row, side: Side): string {
  const values = valuesOf(row, side);
  if (values.length === 0) return 'with the window';
  const m = median(values);
  const spread = values.length > 1 ? ` (${fmt(Math.min(...values))}–${fmt(Math.max(...values))})` : '';
  // No long task at all is reported as 0: the Long Tasks API only sees tasks over 50 ms.
  const verdict = row.target === '(info)' ? '' : values.every(row.meets) ? ' ok' : ' MISS';
  return `${fmt(m)}${row.unit ? ` ${row.unit}` : ''}${spread}${verdict}`;
}

export function printTable(sides: readonly Side[]): void {
  console.log('\nUI benchmark: production renderer in Chromium, 5,000 contacts in 50 groups, 50,000-message conversation');
  for (const side of sides) {
    console.log(`  ${side.name}: ${side.passes.length} pass(es), presence for ${side.presenceSeconds} s; median (min–max), ok = every pass meets the target`);
  }
  const width = Math.max(...ROWS.map((r) => r.label.length)) + 2;
  console.log(`  ${'Measurement'.padEnd(width)}${'Target'.padEnd(12)}${sides.map((s) => s.name.padEnd(34)).join('')}`);
  for (const row of ROWS) console.log(`  ${row.label.padEnd(width)}${row.target.padEnd(12)}${sides.map((s) => cell(row, s).padEnd(34)).join('')}`);
  const first = sides[0];
  const misses = first ? ROWS.filter((r) => r.target !== '(info)' && !valuesOf(r, first).every(r.meets)).length : 0;
  console.log(misses === 0 ? '  Every target met.' : `  ${misses} target(s) missed.`);
}

// ---- Handed to the combined table (test/bench/results-table.ts, issue 16 item 6) ----
/** One side's rows for the combined table (a step the window does not have is left out). */
export function resultRows(side: Side): ResultRow[] {
  return ROWS.flatMap((row) => {
    const values = valuesOf(row, side);
    if (values.length === 0) return [];
    const measured = { count: values.length, median: median(values), min: Math.min(...values), max: Math.max(...values) };
    const target = row.target === '(info)' ? {} : { target: { text: `${row.target}, every pass`, met: values.every(row.meets) } };
    return [{ benchmark: 'ui', measurement: row.label, unit: row.unit, measured, ...target }];
  });
}
// ---- end of the combined table's block ----
