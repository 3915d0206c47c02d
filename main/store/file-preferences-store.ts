/**
 * Whose pictures load by themselves (issue 14: files): a setting main keeps, because loading a picture is a
 * request to a server a stranger chose (it tells them you read the message, and from where). Crash-safe through
 * versioned-json-file.ts; a damaged file is moved aside, reported, and the default (contacts only) applies.
 */
import { z } from 'zod';
import { AUTO_LOAD_CHOICES, DEFAULT_FILE_PREFERENCES, type FilePreferences } from '../../app/domain/files.js';
import { createVersionedJsonFile, type JsonStoreOptions } from './versioned-json-file.js';

export const FILE_PREFERENCES_SCHEMA = 'hostproof.file-preferences';
export const FILE_PREFERENCES_VERSION = 1;

const preferencesSchema = z.strictObject({ autoLoadPictures: z.enum(AUTO_LOAD_CHOICES) });

export interface FilePreferencesStore {
  load(): Promise<FilePreferences>;
  save(preferences: FilePreferences): Promise<FilePreferences>;
}

export function createFilePreferencesStore(options: JsonStoreOptions): FilePreferencesStore {
  const file = createVersionedJsonFile<FilePreferences>({
    file: options.file,
    schema: FILE_PREFERENCES_SCHEMA,
    version: FILE_PREFERENCES_VERSION,
    data: preferencesSchema,
    empty: () => DEFAULT_FILE_PREFERENCES,
    label: 'picture setting',
    consequence: 'Until you choose again in Preferences, pictures load by themselves only from your contacts.',
    now: options.now,
    report: options.report,
    locks: options.locks,
  });
  return {
    load: () => file.read(),
    save: (preferences) => file.update(() => preferencesSchema.parse(preferences)),
  };
}
