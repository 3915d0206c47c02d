/**
 * How long the message history is kept on this computer: forever (the default) or a number of days.
 *
 * Crash-safe through versioned-json-file.ts. Fail closed means "forever" here: a damaged file is moved aside,
 * reported, and the store answers "keep forever", so a damaged setting never deletes a message. The user sees
 * the notice and can choose a period again.
 */
import { z } from 'zod';
import { MAX_KEEP_DAYS, type HistoryRetention } from '../../app/domain/history-control.js';
import { createVersionedJsonFile, type JsonStoreOptions } from './versioned-json-file.js';

export const HISTORY_RETENTION_SCHEMA = 'hostproof.history-retention';
export const HISTORY_RETENTION_VERSION = 1;

export const KEEP_FOREVER: HistoryRetention = { keepDays: null };

const retentionSchema = z.strictObject({ keepDays: z.number().int().min(1).max(MAX_KEEP_DAYS).nullable() });

export interface HistoryRetentionStore {
  load(): Promise<HistoryRetention>;
  save(retention: HistoryRetention): Promise<HistoryRetention>;
}

export function createHistoryRetentionStore(options: JsonStoreOptions): HistoryRetentionStore {
  const file = createVersionedJsonFile<HistoryRetention>({
    file: options.file,
    schema: HISTORY_RETENTION_SCHEMA,
    version: HISTORY_RETENTION_VERSION,
    data: retentionSchema,
    empty: () => KEEP_FOREVER,
    label: 'history setting',
    consequence: 'Until you choose again in Preferences, your message history is kept forever: nothing is deleted because of it.',
    now: options.now,
    report: options.report,
    locks: options.locks,
  });
  return {
    load: () => file.read(),
    save: (retention) => file.update(() => retentionSchema.parse(retention)),
  };
}
