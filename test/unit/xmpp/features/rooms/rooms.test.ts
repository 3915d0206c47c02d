import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountId } from '../../../../../app/domain/account.js';
import type { FeatureLogEntry } from '../../../../../main/xmpp/features/feature-deps.js';
import { createRooms, MAX_OCCUPANTS_PER_ROOM, type RoomsEvents } from '../../../../../main/xmpp/features/rooms/rooms.js';
import { counterIds, FakeLink, fixedClock, settle } from '../fake-link.js';
import { StanzaError } from '../../../../../main/xmpp/link.js';

const ROOM = 'lobby@rooms.example.org';
const MUC_USER = 'http://jabber.org/protocol/muc#user';

function setup() {
  const link = new FakeLink('alice@example.org/desk');
  const logged: FeatureLogEntry[] = [];
  const rooms = createRooms({ link, accountId: 'acc-1' as AccountId, now: fixedClock().now, ids: counterIds(), log: (entry) => logged.push(entry) });
  const events: Array<{ event: keyof RoomsEvents; payload: unknown }> = [];
  for (const event of ['occupant', 'message', 'updated', 'subject', 'privateMessage', 'left'] as const) rooms.on(event, (payload) => events.push({ event, payload }));
  const of = <K extends keyof RoomsEvents>(event: K) => events.filter((e) => e.event === event).map((e) => e.payload as RoomsEvents[K]);
  return { link, rooms, logged, events, of };
}

const occupant = (nick: string, extra = '', type = '') =>
  `<presence from='${ROOM}/${nick}'${type}><x xmlns='${MUC_USER}'><item affiliation='none' role='participant'${extra}/></x></presence>`;
const self = (nick: string, statuses = '') =>
  `<presence from='${ROOM}/${nick}'><x xmlns='${MUC_USER}'><item affiliation='owner' role='moderator'/><status code='110'/>${statuses}</x></presence>`;

async function joined() {
  const world = setup();
  const pending = world.rooms.join({ room: ROOM, nick: 'Alice' });
  world.link.receive(occupant('Bob'));
  world.link.receive(self('Alice'));
  const result = await pending;
  expect(result.ok).toBe(true);
  return world;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('joining', () => {
  it('sends presence to room/nick with the muc element, the password and no history', async () => {
    const { link, rooms } = setup();
    void rooms.join({ room: 'Lobby@Rooms.Example.org', nick: 'Alice', password: 'p<w>' });
    const sent = link.lastSent();
    expect(sent.attrs.to).toBe(`${ROOM}/Alice`);
    const x = sent.getChild('x', 'http://jabber.org/protocol/muc');
    expect(x?.getChildText('password')).toBe('p<w>');
    expect(x?.getChild('history')?.attrs.maxstanzas).toBe('0');
  });

  it('answers the occupants already there, without news events for them, and the nickname the room gave us (210)', async () => {
    const { link, rooms, of } = setup();
    const pending = rooms.join({ room: ROOM, nick: 'alice' });
    link.receive(occupant('Bob'));
    link.receive(self('Alice', "<status code='210'/>"));
    expect(await pending).toMatchObject({ ok: true, nick: 'Alice', created: false, occupants: [{ nick: 'Bob' }, { nick: 'Alice', role: 'moderator' }] });
    expect(of('occupant')).toEqual([]);
    expect(rooms.joined()).toEqual([{ room: ROOM, nick: 'Alice', password: null }]);
  });

  it('unlocks a room it created (201) by accepting the default configuration', async () => {
    const { link, rooms } = setup();
    const pending = rooms.join({ room: ROOM, nick: 'Alice' });
    link.receive(self('Alice', "<status code='201'/>"));
    await settle();
    const request = link.lastRequest();
    expect(request.iq.attrs).toMatchObject({ type: 'set', to: ROOM });
    const form = request.iq.getChild('query', 'http://jabber.org/protocol/muc#owner')?.getChild('x', 'jabber:x:data');
    expect(form?.attrs.type).toBe('submit');
    expect(form?.getChildElements()).toEqual([]);
    request.result();
    expect(await pending).toMatchObject({ ok: true, created: true });
  });

  // rooms: creation
  it('configures a room it created with the chosen settings before the join resolves, and reports what the form lacks', async () => {
    const { link, rooms } = setup();
    const config = { name: 'Team', description: null, persistent: true, membersOnly: false, moderated: false, public: true, password: null };
    const pending = rooms.join({ room: ROOM, nick: 'Alice', config });
    let resolved = false;
    void pending.then(() => (resolved = true));
    link.receive(self('Alice', "<status code='201'/>"));
    await settle();
    const ask = link.lastRequest();
    expect(ask.iq.attrs).toMatchObject({ type: 'get', to: ROOM });
    ask.result(
      `<iq type='result' id='${ask.iq.attrs.id}'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='form'>` +
        `<field var='muc#roomconfig_roomname'/><field var='muc#roomconfig_publicroom'/><field var='muc#roomconfig_membersonly'/></x></query></iq>`,
    );
    await settle();
    expect(resolved).toBe(false);
    const submit = link.lastRequest();
    expect(submit.iq.attrs).toMatchObject({ type: 'set', to: ROOM });
    submit.result();
    expect(await pending).toMatchObject({ ok: true, created: true, notApplied: ['persistent', 'moderated'] });
  });

  it('leaves a room it created when the room refuses the chosen settings', async () => {
    const { link, rooms } = setup();
    const pending = rooms.join({ room: ROOM, nick: 'Alice', config: { name: null, description: null, persistent: false, membersOnly: true, moderated: false, public: false, password: null } });
    link.receive(self('Alice', "<status code='201'/>"));
    await settle();
    link.lastRequest().fail(new StanzaError('forbidden', 'auth'));
    expect(await pending).toMatchObject({ ok: false, kind: 'refused', text: 'The room was made, but it refused the chosen settings, so you left it again.' });
    expect(link.lastSent().attrs).toMatchObject({ to: `${ROOM}/Alice`, type: 'unavailable' });
    expect(rooms.joined()).toEqual([]);
  });

  it('answers a typed error when the room refuses, and forgets the room', async () => {
    const { link, rooms } = setup();
    const pending = rooms.join({ room: ROOM, nick: 'Bob' });
    link.receive(`<presence from='${ROOM}/Bob' type='error'><error type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>`);
    expect(await pending).toMatchObject({ ok: false, kind: 'nickname-conflict', suggestedNick: 'Bob2' });
    expect(rooms.joined()).toEqual([]);
  });

  it('gives up after the time limit, and leaves should the room let us in later', async () => {
    vi.useFakeTimers();
    const { link, rooms } = setup();
    const pending = rooms.join({ room: ROOM, nick: 'Alice', timeoutMs: 1_000 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await pending).toMatchObject({ ok: false, kind: 'timeout' });
    expect(link.lastSent().attrs).toMatchObject({ to: `${ROOM}/Alice`, type: 'unavailable' });
  });

  it('ends a join still waiting as disconnected when the session goes', async () => {
    const { link, rooms } = setup();
    const pending = rooms.join({ room: ROOM, nick: 'Alice' });
    rooms.dispose();
    expect(await pending).toMatchObject({ ok: false, kind: 'disconnected' });
    expect(link.listenerCount()).toBe(0);
  });

  it('refuses a room address with a nickname in it, and an empty nickname', () => {
    const { rooms } = setup();
    expect(() => rooms.join({ room: `${ROOM}/Alice`, nick: 'Alice' })).toThrow(expect.objectContaining({ kind: 'invalid-room' }));
    expect(() => rooms.join({ room: ROOM, nick: '  ' })).toThrow(expect.objectContaining({ kind: 'invalid-nick' }));
  });
});

describe('in a room', () => {
  it('follows nickname changes (303), ours too', async () => {
    const { link, rooms, of } = await joined();
    link.receive(occupant('Bob', " nick='Robert'", " type='unavailable'").replace('</x>', "<status code='303'/></x>"));
    link.receive(occupant('Robert'));
    expect(of('occupant').map((e) => e.text)).toEqual(['Bob is now known as Robert.']);
    link.receive(`<presence from='${ROOM}/Alice' type='unavailable'><x xmlns='${MUC_USER}'><item nick='Ally' affiliation='owner' role='moderator'/><status code='303'/><status code='110'/></x></presence>`);
    expect(rooms.joined()).toEqual([{ room: ROOM, nick: 'Ally', password: null }]);
    expect(rooms.occupants(ROOM).map((o) => o.nick).sort()).toEqual(['Ally', 'Robert']);
    expect(of('left')).toEqual([]);
  });

  it('tracks at most MAX_OCCUPANTS_PER_ROOM occupants', async () => {
    const { link, rooms, logged } = await joined();
    for (let i = 0; i < MAX_OCCUPANTS_PER_ROOM; i += 1) link.receive(occupant(`n${i}`));
    expect(rooms.occupants(ROOM)).toHaveLength(MAX_OCCUPANTS_PER_ROOM);
    expect(logged.filter((l) => l.reason === 'too many occupants in one room').length).toBeGreaterThan(0);
  });

  it("recognises our message's reflection by its origin-id and our nickname, not another occupant's copy", async () => {
    const { link, rooms, of } = await joined();
    const sent = await rooms.send(ROOM, 'hello');
    expect(link.lastSent().attrs).toMatchObject({ to: ROOM, type: 'groupchat', id: sent.stanzaId });
    // Bob copies our origin-id: still Bob's message.
    link.receive(`<message from='${ROOM}/Bob' type='groupchat' id='x'><body>hello</body><origin-id xmlns='urn:xmpp:sid:0' id='${sent.originId}'/></message>`);
    link.receive(
      `<message from='${ROOM}/Alice' type='groupchat' id='${sent.stanzaId}'><body>hello</body><origin-id xmlns='urn:xmpp:sid:0' id='${sent.originId}'/><stanza-id xmlns='urn:xmpp:sid:0' by='${ROOM}' id='A7'/></message>`,
    );
    expect(of('message').map((m) => m.nick)).toEqual(['Bob']);
    expect(of('updated')).toEqual([{ room: ROOM, id: sent.id, state: 'delivered', archiveId: 'A7', error: null }]);
  });

  it('shows a message once, and does not let one occupant hide another by reusing ids', async () => {
    const { link, of } = await joined();
    const bob = `<message from='${ROOM}/Bob' type='groupchat' id='1'><body>hi</body><origin-id xmlns='urn:xmpp:sid:0' id='o1'/><stanza-id xmlns='urn:xmpp:sid:0' by='${ROOM}' id='A1'/></message>`;
    link.receive(bob);
    link.receive(bob);
    link.receive(`<message from='${ROOM}/Carol' type='groupchat' id='1'><body>hi</body><origin-id xmlns='urn:xmpp:sid:0' id='o1'/><stanza-id xmlns='urn:xmpp:sid:0' by='${ROOM}' id='A2'/></message>`);
    expect(of('message').map((m) => [m.nick, m.archiveId])).toEqual([
      ['Bob', 'A1'],
      ['Carol', 'A2'],
    ]);
  });

  // rooms: mentions and notifications
  it('marks a message whose sender referenced our occupant address as a mention (XEP-0372), not one for another', async () => {
    const { link, of } = await joined();
    const ref = (nick: string) => `<reference xmlns='urn:xmpp:reference:0' type='mention' uri='xmpp:${ROOM}/${nick}'/>`;
    link.receive(`<message from='${ROOM}/Bob' type='groupchat' id='r1'><body>see above</body>${ref('Alice')}</message>`);
    link.receive(`<message from='${ROOM}/Bob' type='groupchat' id='r2'><body>and you</body>${ref('Carol')}</message>`);
    expect(of('message').map((m) => [m.body, m.mentionsMe])).toEqual([
      ['see above', true],
      ['and you', false],
    ]);
  });

  it('marks our message failed when the room answers it with an error, and ignores errors for others', async () => {
    const { link, rooms, of, logged } = await joined();
    const sent = await rooms.send(ROOM, 'hello');
    link.receive(`<message from='${ROOM}' type='error' id='nobody'><error type='modify'><not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>`);
    link.receive(`<message from='${ROOM}' type='error' id='${sent.stanzaId}'><error type='auth'><forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>`);
    expect(of('updated')).toEqual([{ room: ROOM, id: sent.id, state: 'failed', archiveId: null, error: 'You are not allowed to do this.' }]);
    expect(logged.map((l) => l.reason)).toContain('error reply for no message of ours');
  });

  it('ignores room traffic from rooms we are not in, and messages before the join completed', async () => {
    const { link, rooms, of, logged } = setup();
    link.receive(`<message from='other@rooms.example.org/Bob' type='groupchat'><body>hi</body></message>`);
    void rooms.join({ room: ROOM, nick: 'Alice' });
    link.receive(`<message from='${ROOM}/Bob' type='groupchat'><body>early</body></message>`);
    expect(of('message')).toEqual([]);
    expect(logged.map((l) => l.reason)).toEqual(['groupchat message from a room we are not in', 'room message before we joined']);
  });

  it('reads private messages from occupants, and sends ours marked as such', async () => {
    const { link, rooms, of } = await joined();
    link.receive(`<message from='${ROOM}/Bob' type='chat'><body>psst</body><x xmlns='${MUC_USER}'/></message>`);
    expect(of('privateMessage')).toMatchObject([{ room: ROOM, nick: 'Bob', direction: 'in', body: 'psst' }]);
    await rooms.sendPrivate(ROOM, 'Bob', 'hi');
    const sent = link.lastSent();
    expect(sent.attrs).toMatchObject({ to: `${ROOM}/Bob`, type: 'chat' });
    expect(sent.getChild('x', MUC_USER)).toBeDefined();
  });

  it('is out of the room when kicked, and says so', async () => {
    const { link, rooms, of } = await joined();
    link.receive(`<presence from='${ROOM}/Alice' type='unavailable'><x xmlns='${MUC_USER}'><item affiliation='none' role='none'/><status code='307'/><status code='110'/></x></presence>`);
    expect(of('left')).toEqual([{ room: ROOM, kind: 'kicked', text: 'You were removed from the room by a moderator.' }]);
    expect(rooms.joined()).toEqual([]);
    await expect(rooms.send(ROOM, 'hi')).rejects.toMatchObject({ kind: 'not-joined' });
  });

  it('leaves when the room confirms, or after a while when it does not', async () => {
    const { link, rooms, of } = await joined();
    const leaving = rooms.leave(ROOM);
    await settle();
    expect(link.lastSent().attrs).toMatchObject({ to: `${ROOM}/Alice`, type: 'unavailable' });
    link.receive(`<presence from='${ROOM}/Alice' type='unavailable'><x xmlns='${MUC_USER}'><item affiliation='owner' role='none'/><status code='110'/></x></presence>`);
    await leaving;
    expect(of('left')).toEqual([{ room: ROOM, kind: 'left', text: 'You left the room.' }]);

    vi.useFakeTimers();
    const silent = await joined();
    const waiting = silent.rooms.leave(ROOM);
    await vi.advanceTimersByTimeAsync(10_000);
    await waiting;
    expect(silent.rooms.joined()).toEqual([]);
  });

  it('joins the rooms of an earlier session again', async () => {
    const { rooms } = await joined();
    const specs = rooms.joined();
    const next = setup();
    const results = next.rooms.rejoin(specs);
    expect(next.link.lastSent().attrs.to).toBe(`${ROOM}/Alice`);
    next.link.receive(self('Alice'));
    expect(await results).toMatchObject([{ ok: true, room: ROOM, nick: 'Alice' }]);
  });
});
