import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { useAccounts } from '../accounts/use-accounts.js';
import type { ConversationRef } from '../chat/conversation-key.js';
import { useAllConversations } from '../chat/use-all-conversations.js';
import { useFrameScheduler } from '../common/frame-batch.js';
import { whenIdle } from '../common/when-idle.js';
import { useNameOf } from '../contacts/contact-names.js';
import { useRosterStore } from '../contacts/roster-store.js';
// issue 14: nicknames
import { useNicknames } from '../contacts/use-nicknames.js';
import type { RoomRef } from '../rooms/room-ref.js';
import { useInvitations } from '../rooms/use-invitations.js';
import { useRooms } from '../rooms/use-rooms.js';
import { useOnlineRefresh } from './use-online-refresh.js';
import { useWindowStart } from './window-start.js';

/**
 * What the window shows, kept current: the accounts, every account's roster (for names, presence, requests)
 * and conversations (one list), each list loaded again when its account comes online. The open conversation
 * is marked read.
 */
export function useWindowData(api: HostproofApi, open: ConversationRef | null, openRoom: RoomRef | null = null) {
  const start = useWindowStart();
  const accounts = useAccounts(api, start);
  // The account ids as one value: the account list is replaced on every connection event, the ids rarely change.
  const idsKey = accounts.accounts.map((a) => a.settings.id).join('\n');
  const accountIds = useMemo(() => (idsKey === '' ? [] : idsKey.split('\n')), [idsKey]);
  const store = useRosterStore();
  const { ensure, refresh: refreshRoster } = store;
  const conversations = useAllConversations(api, accountIds, open, start);
  // Rosters (thousands of contacts, for names and presence) once the conversation lists are shown: the lists
  // are the first screen, and a roster answered before their frame is painted (thousands of contacts to
  // deserialise) would hold it up. So they are asked for at the first idle moment after that frame (or half a
  // second on, if none comes). Until they are in, a row shows the part of the address before "@".
  const listsIn = accountIds.every((id) => conversations.answered.has(id));
  const schedule = useFrameScheduler();
  // The joined rooms come at the same moment as the rosters: after the first screen, never on its path.
  const [afterFirstScreen, setAfterFirstScreen] = useState(false);
  const rooms = useRooms(api, accountIds, afterFirstScreen, openRoom);
  const invitations = useInvitations(api, accountIds, afterFirstScreen);
  // issue 14: nicknames, with the rosters: a name the user gave wins over the contact's own.
  const nameOf = useNameOf(store.items, useNicknames(api, accountIds, afterFirstScreen));
  useEffect(() => {
    if (!listsIn) return;
    let idle: (() => void) | undefined;
    const cancelFrame = schedule(() => {
      idle = whenIdle(() => {
        accountIds.forEach(ensure);
        setAfterFirstScreen(true);
      });
    });
    return () => {
      cancelFrame();
      idle?.();
    };
  }, [listsIn, accountIds, ensure, schedule]);
  const { markRead, refresh: refreshConversations } = conversations;
  const refreshRooms = rooms.refresh;
  useOnlineRefresh(
    accounts.accounts,
    useCallback(
      (accountId: AccountId) => {
        refreshConversations(accountId);
        refreshRoster(accountId);
        // Not before the first screen: the first ask for rooms comes after it (above).
        if (afterFirstScreen) refreshRooms(accountId);
      },
      [refreshConversations, refreshRoster, refreshRooms, afterFirstScreen],
    ),
  );
  useEffect(() => {
    if (open) markRead(open);
  }, [open, markRead]);

  // A list that cannot load because its account is not online yet is no failure to report: it comes once online.
  const onlineIds = new Set(accounts.accounts.filter((a) => a.connection.stage === 'online').map((a) => a.settings.id));
  const conversationFailures = new Map([...conversations.failures].filter(([accountId]) => onlineIds.has(accountId)));
  const several = accounts.accounts.length > 1;
  const jids = useMemo(() => new Map(accounts.accounts.map((a) => [a.settings.id, a.settings.jid])), [accounts.accounts]);
  const accountLabel = useMemo(() => (several ? (accountId: AccountId) => jids.get(accountId) ?? accountId : null), [several, jids]);
  let requests = 0;
  for (const roster of store.rosters.values()) requests += roster.requests.length;
  return { accounts, accountIds, store, nameOf, conversations, conversationFailures, accountLabel, requests, rooms, invitations };
}
