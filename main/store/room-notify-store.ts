/**
 * Each account's notification choice per room ('all', 'mentions' or 'none'; rooms at the default are not
 * kept), in one versioned JSON file keyed by account id.
 *
 * Crash-safe through versioned-json-file.ts. Fail closed means the default here: a damaged file is moved
 * aside, reported, and every room is back at 'mentions' (a room that was silenced may call again, one set to
 * every message calls only when it mentions you); the person can choose again in the room's header.
 */
import { z } from 'zod';
import type { AccountId } from '../../app/domain/account.js';
import { DEFAULT_ROOM_NOTIFY, MAX_ROOM_NOTIFY_SETTINGS, ROOM_NOTIFY_LEVELS, type RoomNotifyLevel, type RoomNotifySetting } from '../../app/domain/room-notify.js';
import { forgetKeyIn, type PerAccountStore } from './per-account-store.js';
import { createVersionedJsonFile, type JsonStoreOptions } from './versioned-json-file.js';

export const ROOM_NOTIFY_SCHEMA = 'hostproof.room-notify';
export const ROOM_NOTIFY_VERSION = 1;

type Levels = Record<string, Record<string, RoomNotifyLevel>>;

/** A room is a bare JID; its length is bounded as the contract bounds it. */
const roomsOfAccount = z
  .record(z.string().min(3).max(3071), z.enum(ROOM_NOTIFY_LEVELS))
  .refine((rooms) => Object.keys(rooms).length <= MAX_ROOM_NOTIFY_SETTINGS, 'too many rooms');
const levelsSchema = z.record(z.string().uuid(), roomsOfAccount);

export interface RoomNotifyStore extends PerAccountStore {
  /** The rooms of the account whose choice is not the default. */
  list(accountId: AccountId): Promise<readonly RoomNotifySetting[]>;
  level(accountId: AccountId, room: string): Promise<RoomNotifyLevel>;
  set(accountId: AccountId, room: string, level: RoomNotifyLevel): Promise<void>;
}

export function createRoomNotifyStore(options: JsonStoreOptions): RoomNotifyStore {
  const file = createVersionedJsonFile<Levels>({
    file: options.file,
    schema: ROOM_NOTIFY_SCHEMA,
    version: ROOM_NOTIFY_VERSION,
    data: levelsSchema,
    empty: () => ({}),
    label: 'room notification settings',
    consequence: 'Every room notifies you again only when someone mentions you, until you choose otherwise in the room.',
    now: options.now,
    report: options.report,
    locks: options.locks,
  });
  return {
    list: async (accountId) => Object.entries((await file.read())[accountId] ?? {}).map(([room, level]) => ({ room, level })),
    level: async (accountId, room) => (await file.read())[accountId]?.[room] ?? DEFAULT_ROOM_NOTIFY,
    set: async (accountId, room, level) => {
      await file.update((all) => {
        const rooms = { ...all[accountId] };
        if ((rooms[room] ?? DEFAULT_ROOM_NOTIFY) === level) return all;
        // The default is not kept: the file lists only the choices made.
        if (level === DEFAULT_ROOM_NOTIFY) delete rooms[room];
        else rooms[room] = level;
        const next = { ...all, [accountId]: rooms };
        if (Object.keys(rooms).length === 0) delete next[accountId];
        return next;
      });
    },
    forget: forgetKeyIn(file),
  };
}
