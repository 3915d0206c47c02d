/**
 * What happened to a 1:1 message after it was sent (issue 14): corrected (XEP-0308), retracted (XEP-0424),
 * reacted to (XEP-0444), and which message it answers (XEP-0461). Every string came from the network: text only.
 */

/** An earlier version of a corrected message. */
export interface EarlierVersion {
  readonly body: string;
  /** When it was replaced (ISO). */
  readonly replacedAt: string;
  /** The correction's stanza id: the same correction arriving again (carbon, archive) changes nothing. */
  readonly by: string | null;
}

/** One person's reactions: their latest `<reactions/>` replaces the earlier one (XEP-0444 §3). */
export interface PersonReactions {
  /** Bare JID. */
  readonly sender: string;
  readonly emojis: readonly string[];
}

export interface MessageChanges {
  /** Oldest first; empty when never corrected. */
  readonly earlier: readonly EarlierVersion[];
  readonly retracted: boolean;
  readonly reactions: readonly PersonReactions[];
}

/** The message this one answers (XEP-0461 `<reply to id/>`). */
export interface ReplyTarget {
  /** The stanza id (or origin-id) the reply names: matched against the conversation's messages. */
  readonly id: string;
  /** The original's author as the reply names it (bare JID), when it does. */
  readonly to: string | null;
  /** Only on replies we wrote: the quote sent before the text for clients that do not know replies (XEP-0428). */
  readonly fallback: string | null;
}

export const NO_CHANGES: MessageChanges = { earlier: [], retracted: false, reactions: [] };

/** The emoji the small picker offers. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'] as const;

/** Bounds on what a reaction may be (one emoji is a few code units; a longer "reaction" is not one). */
export const MAX_REACTION_LENGTH = 32;
export const MAX_REACTIONS_PER_PERSON = 16;
