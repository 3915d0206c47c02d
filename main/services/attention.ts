/**
 * Desktop attention for new messages: a notification and an unread count in the title and the dock/taskbar
 * badge while the window is not focused; cleared when the user comes back. The notification shows who wrote
 * and the first line as plain text: markup in it is escaped where the platform would render it (Linux).
 */
import type { AccountId } from '../../app/domain/account.js';
import type { ChatMessage } from '../../app/domain/chat.js';
import { fileNameOf } from '../../app/domain/files.js';
import type { RoomMessage } from '../../app/domain/rooms.js';
import { notificationText } from './notification-text.js';
import type { RoomAlert } from './room-alerts.js';

export interface AttentionDeps {
  /** `process.platform`: decides whether notification text must be escaped as markup. */
  readonly platform: string;
  readonly isFocused: () => boolean;
  readonly setTitle: (title: string) => void;
  readonly setBadge: (count: number) => void;
  readonly notify: (notification: { title: string; body: string; onClick: () => void }) => void;
  readonly openChat: (jid: string) => void;
  /** A room's notification was clicked: bring the window forward. */
  readonly showRoom: (accountId: AccountId, room: string) => void;
  /** Milliseconds since the epoch (Date.now in the app), to space notifications out. */
  readonly now: () => number;
}

export interface Attention {
  messageReceived(message: ChatMessage): void;
  /** A room message, with what room-alerts.ts decided it calls for. */
  roomMessageReceived(message: RoomMessage, alert: RoomAlert): void;
  focused(): void;
}

const PREVIEW_CHARS = 120;
/**
 * At most one notification in this time: after an offline spell the archive catch-up brings many messages at
 * once, and a notification each would bury the desktop. The ones held back are counted in the title and the
 * badge, and the next notification says how many came with it.
 */
export const NOTIFICATION_SPACING_MS = 5_000;

export function createAttention(deps: AttentionDeps): Attention {
  let unread = 0;
  let lastNotifiedAt = Number.NEGATIVE_INFINITY;
  let held = 0;
  const show = () => {
    deps.setTitle(unread > 0 ? `Hostproof (${unread})` : 'Hostproof');
    deps.setBadge(unread);
  };
  const count = () => {
    unread += 1;
    show();
  };
  /** One notification, unless one was shown within NOTIFICATION_SPACING_MS (then it is held and counted). */
  const announce = (title: string, body: string, onClick: () => void) => {
    const now = deps.now();
    if (now - lastNotifiedAt < NOTIFICATION_SPACING_MS) {
      held += 1;
      return;
    }
    lastNotifiedAt = now;
    const also = held;
    held = 0;
    const firstLine = body.split('\n')[0] ?? '';
    // Shortened before escaping, so the cut never splits an entity.
    const preview = firstLine.length > PREVIEW_CHARS ? `${firstLine.slice(0, PREVIEW_CHARS)}…` : firstLine;
    const text = notificationText(deps.platform, { title, body: preview });
    deps.notify({
      ...text,
      body: also === 0 ? text.body : `${text.body}\n(and ${also} more new message${also === 1 ? '' : 's'})`,
      onClick,
    });
  };
  return {
    messageReceived: (message) => {
      // Only new incoming messages from others: not our own carbons, not history pages.
      if (message.direction !== 'in' || message.archiveId !== null && message.state !== 'received') return;
      if (deps.isFocused()) return;
      count();
      // issue 15: an encrypted message we could not open has no text; say so rather than announce an empty line.
      // issue 14/15: a shared file by its name, as the conversation list says it: an encrypted file's link holds
      // its key, which is not for the notification service.
      const body =
        message.encryption?.kind === 'undecryptable' ? 'Encrypted message could not be decrypted' : message.oobUrl ? `Shared a file: ${fileNameOf(message.oobUrl)}` : message.body;
      announce(message.peer, body, () => deps.openChat(message.peer));
    },
    roomMessageReceived: (message, alert) => {
      if (alert === 'quiet' || deps.isFocused()) return;
      count();
      if (alert === 'notify') announce(`${localPart(message.room)} — ${message.nick}`, message.body, () => deps.showRoom(message.accountId, message.room));
    },
    focused: () => {
      held = 0;
      if (unread === 0) return;
      unread = 0;
      show();
    },
  };
}

/** A room's name as a notification title shows it: the local part of its address (room@service → room). */
function localPart(room: string): string {
  const at = room.indexOf('@');
  return at > 0 ? room.slice(0, at) : room;
}
