/**
 * Dates as people read them (trust-ux.md "Everywhere": "30 Nov 2026, 20:29", "expires in 1 hour"), in the
 * local time zone, day before month and a 24-hour clock whatever the system's locale, so every screen and
 * every screenshot words a date the same way. Invalid timestamps (they come from the network or from files)
 * are shown as they are rather than as "Invalid Date".
 */
const LOCALE = 'en-GB';
const dayFormat = new Intl.DateTimeFormat(LOCALE, { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const timeFormat = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const longDayFormat = new Intl.DateTimeFormat(LOCALE, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
const fullFormat = new Intl.DateTimeFormat(LOCALE, {
  weekday: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

function parse(iso: string): Date | null {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : new Date(time);
}

/** A formatter that shows an unreadable timestamp as it is. */
function formatterOf(format: Intl.DateTimeFormat): (iso: string) => string {
  return (iso) => {
    const date = parse(iso);
    return date ? format.format(date) : iso;
  };
}

export const formatDay = formatterOf(dayFormat);
export const formatDateTime = formatterOf(dateTimeFormat);
export const formatTime = formatterOf(timeFormat);
export const formatLongDay = formatterOf(longDayFormat);

/** The full value for a hover: every field, the seconds and the time zone, then the exact ISO text. */
export function formatFull(iso: string): string {
  const date = parse(iso);
  return date ? `${fullFormat.format(date)} (${iso})` : iso;
}

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

/** "1 hour", "3 days": the largest whole unit, never raw seconds; "less than a minute" below that. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  for (const [unit, size] of UNITS) {
    const count = Math.floor(abs / size);
    if (count >= 1) return `${count} ${unit}${count === 1 ? '' : 's'}`;
  }
  return 'less than a minute';
}

/** "in 1 hour" or "3 days ago", relative to `now`; the timestamp as it is when unreadable. */
export function formatRelative(iso: string, now: number): string {
  const date = parse(iso);
  if (!date) return iso;
  const delta = date.getTime() - now;
  return delta >= 0 ? `in ${formatDuration(delta)}` : `${formatDuration(delta)} ago`;
}

/** The local calendar day of a timestamp, as a key for grouping messages ("" when unreadable). */
export function localDayKey(iso: string): string {
  const date = parse(iso);
  if (!date) return '';
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

const weekdayFormat = new Intl.DateTimeFormat(LOCALE, { weekday: 'long' });
const dayMonthFormat = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'long' });
const dayMonthYearFormat = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'long', year: 'numeric' });

/** The parts of a date joined with spaces: the engines' ICU versions disagree on a comma after the weekday. */
function spaced(format: Intl.DateTimeFormat, date: Date): string {
  return format
    .formatToParts(date)
    .filter((part) => part.type !== 'literal')
    .map((part) => part.value)
    .join(' ');
}

/** Whole local calendar days from `date` to `now`, counted by the calendar so a DST change is no 23-hour day. */
function calendarDaysBetween(date: Date, now: Date): number {
  const dayOf = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  return Math.round((dayOf(now) - dayOf(date)) / (24 * 3600_000));
}

/**
 * A day separator's words, as a chat app says them: "Today", "Yesterday", the weekday within the last six
 * days ("Monday": a week back it would name today's weekday too), "Monday 3 November" earlier in this year and
 * "3 November 2025" in another year. A time ahead of `now` (a peer's clock) gets the dated form, never "Today".
 * The timestamp as it is when unreadable.
 */
export function formatDayHeading(iso: string, now: number): string {
  const date = parse(iso);
  if (!date) return iso;
  const today = new Date(now);
  const days = calendarDaysBetween(date, today);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  if (days > 1 && days < 7) return weekdayFormat.format(date);
  if (date.getFullYear() === today.getFullYear()) return `${weekdayFormat.format(date)} ${spaced(dayMonthFormat, date)}`;
  return spaced(dayMonthYearFormat, date);
}

const shortWeekdayFormat = new Intl.DateTimeFormat(LOCALE, { weekday: 'short' });

/**
 * The time in the list of conversations, short: the clock time today, "Yesterday", the weekday within the last
 * six days, else the date. `now` is passed in so one list shows one "today" and tests can fix it.
 */
export function formatListTime(iso: string, now: number): string {
  const date = parse(iso);
  if (!date) return iso;
  const days = calendarDaysBetween(date, new Date(now));
  if (days <= 0) return timeFormat.format(date);
  if (days === 1) return 'Yesterday';
  if (days < 7) return shortWeekdayFormat.format(date);
  return dayFormat.format(date);
}
