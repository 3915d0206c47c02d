import { describe, expect, it } from 'vitest';
import type { AccountId } from '../../../../../app/domain/account.js';
import type { FeatureLogEntry } from '../../../../../main/xmpp/features/feature-deps.js';
import { createRooms, type RoomsEvents } from '../../../../../main/xmpp/features/rooms/rooms.js';
import { SELF_PING_QUIET_MS, selfPingVerdict } from '../../../../../main/xmpp/features/rooms/self-ping.js';
import { RequestTimeoutError } from '../../../../../main/xmpp/errors.js';
import { StanzaError } from '../../../../../main/xmpp/link.js';
import { counterIds, FakeLink, fixedClock, settle } from '../fake-link.js';

const ROOM = 'lobby@rooms.example.org';
const MUC_USER = 'http://jabber.org/protocol/muc#user';
const START = Date.parse('2024-05-01T12:00:00.000Z');
const self = (nick: string) =>
  `<presence from='${ROOM}/${nick}'><x xmlns='${MUC_USER}'><item affiliation='member' role='participant'/><status code='110'/></x></presence>`;

/** Alice in one room, with a clock the test moves and no self-ping timer of its own: the test asks. */
async function joined() {
  const link = new FakeLink('alice@example.org/desk');
  const clock = fixedClock(new Date(START).toISOString());
  const logged: FeatureLogEntry[] = [];
  const rooms = createRooms({ link, accountId: 'acc-1' as AccountId, now: clock.now, ids: counterIds(), log: (entry) => logged.push(entry) }, { selfPingEveryMs: null });
  const rejoined: Array<RoomsEvents['rejoined']> = [];
  rooms.on('rejoined', (result) => rejoined.push(result));
  const pending = rooms.join({ room: ROOM, nick: 'Alice' });
  link.receive(self('Alice'));
  expect((await pending).ok).toBe(true);
  const after = (ms: number) => clock.set(new Date(START + ms).toISOString());
  return { link, rooms, rejoined, logged, after };
}

const pings = (link: FakeLink) => link.requests.filter((r) => r.iq.getChild('ping', 'urn:xmpp:ping') !== undefined);

describe('what a self-ping answer means (XEP-0410 §3.2)', () => {
  it('a result, or the errors of a room that routed the ping, mean we are still in', () => {
    expect(selfPingVerdict(null)).toBe('joined');
    expect(selfPingVerdict(new StanzaError('service-unavailable', 'cancel'))).toBe('joined');
    expect(selfPingVerdict(new StanzaError('feature-not-implemented', 'cancel'))).toBe('joined');
    expect(selfPingVerdict(new StanzaError('item-not-found', 'cancel'))).toBe('joined');
  });

  it('not-acceptable and any other error mean the room dropped us', () => {
    expect(selfPingVerdict(new StanzaError('not-acceptable', 'cancel'))).toBe('dropped');
    expect(selfPingVerdict(new StanzaError('forbidden', 'auth'))).toBe('dropped');
    expect(selfPingVerdict(new StanzaError('undefined-condition', 'cancel'))).toBe('dropped');
  });

  it('no answer, or an unreachable room server, decides nothing', () => {
    expect(selfPingVerdict(new RequestTimeoutError('iq', 60_000))).toBe('unknown');
    expect(selfPingVerdict(new Error('stream closed'))).toBe('unknown');
    expect(selfPingVerdict(new StanzaError('remote-server-not-found', 'cancel'))).toBe('unknown');
    expect(selfPingVerdict(new StanzaError('remote-server-timeout', 'wait'))).toBe('unknown');
  });
});

describe('self-ping in a room', () => {
  it('pings nothing while the room was heard from within the quiet spell', async () => {
    const { link, rooms, after } = await joined();
    after(SELF_PING_QUIET_MS - 1);
    await rooms.checkMembership();
    expect(pings(link)).toEqual([]);
    // Anything from the room starts the spell again.
    link.receive(`<message from='${ROOM}/Bob' type='groupchat' id='m1'><body>hi</body></message>`);
    after(2 * SELF_PING_QUIET_MS - 2);
    await rooms.checkMembership();
    expect(pings(link)).toEqual([]);
  });

  it('after a quiet spell pings our own occupant JID, and a result changes nothing', async () => {
    const { link, rooms, rejoined, after } = await joined();
    after(SELF_PING_QUIET_MS);
    const checking = rooms.checkMembership();
    await settle();
    const [ping] = pings(link);
    expect(ping?.iq.attrs).toMatchObject({ type: 'get', to: `${ROOM}/Alice` });
    // A second check while the first ping waits does not ask again.
    await rooms.checkMembership();
    expect(pings(link)).toHaveLength(1);
    ping?.result();
    await checking;
    expect(rejoined).toEqual([]);
    expect(rooms.joined()).toEqual([{ room: ROOM, nick: 'Alice', password: null }]);
    // The next ping waits for another quiet spell.
    after(SELF_PING_QUIET_MS + 1000);
    await rooms.checkMembership();
    expect(pings(link)).toHaveLength(1);
  });

  it('a room that routed the ping to a client without ping support still has us', async () => {
    const { link, rooms, rejoined, after } = await joined();
    after(SELF_PING_QUIET_MS);
    const checking = rooms.checkMembership();
    await settle();
    pings(link)[0]?.fail(new StanzaError('service-unavailable', 'cancel'));
    await checking;
    expect(rejoined).toEqual([]);
    expect(link.sent.filter((s) => s.is('presence'))).toHaveLength(1);
  });

  it('no answer leaves the room alone (the connection has its own checks)', async () => {
    const { link, rooms, rejoined, after, logged } = await joined();
    after(SELF_PING_QUIET_MS);
    const checking = rooms.checkMembership();
    await settle();
    pings(link)[0]?.fail(new RequestTimeoutError('iq', 60_000));
    await checking;
    expect(rejoined).toEqual([]);
    expect(rooms.joined()).toHaveLength(1);
    expect(link.sent.filter((s) => s.is('presence'))).toHaveLength(1);
    expect(logged.at(-1)).toMatchObject({ feature: 'rooms', from: ROOM });
  });

  it('joins again, through the rejoin path, a room that no longer knows us, and tells it', async () => {
    const { link, rooms, rejoined, after } = await joined();
    after(SELF_PING_QUIET_MS);
    const checking = rooms.checkMembership();
    await settle();
    pings(link)[0]?.fail(new StanzaError('not-acceptable', 'cancel', 'You are not currently connected to this chat'));
    await settle();
    const join = link.lastSent();
    expect(join.attrs.to).toBe(`${ROOM}/Alice`);
    expect(join.getChild('x', 'http://jabber.org/protocol/muc')).toBeDefined();
    link.receive(self('Alice'));
    await checking;
    expect(rejoined).toEqual([expect.objectContaining({ ok: true, room: ROOM, nick: 'Alice' })]);
    expect(rooms.joined()).toEqual([{ room: ROOM, nick: 'Alice', password: null }]);
  });

  it('tells a rejoin the room refuses, and is then out of the room', async () => {
    const { link, rooms, rejoined, after } = await joined();
    after(SELF_PING_QUIET_MS);
    const checking = rooms.checkMembership();
    await settle();
    pings(link)[0]?.fail(new StanzaError('not-acceptable', 'cancel'));
    await settle();
    link.receive(`<presence from='${ROOM}/Alice' type='error'><error type='auth'><forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>`);
    await checking;
    expect(rejoined).toEqual([expect.objectContaining({ ok: false, kind: 'banned' })]);
    expect(rooms.joined()).toEqual([]);
  });
});
