import { describe, expect, it } from 'vitest';
import { ArchiveGapError, createArchive } from '../../../../main/xmpp/features/archive.js';
import { createDedupe } from '../../../../main/xmpp/features/dedupe.js';
import type { FeatureLogEntry } from '../../../../main/xmpp/features/feature-deps.js';
import { createMessages } from '../../../../main/xmpp/features/messages.js';
import { StanzaError } from '../../../../main/xmpp/link.js';
import { fin, MAM, result, RSM } from './archive-stanzas.js';
import { counterIds, FakeLink, fixedClock } from './fake-link.js';

const ACCOUNT = '5b0c8b4e-5b43-4c36-9b5b-2b6f0e7b1c11';
const NOW = '2024-05-01T12:00:00.000Z';

function setup() {
  const link = new FakeLink('alice@example.org/desk');
  const logged: FeatureLogEntry[] = [];
  const log = (e: FeatureLogEntry) => logged.push(e);
  const dedupe = createDedupe();
  const clock = fixedClock(NOW);
  const archive = createArchive({ link, accountId: ACCOUNT, now: clock.now, ids: counterIds('q'), log, dedupe });
  const messages = createMessages({ link, accountId: ACCOUNT, now: clock.now, ids: counterIds('m'), log, dedupe, mayAcknowledge: () => false });
  const baseListeners = link.listenerCount();
  return { link, archive, messages, logged, baseListeners };
}

const chat = (from: string, to: string, body: string, type = 'chat') =>
  `<message xmlns='jabber:client' from='${from}' to='${to}' type='${type}'><body>${body}</body></message>`;
const fromRomeo = (body: string) => chat('romeo@example.net/orchard', 'alice@example.org/desk', body);
const fromJuliet = (body: string) => chat('juliet@example.com/balcony', 'alice@example.org', body);
const toJuliet = (body: string) => chat('alice@example.org/phone', 'Juliet@Example.com', body);

/** The query the catch-up sent last: its id, form fields and RSM set. */
function sentQuery(link: FakeLink) {
  const query = link.lastRequest().iq.getChild('query', MAM);
  const form = query?.getChild('x', 'jabber:x:data');
  const fields = Object.fromEntries((form?.getChildren('field', 'jabber:x:data') ?? []).map((f) => [f.attrs.var, f.getChildText('value')]));
  return { queryId: query?.attrs.queryid ?? '', fields, set: query?.getChild('set', RSM) };
}

describe('the catch-up query', () => {
  it('asks for everything after the sync point in all conversations: RSM <after>, no `with` (XEP-0313 §4, XEP-0059 §2.3)', async () => {
    const { link, archive } = setup();
    const loading = archive.catchUp({ after: 'A-41', max: 50 });
    const { queryId, fields, set } = sentQuery(link);
    expect(link.lastRequest().iq.attrs.type).toBe('set');
    expect(queryId).toBe('q-1');
    expect(fields).toEqual({ FORM_TYPE: MAM });
    expect(set?.getChildText('max')).toBe('50');
    expect(set?.getChildText('after')).toBe('A-41');
    expect(set?.getChild('before', RSM)).toBeUndefined();
    link.lastRequest().result(fin(true, null));
    await loading;
  });

  it('with no sync point asks for the newest page only (an empty <before/>), so a first sync does not fetch all history', async () => {
    const { link, archive } = setup();
    const loading = archive.catchUp({ after: null, max: 20 });
    const { fields, set } = sentQuery(link);
    expect(fields).toEqual({ FORM_TYPE: MAM });
    expect(set?.getChild('before', RSM)?.getText()).toBe('');
    expect(set?.getChild('after', RSM)).toBeUndefined();
    link.receive(result('q-1', 'A8', fromRomeo('eight')) + result('q-1', 'A9', fromJuliet('nine')));
    // The server has older history (not complete going backwards), but nothing is newer than the newest page.
    link.lastRequest().result(fin(false, 'A8', 'A9'));
    const page = await loading;
    expect(page.messages.map((m) => m.body)).toEqual(['eight', 'nine']);
    expect(page.last).toBe('A9');
    expect(page.complete).toBe(true);
  });

  it('refuses a page size out of range without asking the server', async () => {
    const { archive, link } = setup();
    await expect(archive.catchUp({ after: 'A1', max: 501 })).rejects.toThrow(RangeError);
    await expect(archive.catchUp({ after: null, max: 0 })).rejects.toThrow(RangeError);
    expect(link.requests).toEqual([]);
  });
});

describe('a catch-up page', () => {
  it('holds every conversation, oldest first, each message with its own peer, archive id and settled state', async () => {
    const { link, archive, baseListeners } = setup();
    const loading = archive.catchUp({ after: 'A0', max: 10 });
    link.receive(result('q-1', 'A1', fromRomeo('from romeo'), { stamp: '2024-04-01T10:00:00Z' }));
    link.receive(result('q-1', 'A2', toJuliet('to juliet, from my phone'), { from: null, stamp: '2024-04-01T10:01:00Z' }));
    link.receive(result('q-1', 'A3', fromJuliet('from juliet'), { stamp: '2024-04-01T10:02:00Z' }));
    link.lastRequest().result(fin(false, 'A1', 'A3'));
    const page = await loading;
    expect(page).toEqual({
      messages: [
        { id: 'q-2', accountId: ACCOUNT, peer: 'romeo@example.net', direction: 'in', body: 'from romeo', at: '2024-04-01T10:00:00.000Z', state: 'received', stanzaId: null, originId: null, archiveId: 'A1', carbon: false, error: null },
        { id: 'q-3', accountId: ACCOUNT, peer: 'juliet@example.com', direction: 'out', body: 'to juliet, from my phone', at: '2024-04-01T10:01:00.000Z', state: 'sent', stanzaId: null, originId: null, archiveId: 'A2', carbon: false, error: null },
        { id: 'q-4', accountId: ACCOUNT, peer: 'juliet@example.com', direction: 'in', body: 'from juliet', at: '2024-04-01T10:02:00.000Z', state: 'received', stanzaId: null, originId: null, archiveId: 'A3', carbon: false, error: null },
      ],
      last: 'A3',
      complete: false,
    });
    expect(link.listenerCount()).toBe(baseListeners);
  });

  it('pages forward from each page’s last id until the server says it is complete', async () => {
    const { link, archive } = setup();
    const first = archive.catchUp({ after: 'A0', max: 2 });
    link.receive(result('q-1', 'A1', fromRomeo('one')) + result('q-1', 'A2', fromJuliet('two')));
    link.lastRequest().result(fin(false, 'A1', 'A2'));
    const page1 = await first;
    expect(page1.complete).toBe(false);

    const second = archive.catchUp({ after: page1.last, max: 2 });
    const { queryId, set } = sentQuery(link);
    expect(set?.getChildText('after')).toBe('A2');
    // A straggler of the first query must not leak into the second page.
    link.receive(result('q-1', 'A9', fromRomeo('late')));
    link.receive(result(queryId, 'A3', fromRomeo('three')));
    link.lastRequest().result(fin(true, 'A3'));
    const page2 = await second;
    expect(page2.messages.map((m) => m.body)).toEqual(['three']);
    expect(page2).toMatchObject({ last: 'A3', complete: true });
  });

  it('an empty page has no last id (keep the sync point) and is complete', async () => {
    const { link, archive } = setup();
    const loading = archive.catchUp({ after: 'A5', max: 10 });
    link.lastRequest().result(fin(true, null));
    expect(await loading).toEqual({ messages: [], last: null, complete: true });
  });

  it('moves the sync point past entries that are not conversation text, even when the server names no <last>', async () => {
    const { link, archive } = setup();
    const loading = archive.catchUp({ after: 'A0', max: 10 });
    link.receive(result('q-1', 'A1', fromRomeo('text')));
    link.receive(result('q-1', 'A2', `<message xmlns='jabber:client' from='romeo@example.net/o' to='alice@example.org'><received xmlns='urn:xmpp:receipts' id='x'/></message>`));
    link.lastRequest().result(`<iq type='result'><fin xmlns='urn:xmpp:mam:2' complete='true'/></iq>`);
    const page = await loading;
    expect(page.messages.map((m) => m.archiveId)).toEqual(['A1']);
    expect(page.last).toBe('A2');
  });

  it('leaves out receipts, errors, groupchat and headline messages', async () => {
    const { link, archive } = setup();
    const loading = archive.catchUp({ after: 'A0', max: 10 });
    link.receive(result('q-1', 'R1', `<message xmlns='jabber:client' from='romeo@example.net/o' to='alice@example.org'><received xmlns='urn:xmpp:receipts' id='x'/></message>`));
    link.receive(result('q-1', 'R2', chat('romeo@example.net/o', 'alice@example.org', 'bounced', 'error')));
    link.receive(result('q-1', 'R3', chat('room@muc.example.net/romeo', 'alice@example.org/desk', 'in a room', 'groupchat')));
    link.receive(result('q-1', 'R4', chat('news.example.net', 'alice@example.org', 'headline', 'headline')));
    link.receive(result('q-1', 'R5', fromRomeo('text')));
    link.lastRequest().result(fin(true, 'R1', 'R5'));
    expect((await loading).messages.map((m) => m.archiveId)).toEqual(['R5']);
  });

  it('includes messages that already arrived live: the local store, not the catch-up, matches copies', async () => {
    const { link, archive } = setup();
    link.receive(`<message from='romeo@example.net/orchard' type='chat' id='live1'><body>seen live</body><stanza-id xmlns='urn:xmpp:sid:0' id='A1' by='alice@example.org'/></message>`);
    const loading = archive.catchUp({ after: 'A0', max: 10 });
    link.receive(result(sentQuery(link).queryId, 'A1', fromRomeo('seen live')));
    link.lastRequest().result(fin(true, 'A1'));
    expect((await loading).messages.map((m) => m.archiveId)).toEqual(['A1']);
  });
});

describe('hostile results', () => {
  it('ignores results for another query id (anyone can send a message shaped like one)', async () => {
    const { link, archive } = setup();
    const loading = archive.catchUp({ after: 'A0', max: 10 });
    link.receive(result('q-other', 'F1', fromRomeo('forged, foreign query')));
    link.receive(`<message from='alice@example.org'><result xmlns='urn:xmpp:mam:2' id='F2'><forwarded xmlns='urn:xmpp:forward:0'>${fromRomeo('forged, no query id')}</forwarded></result></message>`);
    link.receive(result('q-1', 'A1', fromRomeo('genuine')));
    link.lastRequest().result(fin(true, 'A1'));
    expect((await loading).messages.map((m) => m.body)).toEqual(['genuine']);
  });

  it('ignores results from any JID but our own bare JID', async () => {
    const { link, archive, logged } = setup();
    const loading = archive.catchUp({ after: 'A0', max: 10 });
    link.receive(result('q-1', 'F1', fromRomeo('forged by romeo'), { from: 'romeo@example.net' }));
    link.receive(result('q-1', 'F2', fromRomeo('forged by a device'), { from: 'alice@example.org/phone' }));
    link.receive(result('q-1', 'F3', fromRomeo('forged by a server'), { from: 'example.org' }));
    link.receive(result('q-1', 'F4', fromRomeo('forged, malformed'), { from: '@@' }));
    link.receive(result('q-1', 'A1', fromRomeo('genuine')));
    link.lastRequest().result(fin(true, 'A1'));
    const page = await loading;
    expect(page.messages.map((m) => m.body)).toEqual(['genuine']);
    expect(logged.filter((l) => l.reason === 'archive result not from our own account')).toHaveLength(4);
  });

  it('never reads more results than asked for, and takes the sync point only from what it read', async () => {
    const { link, archive, logged } = setup();
    const loading = archive.catchUp({ after: 'A0', max: 2 });
    link.receive([1, 2, 3, 4].map((n) => result('q-1', `A${n}`, fromRomeo(`m${n}`))).join(''));
    link.lastRequest().result(`<iq type='result'><fin xmlns='urn:xmpp:mam:2'/></iq>`);
    const page = await loading;
    expect(page.messages.map((m) => m.body)).toEqual(['m1', 'm2']);
    expect(page.last).toBe('A2');
    expect(logged.filter((l) => l.reason === 'more archive results than asked for')).toHaveLength(2);
  });

  it('ignores results without an id or without one forwarded message, and an outgoing message with no recipient', async () => {
    const { link, archive, logged } = setup();
    const loading = archive.catchUp({ after: 'A0', max: 10 });
    link.receive(`<message from='alice@example.org'><result xmlns='urn:xmpp:mam:2' queryid='q-1'><forwarded xmlns='urn:xmpp:forward:0'>${fromRomeo('no id')}</forwarded></result></message>`);
    link.receive(`<message from='alice@example.org'><result xmlns='urn:xmpp:mam:2' queryid='q-1' id='E1'><forwarded xmlns='urn:xmpp:forward:0'>${fromRomeo('a')}${fromRomeo('b')}</forwarded></result></message>`);
    link.receive(result('q-1', 'E2', `<message xmlns='jabber:client' from='alice@example.org/phone' type='chat'><body>to nobody</body></message>`));
    link.receive(result('q-1', 'A1', fromRomeo('kept')));
    link.lastRequest().result(fin(true, 'A1'));
    expect((await loading).messages.map((m) => m.body)).toEqual(['kept']);
    expect(logged.map((l) => l.reason)).toEqual(
      expect.arrayContaining(['archive result without an id', 'archive result without exactly one forwarded message', 'archived message without the other party']),
    );
  });
});

describe('failures', () => {
  it('an unknown sync point (item-not-found) is an ArchiveGapError, so the caller can start again from the newest page', async () => {
    const { link, archive } = setup();
    const loading = archive.catchUp({ after: 'gone-id', max: 10 });
    const refusal = new StanzaError('item-not-found', 'modify');
    link.lastRequest().fail(refusal);
    const error = await loading.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveGapError);
    expect(error).toMatchObject({ kind: 'unknown-archive-id', after: 'gone-id', cause: refusal });
  });

  it('other refusals, and item-not-found for the newest page, stay StanzaErrors; an answer without <fin/> fails', async () => {
    const { link, archive } = setup();
    const forbidden = archive.catchUp({ after: 'A1', max: 10 });
    link.lastRequest().fail(new StanzaError('service-unavailable', 'cancel'));
    await expect(forbidden).rejects.toMatchObject({ name: 'StanzaError', condition: 'service-unavailable' });
    const newest = archive.catchUp({ after: null, max: 10 });
    link.lastRequest().fail(new StanzaError('item-not-found', 'cancel'));
    await expect(newest).rejects.toMatchObject({ name: 'StanzaError', condition: 'item-not-found' });
    const noFin = archive.catchUp({ after: 'A1', max: 10 });
    link.lastRequest().result();
    await expect(noFin).rejects.toThrow(/archive/);
  });
});
