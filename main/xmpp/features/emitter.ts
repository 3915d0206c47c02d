/**
 * A tiny typed event source for one feature instance. A listener that throws is reported through `onError`
 * and does not stop the others, because listeners run inside the session's stanza dispatch.
 */
export interface Events<E> {
  /** Subscribes; returns the function that unsubscribes. */
  on<K extends keyof E>(event: K, listener: (payload: E[K]) => void): () => void;
}

export interface Emitter<E> extends Events<E> {
  emit<K extends keyof E>(event: K, payload: E[K]): void;
  clear(): void;
}

export function createEmitter<E>(onError: (event: keyof E, error: unknown) => void): Emitter<E> {
  const listeners = new Map<keyof E, Set<(payload: never) => void>>();
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      const entry = listener as (payload: never) => void;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
    emit(event, payload) {
      // A copy, so a listener that unsubscribes (or subscribes) while running does not disturb this round.
      for (const listener of [...(listeners.get(event) ?? [])]) {
        try {
          (listener as (value: typeof payload) => void)(payload);
        } catch (error) {
          onError(event, error);
        }
      }
    },
    clear() {
      listeners.clear();
    },
  };
}
