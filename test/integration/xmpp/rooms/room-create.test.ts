/**
 * Creating rooms with chosen settings and finding public rooms, against a real Prosody room service: the
 * settings submitted through the configuration form are what the room then tells anyone (disco#info); the
 * service lists a public room and not a hidden one; creating a room that exists is refused without staying.
 */
import { xml } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { RoomConfig, RoomSummary } from '../../../../app/domain/rooms.js';
import { createRoomCreation, ROOM_EXISTS_TEXT } from '../../../../main/services/room-creation.js';
import { NS } from '../../../../main/xmpp/features/namespaces.js';
import { PROSODY, requireSystemDependency } from '../../../harness/system-dependency.js';
import { newRoom, ROOM_SERVICE, useRoomWorld, type RoomClient } from './room-world.js';

const hasProsody = requireSystemDependency(PROSODY, 'integration (creating and finding rooms)');

const OPEN: RoomConfig = { name: null, description: null, persistent: false, membersOnly: false, moderated: false, public: true, password: null };

/** What the room says about itself to anyone (XEP-0045 §6.4): its name, features and description. */
async function roomInfo(client: RoomClient, room: string): Promise<{ name: string | null; features: Set<string>; description: string | null }> {
  const answer = await client.session.link.request(xml('iq', { type: 'get', to: room }, xml('query', { xmlns: NS.discoInfo })));
  const query = answer.getChild('query', NS.discoInfo);
  const features = new Set((query?.getChildren('feature') ?? []).map((f) => String(f.attrs.var)));
  const name = query?.getChild('identity')?.attrs.name as string | undefined;
  const fields = query?.getChild('x', NS.dataForms)?.getChildren('field') ?? [];
  const description = fields.find((f) => f.attrs.var === 'muc#roominfo_description')?.getChildText('value') ?? null;
  return { name: name ?? null, features, description };
}

describe.runIf(hasProsody)('creating and finding rooms on a real room service', () => {
  const world = useRoomWorld();

  it('creates a room with the chosen settings before the join resolves: its name, description, members-only, moderated, hidden and persistent', async () => {
    const [alice, bob] = await Promise.all([world.open('alice'), world.open('bob')]);
    const room = newRoom('board');
    const config: RoomConfig = { name: 'The Board', description: 'Where we decide things', persistent: true, membersOnly: true, moderated: true, public: false, password: null };
    const joined = await alice.rooms.join({ room, nick: 'Alice', config });
    expect(joined).toMatchObject({ ok: true, created: true, notApplied: [] });

    // Asked right after the join resolved: the room is already unlocked and configured.
    const info = await roomInfo(bob, room);
    expect(info.name).toBe('The Board');
    expect(info.description).toBe('Where we decide things');
    for (const feature of ['muc_membersonly', 'muc_moderated', 'muc_hidden', 'muc_persistent', 'muc_unsecured']) expect(info.features).toContain(feature);
    expect(await bob.rooms.join({ room, nick: 'Bob' })).toMatchObject({ ok: false, kind: 'members-only' });
  });

  it('creates an open, public, temporary room with a password that only the password opens', async () => {
    const [alice, bob] = await Promise.all([world.open('alice'), world.open('bob')]);
    const room = newRoom('open');
    expect(await alice.rooms.join({ room, nick: 'Alice', config: { ...OPEN, password: 'open sesame' } })).toMatchObject({ ok: true, created: true, notApplied: [] });
    const info = await roomInfo(bob, room);
    for (const feature of ['muc_open', 'muc_unmoderated', 'muc_public', 'muc_temporary', 'muc_passwordprotected']) expect(info.features).toContain(feature);
    expect(await bob.rooms.join({ room, nick: 'Bob' })).toMatchObject({ ok: false, kind: 'password-required' });
    expect(await bob.rooms.join({ room, nick: 'Bob', password: 'open sesame' })).toMatchObject({ ok: true, created: false });
  });

  it('lists the public rooms of the service with their names, and not the hidden ones', async () => {
    const [alice, bob] = await Promise.all([world.open('alice'), world.open('bob')]);
    const shown = newRoom('shown');
    const hidden = newRoom('hidden');
    await alice.rooms.join({ room: shown, nick: 'Alice', config: { ...OPEN, name: 'Shown room' } });
    await alice.rooms.join({ room: hidden, nick: 'Alice', config: { ...OPEN, name: 'Hidden room', public: false } });
    const listed = await bob.rooms.listPublic(ROOM_SERVICE);
    expect(listed).toContainEqual({ room: shown, name: 'Shown room' });
    expect(listed.map((r) => r.room)).not.toContain(hidden);
  });

  it('refuses to create a room that already exists, and does not stay in it', async () => {
    const [alice, bob] = await Promise.all([world.open('alice'), world.open('bob')]);
    const room = newRoom('taken');
    await alice.rooms.join({ room, nick: 'Alice' });
    const announced: RoomSummary[] = [];
    const creation = createRoomCreation({
      online: () => bob.rooms,
      summaryOf: (rooms, r) => (rooms.joined().some((s) => s.room === r) ? { accountId: 'bob' as never, room: r, nick: 'Bob', subject: null, occupants: rooms.occupants(r), reach: 'own-server' } : null),
      joined: (_rooms, summary) => announced.push(summary),
    });
    await expect(creation.create(room, 'Bob', OPEN)).rejects.toThrow(ROOM_EXISTS_TEXT);
    expect(bob.rooms.joined()).toEqual([]);
    expect(announced).toEqual([]);
    await alice.next('occupant', (e) => e.kind === 'left' && e.occupant.nick === 'Bob');

    // A new address is created and announced.
    const fresh = newRoom('fresh');
    const made = await creation.create(fresh, 'Bob', { ...OPEN, name: 'Fresh' });
    expect(made).toMatchObject({ summary: { room: fresh, nick: 'Bob' }, notApplied: [] });
    expect(announced.map((s) => s.room)).toEqual([fresh]);
    // The name it was given is the one the room tells (disco#info), to the creator and to anyone who asks.
    expect(await bob.rooms.name(fresh)).toBe('Fresh');
    expect(await alice.rooms.name(fresh)).toBe('Fresh');
    // A room given no name has none (the window shows its address's local part).
    expect(await alice.rooms.name(room)).toBeNull();
  });
});
