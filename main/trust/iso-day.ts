/** The calendar day of an ISO timestamp, locale-independent (the verdict is pure and must not depend on it). */
export function isoDay(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toISOString().slice(0, 10);
}
