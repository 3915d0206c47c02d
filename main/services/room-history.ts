/**
 * One account's room history on this computer (issue 13): room messages are stored as they pass on their way
 * to the window (live ones, ours as sent and as delivered), and after every join the room's archive is read
 * into the store (room-catch-up.ts), its new messages told to the window like live ones. One message is
 * stored and shown once however it came: the room's archive id is the key (room-messages.ts).
 *
 * The room's sync point (where the next join's archive query starts) moves with live messages only once the
 * archive was read to its end in this session: a live message that arrives before the catch-up (the room
 * sends them as soon as we are in) must not make the catch-up skip what came before it.
 */
import type { AccountId } from '../../app/domain/account.js';
import type { RoomChange, RoomHistoryPage, RoomMessage, RoomMessageUpdate } from '../../app/domain/rooms.js';
import type { EventPayloads } from '../../app/ipc/contract.js';
import { MessageDbError, type MessageDb } from '../store/messages/message-db.js';
import type { FeatureLog } from '../xmpp/features/feature-deps.js';
import type { RoomArchive } from '../xmpp/features/rooms/room-archive.js';
import { setBounded } from '../xmpp/features/bounded.js';
import type { EmitEvent } from './event-sink.js';
import { catchUpRoom, type RoomCatchUpStore } from './room-catch-up.js';

/** Deliveries of our messages that came before the send's answer stored the message (kept until it is). */
const MAX_EARLY_UPDATES = 100;

export type RoomMessagesDb = Pick<
  MessageDb,
  'storeRoomMessages' | 'settleRoomMessage' | 'roomHistory' | 'roomSyncPoint' | 'setRoomSyncPoint' | 'newestRoomArchiveId'
>;

export interface RoomHistoryDeps {
  readonly accountId: AccountId;
  readonly messages: RoomMessagesDb;
  readonly log: FeatureLog;
  /** The room archive of the session that is online, or null. */
  readonly archive: () => RoomArchive | null;
}

export interface RoomHistory {
  /** The room events on their way to the window: stored, a copy already stored not told again; a join starts the catch-up. */
  through(emit: EmitEvent): EmitEvent;
  /** Our message as the room request answered it (state 'sent'): stored. */
  sent(message: RoomMessage): RoomMessage;
  /** The session is gone: every room's archive must be read again after its next join. */
  offline(): void;
}

/** The answer, or `fallback` when the disk is full (the database has told the user once). */
function unlessDiskFull<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof MessageDbError && error.kind === 'disk-full') return fallback;
    throw error;
  }
}

/** The contract's loadRoomHistory: stored messages of the room older than `before` (the newest when absent). */
export function loadRoomHistory(messages: Pick<MessageDb, 'roomHistory'>, accountId: AccountId, room: string, before: string | undefined, limit: number): RoomHistoryPage {
  const slice = messages.roomHistory(accountId, room, before ?? null, limit);
  return { messages: slice.messages, complete: slice.reachedStart };
}

export function createRoomHistory({ accountId, messages: db, log, archive }: RoomHistoryDeps): RoomHistory {
  /** Rooms whose archive was read to its end in this session: live messages now move the sync point. */
  const synced = new Set<string>();
  /** Per room, the catch-up running (one at a time: a rejoin's waits for the last one). */
  const running = new Map<string, Promise<void>>();
  const early = new Map<string, RoomMessageUpdate>();

  const store: RoomCatchUpStore = {
    syncPoint: (room) => db.roomSyncPoint(accountId, room),
    store: (page, after) =>
      unlessDiskFull(
        () =>
          db
            .storeRoomMessages(page, after)
            .filter((s) => s.added)
            .map((s) => s.message),
        [...page],
      ),
    readToEnd: (room) => {
      const newest = db.newestRoomArchiveId(accountId, room);
      if (newest !== null) unlessDiskFull(() => db.setRoomSyncPoint(accountId, room, newest), undefined);
    },
    readTo: (room, archiveId) => unlessDiskFull(() => db.setRoomSyncPoint(accountId, room, archiveId), undefined),
  };

  function follow(room: string, archiveId: string | null): void {
    if (archiveId !== null && synced.has(room)) unlessDiskFull(() => db.setRoomSyncPoint(accountId, room, archiveId), undefined);
  }

  /** A live message: null when it is stored already (it came from the archive first). */
  function live(message: RoomMessage): RoomMessage | null {
    const stored = unlessDiskFull(() => db.storeRoomMessages([message])[0], undefined);
    if (stored === undefined) return message;
    if (stored.added) follow(message.room, message.archiveId);
    return stored.added ? stored.message : null;
  }

  function settle(update: RoomMessageUpdate): void {
    const settled = unlessDiskFull(() => db.settleRoomMessage(accountId, update.id, update), null);
    if (settled === null) setBounded(early, update.id, update, MAX_EARLY_UPDATES);
    else follow(update.room, update.archiveId);
  }

  function catchUp(room: string, emit: EmitEvent): void {
    const rooms = archive();
    if (rooms === null) return;
    synced.delete(room);
    const previous = running.get(room) ?? Promise.resolve();
    const next = previous
      .then(() => catchUpRoom(rooms, store, room, (message) => emit('roomMessageReceived', message)))
      .then((toEnd) => {
        if (toEnd) synced.add(room);
      })
      .catch((error: unknown) =>
        log({ feature: 'rooms', reason: `room archive not read: ${error instanceof Error ? error.message : String(error)}`, from: room }),
      )
      .finally(() => {
        if (running.get(room) === next) running.delete(room);
      });
    running.set(room, next);
  }

  return {
    through: (emit) =>
      function roomEvent(event, payload) {
        if (event === 'roomMessageReceived') {
          const kept = live(payload as EventPayloads['roomMessageReceived']);
          if (kept !== null) emit('roomMessageReceived', kept);
          return;
        }
        if (event === 'roomMessageUpdated') settle(payload as EventPayloads['roomMessageUpdated']);
        emit(event, payload);
        if (event === 'roomChanged') {
          const change = payload as RoomChange;
          if (change.kind === 'joined') catchUp(change.room, emit);
          else if (change.kind === 'left') synced.delete(change.room);
        }
      },
    sent: (message) => {
      unlessDiskFull(() => db.storeRoomMessages([message]), []);
      const update = early.get(message.id);
      if (update !== undefined) {
        early.delete(message.id);
        settle(update);
      }
      return message;
    },
    offline: () => synced.clear(),
  };
}
