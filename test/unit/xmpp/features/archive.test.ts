import { describe, expect, it } from 'vitest';
import { createArchive } from '../../../../main/xmpp/features/archive.js';
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

const fromRomeo = (body: string, extra = '') => `<message xmlns='jabber:client' from='romeo@example.net/orchard' to='alice@example.org/desk' type='chat'><body>${body}</body>${extra}</message>`;
const toRomeo = (body: string, extra = '') => `<message xmlns='jabber:client' from='alice@example.org/phone' to='romeo@example.net' type='chat'><body>${body}</body>${extra}</message>`;

describe('the archive query', () => {
  it('asks for one conversation, newest page first, with a data form and RSM (XEP-0313 §4, XEP-0059 §2.5)', async () => {
    const { link, archive } = setup();
    const loading = archive.loadPage({ peer: 'Romeo@example.net', before: null, max: 20 });
    const iq = link.lastRequest().iq;
    expect(iq.attrs.type).toBe('set');
    const query = iq.getChild('query', MAM);
    expect(query?.attrs.queryid).toBe('q-1');
    const form = query?.getChild('x', 'jabber:x:data');
    expect(form?.attrs.type).toBe('submit');
    const fields = Object.fromEntries((form?.getChildren('field', 'jabber:x:data') ?? []).map((f) => [f.attrs.var, f.getChildText('value')]));
    expect(fields).toEqual({ FORM_TYPE: MAM, with: 'romeo@example.net' });
    expect(form?.getChildren('field', 'jabber:x:data').find((f) => f.attrs.var === 'FORM_TYPE')?.attrs.type).toBe('hidden');
    const set = query?.getChild('set', RSM);
    expect(set?.getChildText('max')).toBe('20');
    expect(set?.getChild('before', RSM)?.getText()).toBe('');
    link.lastRequest().result(fin(true, null));
    await loading;
  });

  it('pages backwards with <before> set to the oldest archive id shown', async () => {
    const { link, archive } = setup();
    const loading = archive.loadPage({ peer: 'romeo@example.net', before: '28482-98726-73623', max: 10 });
    expect(link.lastRequest().iq.getChild('query', MAM)?.getChild('set', RSM)?.getChildText('before')).toBe('28482-98726-73623');
    link.lastRequest().result(fin(true, null));
    await loading;
  });

  it('refuses a page size out of range', async () => {
    const { archive, link } = setup();
    await expect(archive.loadPage({ peer: 'romeo@example.net', before: null, max: 0 })).rejects.toThrow(RangeError);
    expect(link.requests).toEqual([]);
  });
});

describe('collecting a page', () => {
  it('returns both directions in archive order with archive ids, delay stamps and the fin flags', async () => {
    const { link, archive, baseListeners } = setup();
    const loading = archive.loadPage({ peer: 'romeo@example.net', before: null, max: 10 });
    link.receive(result('q-1', 'A1', fromRomeo('Hail', `<origin-id xmlns='urn:xmpp:sid:0' id='o-r'/>`), { stamp: '2024-04-01T10:00:00Z' }));
    link.receive(result('q-1', 'A2', toRomeo('Hail &lt;back&gt;'), { from: null, stamp: '2024-04-01T10:01:00.250+02:00' }));
    link.lastRequest().result(fin(false, 'A1', 'A2'));
    const page = await loading;
    expect(page.complete).toBe(false);
    expect(page.first).toBe('A1');
    expect(page.messages).toEqual([
      { id: 'q-2', accountId: ACCOUNT, peer: 'romeo@example.net', direction: 'in', body: 'Hail', at: '2024-04-01T10:00:00.000Z', state: 'received', stanzaId: null, originId: 'o-r', archiveId: 'A1', carbon: false, error: null },
      { id: 'q-3', accountId: ACCOUNT, peer: 'romeo@example.net', direction: 'out', body: 'Hail <back>', at: '2024-04-01T08:01:00.250Z', state: 'sent', stanzaId: null, originId: null, archiveId: 'A2', carbon: false, error: null },
    ]);
    expect(link.listenerCount()).toBe(baseListeners);
  });

  it('reads complete="true" (and "1") as the start of the conversation', async () => {
    for (const flag of ['true', '1']) {
      const { link, archive } = setup();
      const loading = archive.loadPage({ peer: 'romeo@example.net', before: 'A1', max: 10 });
      link.lastRequest().result(`<iq type='result'><fin xmlns='urn:xmpp:mam:2' complete='${flag}'/></iq>`);
      expect((await loading).complete).toBe(true);
    }
  });

  it('goes through a conversation page by page until it is complete', async () => {
    const { link, archive } = setup();
    const newest = archive.loadPage({ peer: 'romeo@example.net', before: null, max: 2 });
    link.receive(result('q-1', 'A3', fromRomeo('three')) + result('q-1', 'A4', toRomeo('four')));
    link.lastRequest().result(fin(false, 'A3', 'A4'));
    const page1 = await newest;
    expect(page1.messages.map((m) => m.body)).toEqual(['three', 'four']);

    const older = archive.loadPage({ peer: 'romeo@example.net', before: page1.first, max: 2 });
    const query = link.lastRequest().iq.getChild('query', MAM);
    expect(query?.getChild('set', RSM)?.getChildText('before')).toBe('A3');
    const queryId = query?.attrs.queryid ?? '';
    // A late straggler of the first query must not leak into the second page.
    link.receive(result('q-1', 'A9', fromRomeo('late')));
    link.receive(result(queryId, 'A1', fromRomeo('one')) + result(queryId, 'A2', toRomeo('two')));
    link.lastRequest().result(fin(true, 'A1', 'A2'));
    const page2 = await older;
    expect(page2.messages.map((m) => m.body)).toEqual(['one', 'two']);
    expect(page2.complete).toBe(true);
  });

  it('ignores results from any JID but our own bare JID', async () => {
    const { link, archive, logged } = setup();
    const loading = archive.loadPage({ peer: 'romeo@example.net', before: null, max: 10 });
    link.receive(result('q-1', 'F1', fromRomeo('forged by romeo'), { from: 'romeo@example.net' }));
    link.receive(result('q-1', 'F2', fromRomeo('forged by a device'), { from: 'alice@example.org/phone' }));
    link.receive(result('q-1', 'F3', fromRomeo('forged by a server'), { from: 'evil.example' }));
    link.receive(result('q-1', 'A1', fromRomeo('genuine')));
    link.lastRequest().result(fin(true, 'A1'));
    const page = await loading;
    expect(page.messages.map((m) => m.body)).toEqual(['genuine']);
    expect(logged.filter((l) => l.reason === 'archive result not from our own account')).toHaveLength(3);
  });

  it('ignores results for other conversations, without an id, and beyond the page size', async () => {
    const { link, archive } = setup();
    const loading = archive.loadPage({ peer: 'romeo@example.net', before: null, max: 10 });
    link.receive(result('q-1', 'X1', fromRomeo('other').replace('romeo@example.net/orchard', 'juliet@example.net/balcony')));
    link.receive(`<message from='alice@example.org'><result xmlns='urn:xmpp:mam:2' queryid='q-1'><forwarded xmlns='urn:xmpp:forward:0'>${fromRomeo('no id')}</forwarded></result></message>`);
    link.receive(result('q-1', 'A1', fromRomeo('kept')));
    link.lastRequest().result(fin(false, 'X1', 'A1'));
    const page = await loading;
    expect(page.messages.map((m) => m.body)).toEqual(['kept']);

    const { link: link2, archive: archive2 } = setup();
    const flooded = archive2.loadPage({ peer: 'romeo@example.net', before: null, max: 2 });
    link2.receive([1, 2, 3, 4].map((n) => result('q-1', `A${n}`, fromRomeo(`m${n}`))).join(''));
    link2.lastRequest().result(fin(false, 'A1', 'A4'));
    expect((await flooded).messages.map((m) => m.body)).toEqual(['m1', 'm2']);
  });

  it('shows only conversation text: no receipts, chat states or errors', async () => {
    const { link, archive } = setup();
    const loading = archive.loadPage({ peer: 'romeo@example.net', before: null, max: 10 });
    link.receive(result('q-1', 'R1', `<message xmlns='jabber:client' from='romeo@example.net/o' to='alice@example.org'><received xmlns='urn:xmpp:receipts' id='x'/></message>`));
    link.receive(result('q-1', 'R2', `<message xmlns='jabber:client' from='romeo@example.net/o' to='alice@example.org' type='error'><body>bounced</body></message>`));
    link.receive(result('q-1', 'R3', fromRomeo('text')));
    link.lastRequest().result(fin(true, 'R1', 'R3'));
    expect((await loading).messages.map((m) => m.archiveId)).toEqual(['R3']);
  });

  it('leaves out room invitations: they are requests, and their body only repeats them for older clients', async () => {
    const { link, archive } = setup();
    const loading = archive.loadPage({ peer: 'romeo@example.net', before: null, max: 10 });
    link.receive(result('q-1', 'R1', fromRomeo('room@muc.example.net', `<x xmlns='jabber:x:conference' jid='room@muc.example.net'/>`)));
    link.receive(result('q-1', 'R2', fromRomeo('hello')));
    link.lastRequest().result(fin(true, 'R1', 'R2'));
    expect((await loading).messages.map((m) => m.body)).toEqual(['hello']);
  });

  it('fails when the server answers without <fin/>, or with an error', async () => {
    const { link, archive } = setup();
    const noFin = archive.loadPage({ peer: 'romeo@example.net', before: null, max: 10 });
    link.lastRequest().result();
    await expect(noFin).rejects.toThrow(/archive/);
    const refused = archive.loadPage({ peer: 'romeo@example.net', before: null, max: 10 });
    link.lastRequest().fail(new StanzaError('item-not-found', 'cancel'));
    await expect(refused).rejects.toBeInstanceOf(StanzaError);
  });
});

describe('de-duplication against live messages', () => {
  it('leaves out messages that already arrived live (stanza-id) or that we sent live (origin-id)', async () => {
    const { link, archive, messages } = setup();
    link.receive(`<message from='romeo@example.net/orchard' type='chat' id='live1'><body>seen live</body><stanza-id xmlns='urn:xmpp:sid:0' id='A1' by='alice@example.org'/></message>`);
    const mine = await messages.send('romeo@example.net', 'sent live');

    const loading = archive.loadPage({ peer: 'romeo@example.net', before: null, max: 10 });
    const queryId = link.lastRequest().iq.getChild('query', MAM)?.attrs.queryid ?? '';
    link.receive(result(queryId, 'A1', fromRomeo('seen live')));
    link.receive(result(queryId, 'A2', toRomeo('sent live', `<origin-id xmlns='urn:xmpp:sid:0' id='${mine.originId}'/>`)));
    link.receive(result(queryId, 'A0', fromRomeo('only in the archive')));
    link.lastRequest().result(fin(true, 'A0', 'A2'));
    const page = await loading;
    expect(page.messages.map((m) => m.body)).toEqual(['only in the archive']);
    // The next page still starts from the server's first id, not from what survived de-duplication.
    expect(page.first).toBe('A0');
  });
});
