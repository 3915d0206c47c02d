/**
 * XEP-0203 delay stamps (XEP-0082 DateTime). A stamp is only a claim by whoever added it, so a malformed
 * one is dropped and one in the future is clamped to now: a message cannot be pinned to the top of a
 * conversation by dating it next year.
 */
import type { Element } from '@xmpp/xml';
import { NS } from './namespaces.js';
import { attr } from './stanza-read.js';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

/** The instant a XEP-0082 DateTime names, or null when it is not one (including impossible dates). */
export function parseDateTime(text: string | null): Date | null {
  if (text === null) return null;
  const match = DATE_TIME.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  // XEP-0082 allows a leap second; JavaScript time has none, so :60 becomes :59.
  const s = Math.min(Number(second), 59);
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || Number(second) > 60) return null;
  // Date.UTC rolls 30 February over into March: a round trip catches impossible days.
  const midnight = new Date(Date.UTC(y, mo - 1, d));
  if (midnight.getUTCFullYear() !== y || midnight.getUTCMonth() !== mo - 1 || midnight.getUTCDate() !== d) return null;
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const zoneHours = Number(zone.slice(1, 3));
    const zoneMinutes = Number(zone.slice(4, 6));
    if (zoneHours > 23 || zoneMinutes > 59) return null;
    offsetMinutes = sign * (zoneHours * 60 + zoneMinutes);
  }
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, millis) - offsetMinutes * 60_000);
}

/** The stamp of the (single) `<delay xmlns='urn:xmpp:delay'>` child of `parent`, or null. */
export function delayStamp(parent: Element): Date | null {
  const delays = parent.getChildren('delay', NS.delay);
  // Several delays (one per hop that stored the message): the earliest is when it was first sent.
  let earliest: Date | null = null;
  for (const delay of delays) {
    const stamp = parseDateTime(attr(delay, 'stamp'));
    if (stamp !== null && (earliest === null || stamp < earliest)) earliest = stamp;
  }
  return earliest;
}

/** The time to show: the claimed stamp when there is one and it is not in the future, else now. */
export function displayTime(stamp: Date | null, now: Date): string {
  return (stamp !== null && stamp <= now ? stamp : now).toISOString();
}
