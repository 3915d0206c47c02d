/**
 * How much a room may call for attention on the desktop, chosen per account and room: every message, only the
 * messages that mention us (the default: a busy room must not bury the desktop), or nothing.
 */
export const ROOM_NOTIFY_LEVELS = ['all', 'mentions', 'none'] as const;
export type RoomNotifyLevel = (typeof ROOM_NOTIFY_LEVELS)[number];

export const DEFAULT_ROOM_NOTIFY: RoomNotifyLevel = 'mentions';

/** One room's choice, as the window lists them (rooms left at the default are not listed). */
export interface RoomNotifySetting {
  readonly room: string;
  readonly level: RoomNotifyLevel;
}

/** How many rooms of one account keep a choice: more are refused (the contract and the file are bounded). */
export const MAX_ROOM_NOTIFY_SETTINGS = 1_000;
