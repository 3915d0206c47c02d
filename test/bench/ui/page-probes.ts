/**
 * Measurements taken inside the page (bundled with the synthetic API): long tasks from the Long Tasks API,
 * frame times from requestAnimationFrame, DOM size, and "click, then wait for the frame that shows X".
 */

export interface Window_ {
  readonly longestTask: number;
  readonly longTasks: number;
  readonly frames: number;
  readonly p95Frame: number;
  readonly maxFrame: number;
}

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export function createProbes() {
  // Installed before the app's first script runs, so no long task escapes it.
  const tasks: { start: number; duration: number }[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });

  /** Watches frames and long tasks while `work` runs; the window ends one frame after the work does. */
  async function during(work: () => Promise<unknown>): Promise<Window_> {
    const deltas: number[] = [];
    let running = true;
    let last = await frame();
    const from = last;
    const loop = (now: number) => {
      deltas.push(now - last);
      last = now;
      if (running) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
    await work();
    await frame();
    await frame();
    running = false;
    const mine = tasks.filter((t) => t.start >= from);
    return {
      longestTask: mine.reduce((m, t) => Math.max(m, t.duration), 0),
      longTasks: mine.length,
      frames: deltas.length,
      p95Frame: percentile(deltas, 95),
      maxFrame: deltas.reduce((m, d) => Math.max(m, d), 0),
    };
  }

  /**
   * Resolves with the time the first frame in which `ready()` holds has been laid out and painted: a message
   * posted from that frame's rAF callback runs after the frame's style, layout and paint, so a list whose
   * layout is slow (60,000 nodes) is timed to its paint, not to the start of its frame.
   */
  async function until(ready: () => boolean, timeout = 30_000): Promise<number> {
    const start = performance.now();
    for (;;) {
      const now = await frame();
      if (ready()) return afterPaint();
      if (now - start > timeout) throw new Error('The page did not reach the expected state in time.');
    }
  }

  function afterPaint(): Promise<number> {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    });
  }

  /** Clicks the element and measures, in ms, until the first frame in which `ready()` holds. */
  async function clickUntil(target: Element, ready: () => boolean): Promise<number> {
    const start = performance.now();
    (target as HTMLElement).click();
    return (await until(ready)) - start;
  }

  /**
   * Waits `first` ms, then until the page has fetched nothing new for `quiet` ms and has had an idle moment: the
   * window has settled after opening (the chat-first window preloads its other screens a second after it has
   * its accounts), as it has by the time a person first clicks.
   */
  async function settle(first = 1_500, quiet = 300): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, first));
    let count = -1;
    let since = performance.now();
    for (;;) {
      const now = await frame();
      const seen = performance.getEntriesByType('resource').length;
      if (seen !== count) {
        count = seen;
        since = now;
      } else if (now - since >= quiet) break;
    }
    await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1_000 }));
  }

  return {
    during,
    settle,
    until,
    clickUntil,
    nodes: () => document.getElementsByTagName('*').length,
    longestTaskSince: (from: number) => tasks.filter((t) => t.start >= from).reduce((m, t) => Math.max(m, t.duration), 0),
    frame,
  };
}
