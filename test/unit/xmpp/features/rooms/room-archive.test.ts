import { describe, expect, it } from 'vitest';
import type { AccountId } from '../../../../../app/domain/account.js';
import type { FeatureLogEntry } from '../../../../../main/xmpp/features/feature-deps.js';
import { createRoomArchive } from '../../../../../main/xmpp/features/rooms/room-archive.js';
import { fin, MAM, result, RSM } from '../archive-stanzas.js';
import { counterIds, FakeLink, fixedClock } from '../fake-link.js';

const ROOM = 'lobby@rooms.example.org';
const NOW = '2024-05-01T12:00:00.000Z';

function setup() {
  const link = new FakeLink('alice@example.org/desk');
  const logged: FeatureLogEntry[] = [];
  const archive = createRoomArchive({ link, accountId: 'acc-1' as AccountId, now: fixedClock(NOW).now, ids: counterIds('q'), log: (e) => logged.push(e) });
  return { link, archive, logged, baseListeners: link.listenerCount() };
}

/** A message the room archived: said by `nick` in the room (or from `from` when given). */
const said = (nick: string, body: string, extra = '', from = `${ROOM}/${nick}`) =>
  `<message xmlns='jabber:client' from='${from}' type='groupchat'><body>${body}</body>${extra}</message>`;
const fromRoom = (queryId: string, archiveId: string, inner: string, stamp?: string) => result(queryId, archiveId, inner, { from: ROOM, ...(stamp ? { stamp } : {}) });

describe("a room's archive", () => {
  it('asks the room itself (iq to the room JID) for its newest page with an empty <before/>, and without a `with` field', async () => {
    const { link, archive } = setup();
    const loading = archive.page({ room: ROOM, position: { newest: true }, max: 100 });
    const iq = link.lastRequest().iq;
    expect(iq.attrs).toMatchObject({ type: 'set', to: ROOM });
    const query = iq.getChild('query', MAM);
    expect(query?.attrs.queryid).toBe('q-1');
    const fields = (query?.getChild('x', 'jabber:x:data')?.getChildren('field', 'jabber:x:data') ?? []).map((f) => f.attrs.var);
    expect(fields).toEqual(['FORM_TYPE']);
    const set = query?.getChild('set', RSM);
    expect(set?.getChildText('max')).toBe('100');
    expect(set?.getChild('before', RSM)?.getText()).toBe('');
    link.lastRequest().result(fin(true, null));
    expect(await loading).toEqual({ messages: [], complete: true, last: null });
  });

  it('reads what follows an archive id with <after>, the messages in order with nickname, archive id, origin-id and the archived time', async () => {
    const { link, archive, logged, baseListeners } = setup();
    const loading = archive.page({ room: ROOM, position: { after: 'a-0' }, max: 10 });
    expect(link.lastRequest().iq.getChild('query', MAM)?.getChild('set', RSM)?.getChildText('after')).toBe('a-0');
    link.receive(fromRoom('q-1', 'a-1', said('Bob', 'one &lt;b&gt;&amp;', "<origin-id xmlns='urn:xmpp:sid:0' id='o-1'/>"), '2024-04-01T10:00:00Z'));
    link.receive(fromRoom('q-1', 'a-2', said('Carol', 'two'), '2024-04-01T10:00:05Z'));
    link.lastRequest().result(fin(false, 'a-1', 'a-2'));
    const page = await loading;
    expect(page.complete).toBe(false);
    expect(page.last).toBe('a-2');
    expect(page.messages).toEqual([
      expect.objectContaining({ room: ROOM, nick: 'Bob', direction: 'in', state: 'received', body: 'one <b>&', archiveId: 'a-1', originId: 'o-1', at: '2024-04-01T10:00:00.000Z' }),
      expect.objectContaining({ nick: 'Carol', body: 'two', archiveId: 'a-2', at: '2024-04-01T10:00:05.000Z' }),
    ]);
    expect(new Set(page.messages.map((m) => m.id)).size).toBe(2);
    expect(logged).toEqual([]);
    // The query's listener is gone once it is answered.
    expect(link.listenerCount()).toBe(baseListeners);
  });

  it('refuses results from anyone but the room: another account, an occupant JID, our own server, or another room', async () => {
    const { link, archive, logged } = setup();
    const loading = archive.page({ room: ROOM, position: { newest: true }, max: 10 });
    link.receive(result('q-1', 'x-1', said('Bob', 'forged by mallory'), { from: 'mallory@evil.example' }));
    link.receive(result('q-1', 'x-2', said('Bob', 'forged by an occupant'), { from: `${ROOM}/Bob` }));
    link.receive(result('q-1', 'x-3', said('Bob', 'from our own archive'), { from: 'alice@example.org' }));
    link.receive(result('q-1', 'x-4', said('Bob', 'from another room'), { from: 'other@rooms.example.org' }));
    link.receive(result('q-1', 'x-5', said('Bob', 'no from at all'), { from: null }));
    link.lastRequest().result(fin(true, null));
    expect((await loading).messages).toEqual([]);
    expect(logged.map((e) => e.reason)).toEqual(Array(5).fill('room archive result not from the room'));
  });

  it('refuses a forwarded message that is not from an occupant of this room, and skips subjects', async () => {
    const { link, archive, logged } = setup();
    const loading = archive.page({ room: ROOM, position: { newest: true }, max: 10 });
    link.receive(fromRoom('q-1', 'a-1', said('Bob', 'not from the room', '', 'mallory@evil.example/x')));
    link.receive(fromRoom('q-1', 'a-2', said('Bob', 'from the room itself', '', ROOM)));
    link.receive(fromRoom('q-1', 'a-3', `<message xmlns='jabber:client' from='${ROOM}/Bob' type='groupchat'><subject>Plans</subject></message>`));
    link.receive(fromRoom('q-1', 'a-4', `<message xmlns='jabber:client' from='${ROOM}/Bob' type='chat'><body>private</body></message>`));
    link.receive(fromRoom('q-1', 'a-5', said('Bob', 'kept')));
    link.receive(result('q-other', 'a-6', said('Bob', 'another query'), { from: ROOM }));
    link.lastRequest().result(fin(true, 'a-1', 'a-5'));
    expect((await loading).messages.map((m) => m.body)).toEqual(['kept']);
    expect(logged.map((e) => e.reason)).toEqual([
      'archived room message: message from outside the room',
      'archived room message: room notice ignored',
      'archived room message: private',
    ]);
  });

  it('reads no more results than asked for', async () => {
    const { link, archive, logged } = setup();
    const loading = archive.page({ room: ROOM, position: { newest: true }, max: 2 });
    for (const n of [1, 2, 3, 4]) link.receive(fromRoom('q-1', `a-${n}`, said('Bob', `m${n}`)));
    link.lastRequest().result(fin(true, 'a-1', 'a-2'));
    expect((await loading).messages.map((m) => m.body)).toEqual(['m1', 'm2']);
    expect(logged.map((e) => e.reason)).toEqual(['more room archive results than asked for', 'more room archive results than asked for']);
  });
});
