import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../app/domain/chat.js';
import { createFeatureSet } from '../../../../main/xmpp/features/feature-set.js';
import { counterIds, FakeLink, fixedClock, settle } from './fake-link.js';

const ACCOUNT = '5b0c8b4e-5b43-4c36-9b5b-2b6f0e7b1c11';

function setup() {
  const link = new FakeLink('alice@example.org/desk');
  const features = createFeatureSet({ link, accountId: ACCOUNT, now: fixedClock().now, ids: counterIds('x'), log: () => {}, preApproval: false });
  return { link, features };
}

describe('the wired feature set', () => {
  it('answers receipts only to contacts the roster lets see our presence', async () => {
    const { link, features } = setup();
    await link.receiveIq(`<iq type='set' id='p1'><query xmlns='jabber:iq:roster'><item jid='romeo@example.net' subscription='both'/></query></iq>`);
    await link.receiveIq(`<iq type='set' id='p2'><query xmlns='jabber:iq:roster'><item jid='tybalt@example.net' subscription='to'/></query></iq>`);
    const received: ChatMessage[] = [];
    features.messages.on('message', (m) => received.push(m));
    for (const from of ['romeo@example.net/o', 'tybalt@example.net/o', 'stranger@example.net/o']) {
      link.receive(`<message from='${from}' type='chat' id='m-${from}'><body>hi</body><request xmlns='urn:xmpp:receipts'/></message>`);
    }
    await settle();
    expect(received).toHaveLength(3);
    expect(link.sent.map((s) => s.attrs.to)).toEqual(['romeo@example.net/o']);
  });

  it('puts our caps in every presence we announce', async () => {
    const { link, features } = setup();
    await features.presence.announce({ show: 'online', status: null, priority: 0 });
    expect(link.lastSent().getChild('c', 'http://jabber.org/protocol/caps')?.attrs.ver).toBe(features.disco.ver);
  });

  it('unwraps carbons into messages and shares duplicate suppression with the archive', async () => {
    const { link, features } = setup();
    const received: ChatMessage[] = [];
    features.messages.on('message', (m) => received.push(m));
    link.receive(`<message from='alice@example.org' type='chat'><received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>
      <message xmlns='jabber:client' from='romeo@example.net/o' to='alice@example.org/phone' type='chat'><body>via carbon</body>
      <stanza-id xmlns='urn:xmpp:sid:0' id='A1' by='alice@example.org'/></message></forwarded></received></message>`);
    expect(received.map((m) => [m.body, m.carbon])).toEqual([['via carbon', true]]);

    const loading = features.archive.loadPage({ peer: 'romeo@example.net', before: null, max: 5 });
    const queryId = link.lastRequest().iq.getChild('query', 'urn:xmpp:mam:2')?.attrs.queryid;
    link.receive(`<message from='alice@example.org'><result xmlns='urn:xmpp:mam:2' queryid='${queryId}' id='A1'><forwarded xmlns='urn:xmpp:forward:0'>
      <delay xmlns='urn:xmpp:delay' stamp='2024-04-01T00:00:00Z'/><message xmlns='jabber:client' from='romeo@example.net/o' to='alice@example.org/phone' type='chat'><body>via carbon</body></message></forwarded></result></message>`);
    link.lastRequest().result(`<iq type='result'><fin xmlns='urn:xmpp:mam:2' complete='true'/></iq>`);
    expect((await loading).messages).toEqual([]);
  });

  it('removes every listener and handler on dispose', () => {
    const { link, features } = setup();
    expect(link.listenerCount()).toBeGreaterThan(0);
    features.dispose();
    expect(link.listenerCount()).toBe(0);
    expect(link.handlerCount()).toBe(0);
  });
});
