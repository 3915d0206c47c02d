/**
 * Keeps the message history to the period the user chose (Preferences): messages older than that are deleted
 * from this computer when the app starts, every 24 hours while it runs, and at once when the setting changes.
 * "Forever" (the default, and what a damaged setting file means) deletes nothing.
 *
 * The clock and the timer come in from outside, so tests age the history without waiting; nothing is kept in
 * module state.
 */
import type { HistoryRetention } from '../../app/domain/history-control.js';
import type { HistoryRetentionStore } from '../store/history-retention-store.js';
import type { MessageDb } from '../store/messages/message-db.js';

export const PRUNE_EVERY_MS = 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Runs `run` every `ms` until the returned function is called. */
export type RepeatTimer = (ms: number, run: () => void) => () => void;

/** The default timer: an interval that does not keep the process alive on its own. */
export const intervalTimer: RepeatTimer = (ms, run) => {
  const handle = setInterval(run, ms);
  handle.unref();
  return () => clearInterval(handle);
};

/** The moment before which messages are deleted; null when history is kept forever. */
export function retentionCutoff(now: Date, retention: HistoryRetention): Date | null {
  return retention.keepDays === null ? null : new Date(now.getTime() - retention.keepDays * DAY_MS);
}

export interface HistoryRetentionService {
  /** Prunes once now and then every 24 hours. Resolves when the first pruning is done. */
  start(): Promise<void>;
  get(): Promise<HistoryRetention>;
  /** Saves the setting, then prunes by it at once; answers the setting and how many messages went. */
  set(retention: HistoryRetention): Promise<HistoryRetention & { readonly removed: number }>;
  stop(): void;
}

export interface HistoryRetentionDeps {
  readonly store: HistoryRetentionStore;
  readonly messages: Pick<MessageDb, 'prune'>;
  readonly now: () => Date;
  readonly timer: RepeatTimer;
  /** Told when pruning failed (the history stays as it was; the next round tries again). */
  readonly notice: (text: string) => void;
}

export function createHistoryRetention(deps: HistoryRetentionDeps): HistoryRetentionService {
  let stopTimer: (() => void) | null = null;
  let stopped = false;

  /** Deletes what is older than the setting allows; a failure is told, never thrown (the app carries on). */
  async function prune(retention?: HistoryRetention): Promise<number> {
    try {
      const cutoff = retentionCutoff(deps.now(), retention ?? (await deps.store.load()));
      return cutoff === null ? 0 : deps.messages.prune(cutoff);
    } catch (error) {
      deps.notice(`Old messages could not be deleted from your history as your setting asks (${error instanceof Error ? error.message : String(error)}). Hostproof tries again later.`);
      return 0;
    }
  }

  return {
    start: async () => {
      await prune();
      if (stopped || stopTimer) return;
      stopTimer = deps.timer(PRUNE_EVERY_MS, () => void prune());
    },
    get: () => deps.store.load(),
    set: async (retention) => {
      const saved = await deps.store.save(retention);
      return { ...saved, removed: await prune(saved) };
    },
    stop: () => {
      stopped = true;
      stopTimer?.();
      stopTimer = null;
    },
  };
}
