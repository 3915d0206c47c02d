/**
 * Bookmarks (XEP-0402) against a real Prosody with PEP and mod_bookmarks: what one client of an account
 * stores, another client of the same account hears about at once (PEP notifications, because both
 * advertise `urn:xmpp:bookmarks:1+notify` in their caps) and reads at login; autojoin bookmarks are joined
 * with their nickname in a later session.
 */
import { xml } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { Bookmark } from '../../../../app/domain/rooms.js';
import { autojoin } from '../../../../main/xmpp/features/bookmarks/autojoin.js';
import { createBookmarks, type Bookmarks, type BookmarksEvents } from '../../../../main/xmpp/features/bookmarks/bookmarks.js';
import { createDisco } from '../../../../main/xmpp/features/disco.js';
import type { FeatureLogEntry } from '../../../../main/xmpp/features/feature-deps.js';
import { PROSODY, requireSystemDependency } from '../../../harness/system-dependency.js';
import { waitUntil } from '../../../harness/wait-until.js';
import { newRoom, useRoomWorld, type RoomClient } from './room-world.js';

const hasProsody = requireSystemDependency(PROSODY, 'integration (XMPP bookmarks)');

interface BookmarkClient {
  readonly client: RoomClient;
  readonly bookmarks: Bookmarks;
  readonly changes: Array<{ kind: keyof BookmarksEvents; payload: BookmarksEvents[keyof BookmarksEvents] }>;
  readonly log: FeatureLogEntry[];
}

describe.runIf(hasProsody)('bookmarks on a real server', () => {
  const world = useRoomWorld();

  /** A client of `user` that is online with our caps (so the server sends it bookmark notifications). */
  async function online(user: 'alice' | 'bob', resource: string): Promise<BookmarkClient> {
    const client = await world.open(user, resource);
    const log: FeatureLogEntry[] = [];
    const disco = createDisco({ link: client.session.link, log: (e) => log.push(e) });
    const bookmarks = createBookmarks({ link: client.session.link, log: (e) => log.push(e) });
    const changes: BookmarkClient['changes'] = [];
    bookmarks.on('changed', (payload) => changes.push({ kind: 'changed', payload }));
    bookmarks.on('removed', (payload) => changes.push({ kind: 'removed', payload }));
    // The server asks our caps node what we support before it sends +notify events: answer it first.
    await client.session.link.send(xml('presence', {}, disco.capsElement()));
    return { client, bookmarks, changes, log };
  }

  it('shares a bookmark with the other clients of the same account, and its removal too', async () => {
    const desk = await online('alice', 'desk');
    const phone = await online('alice', 'phone');
    expect(await desk.bookmarks.list()).toEqual([]);

    const room = newRoom('book-club');
    const bookmark: Bookmark = { room, name: 'Book club <3', autojoin: true, nick: 'Ali', password: null };
    await desk.bookmarks.set(bookmark);
    await waitUntil(() => phone.changes.some((c) => c.kind === 'changed'), "the phone's bookmark notification");
    expect(phone.changes).toEqual([{ kind: 'changed', payload: bookmark }]);
    expect(await phone.bookmarks.list()).toEqual([bookmark]);

    const renamed = { ...bookmark, name: 'Readers', autojoin: false, nick: null, password: 'shh' };
    await phone.bookmarks.set(renamed);
    await waitUntil(() => desk.changes.some((c) => c.kind === 'changed' && 'name' in c.payload && c.payload.name === 'Readers'), "the desk's notification");
    expect(await desk.bookmarks.list()).toEqual([renamed]);

    await desk.bookmarks.remove(room);
    await waitUntil(() => phone.changes.some((c) => c.kind === 'removed'), "the phone's removal notification");
    expect(phone.changes.at(-1)).toEqual({ kind: 'removed', payload: { room } });
    expect(await phone.bookmarks.list()).toEqual([]);
  });

  it('refuses a bookmark notification that another account sends', async () => {
    const alice = await online('alice', 'desk');
    const bob = await online('bob', 'desk');
    const forged = xml(
      'message',
      { to: alice.client.jid, type: 'headline' },
      xml('event', { xmlns: 'http://jabber.org/protocol/pubsub#event' }, xml('items', { node: 'urn:xmpp:bookmarks:1' }, xml('item', { id: newRoom('trap') }, xml('conference', { xmlns: 'urn:xmpp:bookmarks:1', autojoin: 'true' })))),
    );
    await bob.client.session.link.send(forged);
    await waitUntil(() => alice.log.some((e) => e.feature === 'bookmarks'), "alice's refusal");
    expect(alice.log.find((e) => e.feature === 'bookmarks')).toMatchObject({ reason: 'a bookmarks notification that is not from our own account' });
    expect(alice.changes).toEqual([]);
  });

  it('joins the autojoin bookmarks in a later session, with the nickname of each', async () => {
    const first = await online('alice', 'desk');
    const joinMe = newRoom('autojoin');
    const notMe = newRoom('remembered');
    await first.bookmarks.set({ room: joinMe, name: null, autojoin: true, nick: 'Ali', password: null });
    await first.bookmarks.set({ room: notMe, name: null, autojoin: false, nick: null, password: null });
    await first.client.session.close();

    const later = await online('alice', 'laptop');
    const stored = await later.bookmarks.list();
    expect(stored.map((b) => b.room).sort()).toEqual([joinMe, notMe].sort());
    const results = await autojoin(later.client.rooms, stored, 'alice');
    expect(results).toEqual([expect.objectContaining({ ok: true, room: joinMe, nick: 'Ali' })]);
    expect(later.client.rooms.joined()).toEqual([{ room: joinMe, nick: 'Ali', password: null }]);
  });

  // rooms: moderation (legacy bookmarks, XEP-0048)
  it('reads the bookmarks a legacy client stored as private XML (XEP-0048), converted by the server, and joins the autojoin one', async () => {
    // An old client of bob's stores its bookmarks the XEP-0048 way: one private-XML document (XEP-0049).
    const legacy = await world.open('bob', 'old-client');
    const joinMe = newRoom('legacy-autojoin');
    const notMe = newRoom('legacy-kept');
    await legacy.session.link.request(
      xml(
        'iq',
        { type: 'set' },
        xml(
          'query',
          { xmlns: 'jabber:iq:private' },
          xml(
            'storage',
            { xmlns: 'storage:bookmarks' },
            xml('conference', { jid: joinMe, autojoin: 'true', name: 'Old & loved' }, xml('nick', {}, 'Bobby')),
            xml('conference', { jid: notMe, autojoin: 'false' }),
          ),
        ),
      ),
    );
    // Prosody 0.12's mod_bookmarks publishes that document as XEP-0402 items: our client reads only those.
    const modern = await online('bob', 'modern');
    const stored = await modern.bookmarks.list();
    expect([...stored].sort((a, b) => a.room.localeCompare(b.room))).toEqual(
      [
        { room: joinMe, name: 'Old & loved', autojoin: true, nick: 'Bobby', password: null },
        { room: notMe, name: null, autojoin: false, nick: null, password: null },
      ].sort((a, b) => a.room.localeCompare(b.room)),
    );
    const results = await autojoin(modern.client.rooms, stored, 'bob');
    expect(results).toEqual([expect.objectContaining({ ok: true, room: joinMe, nick: 'Bobby' })]);
    expect(modern.client.rooms.joined()).toEqual([{ room: joinMe, nick: 'Bobby', password: null }]);
  });
});
