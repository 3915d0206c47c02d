import type { AccountId } from '../../../app/domain/account.js';

/** A conversation across accounts: the same contact on two accounts is two conversations. */
export interface ConversationRef {
  readonly accountId: AccountId;
  readonly peer: string;
}

export function conversationKey(ref: ConversationRef): string {
  return `${ref.accountId}\u0000${ref.peer}`;
}

export function sameConversation(a: ConversationRef | null, b: ConversationRef | null): boolean {
  return a !== null && b !== null && a.accountId === b.accountId && a.peer === b.peer;
}
