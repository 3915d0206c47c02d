import { describe, expect, it } from 'vitest';
import { parseXmppUri, xmppUriFromArgv } from '../../../main/xmpp/xmpp-uri.js';

describe('xmpp: URIs (RFC 5122)', () => {
  it.each([
    ['xmpp:romeo@montague.example', { jid: 'romeo@montague.example', action: null, body: null }],
    ['xmpp:romeo@Montague.EXAMPLE?message', { jid: 'romeo@montague.example', action: 'message', body: null }],
    ['xmpp:romeo@montague.example?message;body=Hi%20there', { jid: 'romeo@montague.example', action: 'message', body: 'Hi there' }],
    ['xmpp://guest@example.com/support@example.com?message', { jid: 'support@example.com', action: 'message', body: null }],
    ['xmpp:nasty%40@example.com', null],
    ['XMPP:juliet@capulet.example/balcony', { jid: 'juliet@capulet.example', action: null, body: null }],
    ['xmpp:example.com', { jid: 'example.com', action: null, body: null }],
    // A single-label domain is a valid JID domain (RFC 7622), e.g. a server on a local network.
    ['xmpp:a@b', { jid: 'a@b', action: null, body: null }],
    ['xmpp:alice@b%C3%BCcher.example', { jid: 'alice@bücher.example', action: null, body: null }],
    ['xmpp:Alice@xn--bcher-kva.example', { jid: 'alice@bücher.example', action: null, body: null }],
    ['xmpp:u@1.2.3', null],
    ['xmpp:u@exa%256dple.com', null],
    ['xmpp:%E0%A4%A@x.example', null],
    ['xmpp:evil@x.example%0a', null],
    ['https://example.com', null],
    ['xmpp:<script>@x.example', null],
    ['xmpp:' + 'a'.repeat(5000) + '@x.example', null],
  ])('%s', (uri, expected) => {
    expect(parseXmppUri(uri)).toEqual(expected);
  });

  it('finds the URI among the process arguments', () => {
    expect(xmppUriFromArgv(['/opt/Hostproof/hostproof', '--no-sandbox', 'xmpp:alice@example.com?message'])?.jid).toBe('alice@example.com');
    expect(xmppUriFromArgv(['/opt/Hostproof/hostproof', '.'])).toBeNull();
  });
});
