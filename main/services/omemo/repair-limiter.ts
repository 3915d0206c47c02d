/**
 * How often a broken session with one device may be repaired. A repair opens a new session from the device's
 * bundle and sends it a key-transport message; every message that arrives through the broken session would ask
 * for one, and so would a sender whose messages are replayed or out of step for long. Once per device per
 * interval is enough to heal it and keeps a burst of messages from sending a burst of new sessions (each one
 * using up one of the other device's pre-keys).
 */
export const REPAIR_INTERVAL_MS = 5 * 60 * 1000;

export interface RepairLimiter {
  /** True, and remembered, when this device may be repaired now; false within the interval after the last time. */
  claim(jid: string, deviceId: number): boolean;
}

export function createRepairLimiter({ now, intervalMs = REPAIR_INTERVAL_MS }: { readonly now: () => number; readonly intervalMs?: number }): RepairLimiter {
  const last = new Map<string, number>();
  return {
    claim(jid, deviceId) {
      const at = now();
      // Old entries go, so the map holds only the devices repaired within one interval.
      for (const [key, when] of last) if (at - when >= intervalMs) last.delete(key);
      const key = `${jid}/${deviceId}`;
      if (last.has(key)) return false;
      last.set(key, at);
      return true;
    },
  };
}
