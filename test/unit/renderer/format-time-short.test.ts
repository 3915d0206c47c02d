import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay, formatListTime, formatTime } from '../../../renderer/src/common/format-time.js';

/*
 * The short forms are put together by hand (no Intl formatter at the window's first frame), so these pin the
 * words: every month, a 24-hour clock with two digits, and the list's choice between a time, "Yesterday", a
 * weekday and a date. Times are built from local fields so they hold in any time zone.
 */
const local = (year: number, month: number, day: number, hour = 12, minute = 0) => new Date(year, month - 1, day, hour, minute);
const iso = (date: Date) => date.toISOString();

// Wednesday 18 November 2026, a quarter past nine in the morning.
const NOW = local(2026, 11, 18, 9, 15).getTime();

describe('short dates and times', () => {
  it('abbreviates every month to three letters, day first, year last', () => {
    const months = Array.from({ length: 12 }, (_, i) => formatDay(iso(local(2026, i + 1, 3))));
    expect(months).toEqual([
      '3 Jan 2026', '3 Feb 2026', '3 Mar 2026', '3 Apr 2026', '3 May 2026', '3 Jun 2026',
      '3 Jul 2026', '3 Aug 2026', '3 Sep 2026', '3 Oct 2026', '3 Nov 2026', '3 Dec 2026',
    ]);
  });

  it('shows the clock on 24 hours with two digits each, and the date before it', () => {
    expect(formatTime(iso(local(2026, 11, 18, 9, 5)))).toBe('09:05');
    expect(formatTime(iso(local(2026, 11, 18, 0, 0)))).toBe('00:00');
    expect(formatTime(iso(local(2026, 11, 18, 23, 59)))).toBe('23:59');
    expect(formatDateTime(iso(local(2026, 11, 30, 20, 29)))).toBe('30 Nov 2026, 20:29');
  });

  it('shows an unreadable timestamp as it is', () => {
    expect(formatDay('not a time')).toBe('not a time');
    expect(formatDateTime('')).toBe('');
    expect(formatListTime('2026-13-45', NOW)).toBe('2026-13-45');
  });

  it('gives the list the time today, "Yesterday", the weekday within six days and the date before that', () => {
    expect(formatListTime(iso(local(2026, 11, 18, 8, 2)), NOW)).toBe('08:02');
    expect(formatListTime(iso(local(2026, 11, 17, 23, 59)), NOW)).toBe('Yesterday');
    expect(formatListTime(iso(local(2026, 11, 16)), NOW)).toBe('Mon');
    expect(formatListTime(iso(local(2026, 11, 12)), NOW)).toBe('Thu');
    expect(formatListTime(iso(local(2026, 11, 11)), NOW)).toBe('11 Nov 2026');
    // A peer's clock ahead of ours: the clock time, as for today.
    expect(formatListTime(iso(local(2026, 11, 18, 11, 0)), NOW)).toBe('11:00');
  });
});
