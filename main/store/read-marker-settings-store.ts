/**
 * The read markers setting (issue 14): whether Hostproof tells contacts when you have read their messages.
 *
 * Crash-safe through versioned-json-file.ts. Fail closed means "send nothing" here: a damaged file is moved
 * aside and reported, the store writes "off" in its place, and until the person chooses again no read marker is sent (a privacy setting must not
 * turn itself back on because a file broke). A missing file is the default: on.
 */
import { z } from 'zod';
import { DEFAULT_READ_MARKER_SETTINGS, type ReadMarkerSettings } from '../../app/domain/read-markers.js';
import { createVersionedJsonFile, type JsonStoreOptions } from './versioned-json-file.js';

export const READ_MARKER_SETTINGS_SCHEMA = 'hostproof.read-markers';
export const READ_MARKER_SETTINGS_VERSION = 1;

const settingsSchema = z.strictObject({ sendReadMarkers: z.boolean() });

export interface ReadMarkerSettingsStore {
  load(): Promise<ReadMarkerSettings>;
  save(settings: ReadMarkerSettings): Promise<ReadMarkerSettings>;
}

export function createReadMarkerSettingsStore(options: JsonStoreOptions): ReadMarkerSettingsStore {
  const file = createVersionedJsonFile<ReadMarkerSettings>({
    file: options.file,
    schema: READ_MARKER_SETTINGS_SCHEMA,
    version: READ_MARKER_SETTINGS_VERSION,
    data: settingsSchema,
    empty: () => DEFAULT_READ_MARKER_SETTINGS,
    damaged: () => ({ sendReadMarkers: false }),
    label: 'read markers setting',
    consequence: 'Until you choose again in Preferences, Hostproof does not tell your contacts when you have read their messages.',
    now: options.now,
    report: options.report,
    locks: options.locks,
  });
  return {
    load: () => file.read(),
    save: (settings) => file.update(() => settingsSchema.parse(settings)),
  };
}
