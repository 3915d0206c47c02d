import { useMemo } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import { conversationKey, type ConversationRef } from '../chat/conversation-key.js';
import type { ConversationEntry } from '../chat/conversations-reducer.js';
import { QuickSwitcher } from '../chat/QuickSwitcher.js';
import type { QuickSwitchEntry } from '../chat/quick-switch-match.js';
import type { NameOf } from '../contacts/contact-names.js';
import type { RosterItems } from '../contacts/roster-store.js';

interface QuickSwitcherHostProps {
  readonly conversations: readonly ConversationEntry[];
  readonly items: RosterItems;
  readonly nameOf: NameOf;
  readonly accountLabel: ((accountId: AccountId) => string) | null;
  readonly onOpen: (conversation: ConversationRef) => void;
  readonly onClose: () => void;
}

/**
 * Ctrl+K: every conversation (newest first), then every contact of every account without one, in one search.
 * Built when the switcher opens, so the lists it is made of cost nothing while it is closed.
 */
export function QuickSwitcherHost({ conversations, items, nameOf, accountLabel, onOpen, onClose }: QuickSwitcherHostProps) {
  const { entries, refs } = useMemo(() => {
    const list: QuickSwitchEntry[] = [];
    const byKey = new Map<string, ConversationRef>();
    const add = (ref: ConversationRef, kind: QuickSwitchEntry['kind'], unread: number) => {
      const key = conversationKey(ref);
      if (byKey.has(key)) return;
      byKey.set(key, ref);
      list.push({ key, name: nameOf(ref.accountId, ref.peer), address: ref.peer, accountLabel: accountLabel?.(ref.accountId) ?? null, kind, unread });
    };
    for (const c of conversations) add(c, 'conversation', c.unread);
    for (const [accountId, roster] of items) for (const item of roster) add({ accountId, peer: item.jid }, 'contact', 0);
    return { entries: list, refs: byKey };
  }, [conversations, items, nameOf, accountLabel]);
  return (
    <QuickSwitcher
      entries={entries}
      onPick={(entry) => {
        const ref = refs.get(entry.key);
        if (ref) onOpen(ref);
      }}
      onClose={onClose}
    />
  );
}
