/**
 * What a contact's client can learn about Hostproof on a real Prosody: service discovery (XEP-0030) lists
 * the features the app implements, the entity capabilities hash in its presence (XEP-0115) is the hash of
 * exactly that answer, and it answers pings (XEP-0199). Bob asks from a plain session.
 */
import { createHash } from 'node:crypto';
import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { chatSuite } from './chat-suite.js';
import { signIn } from './chat-client.js';
import { befriend } from './chat-friends.js';
import { rawSession } from './raw-xmpp-client.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

const DISCO_INFO = 'http://jabber.org/protocol/disco#info';
const CAPS = 'http://jabber.org/protocol/caps';

/** XEP-0115 §5.1 for an answer without forms: identities then features, sorted by octets, each followed by '<'. */
function capsVerOf(query: Element): string {
  const octets = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
  const identities = query
    .getChildren('identity')
    .map((i) => `${i.attrs.category}/${i.attrs.type}/${i.attrs['xml:lang'] ?? ''}/${i.attrs.name ?? ''}`)
    .sort(octets);
  const features = query
    .getChildren('feature')
    .map((f) => String(f.attrs.var))
    .sort(octets);
  const s = [...identities, ...features].map((part) => `${part}<`).join('');
  return createHash('sha1').update(s, 'utf8').digest('base64');
}

describe.runIf(available)('what contacts can discover about the app', () => {
  const suite = chatSuite();

  it('disco#info lists the chat features, the caps hash in presence matches it, and pings are answered', async () => {
    const alice = await signIn(suite.world, 'alice@valid.test', { resource: 'desk' });
    suite.track(alice);
    const bobApp = await signIn(suite.world, 'bob@valid.test', { resource: 'laptop' });
    suite.track(bobApp);
    await befriend(alice, bobApp);

    const bob = await rawSession(suite.world, 'bob', 'inspector');
    suite.track(bob);
    // Bob's initial presence makes the server send him Alice's current presence (he is subscribed to her).
    const alicePresence = new Promise<Element>((resolve) => {
      bob.onStanza((stanza) => {
        if (stanza.name === 'presence' && stanza.attrs.from === alice.fullJid && stanza.attrs.type === undefined) resolve(stanza);
      });
    });
    await bob.send(xml('presence', {}));
    const presence = await alicePresence;

    const answer = await bob.request(xml('iq', { type: 'get', to: alice.fullJid }, xml('query', { xmlns: DISCO_INFO })), 5_000);
    const query = answer.getChild('query', DISCO_INFO);
    if (query === undefined) throw new Error('disco#info answered without a query');
    expect(query.getChildren('identity').map((i) => ({ category: i.attrs.category, type: i.attrs.type }))).toEqual([{ category: 'client', type: 'pc' }]);
    const features = query.getChildren('feature').map((f) => f.attrs.var);
    expect(features).toEqual(
      expect.arrayContaining([
        DISCO_INFO,
        CAPS,
        'urn:xmpp:receipts', // XEP-0184
        'http://jabber.org/protocol/chatstates', // XEP-0085
        'urn:xmpp:carbons:2', // XEP-0280
        'urn:xmpp:ping', // XEP-0199
      ]),
    );

    const c = presence.getChild('c', CAPS);
    expect(c?.attrs.hash).toBe('sha-1');
    expect(c?.attrs.ver).toBe(capsVerOf(query));
    // The caps node answers the same question (XEP-0115 §6.2).
    const byNode = await bob.request(xml('iq', { type: 'get', to: alice.fullJid }, xml('query', { xmlns: DISCO_INFO, node: `${c?.attrs.node}#${c?.attrs.ver}` })), 5_000);
    expect(capsVerOf(byNode.getChild('query', DISCO_INFO) ?? byNode)).toBe(c?.attrs.ver);

    // XEP-0199: a ping gets an empty result.
    const pong = await bob.request(xml('iq', { type: 'get', to: alice.fullJid }, xml('ping', { xmlns: 'urn:xmpp:ping' })), 5_000);
    expect(pong.attrs.type).toBe('result');
    expect(pong.getChildElements()).toEqual([]);
  });
});
