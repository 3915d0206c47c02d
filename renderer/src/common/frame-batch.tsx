import { createContext, useCallback, useContext, useEffect, useRef, type ReactNode } from 'react';

/** Runs `run` once, later; returns a function that cancels it. */
export type FrameScheduler = (run: () => void) => () => void;

/**
 * The next animation frame, or a timeout if frames stop (a hidden window gets none), so work piled up while
 * hidden still lands. Events that arrive within one frame are handled together: one state update, one render.
 */
export const animationFrameScheduler: FrameScheduler = (run) => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    run();
  };
  const frame = requestAnimationFrame(once);
  const timer = setTimeout(once, 250);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
};

const SchedulerContext = createContext<FrameScheduler>(animationFrameScheduler);

/** Tests (jsdom) give their own scheduler: immediate, or one they flush by hand to prove the batching. */
export function FrameSchedulerProvider({ scheduler, children }: { scheduler: FrameScheduler; children: ReactNode }) {
  return <SchedulerContext.Provider value={scheduler}>{children}</SchedulerContext.Provider>;
}

/** The window's frame scheduler (the animation frame, or the one a test gave). */
export function useFrameScheduler(): FrameScheduler {
  return useContext(SchedulerContext);
}

/**
 * A stable `push(item)`: items pushed before the next frame reach `flush` together, in order. Pending items are
 * dropped on unmount (the component that wanted them is gone).
 */
export function useFrameBatch<T>(flush: (items: T[]) => void): (item: T) => void {
  const schedule = useContext(SchedulerContext);
  const queue = useRef<T[]>([]);
  const pending = useRef(false);
  const cancel = useRef<(() => void) | null>(null);
  const latest = useRef(flush);
  useEffect(() => {
    latest.current = flush;
  }, [flush]);
  useEffect(
    () => () => {
      cancel.current?.();
      cancel.current = null;
      pending.current = false;
      queue.current = [];
    },
    [],
  );
  return useCallback(
    (item: T) => {
      queue.current.push(item);
      if (pending.current) return;
      pending.current = true;
      // An immediate scheduler runs before it returns, so `pending`, not `cancel`, says whether a run is due.
      const stop = schedule(() => {
        pending.current = false;
        cancel.current = null;
        const items = queue.current;
        queue.current = [];
        if (items.length > 0) latest.current(items);
      });
      if (pending.current) cancel.current = stop;
    },
    [schedule],
  );
}
