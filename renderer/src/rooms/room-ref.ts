import type { AccountId } from '../../../app/domain/account.js';

/** A room as one account is in it: the same room joined from two accounts is two rooms in the window. */
export interface RoomRef {
  readonly accountId: AccountId;
  readonly room: string;
}

export function sameRoom(a: RoomRef | null, b: RoomRef | null): boolean {
  return a !== null && b !== null && a.accountId === b.accountId && a.room === b.room;
}
