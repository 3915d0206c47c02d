import { describe, expect, it } from 'vitest';
import type { AccountId } from '../../../../../app/domain/account.js';
import { createRooms } from '../../../../../main/xmpp/features/rooms/rooms.js';
import { counterIds, FakeLink, fixedClock, settle } from '../fake-link.js';

const ROOM = 'lobby@rooms.example.org';
const MUC_USER = 'http://jabber.org/protocol/muc#user';
const selfPresence = (nick: string, inner = "<item affiliation='member' role='participant'/><status code='110'/>", type = '') =>
  `<presence from='${ROOM}/${nick}'${type}><x xmlns='${MUC_USER}'>${inner}</x></presence>`;

async function joined() {
  const link = new FakeLink('alice@example.org/desk');
  const rooms = createRooms({ link, accountId: 'acc-1' as AccountId, now: fixedClock().now, ids: counterIds(), log: () => undefined }, { selfPingEveryMs: null });
  const pending = rooms.join({ room: ROOM, nick: 'Alice' });
  link.receive(selfPresence('Alice'));
  expect((await pending).ok).toBe(true);
  return { link, rooms };
}

describe('changing our nickname in a room (XEP-0045 §7.6)', () => {
  it('sends presence to the new occupant JID and follows the room to it (303)', async () => {
    const { link, rooms } = await joined();
    const changing = rooms.changeNick(ROOM, 'Ally');
    await settle();
    const sent = link.lastSent();
    expect(sent.attrs).toMatchObject({ to: `${ROOM}/Ally` });
    expect(sent.attrs.type).toBeUndefined();
    link.receive(selfPresence('Alice', "<item affiliation='member' role='participant' nick='Ally'/><status code='303'/><status code='110'/>", " type='unavailable'"));
    link.receive(selfPresence('Ally'));
    expect(await changing).toEqual({ ok: true, nick: 'Ally' });
    expect(rooms.joined()).toEqual([{ room: ROOM, nick: 'Ally', password: null }]);
  });

  it('answers a taken or reserved nickname in plain words, and keeps ours', async () => {
    const { link, rooms } = await joined();
    const taken = rooms.changeNick(ROOM, 'Bob');
    await settle();
    link.receive(`<presence from='${ROOM}/Bob' type='error'><error type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>`);
    expect(await taken).toMatchObject({ ok: false, kind: 'nickname-conflict' });
    const reserved = rooms.changeNick(ROOM, 'Carol');
    await settle();
    link.receive(`<presence from='${ROOM}/Carol' type='error'><error type='cancel'><not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>`);
    expect(await reserved).toMatchObject({ ok: false, kind: 'nickname-reserved', text: 'That nickname is kept for someone else in this room. Choose another one.' });
    expect(rooms.joined()).toEqual([{ room: ROOM, nick: 'Alice', password: null }]);
  });

  it('gives up after the time limit, and refuses a second change while one waits', async () => {
    const { rooms } = await joined();
    const slow = rooms.changeNick(ROOM, 'Ally', 20);
    await expect(rooms.changeNick(ROOM, 'Other')).rejects.toMatchObject({ kind: 'busy' });
    expect(await slow).toMatchObject({ ok: false, kind: 'timeout' });
    expect(rooms.joined()[0]?.nick).toBe('Alice');
  });

  it('refuses an empty nickname and a room we are not in', async () => {
    const { rooms } = await joined();
    await expect(rooms.changeNick(ROOM, '')).rejects.toMatchObject({ kind: 'invalid-nick' });
    await expect(rooms.changeNick('other@rooms.example.org', 'Ally')).rejects.toMatchObject({ kind: 'not-joined' });
    expect(await rooms.changeNick(ROOM, 'Alice')).toEqual({ ok: true, nick: 'Alice' });
  });
});
