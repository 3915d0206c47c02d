/**
 * Room notification settings through the app's requests, on valid.test's room service: a mention of us in a
 * live room calls for a notification and another message only counts; the setting survives a restart (before
 * any connection), and a damaged settings file is moved aside, reported, and every room is back at the
 * default ('mentions').
 */
import { randomUUID } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOM_SERVICE, password } from '../../harness/app-world.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { waitForEvent } from '../../harness/wait-for-event.js';
import { chatSuite } from './chat-suite.js';
import { restartableApps } from './restartable-apps.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');
const newRoom = () => `room-${randomUUID().slice(0, 8)}@${ROOM_SERVICE}`;

describe.runIf(available)('room notifications through the app', () => {
  const suite = chatSuite();
  const { appOn, freshDir } = restartableApps(suite, 'hostproof-room-notify-');

  it('a live mention of our nickname calls for a notification, another message only counts, and none when silenced', async () => {
    const alice = await suite.open('alice@valid.test', 'desk');
    const bob = await suite.open('bob@valid.test', 'laptop');
    const room = newRoom();
    await alice.call('joinRoom', { accountId: alice.accountId, room, nick: 'Alice' });
    await bob.call('joinRoom', { accountId: bob.accountId, room, nick: 'Bob' });
    const alertOf = async (body: string) => {
      const mark = alice.mark();
      await bob.call('sendRoomMessage', { accountId: bob.accountId, room, body });
      const got = await alice.next('roomMessageReceived', (m) => m.room === room && m.body === body, { after: mark });
      return alice.app.services.roomAlerts.alertFor(got);
    };
    expect(await alertOf('morning all')).toBe('count');
    expect(await alertOf('alice: coffee?')).toBe('notify');
    expect(await alertOf('Malice in the wonderland')).toBe('count');

    await alice.call('setRoomNotify', { accountId: alice.accountId, room, level: 'none' });
    expect(await alertOf('ALICE, are you there?')).toBe('quiet');
    await alice.call('setRoomNotify', { accountId: alice.accountId, room, level: 'all' });
    expect(await alertOf('anything at all')).toBe('notify');
  });

  it('the setting survives a restart; a damaged file falls back to mentions, moved aside and reported', async () => {
    const dir = await freshDir();
    const first = await appOn(dir);
    const { settings } = await first.call('addAccount', { jid: 'alice@valid.test', password: password('alice'), rememberPassword: false });
    await waitForEvent(first.app.events, 'connectionChanged', (p) => p.accountId === settings.id && p.state.stage === 'online');
    const room = newRoom();
    await first.call('setRoomNotify', { accountId: settings.id, room, level: 'all' });
    await first.call('setRoomNotify', { accountId: settings.id, room: `quiet-${room}`, level: 'none' });
    await first.call('setRoomNotify', { accountId: settings.id, room: `quiet-${room}`, level: 'mentions' });
    expect(await first.call('listRoomNotify', { accountId: settings.id })).toEqual([{ room, level: 'all' }]);
    await first.app.close();

    const second = await appOn(dir);
    // Not connected (no password kept): the setting is read from this computer.
    expect(await second.call('listRoomNotify', { accountId: settings.id })).toEqual([{ room, level: 'all' }]);
    await second.app.close();

    await writeFile(path.join(dir, 'room-notify.json'), '{"schema":"hostproof.room-notify","version":1,"data":{"x":');
    const third = await appOn(dir);
    expect(await third.call('listRoomNotify', { accountId: settings.id })).toEqual([]);
    expect(third.app.notices.join('\n')).toMatch(/only when someone mentions you/);
    expect((await readdir(dir)).filter((f) => f.startsWith('room-notify.json.corrupt-'))).toHaveLength(1);
    // A setting chosen again is kept as before.
    await third.call('setRoomNotify', { accountId: settings.id, room, level: 'none' });
    expect(await third.call('listRoomNotify', { accountId: settings.id })).toEqual([{ room, level: 'none' }]);
  });

  it('is refused for an account that does not exist, and for a level the contract does not know', async () => {
    const alice = await suite.open('alice@valid.test', 'desk');
    const room = newRoom();
    await expect(alice.call('setRoomNotify', { accountId: randomUUID(), room, level: 'all' })).rejects.toThrow(/no longer exists/);
    await expect(alice.call('setRoomNotify', { accountId: alice.accountId, room, level: 'loud' })).rejects.toThrow(/setRoomNotify failed/);
  });
});
