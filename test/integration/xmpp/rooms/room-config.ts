/**
 * Test helper: an owner changes a room's configuration (XEP-0045 §10.2) through main's own code
 * (main/xmpp/features/rooms/room-config.ts: ask for the form, submit the offered fields), so the tests can
 * make password-protected and members-only rooms of rooms created as instant ones.
 */
import type { RoomSetting } from '../../../../app/domain/rooms.js';
import { applyRoomConfig, type RoomConfigChanges } from '../../../../main/xmpp/features/rooms/room-config.js';
import type { RoomClient } from './room-world.js';

/** Answers the settings the room's form did not offer. */
export async function configureRoom(owner: RoomClient, room: string, changes: RoomConfigChanges): Promise<readonly RoomSetting[]> {
  return applyRoomConfig(owner.session.link, room, changes);
}
