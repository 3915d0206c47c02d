/**
 * Runs `run` at the browser's next idle moment (after the frames and input waiting now), or after `timeout` ms
 * if none comes; returns a function that cancels it. For work the window wants soon but not before what it is
 * showing: nothing queued this way can hold up a frame. Where there is no requestIdleCallback (jsdom, tests
 * with fake timers) it runs after a zero timeout.
 */
export function whenIdle(run: () => void, timeout = 500): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(run, { timeout });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(run, 0);
  return () => clearTimeout(timer);
}
