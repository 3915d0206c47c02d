/**
 * Creating and finding rooms through the app's requests (schema checks included), on valid.test's room
 * service: a room made with chosen settings is announced and listed by the service with its name, and its name
 * reaches the summary of everyone in it; creating it again from another account is refused in plain words and
 * leaves that account out of it.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RoomConfig } from '../../../app/domain/rooms.js';
import { ROOM_EXISTS_TEXT } from '../../../main/services/room-creation.js';
import { ROOM_SERVICE } from '../../harness/app-world.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { chatSuite } from './chat-suite.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');
const newRoom = () => `made-${randomUUID().slice(0, 8)}@${ROOM_SERVICE}`;
const CONFIG: RoomConfig = { name: 'Friday plans', description: 'Who brings what', persistent: false, membersOnly: false, moderated: false, public: true, password: null };

describe.runIf(available)('creating and finding rooms through the app', () => {
  const suite = chatSuite();

  it('creates a room with its settings, lists it among the public rooms, and refuses to create it twice', async () => {
    const alice = await suite.open('alice@valid.test', 'desk');
    const bob = await suite.open('bob@valid.test', 'laptop');
    const room = newRoom();

    const mark = alice.mark();
    const made = await alice.call('createRoom', { accountId: alice.accountId, room, nick: 'Alice', config: CONFIG });
    expect(made).toMatchObject({ summary: { accountId: alice.accountId, room, nick: 'Alice', reach: 'own-server' }, notApplied: [] });
    expect(await alice.next('roomChanged', (c) => c.room === room && c.kind === 'joined', { after: mark })).toMatchObject({ summary: { room } });
    // Then the name the room tells (disco#info), for the window to show instead of the address.
    expect(await alice.next('roomChanged', (c) => c.room === room && c.kind === 'name', { after: mark })).toMatchObject({ summary: { room, name: 'Friday plans' } });

    expect(await bob.call('listPublicRooms', { accountId: bob.accountId, service: ROOM_SERVICE })).toContainEqual({ room, name: 'Friday plans' });

    await expect(bob.call('createRoom', { accountId: bob.accountId, room, nick: 'Bob', config: CONFIG })).rejects.toThrow(ROOM_EXISTS_TEXT);
    expect(await bob.call('listJoinedRooms', { accountId: bob.accountId })).toEqual([]);
    await expect(alice.call('createRoom', { accountId: alice.accountId, room, nick: 'Alice', config: CONFIG })).rejects.toThrow('You are already in this room');

    // Someone who joins it later learns its name too, and it stays in the room's summary.
    const bobMark = bob.mark();
    await bob.call('joinRoom', { accountId: bob.accountId, room, nick: 'Bob' });
    expect(await bob.next('roomChanged', (c) => c.room === room && c.kind === 'name', { after: bobMark })).toMatchObject({ summary: { name: 'Friday plans', nick: 'Bob' } });
    expect(await bob.call('listJoinedRooms', { accountId: bob.accountId })).toMatchObject([{ room, name: 'Friday plans' }]);
  });

  it('refuses malformed requests by their schema', async () => {
    const alice = await suite.open('alice@valid.test', 'desk');
    await expect(alice.call('listPublicRooms', { accountId: alice.accountId, service: 'not a domain' })).rejects.toThrow();
    await expect(alice.call('createRoom', { accountId: alice.accountId, room: newRoom(), nick: 'Alice', config: { ...CONFIG, whois: 'anyone' } } as never)).rejects.toThrow();
    await expect(alice.call('createRoom', { accountId: alice.accountId, room: newRoom(), nick: 'Alice', config: { ...CONFIG, name: 'x'.repeat(201) } })).rejects.toThrow();
  });
});
