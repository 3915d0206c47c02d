/**
 * Desktop attention for new messages: a notification and an unread count in the title and the dock/taskbar
 * badge while the window is not focused; cleared when the user comes back. The notification shows who wrote
 * and the first line as plain text: markup in it is escaped where the platform would render it (Linux).
 */
import type { ChatMessage } from '../../app/domain/chat.js';
import { notificationText } from './notification-text.js';

export interface AttentionDeps {
  /** `process.platform`: decides whether notification text must be escaped as markup. */
  readonly platform: string;
  readonly isFocused: () => boolean;
  readonly setTitle: (title: string) => void;
  readonly setBadge: (count: number) => void;
  readonly notify: (notification: { title: string; body: string; onClick: () => void }) => void;
  readonly openChat: (jid: string) => void;
}

export interface Attention {
  messageReceived(message: ChatMessage): void;
  focused(): void;
}

const PREVIEW_CHARS = 120;

export function createAttention(deps: AttentionDeps): Attention {
  let unread = 0;
  const show = () => {
    deps.setTitle(unread > 0 ? `Hostproof (${unread})` : 'Hostproof');
    deps.setBadge(unread);
  };
  return {
    messageReceived: (message) => {
      // Only new incoming messages from others: not our own carbons, not history pages.
      if (message.direction !== 'in' || message.archiveId !== null && message.state !== 'received') return;
      if (deps.isFocused()) return;
      unread += 1;
      show();
      const firstLine = message.body.split('\n')[0] ?? '';
      // Shortened before escaping, so the cut never splits an entity.
      const preview = firstLine.length > PREVIEW_CHARS ? `${firstLine.slice(0, PREVIEW_CHARS)}…` : firstLine;
      deps.notify({
        ...notificationText(deps.platform, { title: message.peer, body: preview }),
        onClick: () => deps.openChat(message.peer),
      });
    },
    focused: () => {
      if (unread === 0) return;
      unread = 0;
      show();
    },
  };
}
