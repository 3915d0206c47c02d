/**
 * Per-file mutual exclusion inside one process. Every read-modify-write of a store file runs under the lock
 * for that file's absolute path, so two updates (from one store, or from two stores opened on the same file)
 * can never both read the old state and have one overwrite the other.
 *
 * The registry is an object the app creates once and hands to every store, not a module-level singleton: tests
 * get isolated registries, and sharing is visible in the wiring. Stores opened on the same file MUST share it.
 */
import { resolve } from 'node:path';

export interface PathLocks {
  /**
   * Runs `task` when every earlier task for the same path has settled; a failing task does not block later ones.
   * Not re-entrant: a task that waits for the lock of its own path waits forever.
   */
  withLock<T>(file: string, task: () => Promise<T>): Promise<T>;
}

export function createPathLocks(): PathLocks {
  // Tail of the queue per path; removed when the queue drains so the map does not grow without bound.
  const tails = new Map<string, Promise<void>>();

  return {
    withLock<T>(file: string, task: () => Promise<T>): Promise<T> {
      const key = resolve(file);
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
