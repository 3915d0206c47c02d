import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { capsVer, capsVerificationString } from '../../../../main/xmpp/features/caps.js';
import { CAPS_NODE, CLIENT_FEATURES, createDisco } from '../../../../main/xmpp/features/disco.js';
import { FakeLink } from './fake-link.js';

const DISCO_INFO = 'http://jabber.org/protocol/disco#info';

describe('XEP-0115 verification string', () => {
  it('matches the simple generation example of §5.2 (Exodus)', () => {
    const identities = [{ category: 'client', type: 'pc', name: 'Exodus 0.9.1', lang: null }];
    // Given out of order on purpose: the algorithm sorts them.
    const features = ['http://jabber.org/protocol/muc', 'http://jabber.org/protocol/disco#info', 'http://jabber.org/protocol/caps', 'http://jabber.org/protocol/disco#items'];
    expect(capsVerificationString(identities, features)).toBe(
      'client/pc//Exodus 0.9.1<http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<',
    );
    expect(capsVer(identities, features)).toBe('QgayPKawpkPSDYmwT/WM94uAlu0=');
  });

  it('orders identities by category, type and xml:lang as in the complex example of §5.3', () => {
    const identities = [
      { category: 'client', type: 'pc', name: 'Psi 0.11', lang: 'en' },
      { category: 'client', type: 'pc', name: 'Ψ 0.11', lang: 'el' },
    ];
    // §5.3 without its extended form (Hostproof advertises none).
    expect(capsVerificationString(identities, ['http://jabber.org/protocol/caps'])).toBe('client/pc/el/Ψ 0.11<client/pc/en/Psi 0.11<http://jabber.org/protocol/caps<');
  });
});

describe('disco#info answers', () => {
  function setup() {
    const link = new FakeLink('alice@example.org/desk');
    const logged: unknown[] = [];
    const disco = createDisco({ link, log: (e) => logged.push(e) });
    return { link, disco, logged };
  }

  it('describes Hostproof as client/pc with exactly the features it implements', async () => {
    const { link } = setup();
    const outcome = await link.receiveIq(`<iq type='get' from='romeo@example.net/orchard' id='d1'><query xmlns='${DISCO_INFO}'/></iq>`);
    if (outcome.kind !== 'result' || outcome.child === null) throw new Error(`unexpected ${outcome.kind}`);
    const query = outcome.child;
    expect(query.getNS()).toBe(DISCO_INFO);
    expect(query.attrs.node).toBeUndefined();
    expect(query.getChildren('identity').map((i) => i.attrs)).toEqual([{ category: 'client', type: 'pc', name: 'Hostproof' }]);
    const features = query.getChildren('feature').map((f) => f.attrs.var);
    expect(new Set(features)).toEqual(
      new Set([
        'http://jabber.org/protocol/caps',
        'http://jabber.org/protocol/chatstates',
        'http://jabber.org/protocol/disco#info',
        'urn:xmpp:carbons:2',
        'urn:xmpp:ping',
        'urn:xmpp:receipts',
        'urn:xmpp:bookmarks:1+notify',
        // issue 14: avatars and nicknames
        'urn:xmpp:avatar:metadata+notify',
        'http://jabber.org/protocol/nick+notify',
        'urn:xmpp:chat-markers:0', // issue 14: read markers
        // issue 14: message changes
        'urn:xmpp:message-correct:0',
        'urn:xmpp:message-retract:1',
        'urn:xmpp:reply:0',
        'urn:xmpp:reactions:0',
        'urn:xmpp:fallback:0',
        'eu.siacs.conversations.axolotl.devicelist+notify', // issue 15: OMEMO
      ]),
    );
    expect(features).toHaveLength(CLIENT_FEATURES.length);
    // Message archiving is the server's feature, not the client's.
    expect(features).not.toContain('urn:xmpp:mam:2');
  });

  it('advertises a caps ver that a contact can verify from our disco#info answer', async () => {
    const { link, disco } = setup();
    const caps = disco.capsElement();
    expect(caps.attrs).toEqual({ xmlns: 'http://jabber.org/protocol/caps', hash: 'sha-1', node: CAPS_NODE, ver: disco.ver });

    // What a contact does (§5.4): ask node#ver, rebuild S from the answer, hash it, compare.
    const outcome = await link.receiveIq(`<iq type='get' from='romeo@example.net/orchard' id='d2'><query xmlns='${DISCO_INFO}' node='${CAPS_NODE}#${disco.ver}'/></iq>`);
    if (outcome.kind !== 'result' || outcome.child === null) throw new Error(`unexpected ${outcome.kind}`);
    expect(outcome.child.attrs.node).toBe(`${CAPS_NODE}#${disco.ver}`);
    const identity = outcome.child.getChild('identity');
    const features = outcome.child.getChildren('feature').map((f) => f.attrs.var ?? '').sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const s = `${identity?.attrs.category}/${identity?.attrs.type}//${identity?.attrs.name}<${features.map((f) => `${f}<`).join('')}`;
    expect(createHash('sha1').update(s).digest('base64')).toBe(disco.ver);
  });

  it('answers item-not-found for any other node', async () => {
    const { link, logged } = setup();
    const outcome = await link.receiveIq(`<iq type='get' from='romeo@example.net/orchard' id='d3'><query xmlns='${DISCO_INFO}' node='${CAPS_NODE}#forged'/></iq>`);
    expect(outcome.kind === 'error' && outcome.error.condition).toBe('item-not-found');
    expect(logged).toHaveLength(1);
  });

  it('stops answering after dispose', async () => {
    const { link, disco } = setup();
    disco.dispose();
    expect(await link.receiveIq(`<iq type='get' id='d4'><query xmlns='${DISCO_INFO}'/></iq>`)).toEqual({ kind: 'unhandled' });
  });
});
