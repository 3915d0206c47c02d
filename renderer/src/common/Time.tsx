import { useState } from 'react';
import { formatDateTime, formatDay, formatFull, formatRelative } from './format-time.js';

interface TimeProps {
  readonly iso: string;
  /** "day": 30 Nov 2026; "date-time" (default): 30 Nov 2026, 20:29; "relative": in 1 hour / 3 days ago. */
  readonly as?: 'day' | 'date-time' | 'relative';
  /** The clock "relative" counts from (injected so tests and screenshots are stable). */
  readonly now?: number;
}

/** A timestamp in human form with its full value one hover away (trust-ux.md "Everywhere"). */
export function Time({ iso, as = 'date-time', now }: TimeProps) {
  // "Relative" counts from when the timestamp was first shown unless the caller gives its own clock.
  const [shownAt] = useState(() => Date.now());
  const text = as === 'day' ? formatDay(iso) : as === 'relative' ? formatRelative(iso, now ?? shownAt) : formatDateTime(iso);
  return (
    <time dateTime={iso} title={formatFull(iso)}>
      {text}
    </time>
  );
}
