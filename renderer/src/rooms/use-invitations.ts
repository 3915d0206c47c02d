import { useCallback, useEffect, useMemo, useReducer } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { request } from '../common/ipc.js';
import { useEachAccountOnce } from '../common/use-each-account-once.js';
import { invitationsReducer, type InvitationEntry, type InvitationsState } from './invitations-reducer.js';

const EMPTY: InvitationsState = new Map();

/**
 * The room invitations waiting in every account, newest last: asked for with the rooms (after the first
 * screen), kept current from `roomInvitation`, and dropped when the user dismisses one or joins its room.
 */
export function useInvitations(api: HostproofApi, accountIds: readonly AccountId[], ready: boolean) {
  const [state, dispatch] = useReducer(invitationsReducer, EMPTY);
  const ask = useCallback(
    (accountId: AccountId, live: () => boolean) =>
      void request(() => api.listRoomInvitations({ accountId })).then((result) => {
        if (live() && result.ok) dispatch({ type: 'listed', accountId, invitations: result.value });
      }),
    [api],
  );
  useEachAccountOnce(accountIds, ready, ask);
  useEffect(() => {
    const offs = [
      api.on('roomInvitation', ({ accountId, invitation }) => dispatch({ type: 'received', accountId, invitation })),
      api.on('roomChanged', (change) => {
        if (change.kind === 'joined') dispatch({ type: 'gone', accountId: change.accountId, room: change.room });
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [api]);
  /** Declines it (the room tells the inviter, for one that came through the room); answers why not, or null. */
  const dismiss = useCallback(
    async (entry: InvitationEntry): Promise<string | null> => {
      const result = await request(() => api.dismissRoomInvitation({ accountId: entry.accountId, id: entry.invitation.id, decline: true }));
      if (!result.ok) return result.message;
      dispatch({ type: 'gone', accountId: entry.accountId, id: entry.invitation.id });
      return null;
    },
    [api],
  );
  /** Joined from the join dialog: its invitations are answered (the event says so too, maybe later). */
  const joined = useCallback((accountId: AccountId, room: string) => dispatch({ type: 'gone', accountId, room }), []);
  const list = useMemo(() => [...state.values()], [state]);
  return { list, dismiss, joined };
}
