/**
 * Dates as people read them, in the local time zone. Invalid timestamps (they come from the network or from
 * files) are shown as they are rather than as "Invalid Date".
 */
const dayFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const longDayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });

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

/** The local calendar day of a timestamp, as a key for grouping messages ("" when unreadable). */
export function localDayKey(iso: string): string {
  const date = parse(iso);
  if (!date) return '';
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}
