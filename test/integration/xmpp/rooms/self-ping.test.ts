/**
 * Self-ping (XEP-0410) against Prosody 0.12's room service, which answers a ping to our own occupant JID
 * itself. The room is made to forget bob without his knowing, as happens in the field: the room takes an
 * error from his client for a client that is gone (Prosody drops an occupant whose client answers with a
 * presence error) and its word of it is lost on the way (as over a broken server-to-server link): bob's
 * rooms feature sits on his real session's link with that one presence taken out. Prosody answers his next
 * self-ping with not-acceptable, and he is back in through the rejoin path.
 */
import { xml, type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { XmppLink } from '../../../../main/xmpp/link.js';
import { PROSODY, requireSystemDependency } from '../../../harness/system-dependency.js';
import { newRoom, useRoomWorld } from './room-world.js';

/** The session's link, except the incoming stanzas `lost` picks: those never arrive. */
function losing(link: XmppLink, lost: (stanza: Element) => boolean): XmppLink {
  return {
    get jid() {
      return link.jid;
    },
    send: (stanza) => link.send(stanza),
    request: (iq, timeoutMs) => link.request(iq, timeoutMs),
    handleIq: (type, xmlns, name, handler) => link.handleIq(type, xmlns, name, handler),
    onStanza: (listener) =>
      link.onStanza((stanza) => {
        if (!lost(stanza)) listener(stanza);
      }),
  };
}

const hasProsody = requireSystemDependency(PROSODY, 'integration (XMPP room self-ping)');
// Every room counts as quiet at once, and only the test asks: no real quarter of an hour.
const ASK_NOW = { selfPingEveryMs: null, selfPingQuietMs: 0 } as const;

describe.runIf(hasProsody)('self-ping on a real room service', () => {
  const world = useRoomWorld();

  async function aliceAndBob() {
    const room = newRoom('pinged');
    const [alice, bobOnly] = await Promise.all([world.open('alice'), world.open('bob')]);
    bobOnly.rooms.dispose();
    // The room's word that bob is out (unavailable from his occupant JID) is lost on the way.
    const link = losing(bobOnly.session.link, (s) => s.is('presence') && s.attrs.from === `${room}/Bob` && s.attrs.type === 'unavailable');
    const bob = world.attach(bobOnly.session, 'bob', undefined, ASK_NOW, link);
    expect(await alice.rooms.join({ room, nick: 'Alice' })).toMatchObject({ ok: true, created: true });
    expect(await bob.rooms.join({ room, nick: 'Bob' })).toMatchObject({ ok: true });
    await alice.next('occupant', (e) => e.kind === 'joined' && e.occupant.nick === 'Bob');
    return { room, alice, bob };
  }

  it('a room that still has us answers the ping, and nothing changes', async () => {
    const { room, bob } = await aliceAndBob();
    await bob.rooms.checkMembership();
    expect(bob.seen('rejoined')).toEqual([]);
    expect(bob.rooms.joined()).toEqual([{ room, nick: 'Bob', password: null }]);
    expect(bob.log.filter((entry) => entry.reason.startsWith('self-ping'))).toEqual([]);
  });

  it('notices a room that dropped us without a word, and joins it again', async () => {
    const { room, alice, bob } = await aliceAndBob();
    // Straight on the session's link, past the rooms feature: to Prosody, bob's client bounced the room's traffic.
    await bob.session.link.send(
      xml('presence', { to: `${room}/Bob`, type: 'error' }, xml('error', { type: 'cancel' }, xml('service-unavailable', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }))),
    );
    await alice.next('occupant', (e) => e.kind === 'left' && e.occupant.nick === 'Bob');
    // Bob was told nothing: as far as he knows he is still in.
    expect(bob.rooms.joined()).toEqual([{ room, nick: 'Bob', password: null }]);

    await bob.rooms.checkMembership();
    expect(bob.seen('left')).toEqual([]);
    expect(bob.log).toEqual(expect.arrayContaining([expect.objectContaining({ feature: 'rooms', from: room, reason: expect.stringContaining('self-ping: dropped') })]));
    expect(bob.seen('rejoined')).toEqual([expect.objectContaining({ ok: true, room, nick: 'Bob' })]);
    expect(bob.rooms.joined()).toEqual([{ room, nick: 'Bob', password: null }]);
    await alice.next('occupant', (e) => e.kind === 'joined' && e.occupant.nick === 'Bob');

    // Back for real: the room passes his messages on again, and the next ping finds him in.
    await bob.rooms.send(room, 'back again');
    await alice.next('message', (m) => m.body === 'back again');
    await bob.rooms.checkMembership();
    expect(bob.seen('rejoined')).toHaveLength(1);
  });
});
