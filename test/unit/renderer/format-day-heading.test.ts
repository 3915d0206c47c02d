import { describe, expect, it } from 'vitest';
import { formatDayHeading } from '../../../renderer/src/common/format-time.js';

/*
 * Day headings are about the reader's local calendar, so every time here is built from local fields
 * (new Date(year, month, day, hour)): the expectations then hold in whatever time zone the tests run.
 */
const local = (year: number, month: number, day: number, hour = 12, minute = 0) => new Date(year, month - 1, day, hour, minute);
const iso = (date: Date) => date.toISOString();

// Wednesday 18 November 2026, a quarter past nine in the morning.
const NOW = local(2026, 11, 18, 9, 15).getTime();

describe('formatDayHeading', () => {
  it('says "Today" for any time of the current local day, from just after midnight to late evening', () => {
    expect(formatDayHeading(iso(local(2026, 11, 18, 0, 1)), NOW)).toBe('Today');
    expect(formatDayHeading(iso(local(2026, 11, 18, 23, 59)), NOW)).toBe('Today');
  });

  it('says "Yesterday" for the previous local day, even a minute before midnight and a minute after it', () => {
    expect(formatDayHeading(iso(local(2026, 11, 17, 23, 59)), NOW)).toBe('Yesterday');
    expect(formatDayHeading(iso(local(2026, 11, 17, 0, 1)), NOW)).toBe('Yesterday');
  });

  it('names the weekday for two to six days back', () => {
    expect(formatDayHeading(iso(local(2026, 11, 16)), NOW)).toBe('Monday');
    expect(formatDayHeading(iso(local(2026, 11, 12)), NOW)).toBe('Thursday');
  });

  it("gives the date a week back, where the weekday alone would name today's", () => {
    expect(formatDayHeading(iso(local(2026, 11, 11)), NOW)).toBe('Wednesday 11 November');
  });

  it('gives weekday, day and month earlier in the current year, without a comma', () => {
    expect(formatDayHeading(iso(local(2026, 11, 3)), NOW)).toBe('Tuesday 3 November');
    expect(formatDayHeading(iso(local(2026, 1, 1, 0, 0)), NOW)).toBe('Thursday 1 January');
  });

  it('gives day, month and year in another year', () => {
    expect(formatDayHeading(iso(local(2025, 11, 3)), NOW)).toBe('3 November 2025');
    expect(formatDayHeading(iso(local(2025, 12, 31, 23, 59)), local(2026, 1, 1, 0, 5).getTime())).toBe('Yesterday');
    expect(formatDayHeading(iso(local(2025, 12, 20)), local(2026, 1, 2).getTime())).toBe('20 December 2025');
  });

  it('never says "Today" for a day ahead of now (a peer with a fast clock)', () => {
    expect(formatDayHeading(iso(local(2026, 11, 19, 8)), NOW)).toBe('Thursday 19 November');
    expect(formatDayHeading(iso(local(2027, 1, 2)), NOW)).toBe('2 January 2027');
  });

  it('shows an unreadable timestamp as it is', () => {
    expect(formatDayHeading('not a time', NOW)).toBe('not a time');
  });
});
