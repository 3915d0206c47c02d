/**
 * What a room message means for desktop attention (attention.ts): a notification, only a count in the title
 * and badge, or nothing. The room's setting decides ('all', 'mentions' by default, 'none'); a mention is our
 * nickname in the room as a word, or the sender's XEP-0372 mention of us (app/domain/mention.ts, the rule the
 * window highlights with). Our own messages, and messages the room stamped as older (its archive, a join
 * replay), never call for attention.
 */
import type { AccountId } from '../../app/domain/account.js';
import { isMention } from '../../app/domain/mention.js';
import type { RoomNotifyLevel, RoomNotifySetting } from '../../app/domain/room-notify.js';
import type { RoomMessage } from '../../app/domain/rooms.js';
import type { RoomNotifyStore } from '../store/room-notify-store.js';

export type RoomAlert = 'notify' | 'count' | 'quiet';

/**
 * A message the room dates more than this before we saw it is history (a replay at the join, the room's
 * archive), not something happening now: it is shown, never announced.
 */
export const LIVE_WINDOW_MS = 60_000;

export interface RoomAlertsDeps {
  readonly store: Pick<RoomNotifyStore, 'level' | 'list' | 'set'>;
  /** Our nickname in the room now; null when we are not in it. */
  readonly nickOf: (accountId: AccountId, room: string) => string | null;
  readonly now: () => Date;
}

export interface RoomAlerts {
  alertFor(message: RoomMessage): Promise<RoomAlert>;
  list(accountId: AccountId): Promise<readonly RoomNotifySetting[]>;
  set(accountId: AccountId, room: string, level: RoomNotifyLevel): Promise<void>;
}

export function createRoomAlerts(deps: RoomAlertsDeps): RoomAlerts {
  return {
    alertFor: async (message) => {
      if (message.direction !== 'in' || message.state !== 'received') return 'quiet';
      const nick = deps.nickOf(message.accountId, message.room);
      // Not in the room any more, or our own nickname (another client of ours in the same room).
      if (nick === null || message.nick === nick) return 'quiet';
      const sent = Date.parse(message.at);
      if (!Number.isFinite(sent) || deps.now().getTime() - sent > LIVE_WINDOW_MS) return 'quiet';
      const level = await deps.store.level(message.accountId, message.room);
      if (level === 'none') return 'quiet';
      if (level === 'all' || isMention(message, nick)) return 'notify';
      return 'count';
    },
    list: (accountId) => deps.store.list(accountId),
    set: (accountId, room, level) => deps.store.set(accountId, room, level),
  };
}
