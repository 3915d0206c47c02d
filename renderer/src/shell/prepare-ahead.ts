import { whenIdle } from '../common/when-idle.js';

/** How long after the accounts are known the work waits: past the first screen's data, render and paint. */
const AFTER_MS = 1_000;

/**
 * Runs what the window wants ready before the first click (the other screens' code, the date formatters a
 * conversation needs) a second after it has its accounts, at its next idle moment. Not sooner: an idle moment
 * comes right after the first screen is painted, and tens of milliseconds of work there would hold up the
 * first input and whatever the window does next. Returns a function that cancels what has not run.
 */
export function prepareAhead(work: readonly (() => void)[]): () => void {
  let cancelIdle: (() => void) | null = null;
  const timer = setTimeout(() => {
    cancelIdle = whenIdle(() => work.forEach((run) => run()), 1_000);
  }, AFTER_MS);
  return () => {
    clearTimeout(timer);
    cancelIdle?.();
  };
}
