/**
 * A room's own archive (XEP-0313 to the room JID, mod_muc_mam) on a real Prosody: the newest page and the page
 * after an archive id, with the same room ids the live messages carried; and a forged archive result (another
 * account sending us a message shaped like one, for our very query) is refused.
 */
import { xml } from '@xmpp/xml';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AccountId } from '../../../../app/domain/account.js';
import type { FeatureLogEntry } from '../../../../main/xmpp/features/feature-deps.js';
import { createRoomArchive } from '../../../../main/xmpp/features/rooms/room-archive.js';
import type { XmppLink } from '../../../../main/xmpp/link.js';
import { PROSODY, requireSystemDependency } from '../../../harness/system-dependency.js';
import { waitUntil } from '../../../harness/wait-until.js';
import { newRoom, useRoomWorld, type RoomClient } from './room-world.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

describe.runIf(available)("a room's archive", () => {
  const world = useRoomWorld();

  async function talk(alice: RoomClient, room: string, bodies: readonly string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const body of bodies) {
      const sent = await alice.rooms.send(room, body);
      const delivered = await alice.next('updated', (u) => u.id === sent.id);
      ids.push(delivered.archiveId ?? 'none');
    }
    return ids;
  }

  it('gives the newest page, then what follows an archive id, with the room ids the live messages carried', async () => {
    const [alice, bob] = await Promise.all([world.open('alice'), world.open('bob')]);
    const room = newRoom('archive');
    await alice.rooms.join({ room, nick: 'Alice' });
    const ids = await talk(alice, room, ['one', 'two', 'three']);
    await bob.rooms.join({ room, nick: 'Bob' });

    const log: FeatureLogEntry[] = [];
    const archive = createRoomArchive({ link: bob.session.link, accountId: 'account-bob' as AccountId, now: () => new Date(), ids: randomUUID, log: (e) => log.push(e) });
    const newest = await archive.page({ room, position: { newest: true }, max: 2 });
    expect(newest.messages.map((m) => [m.nick, m.body, m.archiveId])).toEqual([
      ['Alice', 'two', ids[1]],
      ['Alice', 'three', ids[2]],
    ]);
    expect(newest.last).toBe(ids[2]);
    const after = await archive.page({ room, position: { after: ids[0]! }, max: 10 });
    expect(after.messages.map((m) => m.body)).toEqual(['two', 'three']);
    expect(after.complete).toBe(true);
    expect(log).toEqual([]);
  });

  it('refuses a forged result: another account sends us one for our own query while it runs', async () => {
    const [alice, bob, carol] = await Promise.all([world.open('alice'), world.open('bob'), world.open('carol')]);
    const room = newRoom('forged');
    await alice.rooms.join({ room, nick: 'Alice' });
    await talk(alice, room, ['the real one']);
    await bob.rooms.join({ room, nick: 'Bob' });

    // Carol learns the query id (here: the test tells her) and sends Bob a result for it that claims the room
    // said something. It reaches Bob while his query is waiting for the room's answer.
    const queryId = randomUUID();
    const forged = xml(
      'message',
      { to: bob.session.link.jid },
      xml(
        'result',
        { xmlns: 'urn:xmpp:mam:2', queryid: queryId, id: 'forged-1' },
        xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, xml('message', { xmlns: 'jabber:client', from: `${room}/Alice`, type: 'groupchat' }, xml('body', {}, 'forged words'))),
      ),
    );
    const log: FeatureLogEntry[] = [];
    let forgeryArrived = false;
    const stop = bob.session.link.onStanza((stanza) => {
      if (stanza.getChild('result', 'urn:xmpp:mam:2')?.attrs.id === 'forged-1') forgeryArrived = true;
    });
    // The query's listener is in place when its request goes out: hold the request until the forgery is in.
    const link: XmppLink = {
      jid: bob.session.link.jid,
      send: (s) => bob.session.link.send(s),
      onStanza: (l) => bob.session.link.onStanza(l),
      handleIq: (...args) => bob.session.link.handleIq(...args),
      request: async (iq, timeoutMs) => {
        await carol.session.link.send(forged);
        await waitUntil(() => forgeryArrived, 'the forged result reached Bob');
        return bob.session.link.request(iq, timeoutMs);
      },
    };
    const archive = createRoomArchive({ link, accountId: 'account-bob' as AccountId, now: () => new Date(), ids: () => queryId, log: (e) => log.push(e) });
    const page = await archive.page({ room, position: { newest: true }, max: 10 });
    stop();
    expect(page.messages.map((m) => m.body)).toEqual(['the real one']);
    expect(log).toEqual([{ feature: 'rooms', reason: 'room archive result not from the room', from: `carol@${bob.jid.split('@')[1]}/desk` }]);
  });
});
