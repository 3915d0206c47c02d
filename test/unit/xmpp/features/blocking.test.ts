import { describe, expect, it } from 'vitest';
import { createBlocking, type BlockChange } from '../../../../main/xmpp/features/blocking.js';
import type { FeatureLogEntry } from '../../../../main/xmpp/features/feature-deps.js';
import { StanzaError } from '../../../../main/xmpp/link.js';
import { FakeLink } from './fake-link.js';

const BLOCKING = 'urn:xmpp:blocking';

function setup() {
  const link = new FakeLink('alice@example.org/desk');
  const logged: FeatureLogEntry[] = [];
  const blocking = createBlocking({ link, log: (entry) => logged.push(entry) });
  const changes: BlockChange[] = [];
  blocking.on('changed', (change) => changes.push(change));
  return { link, blocking, logged, changes };
}

describe('XEP-0191 blocking feature', () => {
  it('asks the server’s domain whether it supports blocking', async () => {
    const { link, blocking } = setup();
    const asking = blocking.supported();
    const request = link.lastRequest();
    expect(request.iq.attrs).toMatchObject({ type: 'get', to: 'example.org' });
    request.result(`<iq type='result' id='${request.iq.attrs.id}'><query xmlns='http://jabber.org/protocol/disco#info'><feature var='${BLOCKING}'/></query></iq>`);
    expect(await asking).toBe(true);

    const without = blocking.supported();
    link.lastRequest().result(`<iq type='result'><query xmlns='http://jabber.org/protocol/disco#info'><feature var='urn:xmpp:mam:2'/></query></iq>`);
    expect(await without).toBe(false);

    const refused = blocking.supported();
    link.lastRequest().fail(new StanzaError('service-unavailable', 'cancel'));
    expect(await refused).toBe(false);

    const unanswered = blocking.supported();
    link.lastRequest().fail(new Error('timeout'));
    expect(await unanswered).toBeNull();
  });

  it('reads the list canonically and leaves out malformed items', async () => {
    const { link, blocking, logged } = setup();
    const fetching = blocking.fetch();
    expect(link.lastRequest().iq.getChild('blocklist', BLOCKING)).toBeDefined();
    link.lastRequest().result(`<iq type='result'><blocklist xmlns='${BLOCKING}'>
      <item jid='Romeo@Example.NET'/><item jid='spam.example'/><item jid='a@b@c'/><item/></blocklist></iq>`);
    expect(await fetching).toEqual(['romeo@example.net', 'spam.example']);
    expect(logged.map((e) => e.reason)).toEqual(['block item without a valid jid', 'block item without a valid jid']);
  });

  it('sends block and unblock with one item each, and never an empty unblock (which would unblock everyone)', async () => {
    const { link, blocking } = setup();
    const blocked = blocking.block(['romeo@example.net']);
    const block = link.lastRequest().iq;
    expect(block.attrs.type).toBe('set');
    expect(block.getChild('block', BLOCKING)?.getChildren('item').map((i) => i.attrs.jid)).toEqual(['romeo@example.net']);
    link.lastRequest().result();
    await blocked;
    const count = link.requests.length;
    await blocking.unblock([]);
    expect(link.requests).toHaveLength(count);
  });

  it('follows pushes from our own account (no from, or our bare JID)', async () => {
    const { link, changes } = setup();
    expect(await link.receiveIq(`<iq type='set' id='p1'><block xmlns='${BLOCKING}'><item jid='romeo@example.net'/></block></iq>`)).toEqual({ kind: 'result', child: null });
    await link.receiveIq(`<iq type='set' id='p2' from='alice@example.org'><unblock xmlns='${BLOCKING}'><item jid='romeo@example.net'/></unblock></iq>`);
    await link.receiveIq(`<iq type='set' id='p3'><unblock xmlns='${BLOCKING}'/></iq>`);
    expect(changes).toEqual([
      { kind: 'blocked', jids: ['romeo@example.net'] },
      { kind: 'unblocked', jids: ['romeo@example.net'] },
      { kind: 'unblocked', jids: [] },
    ]);
  });

  it('refuses a push from anyone else (they would unblock themselves) and an empty block', async () => {
    const { link, changes, logged } = setup();
    for (const from of ['mallory@example.net', 'alice@example.org/phone', 'example.org']) {
      const outcome = await link.receiveIq(`<iq type='set' id='x' from='${from}'><unblock xmlns='${BLOCKING}'/></iq>`);
      expect(outcome).toMatchObject({ kind: 'error', error: { condition: 'service-unavailable' } });
    }
    expect(await link.receiveIq(`<iq type='set' id='y'><block xmlns='${BLOCKING}'/></iq>`)).toMatchObject({ kind: 'error', error: { condition: 'bad-request' } });
    expect(changes).toEqual([]);
    expect(logged.filter((e) => e.reason === 'block list push not from our own account')).toHaveLength(3);
  });

  it('removes its handlers on dispose', () => {
    const { link, blocking } = setup();
    expect(link.handlerCount()).toBe(2);
    blocking.dispose();
    expect(link.handlerCount()).toBe(0);
  });
});
