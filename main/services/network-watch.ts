/**
 * Whether the computer has a network, for pausing reconnects. Electron's main process offers a yes/no
 * question (net.isOnline) but no event, so the answer is polled while someone is waiting for it.
 */
import type { NetworkStatus } from '../xmpp/account-connection.js';

export function createNetworkWatch(isOnline: () => boolean, pollMs = 3000): NetworkStatus {
  const waiting = new Set<() => void>();
  let timer: NodeJS.Timeout | null = null;
  const poll = () => {
    if (!isOnline()) return;
    const listeners = [...waiting];
    waiting.clear();
    stopPolling();
    for (const listener of listeners) listener();
  };
  const stopPolling = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  return {
    isOnline,
    onOnline: (listener) => {
      waiting.add(listener);
      timer ??= setInterval(poll, pollMs);
      return () => {
        waiting.delete(listener);
        if (waiting.size === 0) stopPolling();
      };
    },
  };
}
