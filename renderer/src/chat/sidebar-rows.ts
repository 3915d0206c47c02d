/**
 * The one conversation list: 1:1 chats and rooms together, newest activity first. Pure, so it is tested
 * without React. The chats come already in their order (conversations-reducer.ts); the rooms are put among
 * them by their newest message, and a room where nothing was said yet since it was joined goes on top (it was
 * just joined: that is its activity). Merging keeps the chats' own order exactly.
 */
import type { RoomMessage } from '../../../app/domain/rooms.js';
import { roomKey, type RoomEntry } from '../rooms/rooms-reducer.js';
import { conversationKey } from './conversation-key.js';
import type { ConversationEntry } from './conversations-reducer.js';

export type SidebarRow = { readonly kind: 'chat'; readonly entry: ConversationEntry } | { readonly kind: 'room'; readonly entry: RoomEntry };

/** The newest message of a room's timeline, or null when nothing was said since we joined. */
export function lastRoomMessage(entry: RoomEntry): RoomMessage | null {
  for (let i = entry.lines.length - 1; i >= 0; i--) {
    const line = entry.lines[i];
    if (line?.kind === 'message') return line.message;
  }
  return null;
}

/** A key no chat and no room share (rooms and chats may have the same address on two accounts, not the same kind). */
export function sidebarRowKey(row: SidebarRow): string {
  return row.kind === 'chat' ? `chat\n${conversationKey(row.entry)}` : `room\n${roomKey(row.entry.summary.accountId, row.entry.summary.room)}`;
}

const timeOf = (at: string | undefined): number => (at === undefined ? 0 : Date.parse(at) || 0);

export function mergeByActivity(chats: readonly ConversationEntry[], rooms: readonly RoomEntry[]): SidebarRow[] {
  if (rooms.length === 0) return chats.map((entry) => ({ kind: 'chat', entry }));
  const timed = rooms.map((entry) => ({ entry, at: lastRoomMessage(entry)?.at })).map(({ entry, at }) => ({ entry, time: at === undefined ? Number.POSITIVE_INFINITY : timeOf(at) }));
  // Stable: rooms at the same time keep the order they were listed in.
  timed.sort((a, b) => b.time - a.time);
  const rows: SidebarRow[] = [];
  let c = 0;
  for (const room of timed) {
    while (c < chats.length && timeOf(chats[c]?.lastMessage?.at) > room.time) rows.push({ kind: 'chat', entry: chats[c++] as ConversationEntry });
    rows.push({ kind: 'room', entry: room.entry });
  }
  while (c < chats.length) rows.push({ kind: 'chat', entry: chats[c++] as ConversationEntry });
  return rows;
}
