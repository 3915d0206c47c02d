import { useEffect, useState } from 'react';
import { localDayKey } from '../common/format-time.js';

/** A second past midnight, so the new day has surely begun when the timer fires. */
const PAST_MIDNIGHT_MS = 1000;

/**
 * The current time for words relative to today ("Today", "Yesterday"), renewed at the next local midnight and
 * when the window regains focus on another day (a timer can oversleep a suspended machine). It changes once a
 * day at most, so what renders with it re-renders once a day, not every minute.
 */
export function useDayClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const renewOnNewDay = () => setNow((shown) => (localDayKey(new Date(shown).toISOString()) === localDayKey(new Date().toISOString()) ? shown : Date.now()));
    const midnight = new Date(now);
    midnight.setHours(24, 0, 0, 0);
    // Unconditional, so a timer that fires early (the clock was set back) still schedules the next one.
    const timer = setTimeout(() => setNow(Date.now()), midnight.getTime() - Date.now() + PAST_MIDNIGHT_MS);
    window.addEventListener('focus', renewOnNewDay);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('focus', renewOnNewDay);
    };
  }, [now]);
  return now;
}
