/**
 * Dates as people read them (trust-ux.md "Everywhere": "30 Nov 2026, 20:29", "expires in 1 hour"), in the
 * local time zone, day before month and a 24-hour clock whatever the system's locale, so every screen and
 * every screenshot words a date the same way. Invalid timestamps (they come from the network or from files)
 * are shown as they are rather than as "Invalid Date".
 *
 * The short forms (a clock time, "3 Nov 2026", a short weekday) are put together here rather than by
 * Intl.DateTimeFormat: the window's first frame shows them in the conversation list, and the first
 * DateTimeFormat a page makes loads the locale's calendar data (about 15 ms here, each formatter a few ms
 * more). With a fixed locale and a 24-hour clock they are a table lookup, and they read the same in every
 * engine (ICU versions disagree on "Sep" or "Sept"). The long forms, shown on hover and in day separators,
 * still come from Intl, each formatter made the first time it is needed.
 */
const LOCALE = 'en-GB';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** An Intl formatter made when first used, then kept. */
function lazyFormat(options: Intl.DateTimeFormatOptions): () => Intl.DateTimeFormat {
  let format: Intl.DateTimeFormat | null = null;
  return () => (format ??= new Intl.DateTimeFormat(LOCALE, options));
}

const longDayFormat = lazyFormat({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
const fullFormat = lazyFormat({
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

/**
 * Makes every Intl formatter here now. The first one a page makes costs about as much as rendering a
 * conversation (the locale's calendar data): the window calls this ahead of the first click (prepare-ahead.ts),
 * so that opening the first conversation (day separators, the full time on each message) does not pay it.
 */
export function prepareDateFormats(): void {
  for (const format of [longDayFormat, fullFormat, weekdayFormat, dayMonthFormat, dayMonthYearFormat]) format();
}

const twoDigits = (n: number) => String(n).padStart(2, '0');
/** "09:05": the local clock time, 24 hours. */
const clockOf = (date: Date) => `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
/** "3 Nov 2026". */
const dayOf = (date: Date) => `${date.getDate()} ${MONTHS[date.getMonth()] ?? ''} ${date.getFullYear()}`;

function parse(iso: string): Date | null {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : new Date(time);
}

/** A formatter that shows an unreadable timestamp as it is. */
function formatterOf(format: (date: Date) => string): (iso: string) => string {
  return (iso) => {
    const date = parse(iso);
    return date ? format(date) : iso;
  };
}

/** "3 Nov 2026". */
export const formatDay = formatterOf(dayOf);
/** "3 Nov 2026, 20:29". */
export const formatDateTime = formatterOf((date) => `${dayOf(date)}, ${clockOf(date)}`);
/** "20:29". */
export const formatTime = formatterOf(clockOf);
/** "Tuesday 3 November 2026" (the engine's words). */
export const formatLongDay = formatterOf((date) => longDayFormat().format(date));

/** The full value for a hover: every field, the seconds and the time zone, then the exact ISO text. */
export function formatFull(iso: string): string {
  const date = parse(iso);
  return date ? `${fullFormat().format(date)} (${iso})` : iso;
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

const weekdayFormat = lazyFormat({ weekday: 'long' });
const dayMonthFormat = lazyFormat({ day: 'numeric', month: 'long' });
const dayMonthYearFormat = lazyFormat({ day: 'numeric', month: 'long', year: 'numeric' });

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
  if (days > 1 && days < 7) return weekdayFormat().format(date);
  if (date.getFullYear() === today.getFullYear()) return `${weekdayFormat().format(date)} ${spaced(dayMonthFormat(), date)}`;
  return spaced(dayMonthYearFormat(), date);
}

/**
 * The time in the list of conversations, short: the clock time today, "Yesterday", the weekday within the last
 * six days, else the date. `now` is passed in so one list shows one "today" and tests can fix it.
 */
export function formatListTime(iso: string, now: number): string {
  const date = parse(iso);
  if (!date) return iso;
  const days = calendarDaysBetween(date, new Date(now));
  if (days <= 0) return clockOf(date);
  if (days === 1) return 'Yesterday';
  if (days < 7) return WEEKDAYS[date.getDay()] ?? '';
  return dayOf(date);
}
