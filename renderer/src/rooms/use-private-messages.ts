import { useCallback, useEffect, useState } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { PrivateRoomMessage } from '../../../app/domain/rooms.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { roomKey } from './rooms-reducer.js';

/** The newest private messages kept per room (they live while the window is open; none are stored). */
export const MAX_PRIVATE_PER_ROOM = 200;

export interface PrivateMessages {
  /** The private messages of a room, oldest first. */
  of(accountId: AccountId, room: string): readonly PrivateRoomMessage[];
  /** The nicknames in a room whose private messages were not read yet. */
  unread(accountId: AccountId, room: string): ReadonlySet<string>;
  /** Ours, once sent. */
  add(message: PrivateRoomMessage): void;
  read(accountId: AccountId, room: string, nick: string): void;
}

interface State {
  readonly messages: ReadonlyMap<string, readonly PrivateRoomMessage[]>;
  readonly unread: ReadonlyMap<string, ReadonlySet<string>>;
}

const NONE: ReadonlySet<string> = new Set();

/** Private messages with occupants of every room (XEP-0045 §7.5), from `roomPrivateMessage` and our sends. */
export function usePrivateMessages(api: HostproofApi): PrivateMessages {
  const [state, setState] = useState<State>({ messages: new Map(), unread: new Map() });
  const add = useCallback((message: PrivateRoomMessage) => {
    setState((s) => {
      const key = roomKey(message.accountId, message.room);
      const messages = new Map(s.messages).set(key, [...(s.messages.get(key) ?? []), message].slice(-MAX_PRIVATE_PER_ROOM));
      if (message.direction === 'out') return { ...s, messages };
      const unread = new Map(s.unread).set(key, new Set([...(s.unread.get(key) ?? []), message.nick]));
      return { messages, unread };
    });
  }, []);
  useEffect(() => api.on('roomPrivateMessage', add), [api, add]);
  const read = useCallback((accountId: AccountId, room: string, nick: string) => {
    setState((s) => {
      const key = roomKey(accountId, room);
      const before = s.unread.get(key);
      if (!before?.has(nick)) return s;
      const after = new Set(before);
      after.delete(nick);
      return { ...s, unread: new Map(s.unread).set(key, after) };
    });
  }, []);
  return {
    of: (accountId, room) => state.messages.get(roomKey(accountId, room)) ?? [],
    unread: (accountId, room) => state.unread.get(roomKey(accountId, room)) ?? NONE,
    add,
    read,
  };
}
