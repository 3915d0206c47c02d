/**
 * The read markers setting as the rest of main asks for it (issue 14): read once from its file, then kept,
 * so sending a marker does not read a file each time; saved through the store, which checks it.
 */
import type { ReadMarkerSettings } from '../../app/domain/read-markers.js';
import type { ReadMarkerSettingsStore } from '../store/read-marker-settings-store.js';

export interface ReadMarkerSettingsService {
  get(): Promise<ReadMarkerSettings>;
  set(settings: ReadMarkerSettings): Promise<ReadMarkerSettings>;
  /** Whether our displayed markers may be sent now. */
  sendEnabled(): Promise<boolean>;
}

export function createReadMarkerSettings(store: ReadMarkerSettingsStore): ReadMarkerSettingsService {
  let current: Promise<ReadMarkerSettings> | null = null;
  const get = (): Promise<ReadMarkerSettings> => {
    // A failed read is asked again next time rather than kept.
    current ??= store.load().catch((error: unknown) => {
      current = null;
      throw error;
    });
    return current;
  };
  return {
    get,
    set: async (settings) => {
      const saved = await store.save(settings);
      current = Promise.resolve(saved);
      return saved;
    },
    sendEnabled: async () => (await get()).sendReadMarkers,
  };
}
