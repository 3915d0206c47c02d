import type { AccountId } from '../../../app/domain/account.js';
import type { ConversationRef } from '../chat/conversation-key.js';
import type { RoomRef } from '../rooms/room-ref.js';

/**
 * The message a conversation opens at (a search result), instead of its newest. `opening` counts the openings,
 * so opening the same result again scrolls to it again.
 */
export interface MessageFocus {
  readonly messageId: string;
  readonly opening: number;
}

/** A screen of the settings area. */
export type SettingsSection =
  | { readonly kind: 'account'; readonly accountId: AccountId; readonly editing: boolean }
  | { readonly kind: 'add-account' }
  | { readonly kind: 'trust-center' }
  | { readonly kind: 'preferences' }
  | { readonly kind: 'about' }
  // issue 14: blocking
  | { readonly kind: 'blocked' };

/**
 * What the right-hand side of the window shows. Chat comes first: the open conversation (or none), "Start a
 * chat", or the settings area, which remembers the chat to go back to.
 */
export type View =
  | { readonly kind: 'chat'; readonly open: ConversationRef | null; readonly focus?: MessageFocus }
  | { readonly kind: 'room'; readonly room: RoomRef }
  | { readonly kind: 'start-chat'; readonly accountId: AccountId | null; readonly back: ConversationRef | null }
  | { readonly kind: 'settings'; readonly section: SettingsSection; readonly back: ConversationRef | null };

export const HOME: View = { kind: 'chat', open: null };

/** The conversation the view shows or returns to, so leaving settings or "Start a chat" lands where the user was. */
export function conversationOf(view: View): ConversationRef | null {
  if (view.kind === 'room') return null;
  return view.kind === 'chat' ? view.open : view.back;
}
