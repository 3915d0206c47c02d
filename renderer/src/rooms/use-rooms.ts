import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { RoomSummary } from '../../../app/domain/rooms.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { request } from '../common/ipc.js';
import { useEachAccountOnce } from '../common/use-each-account-once.js';
import type { RoomRef } from './room-ref.js';
import { roomsReducer, type RoomsState } from './rooms-reducer.js';
import { usePrivateMessages } from './use-private-messages.js';

const EMPTY: RoomsState = new Map();
/** How many stored messages a room shows when it is opened (rooms: room history). */
const ROOM_HISTORY_LIMIT = 100;

/**
 * The joined rooms of every account, kept current from the room events. `ready` is false until the first
 * screen is shown: the rooms are asked for after it (like the rosters), never on the window's start path.
 * Each account is asked again by `refresh` (it came online: its rooms were joined again).
 */
export function useRooms(api: HostproofApi, accountIds: readonly AccountId[], ready: boolean, open: RoomRef | null) {
  const [rooms, dispatch] = useReducer(roomsReducer, EMPTY);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const refresh = useCallback(
    (accountId: AccountId) =>
      void request(() => api.listJoinedRooms({ accountId })).then((result) => {
        if (live.current && result.ok) dispatch({ type: 'listed', accountId, rooms: result.value });
      }),
    [api],
  );
  useEachAccountOnce(accountIds, ready, refresh);
  // The open room as the event listener sees it: read when a message comes, without subscribing again.
  const openRef = useRef(open);
  useEffect(() => {
    openRef.current = open;
  }, [open]);
  useEffect(() => {
    const offs = [
      api.on('roomChanged', (change) => dispatch({ type: 'changed', change })),
      api.on('roomMessageReceived', (message) => {
        const o = openRef.current;
        dispatch({ type: 'message', message, open: o !== null && o.accountId === message.accountId && o.room === message.room });
      }),
      api.on('roomMessageUpdated', ({ accountId, ...update }) => dispatch({ type: 'updated', accountId, update })),
    ];
    return () => offs.forEach((off) => off());
  }, [api]);
  useEffect(() => {
    if (open) dispatch({ type: 'read', accountId: open.accountId, room: open.room });
  }, [open]);

  // rooms: room history. The room's history kept on this computer, when it is opened (merged with the live lines).
  const openAccount = open?.accountId ?? null;
  const openRoom = open?.room ?? null;
  useEffect(() => {
    if (openAccount === null || openRoom === null) return;
    void request(() => api.loadRoomHistory({ accountId: openAccount, room: openRoom, limit: ROOM_HISTORY_LIMIT })).then((result) => {
      if (live.current && result.ok) dispatch({ type: 'history', accountId: openAccount, room: openRoom, messages: result.value.messages });
    });
  }, [api, openAccount, openRoom]);

  /** Our message: shown at once (state 'sent'), its delivery follows as roomMessageUpdated. */
  const send = useCallback(
    async (ref: RoomRef, body: string): Promise<string | null> => {
      const result = await request(() => api.sendRoomMessage({ accountId: ref.accountId, room: ref.room, body }));
      if (!result.ok) return result.message;
      dispatch({ type: 'message', message: result.value, open: true });
      return null;
    },
    [api],
  );
  /** A room just joined (from the dialog): in the list at once, whatever the event does. */
  const joined = useCallback((summary: RoomSummary) => dispatch({ type: 'changed', change: { accountId: summary.accountId, room: summary.room, kind: 'joined', text: null, summary } }), []);
  const leave = useCallback(
    async (ref: RoomRef): Promise<string | null> => {
      const result = await request(() => api.leaveRoom({ accountId: ref.accountId, room: ref.room }));
      if (!result.ok) return result.message;
      dispatch({ type: 'changed', change: { ...ref, kind: 'left', text: null, summary: null } });
      return null;
    },
    [api],
  );
  // rooms: moderation (private messages, kept here so none is missed while another room is open)
  const privates = usePrivateMessages(api);
  return { rooms, refresh, send, joined, leave, privates };
}
