/** The "when" filter of the message search: a few ranges back from now are all people ask for. */
export const DATE_RANGES = [
  { value: 'any', label: 'Any time' },
  { value: 'week', label: 'Past week' },
  { value: 'month', label: 'Past month' },
  { value: 'year', label: 'Past year' },
] as const;

export type DateRange = (typeof DATE_RANGES)[number]['value'];

/** Where the range starts, as the searchMessages request takes it; undefined for any time. */
export function rangeStart(range: DateRange, now: Date): string | undefined {
  if (range === 'any') return undefined;
  const start = new Date(now);
  if (range === 'week') start.setDate(start.getDate() - 7);
  else if (range === 'month') start.setMonth(start.getMonth() - 1);
  else start.setFullYear(start.getFullYear() - 1);
  return start.toISOString();
}
