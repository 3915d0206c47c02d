import { useCallback, useEffect, useState } from 'react';
import type { IpcResult } from '../../../app/ipc/result.js';
import { request } from './ipc.js';

export type Loaded<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'error'; readonly message: string };

/**
 * Loads one request's answer and reloads on demand. `load` must be stable (useCallback): a new function
 * means "load again". Answers to superseded loads are dropped.
 */
export function useLoad<T>(load: () => Promise<IpcResult<T>>): { readonly state: Loaded<T>; readonly reload: () => void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    void request(load).then((result) => {
      if (!live) return;
      setState(result.ok ? { status: 'ready', value: result.value } : { status: 'error', message: result.message });
    });
    return () => {
      live = false;
    };
  }, [load, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, reload };
}
