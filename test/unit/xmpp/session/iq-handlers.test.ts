/** The session's iq handler table: ping built in, newest registration wins, errors become stanza errors. */
import xml, { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { StanzaError } from '../../../../main/xmpp/link.js';
import { IqHandlers, NS_PING } from '../../../../main/xmpp/session/iq-handlers.js';
import { NS_STANZAS } from '../../../../main/xmpp/session/stanza-error.js';

const get = (child: Element) => xml('iq', { type: 'get', id: '1', from: 'example.test' }, child);

describe('IqHandlers', () => {
  it('answers XEP-0199 ping with an empty result out of the box', async () => {
    const handlers = new IqHandlers();
    const ping = xml('ping', { xmlns: NS_PING });
    const handler = handlers.find('get', ping);
    expect(handler).not.toBeNull();
    const reply = await IqHandlers.run(handler!, get(ping));
    // Not an element: @xmpp/iq/callee turns it into an empty <iq type='result'/>.
    expect(reply).not.toBeInstanceOf(Element);
    expect(reply).toBeTruthy();
    expect(handlers.find('set', ping)).toBeNull();
  });

  it('finds handlers by type, namespace and name, and forgets them when removed', () => {
    const handlers = new IqHandlers();
    const query = xml('query', { xmlns: 'jabber:iq:version' });
    expect(handlers.find('get', query)).toBeNull();
    const remove = handlers.add('get', 'jabber:iq:version', 'query', () => null);
    expect(handlers.find('get', query)).not.toBeNull();
    expect(handlers.find('get', xml('query', { xmlns: 'jabber:iq:last' }))).toBeNull();
    remove();
    expect(handlers.find('get', query)).toBeNull();
  });

  it('lets the newest registration win', async () => {
    const handlers = new IqHandlers();
    handlers.add('get', NS_PING, 'ping', () => xml('custom'));
    const reply = await IqHandlers.run(handlers.find('get', xml('ping', { xmlns: NS_PING }))!, get(xml('ping', { xmlns: NS_PING })));
    expect((reply as Element).name).toBe('custom');
  });

  it('turns a thrown StanzaError into that error, and anything else into internal-server-error', async () => {
    const refused = await IqHandlers.run(() => {
      throw new StanzaError('forbidden', 'auth', 'no');
    }, get(xml('q', { xmlns: 'x' })));
    const element = refused as Element;
    expect(element.name).toBe('error');
    expect(element.attrs.type).toBe('auth');
    expect(element.getChild('forbidden', NS_STANZAS)).toBeDefined();
    expect(element.getChildText('text', NS_STANZAS)).toBe('no');

    const crashed = (await IqHandlers.run(async () => {
      throw new Error('secret internals');
    }, get(xml('q', { xmlns: 'x' })))) as Element;
    expect(crashed.attrs.type).toBe('cancel');
    expect(crashed.getChild('internal-server-error', NS_STANZAS)).toBeDefined();
    expect(crashed.toString()).not.toContain('secret internals');
  });
});
