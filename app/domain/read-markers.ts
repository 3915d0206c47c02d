/** Read markers (XEP-0333, issue 14): the privacy setting and what the window is told. */
import type { AccountId } from './account.js';

/** Kept in the main process: it alone sends markers, so the window cannot send one the person turned off. */
export interface ReadMarkerSettings {
  /** Tell contacts when you have read their messages. On unless the person turns it off. */
  readonly sendReadMarkers: boolean;
}

export const DEFAULT_READ_MARKER_SETTINGS: ReadMarkerSettings = { sendReadMarkers: true };

/**
 * A read marker changed a conversation: the contact read up to our message `id` (its local id), or we read
 * theirs on another device and `unread` is what is left unread here.
 */
export type ReadMarkerChange =
  | { readonly accountId: AccountId; readonly peer: string; readonly reader: 'contact'; readonly id: string }
  | { readonly accountId: AccountId; readonly peer: string; readonly reader: 'us'; readonly unread: number };
