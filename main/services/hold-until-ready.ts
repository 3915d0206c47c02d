/**
 * Runs what arrives before `open()` at that moment, in arrival order, and what arrives after at once. Used
 * while something those runs depend on is still being asked (a session's block list, issue 14): nothing is
 * lost, and a slow or silent server delays only the held runs, never the session. At most `limit` runs are
 * held; past it they run at once, so a flood cannot grow the queue without bound.
 */
export interface HoldUntilReady {
  run(task: () => void): void;
  open(): void;
}

export function createHoldUntilReady(limit: number): HoldUntilReady {
  let held: Array<() => void> | null = [];
  return {
    run(task) {
      if (held !== null && held.length < limit) held.push(task);
      else task();
    },
    open() {
      const tasks = held ?? [];
      held = null;
      for (const task of tasks) task();
    },
  };
}
