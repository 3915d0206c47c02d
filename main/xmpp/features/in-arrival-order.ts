/**
 * Handles incoming stanzas in the order they arrived when some need asynchronous work first (issue 15: decrypting
 * an OMEMO message). Each one's work starts at once; its result is handled only after every earlier one's. With
 * nothing pending, a stanza that needs no work is handled at once, in the same turn, as before there was any.
 */
export interface InArrivalOrder {
  run<T>(work: T | Promise<T>, handle: (value: T) => void): void;
}

/** `failed`: told when a handler (or a work that was not supposed to reject) fails; later stanzas go on. */
export function createInArrivalOrder(failed: (error: unknown) => void): InArrivalOrder {
  let tail: Promise<void> | null = null;
  return {
    run(work, handle) {
      if (tail === null && !(work instanceof Promise)) {
        handle(work);
        return;
      }
      const step = Promise.all([tail, work])
        .then(([, value]) => handle(value))
        .catch(failed);
      tail = step;
      void step.then(() => {
        if (tail === step) tail = null;
      });
    },
  };
}
